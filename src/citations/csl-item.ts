/**
 * The shape of a CSL JSON item as citeproc-js needs it (CSL 1.0.2: its types, its name, date
 * and text variables), checked before citing: citeproc-js drops a name or a date of the wrong
 * shape without a word ("author": "Smith, John" gave a note with no author), and stops on a
 * list or a number where it expects text ("language": ["en", "de"] stopped the build with
 * "Item.language.match is not a function").
 *
 * - `cslItemProblems` says what is wrong with an item an author or a tool wrote (CSL JSON);
 * - `normalizeCslItem` makes an item that is right, or that citation.js converted from
 *   BibLaTeX (whose list fields, such as `language = {english and german}` or
 *   `location = {London and New York}`, it gives as lists), into the strings citeproc reads.
 */
import { closestKeys } from "./closest-keys.ts";
import type { CslItem } from "./bibliography.ts";

export const CSL_TYPES = [
  "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter", "classic",
  "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic",
  "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
  "paper-conference", "patent", "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation",
  "report", "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
];

const NAME_VARIABLES = new Set([
  "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator", "director",
  "editor", "editorial-director", "editor-translator", "executive-producer", "guest", "host", "illustrator", "interviewer",
  "narrator", "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author", "script-writer",
  "series-creator", "translator",
]);

const DATE_VARIABLES = new Set(["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]);

/** Text (or number) variables: citeproc-js calls string methods on them. */
const TEXT_VARIABLES = new Set([
  "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority", "call-number",
  "chapter-number", "citation-label", "collection-number", "collection-title", "container-title", "container-title-short",
  "dimensions", "division", "DOI", "edition", "event", "event-title", "event-place", "genre", "ISBN", "ISSN", "issue",
  "jurisdiction", "keyword", "language", "license", "medium", "note", "number", "number-of-pages", "number-of-volumes",
  "original-publisher", "original-publisher-place", "original-title", "page", "page-first", "part", "part-title", "PMCID",
  "PMID", "printing", "publisher", "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "section",
  "source", "status", "supplement", "title", "title-short", "URL", "version", "volume", "volume-title", "volume-title-short",
]);

const NAME_PARTS = ["family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle"];

/** A date written as text, as pandoc accepts it: 2014, 2014-05, 2014-05-01, or a range of those with "/". */
const DATE_TEXT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function datePartsOf(text: string): number[][] | undefined {
  const parts = text.trim().split("/");
  if (parts.length > 2) return undefined;
  const out: number[][] = [];
  for (const part of parts) {
    const m = DATE_TEXT.exec(part.trim());
    if (!m) return undefined;
    const ymd = m.slice(1).filter((x) => x !== undefined).map(Number);
    if ((ymd[1] !== undefined && (ymd[1] < 1 || ymd[1] > 12)) || (ymd[2] !== undefined && (ymd[2] < 1 || ymd[2] > 31))) return undefined;
    out.push(ymd);
  }
  return out;
}

const isText = (v: unknown) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v));

/** What is wrong with each field of a CSL JSON item, by field name (the caller gives each its line). */
export function cslItemProblems(item: Record<string, unknown>): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const type = item.type;
  if (typeof type === "string" && !CSL_TYPES.includes(type)) {
    const close = closestKeys(type, CSL_TYPES, 3);
    problems.push({ field: "type", message: `"type": "${type}" is not a CSL type${close.length ? ` (did you mean ${close.map((t) => `"${t}"`).join(", ")}?)` : ""}` });
  }
  for (const [field, value] of Object.entries(item)) {
    if (value === null || value === undefined) continue;
    if (NAME_VARIABLES.has(field)) {
      const names = Array.isArray(value) ? value : undefined;
      const bad = !names || names.some((n) => !n || typeof n !== "object" || Array.isArray(n) || !NAME_PARTS.some((p) => isText((n as Record<string, unknown>)[p])) || NAME_PARTS.some((p) => (n as Record<string, unknown>)[p] != null && !isText((n as Record<string, unknown>)[p])));
      if (bad) problems.push({ field, message: `"${field}" must be a list of names, each with "family" and "given" or a "literal" name: [{ "family": "Smith", "given": "Zadie" }, { "literal": "World Bank" }]` });
    } else if (DATE_VARIABLES.has(field)) {
      if (typeof value === "string") {
        if (!datePartsOf(value)) problems.push({ field, message: `"${field}": "${value}" is not a date: write { "date-parts": [[2014, 12, 19]] }, "2014-12-19", or { "literal": "${value}" } to print it as written` });
        continue;
      }
      const date = value as Record<string, unknown>;
      const parts = date["date-parts"];
      const partsOk = Array.isArray(parts) && parts.length >= 1 && parts.length <= 2 && parts.every((p) => Array.isArray(p) && p.length >= 1 && p.length <= 3 && p.every((x) => /^-?\d+$/.test(String(x).trim())));
      const ok = typeof value === "object" && !Array.isArray(value) && (partsOk || (parts === undefined && (isText(date.literal) || isText(date.raw))));
      if (!ok) problems.push({ field, message: `"${field}" must be a date: { "date-parts": [[2014, 12, 19]] } (year, month, day; a second list for a range), or { "literal": "…" }` });
    } else if (TEXT_VARIABLES.has(field) && !isText(value)) {
      problems.push({ field, message: `"${field}" must be text${Array.isArray(value) ? ", not a list" : ""}` });
    }
  }
  return problems;
}

/**
 * The item with its text variables as strings (a list of texts joined: "; " between places or
 * publishers, the first of several languages), its dates written as text as date parts, an
 * open end of a range left out, and numbers in names as text. Returns a new item.
 */
export function normalizeCslItem(item: CslItem): CslItem {
  const out: Record<string, unknown> = { ...item };
  for (const [field, value] of Object.entries(item)) {
    if (TEXT_VARIABLES.has(field)) {
      if (typeof value === "number") out[field] = String(value);
      else if (Array.isArray(value) && value.every(isText)) out[field] = field === "language" ? String(value[0] ?? "") : value.map(String).join("; ");
    } else if (DATE_VARIABLES.has(field) && typeof value === "string") {
      const parts = datePartsOf(value);
      out[field] = parts ? { "date-parts": parts } : { literal: value };
    } else if (DATE_VARIABLES.has(field) && value && typeof value === "object" && Array.isArray((value as Record<string, unknown>)["date-parts"])) {
      // citation.js gives an open range ("1850/", BibLaTeX) as [[1850], null]: citeproc-js stops on the null.
      let parts = ((value as Record<string, unknown>)["date-parts"] as unknown[][]).filter((p) => Array.isArray(p) && p.length > 0);
      // A range's two dates must have as many parts (citeproc-js: "element mismatch in date
      // range input"): an open end ([0], Better BibTeX) takes the start's length; otherwise
      // both keep the parts they share (2014-12 to 2015 is 2014 to 2015).
      if (parts.length === 2 && parts[0].length !== parts[1].length) {
        const [start, end] = parts;
        parts = end.every((x) => Number(x) === 0) ? [start, start.map(() => 0)] : [start.slice(0, end.length), end.slice(0, start.length)];
      }
      out[field] = { ...(value as object), "date-parts": parts };
      if (parts.length === 0) delete out[field];
    } else if (NAME_VARIABLES.has(field) && Array.isArray(value)) {
      out[field] = value.map((n) => (n && typeof n === "object" ? Object.fromEntries(Object.entries(n).map(([k, v]) => [k, typeof v === "number" ? String(v) : v])) : n));
    }
  }
  return out as CslItem;
}
