/**
 * `npm start`: build once, then Eleventy's dev server with live reload of the web pages,
 * and each saved brief's PDF rendered again in the background with a warm Chromium.
 * Prints, for every PDF, the time from the save to the updated file.
 */
import { watch } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { build, fillPdfInfo, publishPdf, type BuiltBrief } from "./build.ts";
import { loadBriefs } from "./briefs/load.ts";
import { BuildFailed, UsageError } from "./errors.ts";
import { launchBrowser, closeAllBrowsers, WarmBrowser } from "./browser/chromium.ts";
import { serveFolder } from "./browser/static-server.ts";
import { copyBriefAssets, createEleventy, writeEleventyInput } from "./build/eleventy-input.ts";
import { writeOutputMarker } from "./build/output-guard.ts";
import { createStaging } from "./build/staging.ts";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "content" },
    output: { type: "string", default: "_site" },
    port: { type: "string", default: "8080" },
  },
});
const input = path.resolve(values.input);
const output = path.resolve(values.output);

/** PDFs known so far, to fill in the page count and size on pages Eleventy writes again. */
const pdfs = new Map<string, Pick<BuiltBrief, "slug" | "pages" | "bytes">>();
const first = await build({ input, output, log: (line) => console.log(line) }).catch((error: Error) => {
  if (error instanceof BuildFailed) for (const e of error.errors) console.error(e.format());
  console.error(error instanceof UsageError ? error.message : `build failed: ${error.message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
for (const b of first.briefs) pdfs.set(b.slug, b);
const browser = new WarmBrowser(await launchBrowser());
const pdfServer = await serveFolder(output);
const savedAt = new Map<string, number>();

async function renderChanged(): Promise<void> {
  const changed = [...savedAt.entries()];
  savedAt.clear();
  await fillPdfInfo(output, [...pdfs.values()]).catch(() => undefined);
  await writeOutputMarker(output); // what Eleventy wrote is ours: the next build may replace it
  if (changed.length === 0) return;
  const { briefs, errors } = await loadBriefs(input, { exclude: [output] });
  for (const e of errors) console.error(e.format());
  for (const [file, t0] of changed) {
    const brief = briefs.find((b) => b.file === file);
    if (!brief) continue; // its errors were printed above
    const outcome = await publishPdf(browser, brief, pdfServer.origin, output);
    if ("errors" in outcome) for (const e of outcome.errors) console.error(e.format());
    else {
      pdfs.set(brief.slug, outcome.built);
      await fillPdfInfo(output, [...pdfs.values()]).catch(() => undefined);
      console.log(`pdf: ${brief.slug}.pdf updated ${((performance.now() - t0) / 1000).toFixed(1)} s after the save (${outcome.built.pages} pages)`);
    }
  }
  await writeOutputMarker(output);
}

// Eleventy never reads the input folder (see build/eleventy-input.ts): it watches a private
// folder of checked briefs, which is brought up to date whenever something in the input changes.
const eleventyInput = (await createStaging(output)).root;
const eleventyInputDir = path.join(eleventyInput, "input");
async function syncInput(savedTime: number): Promise<void> {
  const loaded = await loadBriefs(input, { exclude: [output] });
  for (const e of loaded.errors) console.error(e.format());
  await copyBriefAssets(loaded.briefs, output, { replace: true });
  for (const brief of await writeEleventyInput(eleventyInputDir, loaded.briefs)) savedAt.set(brief.file, savedTime);
}
await syncInput(performance.now());
savedAt.clear(); // the first build rendered every PDF
let syncing = Promise.resolve();
let pending: ReturnType<typeof setTimeout> | undefined;
watch(input, { recursive: true }, () => {
  const t0 = performance.now();
  clearTimeout(pending);
  pending = setTimeout(() => {
    syncing = syncing.then(() => syncInput(t0)).catch((error: Error) => console.error(`npm start: ${error.message}`));
  }, 50);
});

const elev = createEleventy(eleventyInputDir, output, {
  site: { title: "Briefs" },
  runMode: "serve",
  configure(eleventyConfig) {
    eleventyConfig.on("eleventy.after", () => {
      void renderChanged();
    });
  },
});
await elev.init();
await elev.watch();
await elev.serve(Number(values.port));
console.log(`watching ${path.relative(process.cwd(), input) || "."}: web pages reload on save, PDFs follow; print preview at /briefs/<slug>/print/`);

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    void closeAllBrowsers()
      .then(() => pdfServer.close())
      .then(() => rm(eleventyInput, { recursive: true, force: true }))
      .finally(() => process.exit(0));
  });
}
