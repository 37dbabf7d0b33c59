/**
 * The words briefpress itself writes around a brief (headings, link texts, accessible names),
 * in the brief's language: English, German and French; any other language gets English.
 * Used by the web page, the print page (and so the PDF) and the notes plugin.
 */
import { ordinalWord } from "../notes/symbols.ts";

export interface Labels {
  /** Heading of the endnotes section (web page, print page, PDF bookmarks). */
  notes: string;
  contents: string;
  skipToMain: string;
  siteNavigation: string;
  downloadPdf: string;
  minutesToRead: (minutes: number) => string;
  citeThisBrief: string;
  downloadCitation: string;
  /** Ctrl-P of the web page: the line pointing to the typeset PDF (before its file name). */
  printedFromWeb: string;
  publishedWith: string;
  /** Print page, on screen: the link back to the web page. */
  readOnWeb: string;
  webEdition: string;
  /** Beside the PDF's download link: "(PDF, 5 pages, 139 KB)"; `size` as formatBytes writes it. */
  pdfInfo: (pages: number, size: string) => string;
  /** The PDF's page numbers: "3 of 5". */
  pageOf: string;
  /** Accessible names of note calls and back-links: they contain what the link shows. */
  footnote: (symbol: string) => string;
  note: (shown: string) => string;
  backToFootnote: (symbol: string) => string;
  backToNote: (shown: string) => string;
  /** A note called several times: the back-link to its k-th call (k from 1). */
  backToNoteCall: (number: number, k: number, shown: string) => string;
  /** og:image's text alternative. */
  firstPageOfPdf: (title: string) => string;
}

const en: Labels = {
  notes: "Notes",
  contents: "Contents",
  skipToMain: "Skip to main content",
  siteNavigation: "Site",
  downloadPdf: "Download the PDF",
  minutesToRead: (n) => `${n} min read`,
  citeThisBrief: "Cite this brief",
  downloadCitation: "Download the citation",
  printedFromWeb: "Printed from the web page. The typeset edition of this brief is its PDF:",
  publishedWith: "Published with briefpress.",
  readOnWeb: "Read this brief on the web",
  webEdition: "Web edition",
  pdfInfo: (pages, size) => `(PDF, ${pages} page${pages === 1 ? "" : "s"}, ${size})`,
  pageOf: "of",
  footnote: (s) => `Footnote ${s}`,
  note: (shown) => `Note ${shown}`,
  backToFootnote: (s) => `Back to the text of footnote ${s}`,
  backToNote: (shown) => `Back to the text of note ${shown}`,
  backToNoteCall: (n, k, shown) => `Back to the text of note ${n}, ${ordinalWord(k)} reference, ${shown}`,
  firstPageOfPdf: (title) => `The first page of the PDF: ${title}`,
};

const de: Labels = {
  notes: "Anmerkungen",
  contents: "Inhalt",
  skipToMain: "Zum Inhalt springen",
  siteNavigation: "Website",
  downloadPdf: "PDF herunterladen",
  minutesToRead: (n) => `${n} Min. Lesezeit`,
  citeThisBrief: "Zitiervorschlag",
  downloadCitation: "Literaturangabe herunterladen",
  printedFromWeb: "Von der Webseite gedruckt. Die gesetzte Ausgabe ist das PDF:",
  publishedWith: "Veröffentlicht mit briefpress.",
  readOnWeb: "Im Web lesen",
  webEdition: "Webausgabe",
  pdfInfo: (pages, size) => `(PDF, ${pages} Seite${pages === 1 ? "" : "n"}, ${size.replace(".", ",")})`,
  pageOf: "von",
  footnote: (s) => `Fußnote ${s}`,
  note: (shown) => `Anmerkung ${shown}`,
  backToFootnote: (s) => `Zurück zum Text von Fußnote ${s}`,
  backToNote: (shown) => `Zurück zum Text von Anmerkung ${shown}`,
  backToNoteCall: (n, k, shown) => `Zurück zum Text von Anmerkung ${n}, ${k}. Verweis, ${shown}`,
  firstPageOfPdf: (title) => `Die erste Seite des PDF: ${title}`,
};

const fr: Labels = {
  notes: "Notes",
  contents: "Sommaire",
  skipToMain: "Aller au contenu",
  siteNavigation: "Site",
  downloadPdf: "Télécharger le PDF",
  minutesToRead: (n) => `${n} min de lecture`,
  citeThisBrief: "Citer ce document",
  downloadCitation: "Télécharger la référence",
  printedFromWeb: "Imprimé depuis la page web. L’édition composée de ce document est son PDF :",
  publishedWith: "Publié avec briefpress.",
  readOnWeb: "Lire ce document en ligne",
  webEdition: "Édition web",
  pdfInfo: (pages, size) => `(PDF, ${pages} page${pages === 1 ? "" : "s"}, ${size.replace(".", ",").replace(/KB$/, "Ko").replace(/MB$/, "Mo")})`,
  pageOf: "sur",
  footnote: (s) => `Note de bas de page ${s}`,
  note: (shown) => `Note ${shown}`,
  backToFootnote: (s) => `Retour au texte de la note de bas de page ${s}`,
  backToNote: (shown) => `Retour au texte de la note ${shown}`,
  backToNoteCall: (n, k, shown) => `Retour au texte de la note ${n}, ${k === 1 ? "1re" : `${k}e`} référence, ${shown}`,
  firstPageOfPdf: (title) => `La première page du PDF : ${title}`,
};

const TABLE: Record<string, Labels> = { en, de, fr };

/** The labels for a BCP 47 tag ("de-CH" → German); English for any other language. */
export function labelsFor(lang: unknown): Labels {
  const base = typeof lang === "string" ? lang.toLowerCase().split(/[-_]/)[0] : "en";
  return TABLE[base] ?? en;
}
