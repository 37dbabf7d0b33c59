/**
 * A tagged PDF's logical structure (ISO 32000-1 §14.7) read with pdf-lib: every structure
 * element with its type, attributes that matter for accessibility and kids (elements,
 * marked-content references with the text they show, annotation references), and a
 * text dump of it. The dump is what `npm run check:a11y -- --dump` prints.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument } from "pdf-lib";
import { readPageContent, type PageContent } from "./page-content.ts";

export interface StructElement {
  kind: "element";
  type: string;
  dict: PDFDict;
  ref?: PDFRef;
  /** 1-based page from /Pg, when the element names one. */
  page?: number;
  lang?: string;
  alt?: string;
  actualText?: string;
  /** Table attribute /Scope of a TH (Row, Column, Both), when given. */
  scope?: string;
  kids: StructKid[];
}

export interface ContentRef {
  kind: "mcid";
  mcid: number;
  /** 1-based. */
  page: number;
  text: string;
}

export interface AnnotRef {
  kind: "annot";
  annot: PDFRef;
  page: number;
  subtype: string;
}

export type StructKid = StructElement | ContentRef | AnnotRef;

export interface StructureTree {
  root: PDFDict;
  /** The top-level elements (kids of StructTreeRoot). */
  elements: StructElement[];
  pages: PageContent[];
  roleMap: Map<string, string>;
}

export function textOf(value: unknown): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

function nameOf(value: unknown): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

/** The structure tree of `doc`, or null when it has none. */
export function readStructureTree(doc: PDFDocument): StructureTree | null {
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (!root) return null;
  const pageIndex = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageIndex.set(p.ref.toString(), i + 1));
  const pages = doc.getPages().map((_, i) => readPageContent(doc, i));
  const roleMap = new Map<string, string>();
  const rm = root.lookupMaybe(PDFName.of("RoleMap"), PDFDict);
  for (const [k, v] of rm?.entries() ?? []) roleMap.set(k.decodeText(), nameOf(v) ?? "");

  const pageOf = (dict: PDFDict): number | undefined => {
    const pg = dict.get(PDFName.of("Pg"));
    return pg instanceof PDFRef ? pageIndex.get(pg.toString()) : undefined;
  };
  const seen = new Set<PDFDict>();
  const readKid = (value: unknown, inherited: number | undefined, out: StructKid[]) => {
    const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (resolved instanceof PDFNumber) {
      const page = inherited ?? 0;
      const mcid = resolved.asNumber();
      out.push({ kind: "mcid", mcid, page, text: pages[page - 1]?.mcidText.get(mcid) ?? "" });
      return;
    }
    if (!(resolved instanceof PDFDict)) return;
    const type = nameOf(resolved.get(PDFName.of("Type")));
    if (type === "MCR") {
      const page = pageOf(resolved) ?? inherited ?? 0;
      const mcid = resolved.lookupMaybe(PDFName.of("MCID"), PDFNumber)?.asNumber() ?? -1;
      out.push({ kind: "mcid", mcid, page, text: pages[page - 1]?.mcidText.get(mcid) ?? "" });
      return;
    }
    if (type === "OBJR") {
      const annot = resolved.get(PDFName.of("Obj"));
      const page = pageOf(resolved) ?? inherited ?? 0;
      const target = annot instanceof PDFRef ? doc.context.lookup(annot) : undefined;
      const subtype = target instanceof PDFDict ? (nameOf(target.get(PDFName.of("Subtype"))) ?? "") : "";
      if (annot instanceof PDFRef) out.push({ kind: "annot", annot, page, subtype });
      return;
    }
    if (seen.has(resolved)) return;
    seen.add(resolved);
    out.push(readElement(resolved, value instanceof PDFRef ? value : undefined, inherited));
  };
  const readElement = (dict: PDFDict, ref: PDFRef | undefined, inherited: number | undefined): StructElement => {
    const page = pageOf(dict) ?? inherited;
    const attributes = dict.lookup(PDFName.of("A"));
    const attributeDicts = attributes instanceof PDFArray ? attributes.asArray().map((a) => doc.context.lookup(a)) : [attributes];
    let scope: string | undefined;
    for (const a of attributeDicts) if (a instanceof PDFDict) scope ??= nameOf(a.get(PDFName.of("Scope")));
    const element: StructElement = {
      kind: "element",
      type: nameOf(dict.get(PDFName.of("S"))) ?? "",
      dict,
      ref,
      page,
      lang: textOf(dict.lookup(PDFName.of("Lang"))),
      alt: textOf(dict.lookup(PDFName.of("Alt"))),
      actualText: textOf(dict.lookup(PDFName.of("ActualText"))),
      scope,
      kids: [],
    };
    const k = dict.get(PDFName.of("K"));
    const kResolved = k instanceof PDFRef ? doc.context.lookup(k) : k;
    if (kResolved instanceof PDFArray) for (const kid of kResolved.asArray()) readKid(kid, page, element.kids);
    else if (k !== undefined) readKid(k, page, element.kids);
    return element;
  };
  const elements: StructKid[] = [];
  const k = root.get(PDFName.of("K"));
  const kResolved = k instanceof PDFRef ? doc.context.lookup(k) : k;
  if (kResolved instanceof PDFArray) for (const kid of kResolved.asArray()) readKid(kid, undefined, elements);
  else if (k !== undefined) readKid(k, undefined, elements);
  return { root, elements: elements.filter((e): e is StructElement => e.kind === "element"), pages, roleMap };
}

