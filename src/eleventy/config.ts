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
import brandPlugin, { type Look } from "./brand-plugin.ts";
import type { EleventyConfig } from "./types.ts";
import type { MarkdownIt } from "markdown-it";

/** What templates see as `site` (made by config/site.ts: command line, then briefpress.yml, then defaults). */
export interface SiteData {
  /** Heading of the collection page, name of the site. */
  title: string;
  /** Language of the site's own pages (the collection page): the briefs' default language. */
  lang: string;
  /** Where the site will be published (canonical links, feed, sitemap). */
  baseUrl?: string;
  /** Crop marks and bleed in the print pages. @default false */
  printMarks?: boolean;
  /** Full-text search on the collection page. @default true */
  search: boolean;
  /** The publisher (site footer, print title block). */
  publisher?: { name: string; address?: string; url?: string };
  /** "Cite this brief" styles, in order. @default ["chicago", "apa"] */
  citationStyles: string[];
  /** The brand's logo: URL from the site root, and its text alternative. */
  logo?: { src: string; srcDark?: string; alt: string };
  /** The brand's colours and font choices as CSS custom properties, inlined in web pages' heads. */
  brandStyle?: string;
  /** Stylesheets after briefpress's own on web pages, from the site root (the brand's own fonts, the theme). */
  stylesheets?: string[];
  /** The same for print pages (brand.css, the theme). */
  printStylesheets?: string[];
}

/** How the site looks beyond briefpress's own: the brand, and the layouts folder (a theme's merged copy). */
export interface LookOptions extends Partial<Look> {
  /** Layouts folder. @default briefpress's `layouts/` */
  layouts?: string;
}

/** `markdown`: the instance the briefs were checked with (see src/markdown/configure.ts). */
export default function briefpressConfig(eleventyConfig: EleventyConfig, site: SiteData, markdown?: MarkdownIt, look: LookOptions = {}): void {
  // Layouts are briefpress's own (or a declared theme's, merged: theme-layouts.ts), never the input folder's.
  const layouts = look.layouts;
  eleventyConfig.setLayoutsDirectory(layoutsDirectoryFor(eleventyConfig.directories.input, layouts));
  eleventyConfig.setIncludesDirectory(layoutsDirectoryFor(eleventyConfig.directories.input, layouts));
  eleventyConfig.setTemplateFormats(["md", "njk"]); // briefs, and our own templates (a brief is Markdown only: see briefs-plugin.ts)
  // The loader decided what is a brief: a .gitignore in the input folder does not.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addPlugin(markdownPlugin, { markdown }); // the checked markdown-it: notes, heading ids
  eleventyConfig.addPlugin(briefsPlugin, { layouts }); // brief pages, print pages, collection page
  eleventyConfig.addPlugin(filtersPlugin); // dates, authors, relative URLs
  eleventyConfig.addPlugin(assetsPlugin); // CSS, scripts, self-hosted fonts, Paged.js
  eleventyConfig.addPlugin(citationPlugin, { layouts }); // citation tags, JSON-LD, BibTeX/RIS, feed, sitemap
  eleventyConfig.addPlugin(referencesPlugin); // what a brief cites: citation_reference tags, JSON-LD citation
  if (look.brand) eleventyConfig.addPlugin(brandPlugin, { brand: look.brand, theme: look.theme }); // brand.css, logo, fonts, theme.css
}
