/**
 * The PDF's structure tree made fit for PDF/UA-1, after Chromium has tagged it: one
 * article instead of one per page, no empty wrappers (Paged.js page boxes, text runs),
 * footnotes and endnotes as Note with their Lbl (each next to its call), note calls as
 * Link with a description, paragraphs and lists split over pages made whole again, list
 * items as Lbl + LBody, and everything painted outside the tags marked as an artifact
 * (running heads, page numbers, rules, decoration hidden with aria-hidden).
 *
 * Notes and split parts are found by the marks assets/js/pdf-tags.js put in `lang`
 * ("en-US-x-bpnote-3"), which Chromium copies into the elements' /Lang: nothing is guessed
 * from text or position. The marks are removed here.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFDocument } from "pdf-lib";
import { markedContentOf, PAINTING } from "./content-stream.ts";
import { readStructureTree, textOf, elementText, type StructElement, type StructKid, type ContentRef, type AnnotRef } from "./structure-tree.ts";
import { replacePageContent, type PageContent } from "./page-content.ts";

export interface TaggingReport {
  footnotes: number;
  endnotes: number;
  artifacts: number;
  /** What could not be made right; the PDF check will fail on these too. */
  problems: string[];
}

interface Marks {
  note?: number;
  endnote?: number;
  call?: number;
  ref?: boolean;
  lbl?: boolean;
  sect?: boolean;
  split?: number;
}

type Node = StructElement & { marks: Marks; created?: boolean };

const ROLE_MAP: Record<string, string> = { Em: "Span", Strong: "Span", Aside: "Sect", Title: "H1", FENote: "Note", Sub: "Span" };

const INLINE = new Set(["Span", "Link", "Em", "Strong", "Code", "Lbl", "Quote", "Reference", "Note"]);

const GROUPS = new Set(["Document", "Art", "Sect", "Div", "Part", "BlockQuote", "Note", "LBody", "TD", "TH", "Aside"]);

/** The marks in a `lang` value, and the language without them. */
export function readMarks(lang: string | undefined): { lang?: string; marks: Marks } {
  if (!lang) return { marks: {} };
  const at = lang.indexOf("-x-bp");
  if (at < 0) return { lang, marks: {} };
  const tokens = lang.slice(at + 3).split("-");
  const marks: Marks = {};
  for (let i = 0; i < tokens.length; i++) {
    const n = Number(tokens[i + 1]);
    switch (tokens[i]) {
      case "bpnote": marks.note = n; i++; break;
      case "bpen": marks.endnote = n; i++; break;
      case "bpcall": marks.call = n; i++; break;
      case "bpsplit": marks.split = n; i++; break;
      case "bpref": marks.ref = true; break;
      case "bplbl": marks.lbl = true; break;
      case "bpsect": marks.sect = true; break;
    }
  }
  const base = lang.slice(0, at);
  return { lang: base && base !== "und" ? base : undefined, marks };
}

const isElement = (k: StructKid): k is Node => k.kind === "element";

function newElement(type: string, kids: StructKid[]): Node {
  return { kind: "element", type, dict: undefined as unknown as PDFDict, kids, marks: {}, created: true };
}

