/**
 * The accessibility gate for PDFs: the machine-checkable conditions of the Matterhorn
 * Protocol (PDF/UA-1) that matter for briefs, read from the file alone (structure tree,
 * content streams, annotations, fonts, metadata). Each problem names the Matterhorn
 * checkpoint, the page and the element. It does not replace a validator such as veraPDF,
 * nor a person reading the PDF with a screen reader.
 */
import { readFile } from "node:fs/promises";
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFBool, type PDFDocument as PdfDoc, PDFDocument } from "pdf-lib";
import { readStructureTree, walk, elementText, textOf, countTypes, type StructElement, type StructureTree } from "../pdf/structure-tree.ts";
import { markedContentOf } from "../pdf/content-stream.ts";
import { streamBytes } from "../pdf/page-content.ts";

export interface PdfProblem {
  /** Matterhorn Protocol checkpoint and condition, e.g. "01-005". */
  checkpoint: string;
  page?: number;
  /** The structure element or object concerned, e.g. `Figure "chart"`. */
  element?: string;
  message: string;
}

export interface PdfCheckOptions {
  /** Footnotes plus endnotes of the brief: the tree must hold as many Note elements. */
  expectedNotes?: number;
}

export interface PdfCheckResult {
  problems: PdfProblem[];
  tree: StructureTree | null;
  counts: Record<string, number>;
}

const clip = (text: string, max = 50) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const describe = (e: StructElement) => `${e.type}${elementText(e).trim() ? ` "${clip(elementText(e), 40)}"` : ""}`;
const firstPage = (e: StructElement): number | undefined => {
  for (const k of e.kids) {
    if (k.kind === "mcid" || k.kind === "annot") return k.page;
    const p = firstPage(k);
    if (p) return p;
  }
  return e.page;
};

export async function checkPdfFile(file: string, options: PdfCheckOptions = {}): Promise<PdfCheckResult> {
  return checkPdf(await readFile(file), options);
}

export async function checkPdf(bytes: Uint8Array, options: PdfCheckOptions = {}): Promise<PdfCheckResult> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const problems: PdfProblem[] = [];
  const add = (p: PdfProblem) => problems.push(p);
  checkDocument(doc, add);
  const tree = readStructureTree(doc);
  if (!tree) {
    add({ checkpoint: "01-001", message: "the PDF is not tagged: it has no structure tree" });
    return { problems, tree, counts: {} };
  }
  checkContent(tree, add);
  checkElements(tree, add, options);
  checkAnnotations(doc, tree, add);
  checkFonts(doc, add);
  return { problems, tree, counts: countTypes(tree) };
}

function checkDocument(doc: PdfDoc, add: (p: PdfProblem) => void): void {
  const catalog = doc.catalog;
  const markInfo = catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
  if (markInfo?.get(PDFName.of("Marked")) !== PDFBool.True) add({ checkpoint: "06-002", message: "MarkInfo /Marked is not true" });
  const metadata = catalog.lookup(PDFName.of("Metadata"));
  const xmp = metadata instanceof PDFRawStream ? new TextDecoder().decode(streamBytes(doc, metadata)) : "";
  if (!/pdfuaid:part\s*>\s*1\s*</.test(xmp) && !/pdfuaid:part\s*=\s*["']1["']/.test(xmp)) add({ checkpoint: "06-002", message: "the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part)" });
  if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>\s*[^<\s][^<]*<\/rdf:li>/.test(xmp)) add({ checkpoint: "06-003", message: "the XMP metadata has no dc:title" });
  const prefs = catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  if (prefs?.get(PDFName.of("DisplayDocTitle")) !== PDFBool.True) add({ checkpoint: "07-002", message: "ViewerPreferences /DisplayDocTitle is not true" });
  const lang = textOf(catalog.lookup(PDFName.of("Lang")));
  if (!lang || !/^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(lang)) add({ checkpoint: "11-006", message: `the document language (/Lang) is missing or not a language tag: ${JSON.stringify(lang ?? "")}` });
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (annots && annots.size() > 0 && page.node.get(PDFName.of("Tabs")) !== PDFName.of("S")) add({ checkpoint: "28-008", page: i + 1, message: "a page with annotations does not set the tab order to the structure (/Tabs /S)" });
  });
}

