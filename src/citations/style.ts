/**
 * CSL styles and locales. Bundled files live in `src/citations/csl/` (from the Citation Style
 * Language project, CC BY-SA 3.0: see its README.md), read by Node only, so they are not in
 * `assets/` (which is published with every site); a brief may bring its own `.csl` file beside it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../paths.ts";
import { LOCATOR_LABELS, type LabelTerm } from "./syntax.ts";
import { xmlFault, type XmlFault } from "./xml-check.ts";

export const CSL_DIR = path.join(REPO_ROOT, "src", "citations", "csl");

/** A style shipped with briefpress: its file in `src/citations/csl/`, and what briefpress does for it. */
interface BundledStyle {
  file: string;
  /** Fill in missing short titles by Chicago's rule (src/citations/short-title.ts). */
  chicagoShortTitles?: boolean;
}

/** Styles shipped with briefpress, by the name a brief gives in `csl:`. */
export const BUNDLED_STYLES: Record<string, BundledStyle> = {
  // briefpress's copy of the CSL project's Chicago 17 style, with the 17th edition's forms
  // where that style keeps 18th-edition ones (the changes are listed at the top of the file).
  "chicago-notes-bibliography-17th-edition-briefpress": { file: "chicago-notes-bibliography-17th-edition-briefpress.csl", chicagoShortTitles: true },
  // The CSL project's file as it is (what Zotero gives with the same name).
  "chicago-notes-bibliography-17th-edition": { file: "chicago-notes-bibliography-17th-edition.csl" },
  apa: { file: "apa.csl" },
};
export const DEFAULT_STYLE = "chicago-notes-bibliography-17th-edition-briefpress";

export interface StyleInfo {
  /** Names the style by its content (a hash of the XML): one compiled processor per id and locale. */
  id: string;
  /** The style's XML. */
  xml: string;
  /** Its <title>. */
  title: string;
  /** "note": citations become notes; "in-text": (Author 2020) in the text. */
  kind: "note" | "in-text";
  /** The style defines a bibliography (a list of works cited). */
  hasBibliography: boolean;
  /** Missing short titles are made by Chicago's rule before citing (bundled styles that ask for it). */
  chicagoShortTitles: boolean;
}

/** What a style says about itself, or what is wrong with it. */
export function describeStyle(xml: string): StyleInfo | { problem: string } {
  const root = /<style\b[^>]*>/.exec(xml)?.[0];
  if (!root || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(root)) {
    return { problem: "is not a CSL style (no <style xmlns=\"http://purl.org/net/xbiblio/csl\">)" };
  }
  const parent = /<link\b[^>]*rel="independent-parent"[^>]*>/.exec(xml)?.[0];
  if (parent || !/<citation\b/.test(xml)) {
    const href = parent ? /href="([^"]+)"/.exec(parent)?.[1] : undefined;
    return { problem: `is a dependent style (it only names its parent${href ? ` ${href}` : ""}): use the parent style's .csl file instead` };
  }
  const kind = /\bclass="note"/.test(root) ? "note" : "in-text";
  const title = /<title>([^<]*)<\/title>/.exec(xml)?.[1]?.trim() ?? "CSL style";
  const id = createHash("sha256").update(xml).digest("hex");
  return { id, xml, title, kind, hasBibliography: /<bibliography\b/.test(xml), chicagoShortTitles: false };
}

/**
 * What citeproc-js would not tell about a brief's own style: XML that is not well-formed (it
 * parses leniently and cites with what it reached) and a `macro="…"` that names no macro (it
 * prints "[CSL STYLE ERROR: …]" in the note). Given with their line in the file.
 */
export function styleFault(xml: string): XmlFault | undefined {
  const fault = xmlFault(xml);
  if (fault) return fault;
  // Comments blanked out, lines kept: a macro used in a comment is not used.
  const bare = xml.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
  const defined = new Set([...bare.matchAll(/<macro\s[^>]*\bname="([^"]*)"/g)].map((m) => m[1]));
  for (const m of bare.matchAll(/<[a-z-]+\s[^>]*\bmacro="([^"]*)"/g)) {
    if (defined.has(m[1])) continue;
    const line = bare.slice(0, m.index).split("\n").length;
    return { line, message: `macro "${m[1]}" is used but not defined (no <macro name="${m[1]}">)` };
  }
  return undefined;
}

const bundled = new Map<string, StyleInfo>();

