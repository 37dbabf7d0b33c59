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
import deflistPlugin from "markdown-it-deflist";
import supPlugin from "markdown-it-sup";
import subPlugin from "markdown-it-sub";
import pandocAttributesPlugin from "./pandoc-attributes.ts";
import fencedDivsPlugin from "./fenced-divs.ts";
import pandocTablesPlugin from "./pandoc-tables.ts";
import pageBreaksPlugin from "./page-breaks.ts";
import figuresPlugin from "./figures.ts";
import typographyPlugin from "./typography.ts";
import { resetProblems } from "./problems.ts";

/**
 * Settings that must hold whenever the instance parses. Eleventy's `setLibrary` switches
 * indented code blocks off on any library it is given (its issue #2438); the Markdown
 * plugin calls this again from `amendLibrary`, which runs after that.
 */
export function applyMarkdownSettings(md: MarkdownIt): MarkdownIt {
  // Raw HTML is allowed (and checked by the loader); typographic quotes and dashes in the
  // brief's language (src/markdown/typography.ts, pandoc's "smart").
  md.set({ html: true, typographer: true, linkify: false });
  md.disable("replacements"); // (c), +-, ",," are the author's: only quotes, dashes, ellipses change
  // CommonMark's indented code blocks, as authors (and pandoc) expect: four spaces make code.
  md.enable("code");
  return md;
}

export function configureMarkdown(md: MarkdownIt): MarkdownIt {
  applyMarkdownSettings(md);
  md.core.ruler.before("normalize", "markdown_problems_reset", (state) => resetProblems(state));
  md.use(notesPlugin)
    .use(citationsPlugin)
    // Pandoc's Markdown: definition lists, ^sup^, ~sub~ (markdown-it's own plugins), then ours.
    .use(deflistPlugin)
    .use(supPlugin)
    .use(subPlugin)
    .use(pandocAttributesPlugin) // {#id .class key=value}
    .use(fencedDivsPlugin) // ::: {.key-findings}
    .use(pandocTablesPlugin) // grid, simple and multiline tables
    .use(pageBreaksPlugin) // \newpage
    .use(figuresPlugin) // numbered figures and table captions
    .use(typographyPlugin) // “quotes” in the brief's language, -- – and --- —, ... …
    .use(headingIdsPlugin)
    .use(externalLinksPlugin);
  return md;
}

export function createMarkdown(): MarkdownIt {
  return configureMarkdown(markdownIt());
}
