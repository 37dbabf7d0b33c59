/**
 * Brief pages (`/briefs/<slug>/`), their print variants (`/briefs/<slug>/print/`) and
 * the collection page (`/`). Layouts come from briefpress's own `layouts/` folder,
 * whatever the input folder is.
 */
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { LAYOUTS_DIR } from "../paths.ts";
import { pageTemplate } from "./page-templates.ts";
import type { CollectionApi, CollectionItem, EleventyConfig } from "./types.ts";

/** A layouts folder (briefpress's own by default) as Eleventy wants it: relative to the input folder. */
export function layoutsDirectoryFor(input: string, layouts = LAYOUTS_DIR): string {
  return path.relative(path.resolve(input), layouts);
}

export function isBrief(item: Pick<CollectionItem, "inputPath">): boolean {
  return item.inputPath.endsWith(".md");
}

/** Newest first; same date: by title. */
export function byDateDescending(a: CollectionItem, b: CollectionItem): number {
  return b.date.getTime() - a.date.getTime() || String(a.data.title).localeCompare(String(b.data.title));
}

export default function briefsPlugin(eleventyConfig: EleventyConfig, options: { layouts?: string } = {}): void {
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });

  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      // A brief's front matter is parsed and checked once, by the loader (briefs/load.ts): Eleventy
      // gets the checked data as JSON (build/eleventy-input.ts), with templateEngineOverride "md"
      // (a brief is Markdown only: no Liquid or Nunjucks inside, briefs are untrusted content).
      // YAML front matter is for briefpress's own templates only.
      json: (text: string) => JSON.parse(text),
      yaml: (text: string, options?: { filePath?: string }) => {
        if (options?.filePath?.endsWith(".md")) throw new Error(`${options.filePath}: a brief reached Eleventy without the loader's checks`);
        return parseYaml(text);
      },
    },
  });
  eleventyConfig.addGlobalData("layout", "brief.njk");
  eleventyConfig.addGlobalData("permalink", () => (data: { page: { fileSlug: string } }) => `briefs/${data.page.fileSlug}/index.html`);
  eleventyConfig.addGlobalData("eleventyComputed", {
    // Prefix for every id in the brief's HTML, so several briefs can share a page.
    docId: (data: { page: { fileSlug: string; inputPath: string } }) =>
      data.page.inputPath.endsWith(".md") ? data.page.fileSlug : undefined,
  });

  eleventyConfig.addCollection("briefs", (api: CollectionApi) => api.getAll().filter(isBrief).sort(byDateDescending));
  // The briefs whose own pages (print page, citation files) this build writes: not those whose
  // pages come from the build's page cache (build/page-cache.ts).
  eleventyConfig.addCollection("briefsToRender", (api: CollectionApi) =>
    api.getAll().filter((item) => isBrief(item) && !item.data.briefpressPagesCached).sort(byDateDescending),
  );
  eleventyConfig.addTemplate("briefpress-print.njk", pageTemplate("print.njk", options.layouts));
  eleventyConfig.addTemplate("briefpress-index.njk", pageTemplate("index.njk", options.layouts));
}