/** Rewrites the structure tree and content streams of `doc` in place. */
export function tagStructure(doc: PDFDocument, options: { lang: string }): TaggingReport {
  const report: TaggingReport = { footnotes: 0, endnotes: 0, artifacts: 0, problems: [] };
  const tree = readStructureTree(doc);
  if (!tree) {
    report.problems.push("the PDF has no structure tree (was it rendered with tagged: true?)");
    return report;
  }
  const oldRefs = new Set<string>();
  // Marks removed; a language kept only where it differs from the one the element inherits.
  const collect = (kids: StructKid[], inherited: string) => {
    for (const k of kids) {
      if (!isElement(k)) continue;
      const node = k as Node;
      if (k.ref) oldRefs.add(k.ref.toString());
      const { lang, marks } = readMarks(k.lang);
      node.lang = lang && lang.toLowerCase() !== inherited.toLowerCase() ? lang : undefined;
      node.marks = marks;
      collect(k.kids, node.lang ?? inherited);
    }
  };
  collect(tree.elements, options.lang);

  // A footnote's marker: the first text of its body when it is exactly its call's symbol.
  const callText = new Map<number, string>();
  const noteNodes: Node[] = [];
  const findNotes = (kids: StructKid[]) => {
    for (const k of kids) {
      if (!isElement(k)) continue;
      const n = k as Node;
      if (n.marks.call !== undefined) callText.set(n.marks.call, elementText(n).trim());
      if (n.marks.note !== undefined) noteNodes.push(n);
      findNotes(n.kids);
    }
  };
  findNotes(tree.elements);
  for (const note of noteNodes) {
    const symbol = callText.get(note.marks.note!);
    const firstLeaf = (el: Node): Node | undefined => {
      for (const k of el.kids) {
        if (!isElement(k)) return undefined;
        if (k.kids.every((kid) => kid.kind === "mcid")) return k as Node;
        const found = firstLeaf(k as Node);
        if (found) return found;
        return undefined;
      }
      return undefined;
    };
    const leaf = firstLeaf(note);
    if (symbol && leaf && elementText(leaf).trim() === symbol) leaf.marks.lbl = true;
  }

  // Content that only draws lines (a rule under the title block) inside a wrapper: artifact.
  const decoration: ContentRef[] = [];
  const dropDecoration = (el: Node) => {
    el.kids = el.kids.filter((k) => {
      if (isElement(k)) {
        if (!["Figure", "Lbl", "Link", "Formula"].includes(k.type)) dropDecoration(k as Node);
        return true;
      }
      if (k.kind !== "mcid" || el.type !== "NonStruct") return true;
      const paint = tree.pages[k.page - 1]?.mcidPaint.get(k.mcid);
      const drawsOnly = k.text.trim() === "" && (!paint || [...paint].every((op) => !["Tj", "TJ", "'", '"', "Do", "BI", "sh"].includes(op)));
      if (drawsOnly) decoration.push(k);
      return !drawsOnly;
    });
  };
  for (const e of tree.elements) dropDecoration(e as Node);

  // 1. Types from the marks; empty wrappers unwrapped (kids spliced into the parent).
  const normalize = (el: Node): StructKid[] => {
    el.kids = el.kids.flatMap((k) => (isElement(k) ? normalize(k as Node) : [k]));
    const m = el.marks;
    if (m.note !== undefined) el.type = "Note";
    else if (m.endnote !== undefined) el.type = "LI"; // Chromium sometimes maps such an li to NonStruct
    else if (m.lbl) el.type = "Lbl";
    else if (m.call !== undefined || m.ref || (el.type === "NonStruct" && el.kids.some((k) => k.kind === "annot"))) el.type = "Link";
    if (m.sect) el.type = "Sect";
    // A <figure> holding an image and its caption: the image is the Figure (with its /Alt);
    // the whole is a Div, so the caption is not read as part of a figure without /Alt.
    if (el.type === "Figure" && el.alt === undefined && el.kids.some((k) => isElement(k) && k.type === "Figure")) el.type = "Div";
    if (el.type === "NonStruct" && m.split === undefined && !el.lang) return el.kids;
    // A run in another language (a Chinese quotation) keeps its element, for its /Lang.
    const inline = el.kids.every((k) => !isElement(k) || INLINE.has(k.type));
    if (el.type === "NonStruct") el.type = m.split === undefined && inline ? "Span" : "Div";
    else if (el.type === "Div" && el.lang && inline) el.type = "Span";
    if (el.kids.length === 0) return [];
    return [el];
  };
  const top = tree.elements.flatMap((e) => normalize(e as Node));
  let documentNode = top.find((k): k is Node => isElement(k) && k.type === "Document");
  if (!documentNode) documentNode = newElement("Document", top);
  else documentNode.kids = [...documentNode.kids, ...top.filter((k) => k !== documentNode)];
  const root = documentNode;

  // 2. One article: the first Art gets the kids of the others; whatever Chromium put beside
  //    the articles (the footnote areas) goes into it too, in order.
  const arts = root.kids.filter((k): k is Node => isElement(k) && k.type === "Art");
  const article = arts[0] ?? newElement("Art", []);
  article.kids = root.kids.flatMap((k) => (isElement(k) && k.type === "Art" ? k.kids : [k]));
  root.kids = [article];

  // 3. Parts of one element split over pages, made one (the first keeps the kids of all).
  // Returns how many parts were merged; merged kids are compared on the next pass.
  const mergeBy = (key: (n: Node) => number | undefined): number => {
    const first = new Map<string, Node>();
    let merged = 0;
    const visit = (el: Node) => {
      el.kids = el.kids.filter((k) => {
        if (!isElement(k)) return true;
        const n = k as Node;
        const id = key(n);
        if (id !== undefined) {
          const slot = `${n.type}:${id}`;
          const keep = first.get(slot);
          if (keep) {
            keep.kids.push(...n.kids.filter((kid) => !(isElement(kid) && kid.type === "Lbl" && elementText(kid).trim() === "")));
            merged++;
            return false;
          }
          first.set(slot, n);
        }
        visit(n);
        return true;
      });
    };
    visit(root);
    return merged;
  };
  // Parts inside merged parts (a paragraph in a list item in a list, all split) meet only
  // after their parents have merged: repeat until nothing merges.
  for (let pass = 0; pass < 20; pass++) {
    const merged = mergeBy((n) => n.marks.split) + mergeBy((n) => n.marks.endnote) + mergeBy((n) => n.marks.note);
    if (merged === 0) break;
  }

  // 4. Footnotes next to their calls: after the block that holds the call.
  const notes = new Map<number, Node>();
  const calls = new Map<number, Node[]>();
  const parents = new Map<Node, Node>();
  const index = (el: Node) => {
    for (const k of el.kids) {
      if (!isElement(k)) continue;
      const n = k as Node;
      parents.set(n, el);
      if (n.marks.note !== undefined) notes.set(n.marks.note, n);
      if (n.marks.call !== undefined) calls.set(n.marks.call, [...(calls.get(n.marks.call) ?? []), n]);
      index(n);
    }
  };
  index(root);
  for (const [id, note] of notes) {
    const call = calls.get(id)?.[0];
    const from = parents.get(note);
    if (!call) {
      report.problems.push(`footnote ${elementText(note).slice(0, 40)}… has no call in the structure tree`);
      continue;
    }
    let block: Node = call;
    while (parents.get(block) && !GROUPS.has(parents.get(block)!.type)) block = parents.get(block)!;
    const holder = parents.get(block);
    if (!holder || !from) continue;
    from.kids = from.kids.filter((k) => k !== note);
    // After the block and the notes already placed after it, in call order.
    let at = holder.kids.indexOf(block) + 1;
    while (at < holder.kids.length && isElement(holder.kids[at]) && (holder.kids[at] as Node).marks.note !== undefined) at++;
    holder.kids.splice(at, 0, note);
    parents.set(note, holder);
    report.footnotes++;
  }

  // 5. Shapes: list items as Lbl + LBody, an endnote's body as a Note in its LBody; text
  //    directly in a grouping element in a P; empty elements dropped.
  const shape = (el: Node) => {
    for (const k of el.kids) if (isElement(k)) shape(k as Node);
    if (el.type === "LI") {
      const labels = el.kids.filter((k) => isElement(k) && k.type === "Lbl");
      const rest = el.kids.filter((k) => !labels.includes(k));
      let body: StructKid[] = rest;
      if (el.marks.endnote !== undefined) {
        body = [newElement("Note", rest)];
        report.endnotes++;
      }
      const lbody = rest.length === 1 && isElement(rest[0]) && rest[0].type === "LBody" && el.marks.endnote === undefined ? rest : [newElement("LBody", body)];
      el.kids = rest.length ? [...labels, ...lbody] : labels;
    }
    if (el.type === "Document" || el.type === "Art" || el.type === "Sect" || el.type === "Div") {
      const kids: StructKid[] = [];
      for (const k of el.kids) {
        if (k.kind === "element") kids.push(k);
        else {
          const last = kids.at(-1);
          if (last && (last as Node).created && last.kind === "element" && last.type === "P") last.kids.push(k);
          else kids.push(newElement("P", [k]));
        }
      }
      el.kids = kids;
    }
    el.kids = el.kids.filter((k) => !isElement(k) || k.kids.length > 0);
  };
  shape(root);

  // 6. Link descriptions.
  const describe = (el: Node) => {
    for (const k of el.kids) if (isElement(k)) describe(k as Node);
    if (el.type !== "Link") return;
    const text = elementText(el).replace(/\s+/g, " ").trim();
    for (const a of el.kids.filter((k): k is AnnotRef => k.kind === "annot")) {
      const annot = doc.context.lookup(a.annot);
      if (!(annot instanceof PDFDict) || textOf(annot.lookup(PDFName.of("Contents")))) continue;
      const uri = textOf(annot.lookupMaybe(PDFName.of("A"), PDFDict)?.lookup(PDFName.of("URI")));
      const label = el.marks.call !== undefined ? `Footnote ${text}` : el.marks.ref ? `Note ${text}` : text || uri || "Link";
      annot.set(PDFName.of("Contents"), PDFHexString.fromText(label));
    }
  };
  describe(root);

  writeTree(doc, tree.root, root, options.lang, oldRefs);
  report.artifacts = markArtifacts(doc, tree.pages, decoration);
  if (notes.size === 0 && calls.size > 0) report.problems.push("footnote calls were found but no footnote bodies");
  return report;
}

