/**
 * `npm start` / `briefpress start`: build once, then Eleventy's dev server with live reload of
 * the web pages, and each saved brief's PDF rendered again with a warm Chromium.
 *
 * Eleventy never reads the input folder (see build/eleventy-input.ts): it watches a private
 * folder of checked briefs, brought up to date whenever something in the input changes. A
 * brief with errors keeps its last good text there; its errors are printed as
 * `file:line: message` and shown at the top of its page (and the collection page) until a
 * save fixes them, and it gets no new PDF meanwhile. For each save the time from the save to
 * the reloaded web page and to the updated PDF is printed.
 */
import { watch } from "node:fs";
import { realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuiltBrief } from "./build.ts";
import type { Brief, LoadResult } from "./briefs/load.ts";
import { BuildFailed, UsageError, visible, type BriefError } from "./errors.ts";
import { launchBrowser, closeAllBrowsers, WarmBrowser } from "./browser/chromium.ts";
import { serveFolder } from "./browser/static-server.ts";
import { writeOutputMarker } from "./build/output-guard.ts";
import { createStaging } from "./build/staging.ts";
import { buildRunningOf, RebuildTracker } from "./dev/rebuilds.ts";
import { phaseDone, recordedPhases, timingsEnabled } from "./build/timings.ts";
import { createReporter } from "./cli/report.ts";
import { parseStartArgs, START_USAGE, type StartOptions } from "./cli/args.ts";

