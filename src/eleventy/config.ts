/**
 * briefpress's Eleventy configuration: a table of contents of our plugins and the folders.
 *
 * It is a function the caller (src/build.ts, src/dev.ts) passes to Eleventy as its `config`
 * callback, with `configPath: false`, instead of a `.eleventy.js` file: Eleventy's watch mode
 * reads a config file's imports with a plain JavaScript parser (acorn) to find what to watch,
 * and fails on our TypeScript plugins. Without a config file the watcher has nothing to parse,
 * and no stray `eleventy.config.js` in the working folder can change the build.
 */
import markdownPlugin from "./markdown-plugin.ts";
import briefsPlugin, { layoutsDirectoryFor } from "./briefs-plugin.ts";
import filtersPlugin from "./filters-plugin.ts";
import assetsPlugin from "./assets-plugin.ts";
import citationPlugin from "./citation-plugin.ts";
import referencesPlugin from "./references-plugin.ts";
import type { EleventyConfig } from "./types.ts";
import type { MarkdownIt } from "markdown-it";

/** What templates see as `site`. */
export interface SiteData {
  /** Heading of the collection page. @default "Briefs" */
  title: string;
  /** Where the site will be published (canonical links, feed, sitemap). */
  baseUrl?: string;
  /** Crop marks and bleed in the print pages. @default false */
  printMarks?: boolean;
}

/** `markdown`: the instance the briefs were checked with (see src/markdown/configure.ts). */
export default function briefpressConfig(eleventyConfig: EleventyConfig, site: SiteData, markdown?: MarkdownIt): void {
  // Layouts are briefpress's own, whatever folder of briefs is being built.
  eleventyConfig.setLayoutsDirectory(layoutsDirectoryFor(eleventyConfig.directories.input));
  eleventyConfig.setIncludesDirectory(layoutsDirectoryFor(eleventyConfig.directories.input));
  eleventyConfig.setTemplateFormats(["md", "njk"]); // briefs, and our own templates (a brief is Markdown only: see briefs-plugin.ts)
  // The loader decided what is a brief: a .gitignore in the input folder does not.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addPlugin(markdownPlugin, { markdown }); // the checked markdown-it: notes, heading ids
  eleventyConfig.addPlugin(briefsPlugin); // brief pages, print pages, collection page
  eleventyConfig.addPlugin(filtersPlugin); // dates, authors, relative URLs
  eleventyConfig.addPlugin(assetsPlugin); // CSS, scripts, self-hosted fonts, Paged.js
  eleventyConfig.addPlugin(citationPlugin); // citation tags, JSON-LD, BibTeX/RIS, feed, sitemap
  eleventyConfig.addPlugin(referencesPlugin); // what a brief cites: citation_reference tags, JSON-LD citation
}