/** Writes the tree back: element dictionaries, /K, /P, /Pg, the parent tree; drops unused old elements. */
function writeTree(doc: PDFDocument, structRoot: PDFDict, documentNode: Node, docLang: string, oldRefs: Set<string>): void {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const context = doc.context;
  const used = new Set<string>();
  const mcidOwners = new Map<number, PDFRef[]>();
  const annotOwners = new Map<number, PDFRef>();
  let notes = 0;

  const write = (el: Node, parentRef: PDFRef, inheritedLang: string): PDFRef => {
    const dict = el.created || !el.dict ? context.obj({ Type: "StructElem" }) : el.dict;
    const ref = el.created || !el.ref ? context.register(dict) : el.ref;
    used.add(ref.toString());
    dict.set(PDFName.of("S"), PDFName.of(el.type));
    // PDF/UA-1 §7.9: every Note has an ID, unique in the document.
    if (el.type === "Note") dict.set(PDFName.of("ID"), PDFString.of(`note-${++notes}`));
    dict.set(PDFName.of("P"), parentRef);
    const lang = el.lang && el.lang !== inheritedLang ? el.lang : undefined;
    if (lang) dict.set(PDFName.of("Lang"), PDFString.of(lang));
    else dict.delete(PDFName.of("Lang"));
    const firstPage = el.kids.find((k): k is ContentRef => k.kind === "mcid")?.page;
    if (firstPage) dict.set(PDFName.of("Pg"), pageRefs[firstPage - 1]);
    else dict.delete(PDFName.of("Pg"));
    const kids = context.obj([]) as PDFArray;
    for (const k of el.kids) {
      if (k.kind === "element") kids.push(write(k as Node, ref, lang ?? inheritedLang));
      else if (k.kind === "mcid") {
        const page = doc.getPage(k.page - 1);
        const key = page.node.lookupMaybe(PDFName.of("StructParents"), PDFNumber)?.asNumber();
        if (key !== undefined) {
          const owners = mcidOwners.get(key) ?? [];
          owners[k.mcid] = ref;
          mcidOwners.set(key, owners);
        }
        kids.push(k.page === firstPage ? PDFNumber.of(k.mcid) : context.obj({ Type: "MCR", Pg: pageRefs[k.page - 1], MCID: k.mcid }));
      } else {
        const annot = context.lookup(k.annot);
        const key = annot instanceof PDFDict ? annot.lookupMaybe(PDFName.of("StructParent"), PDFNumber)?.asNumber() : undefined;
        if (key !== undefined) annotOwners.set(key, ref);
        kids.push(context.obj({ Type: "OBJR", Obj: k.annot, Pg: pageRefs[k.page - 1] }));
      }
    }
    dict.set(PDFName.of("K"), kids);
    return ref;
  };
  const rootRef = context.getObjectRef(structRoot);
  const topRef = write(documentNode, rootRef ?? PDFRef.of(0), docLang);
  const docDict = context.lookup(topRef, PDFDict);
  if (!docDict.has(PDFName.of("Lang"))) docDict.set(PDFName.of("Lang"), PDFString.of(docLang));
  structRoot.set(PDFName.of("K"), context.obj([topRef]));
  // PDF 2.0 types Chromium writes, mapped to their PDF 1.7 equivalents (PDF/UA-1 is 1.7).
  const roleMap = structRoot.lookupMaybe(PDFName.of("RoleMap"), PDFDict) ?? context.obj({});
  for (const [from, to] of Object.entries(ROLE_MAP)) if (!roleMap.has(PDFName.of(from))) roleMap.set(PDFName.of(from), PDFName.of(to));
  structRoot.set(PDFName.of("RoleMap"), roleMap);

  // The parent tree, anew: number tree of page keys (arrays by MCID) and annotation keys.
  const oldParentTree = structRoot.get(PDFName.of("ParentTree"));
  if (oldParentTree instanceof PDFRef) deleteNumberTree(doc, oldParentTree);
  const keys = [...new Set([...mcidOwners.keys(), ...annotOwners.keys()])].sort((a, b) => a - b);
  const nums = context.obj([]) as PDFArray;
  for (const key of keys) {
    nums.push(PDFNumber.of(key));
    const owners = mcidOwners.get(key);
    if (owners) {
      const array = context.obj([]) as PDFArray;
      for (let i = 0; i < owners.length; i++) array.push(owners[i] ?? context.obj(null));
      nums.push(context.register(array));
    } else nums.push(annotOwners.get(key)!);
  }
  structRoot.set(PDFName.of("ParentTree"), context.register(context.obj({ Nums: nums })));
  const next = keys.length ? keys[keys.length - 1] + 1 : 0;
  const declared = structRoot.lookupMaybe(PDFName.of("ParentTreeNextKey"), PDFNumber)?.asNumber() ?? 0;
  structRoot.set(PDFName.of("ParentTreeNextKey"), PDFNumber.of(Math.max(next, declared)));
  for (const old of oldRefs) {
    if (used.has(old)) continue;
    const [num, gen] = old.split(" ").map(Number);
    context.delete(PDFRef.of(num, gen));
  }
}

