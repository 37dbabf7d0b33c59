/**
 * The command line: maps flags to build options and prints errors once, as
 * `file:line: message`. Exit code 0 on success, 1 on brief errors, 2 on usage errors.
 */
import { parseArgs } from "node:util";
import { abortBuilds, build } from "./build.ts";
import { BuildFailed } from "./errors.ts";

const USAGE = `usage: briefpress build [--input DIR] [--output DIR] [--timeout SECONDS] [--site-title TEXT]
  --input DIR        folder of briefs (*.md, searched recursively)   default: content
  --output DIR       output folder, replaced only on success         default: _site
  --timeout SECONDS  PDF render timeout per brief                    default: 60
  --site-title TEXT  heading of the collection page                  default: Briefs
  --base-url URL     where the site is published (canonical links, feed.xml, sitemap.xml)
  --shard i/n        render only the i-th of n shares of the PDFs (CI matrix)
  --print-marks      crop marks and 3 mm (0.125 in) bleed, for a print shop`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: "string", default: "content" },
        output: { type: "string", default: "_site" },
        timeout: { type: "string", default: "60" },
        "site-title": { type: "string" },
        "base-url": { type: "string" },
        shard: { type: "string" },
        "print-marks": { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = positionals[0] ?? "build";
  if (command !== "build") {
    console.error(`unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  if (values["base-url"] !== undefined && !/^https?:\/\/[^\s]+$/.test(values["base-url"])) {
    console.error(`--base-url must be an absolute http(s) URL, got "${values["base-url"]}"`);
    return 2;
  }
  let shard: { index: number; count: number } | undefined;
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
      console.error(`--shard must be i/n with 1 <= i <= n, e.g. 2/4; got "${values.shard}"`);
      return 2;
    }
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    console.error(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
    return 2;
  }
  const started = performance.now();
  try {
    const report = await build({
      input: values.input,
      output: values.output,
      timeoutMs: timeout * 1000,
      siteTitle: values["site-title"],
      baseUrl: values["base-url"],
      shard,
      printMarks: values["print-marks"],
      log: (line) => console.log(line),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`built ${report.briefs.length} brief${report.briefs.length === 1 ? "" : "s"} into ${values.output} in ${seconds} s`);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    if (error instanceof BuildFailed) {
      for (const e of error.errors) console.error(e.format());
      console.error(`build failed: ${error.message}; ${values.output} was left as it was`);
      return 1;
    }
    console.error(`build failed: ${(error as Error).message}`);
    if (process.env.BRIEFPRESS_DEBUG) console.error(error);
    return 1;
  }
}

// Ctrl-C or a CI cancel: close Chromium, remove the staging folder, leave the output as it was.
// (The interrupted build then fails; its exit must not overtake this one.)
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping; the output folder is left as it was`);
    void abortBuilds().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  (error) => {
    if (interrupted) return;
    console.error(error);
    process.exit(1);
  },
);