/** Every element of the tree, depth first, with its ancestors. */
export function* walk(elements: StructElement[], ancestors: StructElement[] = []): Generator<{ element: StructElement; ancestors: StructElement[] }> {
  for (const element of elements) {
    yield { element, ancestors };
    yield* walk(element.kids.filter((k): k is StructElement => k.kind === "element"), [...ancestors, element]);
  }
}

/** The text an element shows, its descendants' in order. */
export function elementText(element: StructElement): string {
  return element.kids.map((k) => (k.kind === "mcid" ? k.text : k.kind === "element" ? elementText(k) : "")).join("");
}

/** Counts of element types, e.g. { P: 62, Note: 41 }. */
export function countTypes(tree: StructureTree): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { element } of walk(tree.elements)) counts[element.type] = (counts[element.type] ?? 0) + 1;
  return counts;
}

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * One line per element: indentation by depth, type, attributes, pages, annotations, and the
 * start of its text when it holds marked content itself.
 */
export function dumpStructureTree(tree: StructureTree, options: { textWidth?: number } = {}): string {
  const width = options.textWidth ?? 60;
  const lines: string[] = [];
  for (const { element, ancestors } of walk(tree.elements)) {
    const attrs = [
      element.lang ? `Lang=${element.lang}` : "",
      element.alt !== undefined ? `Alt="${clip(element.alt, 40)}"` : "",
      element.actualText !== undefined ? `ActualText="${clip(element.actualText, 20)}"` : "",
      element.scope ? `Scope=${element.scope}` : "",
    ].filter(Boolean);
    const annots = element.kids.filter((k): k is AnnotRef => k.kind === "annot").map((a) => `[${a.subtype} annot]`);
    // Text for elements that hold content themselves (a paragraph with links in it too).
    const holdsText = element.kids.some((k) => k.kind === "mcid");
    const text = holdsText ? clip(elementText(element), width) : "";
    const pages = [...new Set(element.kids.filter((k): k is ContentRef => k.kind === "mcid").map((k) => k.page))];
    lines.push(
      `${"  ".repeat(ancestors.length)}${element.type}${attrs.length ? ` (${attrs.join(", ")})` : ""}${pages.length ? ` p${pages.join(",")}` : ""}${annots.length ? ` ${annots.join(" ")}` : ""}${text ? ` "${text}"` : ""}`,
    );
  }
  return lines.join("\n");
}

/** Per page: elements by type that have content there, untagged paint, artifact sequences. */
export function pageSummary(tree: StructureTree): Array<{ page: number; untagged: number; artifacts: number; mcids: number }> {
  return tree.pages.map((p) => ({ page: p.page, untagged: p.untagged.length, artifacts: p.artifactSequences, mcids: p.mcidText.size }));
}
