/** Template filters: dates, authors, file sizes, and URLs relative to the page. */
import { labelsFor } from "../site/labels.ts";
import type { Person } from "../briefs/front-matter.ts";
import type { EleventyConfig } from "./types.ts";
import { hyphenateHtml } from "../print/hyphenate.ts";
import { sidenoteAnchors } from "../site/sidenotes.ts";

export function toPeople(author: unknown): Person[] {
  const list = Array.isArray(author) ? author : author ? [author] : [];
  return list.map((a) => (typeof a === "string" ? { name: a } : (a as Person)));
}

/** "Jordan Wilson", "A and B", "A, B and C". */
export function namesOf(author: unknown): string {
  const names = toPeople(author).map((p) => p.name);
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The calendar date of a brief (front matter dates are days, read in UTC). */
export function isoDay(date: Date | string): string {
  return (date instanceof Date ? date : new Date(date)).toISOString().slice(0, 10);
}

/** One formatter per language: making an Intl.DateTimeFormat costs ~1 ms, far more than formatting with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function readableDate(date: Date | string, lang = "en-US"): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }); // throws on a malformed tag, as before
    dateFormats.set(lang, format);
  }
  return format.format(date instanceof Date ? date : new Date(date));
}

/** "../../" from `/briefs/x/` to the site root, so the site works under any base path. */
export function rootFrom(url: string): string {
  const depth = url.split("/").filter(Boolean).length - (url.endsWith("/") ? 0 : 1);
  return depth <= 0 ? "./" : "../".repeat(depth);
}

/**
 * Relative `src` attributes in a brief's HTML, seen from its print page one folder down.
 * Quoted or not (`src=a.svg`); quoted values of other attributes are skipped whole, so a
 * "src=" inside an alt text is left alone.
 */
export function fromPrintPage(html: string): string {
  return html.replace(
    /(<img\b(?:[^>"'=]|=\s*"[^"]*"|=\s*'[^']*'|=(?!\s*["']))*?\ssrc\s*=\s*)(["']?)(?!["']?(?:[a-z][a-z0-9+.-]*:|\/|#))/gi,
    "$1$2../",
  );
}

/** Languages written right to left (by their script when the tag names one). */
const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Yezi"]);
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "pa-arab", "ps", "sd", "syr", "ug", "ur", "yi", "nqo", "mzn", "glk", "lrc", "bal", "khw", "azb"]);

/** "rtl" for a brief in Arabic, Hebrew, Persian, Urdu…; "ltr" otherwise (also for "az-Arab"-style tags by script). */
export function textDirection(lang: string | undefined): "ltr" | "rtl" {
  if (!lang) return "ltr";
  try {
    const locale = new Intl.Locale(lang);
    const script = locale.script ?? (locale.maximize().script as string | undefined);
    if (script) return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
    return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

/** Characters XML 1.0 does not allow (controls other than tab and line ends, U+FFFE/U+FFFF), removed. */
export function xmlSafe(text: unknown): string {
  return String(text ?? "").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
}

export function readingMinutes(html: string): number {
  const words = html.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230));
}

/**
 * The section headings (h2 with an id) of a rendered brief, for its table of contents; not
 * a box's own heading (class "box-heading", src/markdown/heading-ids.ts).
 */
export function tableOfContents(html: string): Array<{ id: string; text: string }> {
  // Any attribute order: an author's {#id .class} puts a class beside the id.
  return [...html.matchAll(/<h2\b([^>]*?)\sid="([^"]+)"([^>]*)>([\s\S]*?)<\/h2>/g)].filter((m) => !/\sclass="[^"]*\bbox-heading\b/.test(` ${m[1]} ${m[3]}`)).map((m) => ({
    id: m[2],
    // Note calls (a superscript group) are not part of the heading's words.
    text: m[4].replace(/<sup class="noterefs">[\s\S]*?<\/sup>/g, "").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').trim(),
  }));
}

/** Years of the briefs, newest first, for the collection page's filter. */
export function briefYears(briefs: Array<{ date: Date }>): string[] {
  return [...new Set(briefs.map((b) => isoDay(b.date).slice(0, 4)))].sort().reverse();
}

/** Keywords of the briefs, sorted, for the collection page's filter. */
export function briefKeywords(briefs: Array<{ data: Record<string, unknown> }>): string[] {
  return [...new Set(briefs.flatMap((b) => (b.data.keywords as string[] | undefined) ?? []))].sort((a, b) => a.localeCompare(b));
}

export default function filtersPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("people", toPeople);
  eleventyConfig.addFilter("labels", labelsFor); // the words around a brief, in its language (src/site/labels.ts)
  eleventyConfig.addFilter("names", namesOf);
  eleventyConfig.addFilter("isoDay", isoDay);
  eleventyConfig.addFilter("readableDate", readableDate);
  eleventyConfig.addFilter("rootFrom", rootFrom);
  eleventyConfig.addFilter("fromPrintPage", fromPrintPage);
  eleventyConfig.addFilter("textDirection", textDirection);
  eleventyConfig.addFilter("xmlSafe", xmlSafe);
  eleventyConfig.addFilter("readingMinutes", readingMinutes);
  eleventyConfig.addFilter("hyphenate", hyphenateHtml);
  eleventyConfig.addFilter("tableOfContents", tableOfContents);
  eleventyConfig.addFilter("sidenoteAnchors", sidenoteAnchors);
  eleventyConfig.addFilter("briefYears", briefYears);
  eleventyConfig.addFilter("briefKeywords", briefKeywords);
}
