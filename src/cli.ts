/**
 * The command line: maps flags to build options and prints errors once, as
 * `file:line: message`. Exit code 0 on success, 1 on brief errors, 2 on usage errors
 * (including an output folder that could not be replaced safely).
 */
import { parseArgs } from "node:util";
import { BuildFailed, UsageError, visible } from "./errors.ts";
import { closeAllBrowsers, closeUntakenBrowser, launchEarly } from "./browser/chromium.ts";
import { defaultCacheDir, PdfCache } from "./pdf/cache.ts";
import { previousBuild, recordOptionsOf } from "./build/build-record.ts";
import { createReporter, verbosityOf, type Reporter } from "./cli/report.ts";
import { flushTimings, phaseDone, timed } from "./build/timings.ts";
import path from "node:path";
import { baseUrlOption } from "./cli/args.ts";
import { CONFIG_FILE, SITE_DEFAULTS } from "./config/defaults.ts";

phaseDone("node start, imports of the command line", 0);

const USAGE = `usage: briefpress build [--input DIR] [--output DIR] [--timeout SECONDS] [--site-title TEXT]
  --input DIR        folder of briefs (*.md, searched recursively)   default: content
  --output DIR       output folder, replaced only on success         default: _site
  --timeout SECONDS  PDF render timeout per brief                    default: 60
  --site-title TEXT  heading of the collection page   default: ${CONFIG_FILE}'s title, else ${SITE_DEFAULTS.title}
  --base-url URL     where the site is published (canonical links, feed.xml, sitemap.xml)
                     default: ${CONFIG_FILE}'s base_url
  (options given here win over ${CONFIG_FILE} at the top of the input folder)
  --shard i/n        render only the i-th of n shares of the PDFs (CI matrix)
  --print-marks      crop marks and 3 mm (0.125 in) bleed, for a print shop
  --no-cache         render every PDF (default: unchanged PDFs come from the cache)
  --cache-dir DIR    the PDF cache's folder   default: BRIEFPRESS_CACHE_DIR or node_modules/.cache/briefpress/pdf
  --quiet, -q        print only errors and warnings
  --verbose          print details, and Eleventy's own lines`;

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
        "no-cache": { type: "boolean", default: false },
        "cache-dir": { type: "string" },
        quiet: { type: "boolean", short: "q" },
        verbose: { type: "boolean" },
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
  let baseUrl: string | undefined;
  try {
    baseUrl = baseUrlOption(values["base-url"]);
  } catch (error) {
    console.error((error as Error).message);
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
  const cacheDir = values["no-cache"] ? false : path.resolve(values["cache-dir"] ?? defaultCacheDir());
  const buildOptions = { input: values.input, output: values.output, siteTitle: values["site-title"], baseUrl, shard, printMarks: values["print-marks"] };
  // Chromium starts now, while the build's modules load and Eleventy runs, unless every PDF
  // will come from the cache (the last build's record says nothing it read has changed).
  const previous = cacheDir
    ? await timed("compare with the last build", () => previousBuild(cacheDir, buildOptions.input, buildOptions.output, recordOptionsOf(buildOptions), (key) => new PdfCache(cacheDir).has(key), true))
    : undefined;
  if (!previous?.pdfsUnchanged) launchEarly();
  const { build } = await timed("import the build", () => import("./build.ts"));
  const report = createReporter({ verbosity: verbosityOf(values) });
  reporter = report;
  const started = performance.now();
  try {
    const built = await build({
      ...buildOptions,
      cacheDir,
      timeoutMs: timeout * 1000,
      log: (line) => (line.endsWith("(warning)") ? report.warn(line) : report.phase(line)),
      progress: (done, total, line) => report.progress(done, total, line),
      thirdParty: report.thirdParty,
    });
    flushTimings();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const count = built.briefs.length;
    report.phase(`built ${count} brief${count === 1 ? "" : "s"} into ${values.output} in ${seconds} s`);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    if (error instanceof UsageError) {
      console.error(visible(error.message));
      return 2;
    }
    if (error instanceof BuildFailed) {
      for (const e of error.errors) report.error(e.format());
      report.error(`build failed: ${error.message}; ${values.output} was left as it was`);
      return 1;
    }
    report.error(`build failed: ${(error as Error).message}`);
    if (process.env.BRIEFPRESS_DEBUG) console.error(error);
    return 1;
  } finally {
    await closeUntakenBrowser(); // a build refused before rendering never took the early Chromium
  }
}

// Ctrl-C, a CI cancel, a closed terminal: close Chromium, remove the staging folder, leave the
// output as it was. (The interrupted build then fails; its exit must not overtake this one.)
// Chromium also ends on its own if this process is killed outright (SIGKILL): it is driven
// over a pipe and exits when the pipe closes (see browser/chromium.ts).
let interrupted = false;
let reporter: Reporter | undefined;
const EXIT_CODES = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;
function stop(reason: string, code: number): void {
  if (interrupted) return;
  interrupted = true;
  (reporter ?? createReporter()).error(`\n${reason}: stopping; the output folder is left as it was`);
  // The build's module is loaded by then if a build runs; otherwise only Chromium may be starting.
  void import("./build.ts")
    .then((m) => m.abortBuilds(), () => closeAllBrowsers())
    .then(() => closeUntakenBrowser())
    .finally(() => process.exit(code));
}
// `on`, not `once`: the same Ctrl-C can arrive twice (from the terminal, and relayed by tsx when
// this process is slow to answer it), and a second signal with no listener would kill the
// process before it has closed Chromium or said why. stop() acts once.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => stop(signal, EXIT_CODES[signal]));
}
// A wrapper (npm, tsx) killed outright leaves this process orphaned: stop as if terminated.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) stop("the parent process ended", EXIT_CODES.SIGTERM);
}, 500).unref();

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
