/**
 * The one Markdown setup, shared by Eleventy (which renders) and the brief loader
 * (which validates before anything is written).
 */
import markdownIt, { type MarkdownIt } from "markdown-it";
import notesPlugin from "../notes/notes-plugin.ts";
import headingIdsPlugin from "./heading-ids.ts";
import externalLinksPlugin from "./external-links.ts";

export function configureMarkdown(md: MarkdownIt): MarkdownIt {
  // Raw HTML is allowed (and checked by the loader); quotes are the author's, not ours.
  md.set({ html: true, typographer: false, linkify: false });
  // Indented code blocks off, as Eleventy has them (its Markdown engine disables "code" on
  // every library it gets): the loader checks exactly what Eleventy renders.
  md.disable("code");
  md.use(notesPlugin).use(headingIdsPlugin).use(externalLinksPlugin);
  return md;
}

export function createMarkdown(): MarkdownIt {
  return configureMarkdown(markdownIt());
}
