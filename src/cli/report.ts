/**
 * What the commands print, made for people: one line per phase, a progress bar for PDFs on a
 * terminal (plain lines when the output is not a terminal or runs in CI), colours only on a
 * terminal and never with NO_COLOR, `--quiet` (errors and warnings only) and `--verbose`
 * (adds details and other tools' own lines, e.g. Eleventy's).
 */
import type { ThirdPartyConsole } from "@11ty/eleventy";

export type Verbosity = "quiet" | "normal" | "verbose";

export interface ReporterOptions {
  /** @default "normal" */
  verbosity?: Verbosity;
  /** @default process.stdout */
  out?: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** @default process.stderr */
  err?: { write(text: string): unknown; isTTY?: boolean };
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface Reporter {
  readonly verbosity: Verbosity;
  /** A phase finished, or something the user asked for happened (hidden with --quiet). */
  phase(line: string): void;
  /** Details: shown with --verbose only. */
  detail(line: string): void;
  /** A warning (stderr, shown even with --quiet). */
  warn(line: string): void;
  /** An error, e.g. `file:line: message` (stderr, always shown). */
  error(line: string): void;
  /** `done` of `total` PDFs finished; `what` describes the last one. A bar on a terminal. */
  progress(done: number, total: number, what: string): void;
  /** Where other tools' console lines go: shown with --verbose only (errors always). */
  readonly thirdParty: ThirdPartyConsole;
}

/** Verbosity from the --quiet and --verbose flags (the later wins if both are given). */
export function verbosityOf(flags: { quiet?: boolean; verbose?: boolean }): Verbosity {
  if (flags.verbose) return "verbose";
  if (flags.quiet) return "quiet";
  return "normal";
}

/** Colours only on a terminal, never with NO_COLOR (any value), and not in dumb terminals. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== "dumb";
}

/** A live bar only on an interactive terminal, not in CI logs. */
export function useProgressBar(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.CI && env.TERM !== "dumb";
}

/** `[#######-------]  3/7` in `width` characters of bar. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  const count = String(total).length;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(done).padStart(count)}/${total}`;
}

export function createReporter(options: ReporterOptions = {}): Reporter {
  const verbosity = options.verbosity ?? "normal";
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const env = options.env ?? process.env;
  const colour = useColour(out, env);
  const errColour = useColour(err, env);
  const bar = useProgressBar(out, env);
  const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
  /** The bar currently drawn on the last line of the terminal, if any. */
  let drawn: string | undefined;

  const clearBar = () => {
    if (drawn !== undefined) out.write("\r\x1b[2K");
  };
  const redrawBar = () => {
    if (drawn !== undefined) out.write(drawn);
  };
  const toOut = (line: string) => {
    clearBar();
    out.write(`${line}\n`);
    redrawBar();
  };
  const toErr = (line: string) => {
    clearBar();
    err.write(`${line}\n`);
    redrawBar();
  };

  const reporter: Reporter = {
    verbosity,
    phase(line) {
      if (verbosity !== "quiet") toOut(line);
    },
    detail(line) {
      if (verbosity === "verbose") toOut(paint(colour, "2", line));
    },
    warn(line) {
      toErr(paint(errColour, "33", line));
    },
    error(line) {
      toErr(paint(errColour, "31", line));
    },
    progress(done, total, what) {
      if (verbosity === "quiet") return;
      if (!bar || verbosity === "verbose") {
        if (done > 0) toOut(`pdf ${done}/${total}: ${what}`);
        return;
      }
      clearBar();
      const columns = (out as { columns?: number }).columns || 80;
      const text = `pdf ${progressBar(done, total)} ${what}`.slice(0, Math.max(20, columns - 1));
      if (done >= total) {
        drawn = undefined;
        out.write(`${text}\n`);
      } else {
        drawn = paint(colour, "36", text);
        out.write(drawn);
      }
    },
    thirdParty: {
      log: (message) => reporter.detail(message),
      info: (message) => reporter.detail(message),
      warn: (message) => reporter.detail(message),
      error: (message) => reporter.error(message),
    },
  };
  return reporter;
}
