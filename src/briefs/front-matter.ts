/**
 * The brief's front matter, checked with zod. Field names are the authoring interface
 * documented in the README. Every text field has a length limit and may not hold control
 * characters (they make feed.xml and sitemap.xml invalid XML) or bidi overrides (they
 * reorder what readers see of a title without showing why).
 */
import { z } from "zod";
import { findLongWord } from "./words.ts";

/** A brief's language and paper size when neither it nor the site configuration names one. */
export const DEFAULT_LANG = "en-US";
export const DEFAULT_PAPER = "letter";

/** Longest allowed value of each text field, in characters. */
export const LIMITS = {
  title: 500,
  subtitle: 500,
  short_title: 200,
  publisher: 300,
  series: 300,
  report_number: 100,
  summary: 2000,
  disclaimer: 5000,
  keyword: 100,
  keywords: 50,
  name: 200,
  role: 300,
  file: 300,
} as const;

/** C0 and C1 controls other than tab and line feed, and the non-characters U+FFFE/U+FFFF. */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/;
/** Explicit bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
export const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Longest "word" (run without spaces) in a front matter field. */
const MAX_FIELD_WORD = 200;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** A trimmed, non-empty text field of at most `max` characters without controls. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const control = CONTROL_CHARACTER.exec(value);
      if (control) ctx.addIssue({ code: "custom", message: `holds the control character ${codePoint(control[0])} at character ${control.index + 1}: remove it` });
      const bidi = BIDI_CONTROL.exec(value);
      if (bidi) ctx.addIssue({ code: "custom", message: `holds the bidi control ${codePoint(bidi[0])} at character ${bidi.index + 1}: remove it (set lang: for right-to-left text)` });
      const long = findLongWord(value, MAX_FIELD_WORD);
      if (long) ctx.addIssue({ code: "custom", message: `holds a word of ${long.length} characters (at most ${MAX_FIELD_WORD}): add spaces` });
    });
}

const isoDate = z
  .union([z.date(), z.string()])
  .transform((value, ctx) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: "custom", message: `"${text.length > 40 ? `${text.slice(0, 37)}…` : text}" is not a real date: write it as YYYY-MM-DD, e.g. 2015-01-14` });
      return z.NEVER;
    }
    return text;
  });

const person = z.object({ name: text(LIMITS.name), role: text(LIMITS.role).optional() }).strict();
export type Person = z.infer<typeof person>;

const authors = z
  .union([text(LIMITS.name), person, z.array(z.union([text(LIMITS.name), person])).min(1)])
  .transform((value): Person[] => (Array.isArray(value) ? value : [value]).map((a) => (typeof a === "string" ? { name: a } : a)));

const bcp47 = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { message: "must be a BCP 47 language tag such as en-US, en-GB or zh-Hans" },
);

/** The fields as written in front matter (their names are the authoring interface). */
export const frontMatterFields = z.object({
  title: text(LIMITS.title),
  short_title: text(LIMITS.short_title).optional(),
  /** The title in sentence case for APA citations, where reading the brief's prose gets a proper noun wrong. */
  title_sentence_case: text(LIMITS.title).optional(),
  subtitle: text(LIMITS.subtitle).optional(),
  author: authors.optional(),
  publisher: text(LIMITS.publisher).optional(),
  series: text(LIMITS.series).optional(),
  report_number: z.union([text(LIMITS.report_number), z.number()]).transform(String).optional(),
  date: isoDate,
  lang: bcp47.default(DEFAULT_LANG),
  page: z.enum(["letter", "a4"]).default(DEFAULT_PAPER),
  summary: text(LIMITS.summary).optional(),
  keywords: z
    .union([text(LIMITS.keywords * LIMITS.keyword), z.array(text(LIMITS.keyword)).max(LIMITS.keywords)])
    .transform((k) => (Array.isArray(k) ? k : k.split(/\s*,\s*/)).filter(Boolean))
    .optional(),
  disclaimer: text(LIMITS.disclaimer).optional(),
  // Citations (src/citations/): a .bib or CSL JSON file beside the brief, a CSL style, where notes go.
  bibliography: text(LIMITS.file).optional(),
  csl: text(LIMITS.file).optional(),
  citations: z.enum(["endnotes", "footnotes"]).optional(),
  bibliography_title: z.union([text(LIMITS.title), z.literal(false)]).optional(),
});