function deleteNumberTree(doc: PDFDocument, ref: PDFRef): void {
  const node = doc.context.lookup(ref);
  if (node instanceof PDFDict) {
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (const kid of kids?.asArray() ?? []) if (kid instanceof PDFRef) deleteNumberTree(doc, kid);
    const nums = node.lookupMaybe(PDFName.of("Nums"), PDFArray);
    const items = nums?.asArray() ?? [];
    for (let i = 1; i < items.length; i += 2) {
      const value = items[i];
      if (value instanceof PDFRef && doc.context.lookup(value) instanceof PDFArray) doc.context.delete(value);
    }
  }
  doc.context.delete(ref);
}

/**
 * Wraps what each page paints outside any marked content in `/Artifact BMC … EMC`: whole
 * text objects and paint operators outside text objects, or single operators inside a text
 * object that also holds tagged content. Returns the number of artifact sequences added.
 */
export function markArtifacts(doc: PDFDocument, pages: PageContent[], decoration: ContentRef[] = []): number {
  let added = 0;
  for (const content of pages) {
    const retag = new Set(decoration.filter((d) => d.page === content.page).map((d) => d.mcid));
    if (content.untagged.length === 0 && retag.size === 0) continue;
    const ranges = artifactRanges(content);
    const { bytes, ops } = content;
    const parts: Uint8Array[] = [];
    let at = 0;
    const enc = new TextEncoder();
    // Edits in order: BDC operators of decoration MCIDs replaced, untagged ranges wrapped.
    const edits: Array<{ start: number; end: number; text?: string; range?: [number, number] }> = [];
    ops.forEach((op) => {
      const opened = markedContentOf(op);
      if (opened?.mcid !== undefined && retag.has(opened.mcid)) edits.push({ start: op.start, end: op.end, text: "/Artifact BMC" });
    });
    for (const r of ranges) edits.push({ start: ops[r[0]].start, end: ops[r[1]].end, range: r });
    edits.sort((a, b) => a.start - b.start);
    for (const edit of edits) {
      if (edit.text) {
        parts.push(bytes.subarray(at, edit.start), enc.encode(edit.text));
      } else {
        parts.push(bytes.subarray(at, edit.start), enc.encode("/Artifact BMC\n"), bytes.subarray(edit.start, edit.end), enc.encode("\nEMC\n"));
      }
      at = edit.end;
      added++;
    }
    if (edits.length === 0) continue;
    parts.push(bytes.subarray(at));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    replacePageContent(doc, doc.getPage(content.page - 1), out);
  }
  return added;
}