function checkContent(tree: StructureTree, add: (p: PdfProblem) => void): void {
  const owned = new Map<number, Set<number>>();
  for (const { element } of walk(tree.elements)) {
    for (const k of element.kids) if (k.kind === "mcid") owned.set(k.page, (owned.get(k.page) ?? new Set()).add(k.mcid));
  }
  for (const page of tree.pages) {
    // One problem per run of untagged text, not per glyph.
    let run: string[] = [];
    let others = 0;
    const flush = () => {
      if (run.length) add({ checkpoint: "01-005", page: page.page, element: `text "${clip(run.join(""))}"`, message: "content is neither tagged nor marked as an artifact" });
      run = [];
    };
    let last = -2;
    for (const u of page.untagged) {
      if (u.text) {
        if (u.index > last + 8) flush();
        run.push(u.text);
        last = u.index;
      } else others++;
    }
    flush();
    if (others) add({ checkpoint: "01-005", page: page.page, element: `${others} drawing operator(s)`, message: "graphics are neither tagged nor marked as artifacts" });
    const mine = owned.get(page.page) ?? new Set<number>();
    for (const op of page.ops) {
      const m = markedContentOf(op);
      if (m?.mcid !== undefined && !mine.has(m.mcid)) add({ checkpoint: "01-005", page: page.page, element: `MCID ${m.mcid} "${clip(page.mcidText.get(m.mcid) ?? "")}"`, message: "marked content is not part of the structure tree" });
    }
  }
}

const STANDARD = new Set(
  "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form".split(" "),
);

function checkElements(tree: StructureTree, add: (p: PdfProblem) => void, options: PdfCheckOptions): void {
  let lastLevel = 0;
  let h1 = 0;
  const noteIds = new Set<string>();
  let notes = 0;
  for (const { element, ancestors } of walk(tree.elements)) {
    const type = tree.roleMap.get(element.type) ?? element.type;
    const where = { page: firstPage(element), element: describe(element) };
    if (!STANDARD.has(type)) add({ checkpoint: "02-001", ...where, message: `structure type /${element.type} is neither standard nor role-mapped` });
    if (element.kids.length === 0) add({ checkpoint: "09-004", ...where, message: "empty structure element" });
    if (element.lang !== undefined && !/^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(element.lang)) add({ checkpoint: "11-006", ...where, message: `/Lang ${JSON.stringify(element.lang)} is not a language tag` });
    if (element.lang?.includes("-x-bp")) add({ checkpoint: "11-006", ...where, message: `/Lang ${element.lang} still carries briefpress's tagging marks` });
    const level = /^H([1-6])$/.exec(type)?.[1];
    if (level) {
      const n = Number(level);
      if (n === 1) h1++;
      if (n > lastLevel + 1) add({ checkpoint: "14-003", ...where, message: `heading level skipped: H${n} after ${lastLevel ? `H${lastLevel}` : "no heading"}` });
      lastLevel = n;
    }
    if (type === "Figure" && !element.alt && !element.actualText) add({ checkpoint: "13-004", ...where, message: "figure without alternative text (/Alt)" });
    if (type === "Table") {
      const ths = [...walk([element])].filter((e) => e.element.type === "TH");
      if (ths.length === 0) add({ checkpoint: "15-003", ...where, message: "table without header cells (TH)" });
    }
    if (type === "TH" && !element.scope) add({ checkpoint: "15-003", ...where, message: "table header cell without /Scope" });
    if (type === "LI" && element.kids.some((k) => k.kind !== "element" || !["Lbl", "LBody"].includes(k.type))) add({ checkpoint: "09-004", ...where, message: "list item holds something other than Lbl and LBody" });
    if (type === "L" && element.kids.some((k) => k.kind === "element" && !["LI", "L", "Caption"].includes(k.type))) add({ checkpoint: "09-004", ...where, message: "list holds something other than LI" });
    if (type === "Note") {
      notes++;
      const id = element.dict.lookup(PDFName.of("ID"));
      const text = id ? (textOf(id) ?? String(id)) : "";
      if (!text) add({ checkpoint: "19-003", ...where, message: "Note without /ID" });
      else if (noteIds.has(text)) add({ checkpoint: "19-004", ...where, message: `Note /ID ${text} is not unique` });
      noteIds.add(text);
      const inList = ancestors.some((a) => a.type === "LI");
      if (!inList && ![...walk([element])].some((e) => e.element.type === "Lbl")) add({ checkpoint: "19-003", ...where, message: "footnote without its marker as Lbl" });
    }
  }
  if (lastLevel === 0) add({ checkpoint: "14-002", message: "the document has no headings" });
  else if (h1 === 0) add({ checkpoint: "14-002", message: "the document has no H1" });
  if (options.expectedNotes !== undefined && notes !== options.expectedNotes) {
    add({ checkpoint: "19-001", message: `${notes} Note elements in the structure tree, but the brief has ${options.expectedNotes} notes (footnotes and endnotes)` });
  }
  const art = tree.elements.flatMap((e) => [...walk([e])]).filter((e) => e.element.type === "Art").length;
  if (art > 1) add({ checkpoint: "09-001", message: `the brief is split into ${art} articles (Art); it is one` });
}

