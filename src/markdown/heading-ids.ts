/**
 * Ids on section headings, for the table of contents, deep links, internal links
 * (`[see](#background)`) and the PDF outline: the author's (`## Background {#background}`)
 * or, as pandoc derives them, from the heading's text. A brief is alone on its page (web and
 * print), so ids are not prefixed; a derived id that would clash with an id the page itself
 * uses (`main`, the notes' `en-…`) gets the brief's `env.docId` in front, the only place a
 * clash is real; so does one that names a property of the document ("Method", "Location":
 * document-names.ts), which the HTML check would refuse. An author's id that clashes is an
 * error (src/markdown/problems.ts, src/briefs/raw-html.ts).
 *
 * A heading inside a box (a fenced div), a figure or a table cell titles that box, not a
 * section of the brief: it keeps its id and its level for the web page's readers, gets the
 * class `box-heading`, and stays out of `env.headings` (the sections), the contents and the
 * PDF's bookmarks (the print page tells Chromium it is not a heading: print-box-headings.js).
 */
import type { MarkdownIt } from "markdown-it";
import { DOCUMENT_NAMES } from "./document-names.ts";
import { firstLineOf, reportProblem } from "./problems.ts";

/**
 * Pandoc's identifier for a heading's text (its auto_identifiers extension): lowercase,
 * only letters, digits, `_`, `-` and `.`, spaces as hyphens, nothing before the first
 * letter; "section" when nothing is left. "Maître d'hôtel" → "maître-dhôtel",
 * "3. Applications" → "applications", "Dogs?--in my house?" → "dogs--in-my-house".
 */
export function slugify(text: string): string {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}_.\-\s]/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .replace(/^[^\p{L}]+/u, "") || "section"
  );
}

/** Ids the brief's page (web or print) or the notes use: a heading must not take them. */
export function isPageId(id: string): boolean {
  return /^(main|brief-title|print-title|toc-title|contents|endnotes-title(-.*)?|(en|fn|enref|fnref)-.*|cite-.*|search-.*|filter-.*|card-.*)$/.test(id);
}

/** Blocks whose headings title the block, not a section of the brief. */
const BOX_OPENS = new Set(["fenced_div_open", "figure_open", "th_open", "td_open"]);
const BOX_CLOSES = new Set(["fenced_div_close", "figure_close", "th_close", "td_close"]);

export interface Heading {
  level: number;
  id: string;
  text: string;
}

export default function headingIdsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("heading_ids", (state) => {
    const used = new Map<string, number>(); // id -> 0-based line where it was given
    const headings: Heading[] = [];
    const docId = typeof state.env.docId === "string" && state.env.docId ? state.env.docId : "";
    // Ids the author gave anywhere ({#id} on a heading, image, link or div) are taken first.
    const given = new Set<string>();
    let line = 0;
    for (const token of state.tokens) {
      if (token.map) line = token.map[0];
      for (const t of [token, ...(token.children ?? [])]) {
        const value = t.attrGet("id");
        if (value === null || t.type === "footnote_open") continue;
        const id = String(value);
        if (isPageId(id)) reportProblem(state, line, `the id "${id}" is used by the page itself: choose another id`);
        else if (given.has(id)) reportProblem(state, line, `the id "${id}" is given twice (first on line ${used.get(id)! + firstLineOf(state.env)}): ids must be unique; rename one`);
        given.add(id);
        if (!used.has(id)) used.set(id, line);
      }
    }
    let inBox = 0;
    const nextSuffix = new Map<string, number>();
    state.tokens.forEach((token, i) => {
      if (BOX_OPENS.has(token.type)) inBox++;
      else if (BOX_CLOSES.has(token.type)) inBox--;
      if (token.type !== "heading_open") return;
      const inline = state.tokens[i + 1];
      const text = (inline.children ?? [])
        .filter((c) => c.type === "text" || c.type === "code_inline")
        .map((c) => c.content)
        .join("")
        .trim();
      const own = token.attrGet("id");
      let id = own === null ? null : String(own);
      if (id === null) {
        const base = slugify(text);
        const taken = (id: string) => isPageId(id) || DOCUMENT_NAMES.has(id);
        const start = taken(base) && docId ? `${docId}-${base}` : base;
        id = start;
        // pandoc: background, background-1, …; the search for a free suffix goes on where the last
        // one for this text stopped (20,000 headings "H" took 76 s when every search began at 1).
        let n = nextSuffix.get(start) ?? 1;
        for (; used.has(id) || taken(id); n++) id = `${start}-${n}`;
        nextSuffix.set(start, n);
        used.set(id, token.map?.[0] ?? 0);
        token.attrSet("id", id);
      }
      if (inBox > 0) token.attrJoin("class", "box-heading");
      else headings.push({ level: Number(token.tag.slice(1)), id, text });
    });
    state.env.headings = headings;
  });
}