/** A style shipped with briefpress, read once per process. */
export function bundledStyle(name: string): StyleInfo {
  let info = bundled.get(name);
  if (!info) {
    const { file, chicagoShortTitles = false } = BUNDLED_STYLES[name];
    const described = describeStyle(readFileSync(path.join(CSL_DIR, file), "utf8"));
    if ("problem" in described) throw new Error(`bundled style ${name} ${described.problem}`);
    info = { ...described, chicagoShortTitles };
    bundled.set(name, info);
  }
  return info;
}

/** Default region of a language, for locales named by language only (`lang: de`). */
const DEFAULT_REGION: Record<string, string> = {
  en: "en-US", de: "de-DE", fr: "fr-FR", es: "es-ES", it: "it-IT", nl: "nl-NL", pt: "pt-PT", zh: "zh-CN",
  ja: "ja-JP", ko: "ko-KR", ru: "ru-RU", pl: "pl-PL", sv: "sv-SE", da: "da-DK", nb: "nb-NO", no: "nb-NO",
  fi: "fi-FI", cs: "cs-CZ", tr: "tr-TR", uk: "uk-UA", he: "he-IL", ar: "ar",
};

/** The bundled CSL locale closest to a BCP 47 tag, or undefined when there is none. */
export function localeFor(lang: string): string | undefined {
  const [canonical] = Intl.getCanonicalLocales(lang);
  const parts = canonical.split("-");
  const language = parts[0].toLowerCase();
  const region = parts.find((p, i) => i > 0 && /^[A-Z]{2}$/.test(p));
  if (language === "zh") {
    const traditional = parts.includes("Hant") || region === "TW" || region === "HK" || region === "MO";
    return localeFile(traditional ? "zh-TW" : "zh-CN") ? (traditional ? "zh-TW" : "zh-CN") : undefined;
  }
  for (const candidate of [region ? `${language}-${region}` : "", DEFAULT_REGION[language] ?? ""]) {
    if (candidate && localeFile(candidate)) return candidate;
  }
  return undefined;
}

function localeFile(name: string): string | undefined {
  const file = path.join(CSL_DIR, `locales-${name}.xml`);
  return /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$/.test(name) && existsSync(file) ? file : undefined;
}

const locales = new Map<string, string | false>();

/** citeproc's `retrieveLocale`: the bundled locale's XML (read once), or false (citeproc then uses en-US). */
export function readLocale(name: string): string | false {
  let xml = locales.get(name);
  if (xml === undefined) {
    const file = localeFile(name);
    xml = file ? readFileSync(file, "utf8") : false;
    locales.set(name, xml);
  }
  return xml;
}

/** Heading of the list of works cited, in the brief's language. */
const BIBLIOGRAPHY_TITLES: Record<string, [notes: string, inText: string]> = {
  en: ["Bibliography", "References"],
  de: ["Bibliographie", "Literaturverzeichnis"],
  fr: ["Bibliographie", "Références"],
  es: ["Bibliografía", "Referencias"],
  it: ["Bibliografia", "Riferimenti bibliografici"],
  nl: ["Bibliografie", "Referenties"],
  pt: ["Bibliografia", "Referências"],
};

export function bibliographyTitle(lang: string, kind: StyleInfo["kind"]): string {
  const titles = BIBLIOGRAPHY_TITLES[lang.split("-")[0].toLowerCase()] ?? BIBLIOGRAPHY_TITLES.en;
  return kind === "note" ? titles[0] : titles[1];
}

const labelTerms = new Map<string, LabelTerm[]>();

/** The locale's words for locator labels (long and short, singular and plural), e.g. ["S.", "page"]. */
export function localeLabelTerms(locale: string): LabelTerm[] {
  let terms = labelTerms.get(locale);
  if (!terms) {
    terms = readLabelTerms(locale);
    labelTerms.set(locale, terms);
  }
  return terms;
}

function readLabelTerms(locale: string): LabelTerm[] {
  const xml = readLocale(locale);
  if (!xml) return [];
  const terms: LabelTerm[] = [];
  const labels = new Set<string>(LOCATOR_LABELS);
  for (const m of xml.matchAll(/<term name="([a-z-]+)"(?: form="(?:long|short|symbol)")?>([\s\S]*?)<\/term>/g)) {
    if (!labels.has(m[1])) continue;
    const forms = /<single>/.test(m[2]) ? [...m[2].matchAll(/<(?:single|multiple)>([^<]*)<\/(?:single|multiple)>/g)].map((f) => f[1]) : [m[2]];
    for (const form of forms) terms.push([decodeXml(form).trim(), m[1]]);
  }
  return terms;
}

function decodeXml(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