/**
 * The checked front matter as every later step sees it (templates, PDF metadata): parsed once,
 * by the loader. `page` (letter|a4) is called `paper` from here on, because `page` is
 * Eleventy's own variable in templates.
 */
export const frontMatterSchema = frontMatterFields.transform(({ page, ...fields }) => ({ ...fields, paper: page }));

export type FrontMatter = z.output<typeof frontMatterSchema>;
export const KNOWN_KEYS = new Set(Object.keys(frontMatterFields.shape));

/** What each field holds, for messages about the wrong kind of value. */
const EXPECTED: Record<string, string> = {
  title: "text",
  short_title: "text",
  title_sentence_case: "text",
  subtitle: "text",
  author: 'a name, a list of names, or a list of entries with "name:" (and "role:")',
  publisher: "text",
  series: "text",
  report_number: "text or a number",
  date: "a date written YYYY-MM-DD",
  lang: "a language tag such as en-US",
  page: '"letter" or "a4"',
  summary: "text",
  keywords: "text or a list of words",
  disclaimer: "text",
  bibliography: "a file name beside the brief, e.g. references.bib or references.json",
  csl: 'a bundled style (chicago-notes-bibliography-17th-edition-briefpress, chicago-notes-bibliography-17th-edition, apa) or a .csl file beside the brief',
  citations: '"endnotes" or "footnotes"',
  bibliography_title: "text, or false for no list of works cited",
};

/** "a number (2020)", "a list", "nothing", "true": what the author wrote, in words. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean") return `${value} (yes/no)`;
  if (value instanceof Date) return `a date (${value.toISOString().slice(0, 10)})`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a set of fields";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 37)}…` : value}"`;
  return typeof value;
}

/** `author[1].name` */
export function pathName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") || "front matter";
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = raw;
  for (const key of path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  maximum?: unknown;
  minimum?: unknown;
  origin?: string;
  keys?: string[];
}

/** One zod issue as a sentence that says what is wrong and how to fix it. */
export function describeIssue(issue: Issue, raw: unknown): string {
  const name = pathName(issue.path);
  const top = String(issue.path[0] ?? "");
  const value = valueAt(raw, issue.path);
  const expected = issue.path.length === 1 ? EXPECTED[top] : typeof issue.path.at(-1) === "number" ? "text" : issue.path.at(-1) === "name" || issue.path.at(-1) === "role" ? "text" : EXPECTED[top];
  if (value === undefined && issue.path.length === 1 && issue.code !== "custom") {
    return `${name} is required: add "${name}: …" to the front matter${top === "date" ? " (YYYY-MM-DD)" : ""}`;
  }
  switch (issue.code) {
    case "invalid_type":
    case "invalid_union":
      if (typeof value === "string" && top === "date") return `${name}: "${value}" is not a date: write it as YYYY-MM-DD, e.g. 2015-01-14`;
      return `${name} must be ${expected ?? "something else"}, got ${describeValue(value)}${typeof value === "number" && expected === "text" ? `: put it in quotes (${name}: "${value}")` : ""}`;
    case "too_small":
      return issue.origin === "array" ? `${name} must not be an empty list` : `${name} must not be empty`;
    case "too_big":
      return issue.origin === "array"
        ? `${name} has ${Array.isArray(value) ? value.length : "too many"} entries: keep it to ${String(issue.maximum)}`
        : `${name} is ${typeof value === "string" ? value.trim().length : "too many"} characters long: keep it to ${String(issue.maximum)} or fewer${top === "title" ? " (a long title can be shortened for the running head with short_title)" : ""}`;
    case "invalid_value":
      return `${name} must be ${expected ?? "one of the allowed values"}, got ${describeValue(value)}`;
    case "unrecognized_keys":
      return `${name} has an unknown field ${(issue.keys ?? []).map((k) => `"${k}"`).join(", ")}: an author has "name:" and optionally "role:"`;
    default:
      return issue.message.startsWith('"') ? `${name}: ${issue.message}` : `${name} ${issue.message}`;
  }
}