let options: StartOptions;
try {
  const parsed = parseStartArgs(process.argv.slice(2));
  if (parsed === "help") {
    console.log(START_USAGE);
    process.exit(0);
  }
  options = parsed;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${START_USAGE}`);
  process.exit(2);
}

// Chromium starts at once; the rest loads after the arguments are read (`--help` answers at once).
const browserStarting = launchBrowser().then((b) => new WarmBrowser(b));
browserStarting.catch(() => undefined); // awaited below
const [{ build, fillPdfInfo, fillPdfInfoMarkers, publishPdf }, { loadBriefs }, { createMarkdown }, { PagePool }, { copyBriefAssets, createEleventy, eleventyFileName, writeEleventyInput }, { errorPanel, withErrorPanel }, { loadSiteConfig }, { briefDefaults, siteData }] =
  await Promise.all([
    import("./build.ts"),
    import("./briefs/load.ts"),
    import("./markdown/configure.ts"),
    import("./browser/page-pool.ts"),
    import("./build/eleventy-input.ts"),
    import("./dev/error-panel.ts"),
    import("./config/load.ts"),
    import("./config/site.ts"),
  ]);

const report = createReporter({ verbosity: options.verbosity });
const input = path.resolve(options.input);
const output = path.resolve(options.output);
/** A path as the user would type it: relative inside the working folder, else absolute. */
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return visible(rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? file : rel);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** PDFs known so far: their page count and size go into the pages Eleventy writes again. */
const pdfs = new Map<string, Pick<BuiltBrief, "slug" | "pages" | "bytes">>();
/** Briefs whose PDF is to be rendered: file -> time of the save (ms since the epoch). */
const pdfDue = new Map<string, number>();

// 1. A first full build (pages, search index, PDFs). With brief errors, go on: the pages show
//    the errors, and the good briefs' PDFs are rendered once the server runs.
const started = performance.now();
// One Chromium for the first build and every later save (started above, before the modules loaded).
try {
  const first = await build({
    browser: browserStarting,
    input,
    output,
    siteTitle: options.siteTitle,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    log: (line) => (line.endsWith("(warning)") ? report.warn(line) : report.phase(line)),
    progress: (done, total, what) => report.progress(done, total, what),
    thirdParty: report.thirdParty,
  });
  for (const b of first.briefs) pdfs.set(b.slug, b);
  report.phase(`built ${plural(first.briefs.length, "brief")} into ${shown(output)} in ${seconds(performance.now() - started)}`);
} catch (error) {
  if (error instanceof UsageError) {
    report.error(visible(error.message));
    process.exit(2);
  }
  if (!(error instanceof BuildFailed)) throw error;
  for (const e of error.errors) report.error(e.format());
  report.phase("the first build failed: serving the pages anyway, with the errors shown on them");
}

const browser = await browserStarting;
const pdfServer = await serveFolder(output);
/** A tab kept open between saves: its Paged.js and fonts stay cached. */
const pages = new PagePool(browser, pdfServer.origin);
const staging = await createStaging(output);
/** Eleventy rebuilds when this file changes: written when the errors change but no brief did. */
const errorsFile = path.join(staging.root, "errors.json");

/** The briefs as last checked, and the last good version of each brief (what Eleventy gets). */
let checked: LoadResult = { briefs: [], errors: [], warnings: [] };
const markdown = createMarkdown(); // checks every save, and Eleventy renders with it
const lastGood = new Map<string, Brief>();
const errorsOf = (file: string): BriefError[] => checked.errors.filter((e) => e.file === file);
/** Which saves Eleventy's rebuilds have put on the pages (its watch manager is known once it exists, below). */
let isBuildRunning = () => false;
const rebuilds = new RebuildTracker({ isBuildRunning: () => isBuildRunning(), onRebuilt: pagesRebuilt });

// The site configuration is read once, at start (a change to briefpress.yml needs a restart);
// its errors, if any, were printed by the first build.
const { config } = await loadSiteConfig(input);

async function syncInput(savedAt: number, changedFile?: string): Promise<void> {
  const syncStart = performance.now();
  try {
    await syncBriefs(savedAt, changedFile);
  } finally {
    phaseDone("dev: check the briefs, write Eleventy's input", syncStart);
  }
}

async function syncBriefs(savedAt: number, changedFile?: string): Promise<void> {
  checked = await loadBriefs(input, { exclude: [output], markdown, defaults: briefDefaults(config), configFiles: config.files });
  for (const w of checked.warnings) report.warn(`${w.format()} (warning)`);
  const broken = new Set(checked.errors.map((e) => e.file));
  for (const b of checked.briefs) lastGood.set(b.file, b);
  for (const file of lastGood.keys()) if (!broken.has(file) && !checked.briefs.some((b) => b.file === file)) lastGood.delete(file);
  const forEleventy = [...checked.briefs, ...[...broken].flatMap((file) => lastGood.get(file) ?? [])];
  await copyBriefAssets(checked.briefs, output, { replace: true });
  const written = await writeEleventyInput(staging.input, forEleventy);
  for (const brief of written) rebuilds.stage(brief.file, savedAt);
  for (const file of broken) rebuilds.stage(file, savedAt);
  if (changedFile?.endsWith(".md") && !rebuilds.isStaged(changedFile) && written.length === 0) rebuilds.stage(changedFile, savedAt); // fixed back to the last good text
  // A saved bibliography or CSL style: the briefs citing from it are due again (their text did not change).
  const changedReal = changedFile ? await realpath(changedFile).catch(() => changedFile) : undefined;
  for (const brief of checked.briefs) if (changedReal && brief.citationFiles.includes(changedReal) && !rebuilds.isStaged(brief.file)) rebuilds.stage(brief.file, savedAt);
  for (const e of checked.errors) report.error(e.format());
  // Rebuild the pages even when no brief's text changed (errors came or went): Eleventy watches this file.
  if (rebuilds.stagedCount > 0 && written.length === 0) await writeErrors(JSON.stringify({ at: savedAt, errors: checked.errors.map((e) => e.format()) }));
}

async function renderDuePdfs(): Promise<void> {
  while (pdfDue.size > 0) {
    const [file, savedAt] = pdfDue.entries().next().value!;
    pdfDue.delete(file);
    const brief = checked.briefs.find((b) => b.file === file);
    if (!brief) continue; // it has errors (printed and shown on its page), or was removed
    // Chromium's PDF is shown at once; the preview image and the tagging follow, and the final PDF replaces it.
    const draft = async (pdf: Uint8Array, pageCount: number) => {
      const file = path.join(output, "briefs", brief.slug, `${brief.slug}.pdf`);
      await writeFile(`${file}.draft`, pdf);
      await rename(`${file}.draft`, file); // a viewer never reads half a file
      report.phase(`pdf: ${brief.slug}.pdf updated ${seconds(Date.now() - savedAt)} after the save (${plural(pageCount, "page")}; tagging follows)`);
    };
    const outcome = await publishPdf(pages, brief, output, options.timeoutMs, undefined, draft);
    if ("errors" in outcome) {
      for (const e of outcome.errors) report.error(e.format());
      continue;
    }
    pdfs.set(brief.slug, outcome.built);
    await fillPdfInfo(output, [...pdfs.values()]).catch(() => undefined);
    await writeOutputMarker(output); // what was written is ours: a later build may replace it
    report.phase(`pdf: ${brief.slug}.pdf tagged, final ${seconds(Date.now() - savedAt)} after the save (${plural(outcome.built.pages, "page")})`);
    if (timingsEnabled) printPhasesSince(performance.now() - (Date.now() - savedAt));
  }
}
/** BRIEFPRESS_TIMINGS: where a save's time went, in seconds since the save. */
function printPhasesSince(savedAt: number): void {
  const lines = recordedPhases()
    .filter((p) => p.end >= savedAt)
    .map((p) => `  ${p.name.padEnd(40)} ${((p.start - savedAt) / 1000).toFixed(3).padStart(7)} → ${((p.end - savedAt) / 1000).toFixed(3).padStart(7)} s`);
  process.stderr.write(`timings (s since the save):\n${lines.join("\n")}\n`);
}
let pdfQueue = Promise.resolve();
const queuePdfs = () => {
  pdfQueue = pdfQueue.then(renderDuePdfs).catch((error: Error) => report.error(`pdf: ${error.message}`));
};

async function writeErrors(text: string): Promise<void> {
  await writeFile(errorsFile, text);
}
await writeErrors("{}");
await syncInput(Date.now());
void warmTab(checked.briefs[0]?.slug);

/**
 * A tab ready before the first save: opened, and one print page loaded into it, so the first
 * save's PDF finds Paged.js, the CSS and the fonts in the browser's cache and its scripts
 * compiled (the first save paid a new tab and every asset's load).
 */
async function warmTab(slug: string | undefined): Promise<void> {
  const tab = await pages.acquire().catch(() => undefined);
  if (!tab) return;
  let usable = true;
  if (slug) {
    usable = await tab.page
      .goto(`${pdfServer.origin}/briefs/${encodeURIComponent(slug)}/print/`, { waitUntil: "load", timeout: 60_000 })
      .then(() => tab.page.goto("about:blank"))
      .then(() => true, () => false);
  }
  pages.release(tab, usable);
}
rebuilds.clearStaged(); // the first build made these pages
if (pdfs.size === 0) for (const b of checked.briefs) pdfDue.set(b.file, Date.now()); // the first build failed
let serverUrl = "";
let rebuildStart = 0;

/** A rebuild of the pages ended: a line for each save it covered, and their PDFs queued. */
async function pagesRebuilt(saves: Map<string, number>, pagesBuilt: boolean): Promise<void> {
  if (rebuildStart) phaseDone("dev: eleventy rebuild", rebuildStart);
  const now = Date.now();
  for (const [file, savedAt] of saves) {
    const errors = errorsOf(file).length;
    if (!pagesBuilt) report.error(`web: ${shown(file)}: the pages could not be built; fix and save`);
    else if (errors > 0) report.phase(`web: ${shown(file)}: ${plural(errors, "error")} shown on its page ${seconds(now - savedAt)} after the save; no new PDF until fixed`);
    else if (lastGood.has(file)) report.phase(`web: ${shown(file)} reloaded ${seconds(now - savedAt)} after the save`);
    if (pagesBuilt && errors === 0 && lastGood.has(file)) pdfDue.set(file, savedAt);
  }
  await writeOutputMarker(output).catch(() => undefined);
  queuePdfs();
}

// 2. Eleventy watches the private folder and serves the output with live reload.
const elev = createEleventy(staging.input, output, {
  markdown,
  site: siteData(config, { siteTitle: options.siteTitle, baseUrl: options.baseUrl }),
  look: config,
  runMode: "serve",
  verbose: options.verbosity === "verbose",
  thirdParty: {
    ...report.thirdParty,
    // A failed page build is explained by our own `file:line` errors when there are any.
    error: (message) => (checked.errors.length > 0 ? report.detail(message) : report.error(message)),
  },
  configure(eleventyConfig) {
    eleventyConfig.addWatchTarget(errorsFile);
    eleventyConfig.setServerOptions({
      messageOnStart: ({ hosts }: { hosts: string[] }) => {
        serverUrl = hosts[0] ?? "";
        return ""; // we print the address ourselves
      },
    });
    rebuilds.attach(eleventyConfig, () => (rebuildStart = performance.now()));
    // The errors at the top of the pages (on disk and in the live-reload update), PDF sizes filled in.
    eleventyConfig.addTransform("briefpress-dev", function (content: string) {
      const out = this.page.outputPath;
      if (!out || !String(out).endsWith(".html")) return content;
      const brief = [...lastGood.values()].find((b) => path.basename(this.page.inputPath) === eleventyFileName(b));
      const errors = brief ? errorsOf(brief.file) : path.resolve(String(out)) === path.join(output, "index.html") ? checked.errors : [];
      const filled = fillPdfInfoMarkers(content, (slug) => pdfs.get(slug));
      return withErrorPanel(filled, errorPanel(errors.map((e) => e.format())));
    });
  },
});
await elev.init();
isBuildRunning = buildRunningOf(elev);
await elev.watch();
await elev.serve(options.port);

let syncing = Promise.resolve();
let pending: ReturnType<typeof setTimeout> | undefined;
watch(input, { recursive: true }, (_event, name) => {
  const file = name ? path.join(input, name.toString()) : undefined;
  const savedAt = Date.now();
  clearTimeout(pending);
  pending = setTimeout(() => {
    syncing = syncing
      .then(async () => {
        const mtime = file ? (await stat(file).catch(() => undefined))?.mtimeMs : undefined;
        await syncInput(Math.min(savedAt, mtime ?? savedAt), file);
      })
      .catch((error: Error) => report.error(`npm start: ${error.message}`));
  }, 50);
});
queuePdfs(); // PDFs the first build could not make
(options.verbosity === "quiet" ? console.log : report.phase)(`serving ${serverUrl || `http://localhost:${options.port}/`} — pages reload on save, PDFs follow; print preview at /briefs/<slug>/print/; Ctrl-C stops`);
report.phase(`watching ${shown(input)}`);

let stopping = false;
function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  report.phase(`${reason}: stopping`);
  void Promise.allSettled([elev.stopWatch(), closeAllBrowsers(), pdfServer.close()])
    .then(() => rm(staging.root, { recursive: true, force: true }))
    .finally(() => process.exit(0));
}
// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal, and relayed by tsx or npm).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));
// A wrapper (npm, tsx) killed outright leaves this process orphaned: stop as if terminated.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) stop("the parent process ended");
}, 500).unref();
