/**
 * "Cite this brief": Chicago and APA strings, BibTeX and RIS, from the front matter.
 * A brief is a report with named authors (or an institution), a date and a URL: a few
 * templates cover it, so no citation library (citation-js would add ~15 MB of CSL
 * machinery for four fixed formats). APA's title is in sentence case (sentence-case.ts: the
 * caller gives it, read from the brief's prose or its front matter); the others keep the title
 * as written.
 */
import type { Person } from "../briefs/front-matter.ts";

export interface CitableBrief {
  title: string;
  /** The title in sentence case, for APA (sentence-case.ts); the title as written without it. */
  sentenceCaseTitle?: string;
  authors: Person[];
  publisher?: string;
  series?: string;
  reportNumber?: string;
  /** YYYY-MM-DD */
  date: string;
  /** Absolute URL of the brief's page, if the site's base URL is known. */
  url?: string;
  slug: string;
  summary?: string;
  keywords?: string[];
  lang?: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Jordan Wilson" → { family: "Wilson", given: "Jordan" } (the last word is the family name). */
export function splitName(name: string): { family: string; given: string } {
  const parts = name.trim().split(/\s+/);
  return parts.length === 1 ? { family: parts[0], given: "" } : { family: parts.at(-1)!, given: parts.slice(0, -1).join(" ") };
}

const initials = (given: string) =>
  given
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((g) => `${g[0]}.`)
    .join(" ");

function dateParts(date: string) {
  const [y, m, d] = date.split("-").map(Number);
  return { year: y, month: MONTHS[m - 1], day: d, monthIndex: m };
}

const seriesPart = (b: CitableBrief) => [b.series, b.reportNumber].filter(Boolean).join(" ");

/** A citation as runs of text: the title in italics (both styles set a report's title so), the URL as a link. */
export type CitationPart = { text: string; italic?: boolean; url?: boolean };

/** Chicago 17, bibliography entry for a report: Family, Given. *Title*. Series. Publisher, Month Day, Year. URL. */
export function chicagoParts(b: CitableBrief): CitationPart[] {
  const { year, month, day } = dateParts(b.date);
  const names = b.authors.map((a, i) => {
    const { family, given } = splitName(a.name);
    return i === 0 && given ? `${family}, ${given}` : a.name;
  });
  const authors = names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")}, and ${names.at(-1)}`;
  const where = [seriesPart(b), b.publisher].filter(Boolean).join(". ");
  const parts: CitationPart[] = [{ text: authors ? `${authors.replace(/\.$/, "")}. ` : "" }, { text: b.title.replace(/[.]$/, ""), italic: true }];
  parts.push({ text: `. ${where ? `${where}, ` : ""}${month} ${day}, ${year}.` });
  if (b.url) parts.push({ text: " " }, { text: b.url, url: true }, { text: "." });
  return parts;
}

/**
 * APA 7, report with a group or individual authors: Family, I. (Year). *Title* (Series). Publisher. URL
 * With neither authors nor a publisher, the title takes the author's place (APA 7, table 9.1:
 * "Title. (Date). Source.").
 */
export function apaParts(b: CitableBrief): CitationPart[] {
  const { year } = dateParts(b.date);
  const names = b.authors.map((a) => {
    const { family, given } = splitName(a.name);
    return given ? `${family}, ${initials(given)}` : family;
  });
  const authors = names.length === 0 ? b.publisher ?? "" : names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")}, & ${names.at(-1)}`;
  const series = seriesPart(b);
  const title: CitationPart = { text: (b.sentenceCaseTitle ?? b.title).replace(/[.]$/, ""), italic: true };
  const parts: CitationPart[] = [];
  if (authors) {
    const publisher = b.publisher && b.authors.length > 0 ? ` ${b.publisher}.` : "";
    parts.push({ text: `${authors} (${year}). ` }, title, { text: `${series ? ` (${series})` : ""}.${publisher}` });
  } else {
    parts.push(title, { text: `${series ? ` (${series})` : ""}. (${year}).` });
  }
  if (b.url) parts.push({ text: " " }, { text: b.url, url: true });
  return parts;
}

export const citationText = (parts: CitationPart[]): string => parts.map((p) => p.text).join("");

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The citation as HTML: <i> for the title, <a> for the URL; every text escaped. */
export function citationHtml(parts: CitationPart[]): string {
  return parts
    .map((p) => (p.url ? `<a href="${escapeHtml(p.text)}">${escapeHtml(p.text)}</a>` : p.italic ? `<i>${escapeHtml(p.text)}</i>` : escapeHtml(p.text)))
    .join("");
}

export const chicago = (b: CitableBrief): string => citationText(chicagoParts(b));
export const apa = (b: CitableBrief): string => citationText(apaParts(b));

/**
 * A field on one line, without control characters: BibTeX and RIS are line-based, and a
 * line break in a title would end the RIS record early ("ER  -" on the next line).
 */
export const oneLine = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "").replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ");