/** [first, last] operation indexes to wrap, in order, never crossing a text object's bounds. */
export function artifactRanges(content: PageContent): Array<[number, number]> {
  const { ops } = content;
  // Per operation: marked-content depth before it, and the text object it is in.
  const atoms: Array<{ first: number; last: number; inText: boolean }> = [];
  let depth = 0;
  let textStart = -1;
  let textHasMarks = false;
  let textPaint: number[] = [];
  let tagged = 0; // depth of MCID/Artifact sequences
  const stack: boolean[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i].op;
    const opened = markedContentOf(ops[i]);
    if (opened) {
      const owns = opened.mcid !== undefined || opened.tag === "Artifact";
      stack.push(owns);
      if (owns) tagged++;
      depth++;
      if (textStart >= 0) textHasMarks = true;
      continue;
    }
    if (op === "EMC") {
      if (stack.pop()) tagged--;
      depth = Math.max(0, depth - 1);
      if (textStart >= 0) textHasMarks = true;
      continue;
    }
    if (op === "BT") {
      textStart = i;
      textHasMarks = false;
      textPaint = [];
      continue;
    }
    if (op === "ET") {
      if (textStart >= 0 && textPaint.length) {
        if (!textHasMarks && depth === 0) atoms.push({ first: textStart, last: i, inText: false });
        else for (const p of textPaint) atoms.push({ first: p, last: p, inText: true });
      }
      textStart = -1;
      continue;
    }
    if (!PAINTING.has(op) || tagged > 0) continue;
    if (depth > 0) {
      // Inside marked content that is neither structure nor artifact (e.g. a /Span with
      // ActualText): wrap the operator alone, keeping that sequence whole around it.
      atoms.push({ first: i, last: i, inText: true });
      continue;
    }
    if (textStart >= 0) textPaint.push(i);
    else atoms.push({ first: i, last: i, inText: false });
  }
  atoms.sort((a, b) => a.first - b.first);
  // Merge neighbours outside text objects when nothing marked lies between them.
  const ranges: Array<[number, number]> = [];
  let current: { first: number; last: number; inText: boolean } | null = null;
  const clean = (from: number, to: number) => {
    let bt = 0;
    for (let i = from; i < to; i++) {
      const op = ops[i].op;
      if (op === "BDC" || op === "BMC" || op === "EMC") return false;
      if (op === "BT") bt++;
      if (op === "ET") bt--;
      if (bt < 0) return false;
    }
    return bt === 0;
  };
  for (const atom of atoms) {
    if (current && !current.inText && !atom.inText && clean(current.last + 1, atom.first)) {
      current.last = atom.last;
      continue;
    }
    if (current) ranges.push([current.first, current.last]);
    current = { ...atom };
  }
  if (current) ranges.push([current.first, current.last]);
  return ranges;
}
