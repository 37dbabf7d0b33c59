/**
 * Brief pages (`/briefs/<slug>/`), their print variants (`/briefs/<slug>/print/`) and
 * the collection page (`/`). Layouts come from briefpress's own `layouts/` folder,
 * whatever the input folder is.
 */
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { LAYOUTS_DIR } from "../paths.ts";
import { frontMatterSchema } from "../briefs/front-matter.ts";
import type { CollectionApi, CollectionItem, EleventyConfig } from "./types.ts";

const PRINT_TEMPLATE = `---
pagination:
  data: collections.briefs
  size: 1
  alias: brief
  addAllPagesToCollections: false
permalink: "briefs/{{ brief.fileSlug }}/print/index.html"
layout: print.njk
eleventyExcludeFromCollections: true
---
`;

const INDEX_TEMPLATE = `---
permalink: index.html
layout: collection.njk
eleventyExcludeFromCollections: true
---
`;

/** briefpress's `layouts/` folder as Eleventy wants it: relative to the input folder. */
export function layoutsDirectoryFor(input: string): string {
  return path.relative(path.resolve(input), LAYOUTS_DIR);
}

/**
 * A brief's front matter as templates see it: checked and normalised by the same schema
 * as the loader (authors as a list of {name, role}, keywords as a list, lang defaulted).
 * `page` (letter|a4) becomes `paper`, because `page` is Eleventy's own.
 */
export function briefTemplateData(raw: unknown): Record<string, unknown> {
  const { page, ...data } = frontMatterSchema.parse(raw);
  return { ...data, paper: page };
}

export function isBrief(item: Pick<CollectionItem, "inputPath">): boolean {
  return item.inputPath.endsWith(".md");
}

/** Newest first; same date: by title. */
export function byDateDescending(a: CollectionItem, b: CollectionItem): number {
  return b.date.getTime() - a.date.getTime() || String(a.data.title).localeCompare(String(b.data.title));
}

export default function briefsPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });

  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      // A brief is Markdown only: no Liquid or Nunjucks inside (briefs are untrusted content).
      // CRLF files: gray-matter hands over lines ending in "\r" (the last without "\n"), which
      // the loader never sees ("2024-01-03\r" is not a date): line ends normalised as it splits them.
      yaml: (text: string, options?: { filePath?: string }) =>
        options?.filePath?.endsWith(".md")
          ? { ...briefTemplateData(parseYaml(text.replace(/\r\n?/g, "\n"))), templateEngineOverride: "md" }
          : parseYaml(text),
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
  eleventyConfig.addTemplate("briefpress-print.njk", PRINT_TEMPLATE);
  eleventyConfig.addTemplate("briefpress-index.njk", INDEX_TEMPLATE);
}
