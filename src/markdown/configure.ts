/**
 * The one Markdown setup. A build makes one instance with `createMarkdown()`; the brief
 * loader parses and checks with it, and Eleventy renders with that same instance
 * (src/eleventy/markdown-plugin.ts hands it to `setLibrary`), so what is checked is what
 * is published.
 */
import markdownIt, { type MarkdownIt } from "markdown-it";
import notesPlugin from "../notes/notes-plugin.ts";
import citationsPlugin from "../citations/citations-plugin.ts";
import headingIdsPlugin from "./heading-ids.ts";
import externalLinksPlugin from "./external-links.ts";

/**
 * Settings that must hold whenever the instance parses. Eleventy's `setLibrary` switches
 * indented code blocks off on any library it is given (its issue #2438); the Markdown
 * plugin calls this again from `amendLibrary`, which runs after that.
 */
export function applyMarkdownSettings(md: MarkdownIt): MarkdownIt {
  // Raw HTML is allowed (and checked by the loader); quotes are the author's, not ours.
  md.set({ html: true, typographer: false, linkify: false });
  // CommonMark's indented code blocks, as authors (and pandoc) expect: four spaces make code.
  md.enable("code");
  return md;
}

export function configureMarkdown(md: MarkdownIt): MarkdownIt {
  applyMarkdownSettings(md);
  md.use(notesPlugin).use(citationsPlugin).use(headingIdsPlugin).use(externalLinksPlugin);
  return md;
}

export function createMarkdown(): MarkdownIt {
  return configureMarkdown(markdownIt());
}
