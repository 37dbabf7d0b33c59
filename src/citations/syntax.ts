/**
 * Pandoc's citation syntax, read from Markdown source text:
 *
 *   [@key]   [@key, p. 33]   [see @key, chap. 2; @other]   [-@key]   @key says   @key [p. 33] says
 *
 * Pure functions over a string and a position: the markdown-it rules call them.
 */

export interface CiteItem {
  key: string;
  /** Text before the key ("see"), as written. */
  prefix: string;
  /** Text after the key and locator ("and passim"), as written. */
  suffix: string;
  /** "33", "iv–vi", "2" */
  locator?: string;
  /** CSL locator label: page, chapter, section… */
  label?: string;
  /** `-@key`: the author is not repeated (it is named in the text). */
  suppressAuthor: boolean;
}

export interface ParsedCitation {
  items: CiteItem[];
  /** Position just after the citation in the source. */
  end: number;
}

/**
 * A key: starts with a letter, digit or _, continues with those and internal punctuation
 * (: . # $ % & - + ? < > ~ /), never ends with punctuation; or anything but } inside @{…}.
 */
const KEY = /^(?:\{([^}\n]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/u;

export function readKey(src: string, at: number): { key: string; end: number } | null {
  const m = KEY.exec(src.slice(at, at + 500));
  if (!m) return null;
  return { key: (m[1] ?? m[2]).trim(), end: at + m[0].length };
}

/** CSL's locator labels, and the words authors write for them (a locale adds its own, see style.ts). */
export const LOCATOR_LABELS = [
  "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation", "equation", "figure", "folio",
  "issue", "line", "note", "opus", "page", "paragraph", "part", "rule", "scene", "section", "sub-verbo", "supplement",
  "table", "timestamp", "title-locator", "verse", "volume",
] as const;

/** A written form of a label ("p.", "pp.", "page", "S.") and the label it stands for. */
export type LabelTerm = [term: string, label: string];

const ENGLISH_TERMS: LabelTerm[] = [
  ["p.", "page"], ["pp.", "page"], ["page", "page"], ["pages", "page"],
  ["chap.", "chapter"], ["chaps.", "chapter"], ["ch.", "chapter"], ["chapter", "chapter"], ["chapters", "chapter"],
  ["sec.", "section"], ["secs.", "section"], ["section", "section"], ["sections", "section"], ["§", "section"], ["§§", "section"],
  ["para.", "paragraph"], ["paras.", "paragraph"], ["paragraph", "paragraph"], ["paragraphs", "paragraph"], ["¶", "paragraph"], ["¶¶", "paragraph"],
  ["fig.", "figure"], ["figs.", "figure"], ["figure", "figure"], ["figures", "figure"],
  ["vol.", "volume"], ["vols.", "volume"], ["volume", "volume"], ["volumes", "volume"],
  ["no.", "issue"], ["nos.", "issue"], ["n.", "note"], ["nn.", "note"], ["note", "note"], ["notes", "note"],
  ["l.", "line"], ["ll.", "line"], ["line", "line"], ["lines", "line"],
  ["pt.", "part"], ["pts.", "part"], ["part", "part"], ["parts", "part"],
  ["bk.", "book"], ["bks.", "book"], ["col.", "column"], ["cols.", "column"], ["fol.", "folio"], ["fols.", "folio"],
  ["v.", "verse"], ["vv.", "verse"], ["verse", "verse"], ["verses", "verse"], ["s.v.", "sub-verbo"], ["s.vv.", "sub-verbo"],
  ["app.", "appendix"], ["appendix", "appendix"], ["tbl.", "table"], ["table", "table"],
];

/** Longest terms first, so "pp." is not read as "p." followed by "p.". */
function sortTerms(terms: LabelTerm[]): LabelTerm[] {
  return [...terms].sort((a, b) => b[0].length - a[0].length);
}
const DEFAULT_TERMS = sortTerms(ENGLISH_TERMS);

/** English terms plus a locale's (German "S.", "Kap."; French "p.", "chap."). */
export function withLocaleTerms(terms: LabelTerm[]): LabelTerm[] {
  return sortTerms([...ENGLISH_TERMS, ...terms.filter(([term]) => term.trim() !== "")]);
}

function readLabel(text: string, terms: LabelTerm[]): { label: string; rest: string } | null {
  const lower = text.toLowerCase();
  for (const [term, label] of terms) {
    if (!lower.startsWith(term.toLowerCase())) continue;
    const after = text.slice(term.length);
    // A word term needs a space, a digit or the end after it ("page 3", "p.3"; not "pages" for "page").
    if (/^[\p{L}]/u.test(after) && /[\p{L}]$/u.test(term)) continue;
    return { label, rest: after.replace(/^[\s\u00a0]+/, "") };
  }
  return null;
}

/** One locator value: a number, roman numeral or a range, e.g. 33, iv, 33–35, 33--35 (TeX's en dash), 2.4, A-3. */
const VALUE = /^(?:[\p{N}]+[\p{L}]?|[ivxlcdm]+|[IVXLCDM]+|[A-Z]?\d+(?:\.\d+)*)(?:\s*(?:-{1,3}|[–—])\s*(?:[\p{N}]+[\p{L}]?|[ivxlcdm]+|[IVXLCDM]+|[A-Z]?\d+(?:\.\d+)*))?/u;

/**
 * Splits what follows a key (", p. 33 and passim") into a locator and a suffix, as pandoc
 * does: a leading comma is dropped; a label (p., chap., …) or a bare number starts the
 * locator; `{…}` gives the locator verbatim.
 */
export function splitLocator(after: string, terms: LabelTerm[] = DEFAULT_TERMS): { locator?: string; label?: string; suffix: string } {
  let rest = after.replace(/^\s*,?\s*/, "");
  if (rest === "") return { suffix: "" };
  const read = readLabel(rest, terms);
  const label = read?.label;
  if (read) rest = read.rest;
  const braced = /^\{([^}]*)\}/.exec(rest);
  if (braced && label) return { locator: braced[1].trim(), label, suffix: rest.slice(braced[0].length) };
  const values: string[] = [];
  let pos = 0;
  for (;;) {
    const m = VALUE.exec(rest.slice(pos));
    if (!m) break;
    // "315--16", as authors used to TeX write a range: an en dash, as pandoc's smart typography makes it.
    values.push(m[0].replace(/-{2,3}/, "–"));
    pos += m[0].length;
    const sep = /^\s*(?:,|&|and)\s*(?=[\p{N}ivxlcdmIVXLCDM])/u.exec(rest.slice(pos));
    if (!sep) break;
    // Only continue when what follows the comma is another value.
    if (!VALUE.exec(rest.slice(pos + sep[0].length))) break;
    values.push(sep[0].trim() === "," ? ", " : ` ${sep[0].trim()} `);
    pos += sep[0].length;
  }
  const nextChar = rest.charAt(pos);
  if (values.length === 0 || (nextChar !== "" && /[\p{L}\p{N}]/u.test(nextChar))) {
    // Not a locator after all (e.g. "[@key, especially the preface]").
    return label ? { suffix: after } : { suffix: after.replace(/^\s+/, after.startsWith(",") ? "" : " ") };
  }
  return { locator: values.join(""), label: label ?? "page", suffix: rest.slice(pos) };
}

/** One part of a bracketed citation: "see @key, p. 33" or "-@key". */
function parsePart(part: string, terms: LabelTerm[]): CiteItem | null {
  const at = /(^|[\s([{])(-?)@/.exec(part);
  if (!at) return null;
  const keyStart = at.index + at[0].length;
  const read = readKey(part, keyStart);
  if (!read) return null;
  const prefix = part.slice(0, at.index + at[1].length).trim();
  const { locator, label, suffix } = splitLocator(part.slice(read.end), terms);
  return { key: read.key, prefix, suffix: suffix.trim(), locator, label, suppressAuthor: at[2] === "-" };
}

/** Index of the `]` that closes the `[` at `open`, skipping code spans and escapes; -1 if none on the same paragraph. */
function closingBracket(src: string, open: number, max: number): number {
  let depth = 0;
  for (let i = open; i < max; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i++;
      continue;
    }
    if (c === 0x60 /* ` */) {
      const close = src.indexOf("`", i + 1);
      if (close < 0 || close >= max) return -1;
      i = close;
      continue;
    }
    if (c === 0x5b /* [ */) depth++;
    if (c === 0x5d /* ] */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * `[see @a, p. 3; @b]` starting at `pos` (which holds `[`), or null when the brackets are
 * not a citation: a link or reference (`](`, `][`), a note call (`[^`), or a part without a key.
 */
export function parseBracketedCitation(src: string, pos: number, max = src.length, terms: LabelTerm[] = DEFAULT_TERMS): ParsedCitation | null {
  if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) === 0x5e /* ^ */) return null;
  const close = closingBracket(src, pos, max);
  if (close < 0) return null;
  const next = src.charAt(close + 1);
  if (next === "(" || next === "[") return null; // a link: [text @x](url)
  const inner = src.slice(pos + 1, close);
  if (!inner.includes("@")) return null;
  const items: CiteItem[] = [];
  for (const part of inner.split(";")) {
    const item = parsePart(part, terms);
    if (!item) return null;
    items.push(item);
  }
  return items.length > 0 ? { items, end: close + 1 } : null;
}

/**
 * Narrative `@key` at `pos` (which holds `@`), with an optional bracketed locator right after
 * (`@key [p. 33]`). `before` is the character before `@`: a letter or digit there means an
 * e-mail address or a handle inside a word, not a citation.
 */
export function parseNarrativeCitation(src: string, pos: number, max = src.length, terms: LabelTerm[] = DEFAULT_TERMS): ParsedCitation | null {
  if (src.charCodeAt(pos) !== 0x40) return null;
  const before = pos > 0 ? src.charAt(pos - 1) : "";
  if (before && /[\p{L}\p{N}_@.\-+/]/u.test(before)) return null;
  const read = readKey(src.slice(0, max), pos + 1);
  if (!read) return null;
  const item: CiteItem = { key: read.key, prefix: "", suffix: "", suppressAuthor: false };
  let end = read.end;
  const bracket = /^ ?\[/.exec(src.slice(end, max));
  if (bracket) {
    const open = end + bracket[0].length - 1;
    const close = closingBracket(src, open, max);
    const next = close >= 0 ? src.charAt(close + 1) : "";
    const inner = close >= 0 ? src.slice(open + 1, close) : "";
    if (close >= 0 && next !== "(" && next !== "[" && !inner.includes("@") && !inner.startsWith("^")) {
      const { locator, label, suffix } = splitLocator(inner, terms);
      Object.assign(item, { locator, label, suffix: suffix.trim() });
      end = close + 1;
    }
  }
  return { items: [item], end };
}
