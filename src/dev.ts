/**
 * `npm start`: build once, then Eleventy's dev server with live reload of the web pages,
 * and each saved brief's PDF rendered again in the background with a warm Chromium.
 * Prints, for every PDF, the time from the save to the updated file.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import { build, fillPdfInfo, publishPdf, type BuiltBrief } from "./build.ts";
import { loadBriefs } from "./briefs/load.ts";
import { launchBrowser, closeAllBrowsers, WarmBrowser } from "./browser/chromium.ts";
import { serveFolder } from "./browser/static-server.ts";
import { ELEVENTY_CONFIG } from "./paths.ts";

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
const first = await build({ input, output, log: (line) => console.log(line) });
for (const b of first.briefs) pdfs.set(b.slug, b);
const browser = new WarmBrowser(await launchBrowser());
const pdfServer = await serveFolder(output);
const savedAt = new Map<string, number>();

async function renderChanged(): Promise<void> {
  const changed = [...savedAt.entries()];
  savedAt.clear();
  await fillPdfInfo(output, [...pdfs.values()]).catch(() => undefined);
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
}

const elev = new Eleventy(input, output, {
  configPath: ELEVENTY_CONFIG,
  runMode: "serve",
  quietMode: true,
  config(eleventyConfig: { addGlobalData(k: string, v: unknown): void; setUseGitIgnore(u: boolean): void; on(e: string, f: (...a: never[]) => unknown): void }) {
    eleventyConfig.addGlobalData("site", { title: "Briefs" });
    eleventyConfig.setUseGitIgnore(false);
    eleventyConfig.on("eleventy.beforeWatch", (files: string[]) => {
      for (const f of files) if (f.endsWith(".md")) savedAt.set(path.resolve(f), performance.now());
    });
    eleventyConfig.on("eleventy.after", () => {
      void renderChanged();
    });
  },
});
await elev.init();
await elev.watch();
await elev.serve(Number(values.port));
console.log(`watching ${path.relative(process.cwd(), input) || "."}: web pages reload on save, PDFs follow; print preview at /briefs/<slug>/print/`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void closeAllBrowsers()
      .then(() => pdfServer.close())
      .finally(() => process.exit(0));
  });
}