const bibEscape = (text: string) => oneLine(text).replace(/([{}&%$#_])/g, "\\$1");

export function citationKey(b: CitableBrief): string {
  const family = b.authors[0] ? splitName(b.authors[0].name).family : (b.publisher ?? "brief");
  const word = b.title.split(/\s+/).find((w) => w.replace(/\W/g, "").length > 3) ?? "brief";
  return `${family}${b.date.slice(0, 4)}${word}`.normalize("NFKD").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

export function bibtex(b: CitableBrief): string {
  const { year, monthIndex } = dateParts(b.date);
  const fields: Array<[string, string | undefined]> = [
    ["author", b.authors.map((a) => { const { family, given } = splitName(a.name); return bibEscape(given ? `${family}, ${given}` : family); }).join(" and ") || undefined],
    ["title", bibEscape(b.title).replace(/\S*[A-Z]\S*[A-Z]\S*/g, (w) => `{${w}}`)], // {U.S.}, {FBI}: kept as written by any style
    // A list field in BibTeX: " and " would split the institution in two, so it is braced whole.
    ["institution", b.publisher && (/\sand\s/i.test(b.publisher) ? `{${bibEscape(b.publisher)}}` : bibEscape(b.publisher))],
    ["type", b.series && bibEscape(b.series)],
    ["number", b.reportNumber && bibEscape(b.reportNumber)],
    ["year", String(year)],
    ["month", ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"][monthIndex - 1]],
    ["date", b.date],
    ["url", b.url],
  ];
  const body = fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === "month" ? `  ${k} = ${v}` : `  ${k} = {${v}}`))
    .join(",\n");
  return `@techreport{${citationKey(b)},\n${body}\n}\n`;
}

export function ris(b: CitableBrief): string {
  const lines = ["TY  - RPRT", ...b.authors.map((a) => { const { family, given } = splitName(oneLine(a.name)); return `AU  - ${given ? `${family}, ${given}` : family}`; })];
  lines.push(`TI  - ${oneLine(b.title)}`);
  if (b.series) lines.push(`M3  - ${oneLine(b.series)}`); // RIS: type of work (T3 is a series title)
  if (b.reportNumber) lines.push(`IS  - ${oneLine(b.reportNumber)}`);
  if (b.publisher) lines.push(`PB  - ${oneLine(b.publisher)}`);
  lines.push(`PY  - ${b.date.slice(0, 4)}`, `DA  - ${b.date.replace(/-/g, "/")}`);
  if (b.url) lines.push(`UR  - ${b.url}`);
  if (b.summary) lines.push(`AB  - ${oneLine(b.summary)}`);
  for (const k of b.keywords ?? []) lines.push(`KW  - ${oneLine(k)}`);
  if (b.lang) lines.push(`LA  - ${oneLine(b.lang)}`);
  lines.push("ER  - ");
  return "\ufeff" + lines.join("\r\n") + "\r\n"; // with a byte-order mark: EndNote reads UTF-8 only so
}