function checkAnnotations(doc: PdfDoc, tree: StructureTree, add: (p: PdfProblem) => void): void {
  const tagged = new Map<string, StructElement>();
  for (const { element } of walk(tree.elements)) for (const k of element.kids) if (k.kind === "annot") tagged.set(k.annot.toString(), element);
  doc.getPages().forEach((page, i) => {
    for (const ref of page.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.asArray() ?? []) {
      const annot = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(annot instanceof PDFDict)) continue;
      const subtype = annot.get(PDFName.of("Subtype"));
      if (subtype === PDFName.of("Popup")) continue;
      const owner = ref instanceof PDFRef ? tagged.get(ref.toString()) : undefined;
      const uri = textOf(annot.lookupMaybe(PDFName.of("A"), PDFDict)?.lookup(PDFName.of("URI")));
      const name = `${String(subtype).slice(1)} annotation${uri ? ` to ${clip(uri, 60)}` : ""}`;
      if (!owner) add({ checkpoint: "28-002", page: i + 1, element: name, message: "annotation not in the structure tree" });
      else if (subtype === PDFName.of("Link") && owner.type !== "Link") add({ checkpoint: "28-011", page: i + 1, element: name, message: `link annotation inside ${owner.type}, not Link` });
      const contents = textOf(annot.lookup(PDFName.of("Contents")));
      if (subtype === PDFName.of("Link") && !contents?.trim()) add({ checkpoint: "28-004", page: i + 1, element: name, message: "link without a description (/Contents)" });
    }
  });
}

function checkFonts(doc: PdfDoc, add: (p: PdfProblem) => void): void {
  const seen = new Set<string>();
  doc.getPages().forEach((page, i) => {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of fonts?.entries() ?? []) {
      const key = ref.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const font = doc.context.lookup(ref);
      if (!(font instanceof PDFDict)) continue;
      const subtype = font.get(PDFName.of("Subtype"));
      const base = String(font.get(PDFName.of("BaseFont")) ?? name).slice(1);
      const where = { page: i + 1, element: `font ${base}` };
      if (!font.get(PDFName.of("ToUnicode"))) add({ checkpoint: "31-027", ...where, message: "font without a ToUnicode map: its text cannot be read out" });
      if (subtype === PDFName.of("Type3")) continue;
      const descendant = font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray)?.lookup(0);
      const described = descendant instanceof PDFDict ? descendant : font;
      const descriptor = described.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
      const embedded = descriptor && ["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.get(PDFName.of(k)));
      if (!embedded) add({ checkpoint: "31-001", ...where, message: "font not embedded" });
    }
  });
}

/** One line per problem: `page 3: Figure "chart": 13-004 figure without alternative text`. */
export function formatPdfProblem(p: PdfProblem): string {
  return `${p.page ? `page ${p.page}: ` : ""}${p.element ? `${p.element}: ` : ""}${p.checkpoint} ${p.message}`;
}

