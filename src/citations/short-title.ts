/**
 * Chicago's shortened titles, as data: a work cited again is named by its author and a short
 * form of its title, and Chicago (17th ed., 14.33, "Short form for titles of works") makes that
 * short form from the main title (no subtitle) and usually omits an initial "A", "An" or "The".
 * Chicago's own examples do so: "Mead, “Dystopia,” 47." for “The Prophet of Dystopia”, and
 * "Keng, Lin, and Orazem, “Expanding College Access,”" for “Expanding College Access in Taiwan,
 * 1978–2014: Effects on …” (the 17th edition's citation quick guide: subtitle dropped, and the
 * main title cut to its key words, which needs judgment, see below). CSL can print a `title-short` but has
 * no way to compute one, so the bundled Chicago style would repeat the whole title, subtitle
 * and article included. This fills `title-short` for the styles that ask for it (see
 * `StyleInfo.chicagoShortTitles`), and only where the entry has none: a short title the author
 * gave (Zotero's *Short Title*, BibLaTeX's `shorttitle`) is always kept, and it is the way to
 * shorten a main title of more than four words to its key words, which needs judgment.
 */
import type { CslItem } from "./bibliography.ts";

/** A subtitle begins after a colon, or after a question or exclamation mark ending the main title. */
const SUBTITLE = /^(.+?)(?::\s+|(?<=[?!])\s+)\S/s;
const ARTICLE = /^(?:A|An|The)\s+(?=\S)/;

/** The title Chicago's short form starts from, or undefined when it is the title itself. */
export function chicagoShortTitle(title: string): string | undefined {
  const main = SUBTITLE.exec(title)?.[1] ?? title;
  const short = main.replace(ARTICLE, "").trim();
  return short && short !== title.trim() ? short : undefined;
}

/** English unless the entry says otherwise (the articles dropped are English ones). */
function isEnglish(item: CslItem): boolean {
  const language = typeof item.language === "string" ? item.language.trim().toLowerCase() : "";
  return language === "" || language === "english" || /^en(?:[-_]|$)/.test(language);
}

/** The item with Chicago's `title-short` filled in where it has none; the same object otherwise. */
export function withChicagoShortTitle(item: CslItem): CslItem {
  if (item["title-short"] || typeof item.title !== "string" || !isEnglish(item)) return item;
  const short = chicagoShortTitle(item.title);
  return short ? { ...item, "title-short": short } : item;
}
