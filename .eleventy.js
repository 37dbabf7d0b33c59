// briefpress's Eleventy setup: a table of contents of our plugins.
// Runs in-process under tsx (see src/build.ts), so it may import TypeScript.
import markdownPlugin from "./src/eleventy/markdown-plugin.ts";
import briefsPlugin, { layoutsDirectoryFor } from "./src/eleventy/briefs-plugin.ts";
import filtersPlugin from "./src/eleventy/filters-plugin.ts";
import assetsPlugin from "./src/eleventy/assets-plugin.ts";
import citationPlugin from "./src/eleventy/citation-plugin.ts";

/** @param {import("@11ty/eleventy/UserConfig").default} eleventyConfig */
export default function (eleventyConfig) {
  // Layouts are briefpress's own, whatever folder of briefs is being built.
  eleventyConfig.setLayoutsDirectory(layoutsDirectoryFor(eleventyConfig.directories.input));
  eleventyConfig.setIncludesDirectory(layoutsDirectoryFor(eleventyConfig.directories.input));
  eleventyConfig.addPlugin(markdownPlugin); // notes (endnotes + footnotes), heading ids
  eleventyConfig.addPlugin(briefsPlugin); // brief pages, print pages, collection page
  eleventyConfig.addPlugin(filtersPlugin); // dates, authors, relative URLs
  eleventyConfig.addPlugin(assetsPlugin); // CSS, scripts, self-hosted fonts, Paged.js
  eleventyConfig.addPlugin(citationPlugin); // citation tags, JSON-LD, BibTeX/RIS, feed, sitemap
}

export const config = {
  markdownTemplateEngine: false, // a brief is Markdown only: no Liquid inside
  htmlTemplateEngine: "njk",
  templateFormats: ["md", "njk"],
};
