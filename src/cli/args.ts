/** Command-line arguments of `briefpress start` (`npm start`). */
import { parseArgs } from "node:util";
import { UsageError } from "../errors.ts";
import { verbosityOf, type Verbosity } from "./report.ts";
import { SITE_DEFAULTS } from "../config/defaults.ts";

/** --base-url as given, checked: an absolute http(s) URL (a UsageError otherwise). */
export function baseUrlOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) throw new UsageError(`--base-url must be an absolute http(s) URL, got "${value}"`);
  return value;
}

export const START_USAGE = `usage: briefpress start [--input DIR] [--output DIR] [--port N] [options]
  (npm start -- [options])  build, serve with live reload, re-render each saved brief's PDF
  --input DIR        folder of briefs (*.md, searched recursively)   default: content
  --output DIR       output folder, written in place while serving   default: _site
  --port N           port of the preview server (the next free one if taken)  default: 8080
  --timeout SECONDS  PDF render timeout per brief                    default: 60
  --site-title TEXT  heading of the collection page   default: briefpress.yml's title, else ${SITE_DEFAULTS.title}
  --base-url URL     where the site is published     default: briefpress.yml's base_url
  --quiet, -q        print only errors, warnings and the server address
  --verbose          print details, and Eleventy's own lines`;

export interface StartOptions {
  input: string;
  output: string;
  port: number;
  timeoutMs: number;
  /** Given on the command line: wins over briefpress.yml. */
  siteTitle?: string;
  baseUrl?: string;
  verbosity: Verbosity;
}

/** The options, or "help" for --help; a UsageError names the wrong argument. */
export function parseStartArgs(argv: string[]): StartOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: "string", default: "content" },
        output: { type: "string", default: "_site" },
        port: { type: "string", default: "8080" },
        timeout: { type: "string", default: "60" },
        "site-title": { type: "string" },
        "base-url": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), got "${values.port}"`);
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  return {
    input: values.input,
    output: values.output,
    port,
    timeoutMs: timeout * 1000,
    siteTitle: values["site-title"],
    baseUrl: baseUrlOption(values["base-url"]),
    verbosity: verbosityOf(values),
  };
}
