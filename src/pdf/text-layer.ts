/**
 * The PDF's text layer at line ends.
 *
 * Wrapped lines: Chromium draws a space glyph between the words of a line but none where a
 * line wraps, so the text of a tagged paragraph (its marked content, what a screen reader and
 * copy/paste read) runs the last word of a line into the first of the next: "Implicationsfor".
 * pdftotext hides it (it starts a new line by position); the structure tree does not. So at
 * each line end inside a text block (P, H1, LI… : the nearest structure element that is not
 * inline), where the next line begins a new word, `spaceLineEnds` draws a space glyph right
 * after the line's last glyph (invisible; every reader sees a real space): the line's font's,
 * or another font's of the page when that subset has none (then the line's font is set
 * again). Only a page without any space glyph gets an ActualText with the space instead
 * (poppler reads that space as part of the word: "aux "). Not where
 * a word was hyphenated (the soft-hyphen span below), after a hyphen, dash or slash, inside a
 * web address, or between Chinese or Japanese characters (no spaces there).
 *
 * Hyphenated line ends. Chromium hyphenates at the soft hyphens the
 * build puts in words (src/print/hyphenate.ts). Where a line breaks at one, Skia draws the
 * hyphen glyph with no Unicode value and gives the text a marked-content span
 * `/Span <</ActualText <FEFF00AD>>> BDC … EMC`: extracted, the word reads "un\u00ad" /
 * "precedented", which search and copy do not find. The page scripts remove every soft hyphen
 * where no line breaks (print-hyphens.js), so each such span left marks a line-end hyphen:
 * its ActualText loses the U+00AD (and is then empty, `<FEFF>`). The hyphen stays on the page; the text is the word, whole
 * ("unprecedented" when copied or searched; pdftotext joins the two lines' parts).
 *
 * Soft hyphens stay in the page until Chromium prints: putting a hyphen-minus in their place
 * before printing moves lines (Chromium fits "re" + soft hyphen at a line end where "re-"
 * does not fit).
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument } from "pdf-lib";
import { markedContentOf, parseContentStream, TEXT_SHOWING, type Operand } from "./content-stream.ts";
import { decodedStream, decodeShown, flateStream, fontsOf, pageContentBytes, replacePageContent, type FontInfo } from "./page-content.ts";
import { readStructureTree, walk, type StructElement } from "./structure-tree.ts";

const ACTUAL_TEXT = /\/ActualText\s*<([0-9a-f\s]*)>/gi;

/** The ActualText hex string (UTF-16BE with a byte-order mark) without its soft hyphens. */
function withoutSoftHyphens(hex: string): string {
  const units = hex.replace(/\s+/g, "").toUpperCase().match(/.{4}/g) ?? [];
  return units.filter((u) => u !== "00AD").join("");
}

/** Content streams of the pages and of the form XObjects they draw. */
function contentStreams(doc: PDFDocument): PDFRawStream[] {
  const found = new Set<PDFRawStream>();
  const visitResources = (resources: PDFDict | undefined, seen: Set<PDFDict>) => {
    const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
    if (!xobjects) return;
    for (const key of xobjects.keys()) {
      const form = xobjects.lookup(key);
      if (!(form instanceof PDFRawStream) || form.dict.get(PDFName.of("Subtype")) !== PDFName.of("Form") || found.has(form)) continue;
      found.add(form);
      const inner = form.dict.lookupMaybe(PDFName.of("Resources"), PDFDict);
      if (inner && !seen.has(inner)) visitResources(inner, new Set([...seen, inner]));
    }
  };
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of("Contents"));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (stream instanceof PDFRawStream) found.add(stream);
    }
    visitResources(page.node.Resources(), new Set());
  }
  return [...found];
}

/** Takes the soft hyphens out of the ActualText of the pages' text; returns how many spans it changed. */
export function hyphenateTextLayer(doc: PDFDocument): number {
  let changed = 0;
  for (const stream of contentStreams(doc)) {
    const bytes = decodedStream(stream);
    // Content streams are bytes; latin1 maps each byte to one char and back unchanged.
    const text = Buffer.from(bytes).toString("latin1");
    let count = 0;
    const settled = text.replace(ACTUAL_TEXT, (all, hex: string) => {
      const kept = withoutSoftHyphens(hex);
      if (kept === hex.replace(/\s+/g, "").toUpperCase()) return all;
      count++;
      return `/ActualText <${kept}>`;
    });
    const ref = count > 0 ? doc.context.getObjectRef(stream) : undefined;
    if (!ref) continue;
    changed += count;
    const rewritten: PDFStream = flateStream(doc, Buffer.from(settled, "latin1"));
    // Keep the stream's other entries (a form's BBox, Resources...), replace its bytes.
    for (const [key, value] of stream.dict.entries()) {
      if (key === PDFName.of("Length") || key === PDFName.of("Filter") || key === PDFName.of("DecodeParms")) continue;
      rewritten.dict.set(key, value);
    }
    doc.context.assign(ref, rewritten);
  }
  return changed;
}

/* ------------------------------------------------------------------------------------ */

/** Structure types that sit inside a line of text: a line end inside them belongs to their block. */
const INLINE_TYPES = new Set(["Span", "Link", "Em", "Strong", "Code", "Quote", "Reference", "Sub", "Sup", "BibEntry"]);

/** A line may end right after these without a space: hyphens, dashes, slashes, soft hyphen. */
const JOINS_AFTER = /[-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015/\\]$/u;
/** Scripts written without spaces between words. */
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** The word a line ends in is (part of) a web address. */
const WEB_ADDRESS = /(?:^|[\s(<“"'‘])(?:https?:\/\/|www\.)\S*$|:\/\/\S*$/u;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m × n (PDF order: a point is transformed by m, then by n). */
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** One text-showing operation inside tagged content. */
interface Run {
  page: number;
  /** Byte offsets of the operation in the page's content. */
  start: number;
  end: number;
  /** What it shows (the ActualText of the span it is in, when there is one). */
  text: string;
  /** Inside a span with an ActualText (a soft hyphen at a line end, a ligature). */
  spanned: boolean;
  font: FontInfo | undefined;
  /** The font's resource name and size as set by Tf. */
  fontName: string;
  fontSize: number;
  /** Where it starts on the page (device space) and the font size there. */
  x: number;
  y: number;
  size: number;
}

/** The operators textRuns reads: position, font, text showing. */
const MATTERS = new Set(["q", "Q", "cm", "BT", "Tm", "Td", "TD", "TL", "T*", "Tf", ...TEXT_SHOWING]);

const numbers = (operands: Operand[]) => operands.map((o) => (o.kind === "number" ? o.value : 0));

function utf16(hex: string): string {
  const units = hex.replace(/\s+/g, "").match(/.{4}/g) ?? [];
  const text = units.map((u) => String.fromCharCode(parseInt(u, 16))).join("");
  return text.startsWith("\ufeff") ? text.slice(1) : text;
}

/** The tagged text runs of a page's content, in content order, with the MCID each belongs to. */
function textRuns(ops: ReturnType<typeof parseContentStream>, fonts: Map<string, FontInfo>, page: number): Array<Run & { mcid: number }> {
  const runs: Array<Run & { mcid: number }> = [];
  const marked: Array<{ tag: string; mcid?: number; actualText?: string }> = [];
  const ctms: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let font: FontInfo | undefined;
  let fontName = "";
  let size = 0;
  let leading = 0;
  const nextLine = (tx: number, ty: number) => {
    tlm = times([1, 0, 0, 1, tx, ty], tlm);
    tm = tlm;
  };
  /** How many of the open sequences are artifacts. */
  let inArtifact = 0;
  for (const op of ops) {
    const opened = markedContentOf(op);
    if (opened) {
      const actual = opened.properties?.get("ActualText");
      const actualText = actual?.kind === "string" ? utf16(Buffer.from(actual.bytes).toString("hex")) : undefined;
      marked.push({ tag: opened.tag, mcid: opened.mcid, actualText });
      if (opened.tag === "Artifact") inArtifact++;
      continue;
    }
    if (op.op === "EMC") {
      if (marked.pop()?.tag === "Artifact") inArtifact--;
      continue;
    }
    if (!MATTERS.has(op.op)) continue; // most operators: nothing to read
    const n = numbers(op.operands);
    switch (op.op) {
      case "q": ctms.push(ctm); continue;
      case "Q": ctm = ctms.pop() ?? IDENTITY; continue;
      case "cm": ctm = times(n as Matrix, ctm); continue;
      case "BT": tm = tlm = IDENTITY; continue;
      case "Tm": tm = tlm = n as Matrix; continue;
      case "Td": nextLine(n[0], n[1]); continue;
      case "TD": leading = -n[1]; nextLine(n[0], n[1]); continue;
      case "TL": leading = n[0]; continue;
      case "T*": nextLine(0, -leading); continue;
      case "Tf": {
        const name = op.operands[0];
        fontName = name?.kind === "name" ? name.value : "";
        font = fonts.get(fontName);
        size = n[1] ?? 0;
        continue;
      }
    }
    if (!TEXT_SHOWING.has(op.op)) continue;
    if (op.op === "'" || op.op === '"') nextLine(0, -leading);
    if (inArtifact > 0) continue;
    const owner = marked.findLast((m) => m.mcid !== undefined);
    if (owner?.mcid === undefined) continue;
    const span = marked.findLast((m) => m.actualText !== undefined);
    const at = times(tm, ctm);
    runs.push({
      page,
      mcid: owner.mcid,
      start: op.start,
      end: op.end,
      text: span ? (span.actualText ?? "") : decodeShown(op.operands.at(-1), font),
      spanned: span !== undefined,
      font,
      fontName,
      fontSize: size,
      x: at[4],
      y: at[5],
      size: Math.abs(size * Math.hypot(at[2], at[3])),
    });
  }
  return runs;
}

/** The code of the font's space glyph, as a hex string for a content stream. */
function spaceCode(font: FontInfo | undefined): string | undefined {
  for (const [code, text] of font?.toUnicode ?? []) {
    if (text === " ") return code.toString(16).padStart(font?.twoByte ? 4 : 2, "0");
  }
  return undefined;
}

/**
 * Whether `next` starts a new line after `last` (of the same block): on a later page, or lower
 * on the page by more than half a line (a raised note call or a subscript moves less).
 */
function startsLine(last: Run, next: Run): boolean {
  if (next.page !== last.page) return true;
  return last.y - next.y > 0.6 * Math.max(last.size, next.size);
}

/** Whether a line that ends in `tail` (the block's text so far) and a line that starts with `head` are two words. */
export function needsSpace(tail: string, head: string): boolean {
  const last = tail.at(-1) ?? "";
  const first = head[0] ?? "";
  if (!last || !first || /\s/u.test(last) || /\s/u.test(first)) return false;
  if (JOINS_AFTER.test(tail)) return false;
  if (NO_SPACES.test(last) || NO_SPACES.test(first)) return false;
  return !WEB_ADDRESS.test(tail.slice(-300));
}

/**
 * Draws a space at every line end inside a tagged text block where the next line starts a
 * new word (see the top of this file); returns how many. Reads the structure tree for the
 * blocks; rewrites only the pages it changes.
 */
export function spaceLineEnds(doc: PDFDocument): number {
  const tree = readStructureTree(doc);
  if (!tree) return 0;
  // The text block of each marked-content sequence: its nearest ancestor that is not inline.
  const blockOf = new Map<string, StructElement>();
  for (const { element, ancestors } of walk(tree.elements)) {
    const block = [element, ...ancestors.slice().reverse()].find((e) => !INLINE_TYPES.has(tree.roleMap.get(e.type) ?? e.type)) ?? element;
    for (const kid of element.kids) if (kid.kind === "mcid") blockOf.set(`${kid.page}:${kid.mcid}`, block);
  }
  const pages = doc.getPages();
  // The tree has read and parsed every page's content already.
  const contents = pages.map((page, index) => tree.pages[index]?.bytes ?? pageContentBytes(doc, page));
  const pageFonts = pages.map((page) => fontsOf(doc, page));
  const inserts: Array<Array<{ at: number; text: string }>> = pages.map(() => []);
  const lastOf = new Map<StructElement, Run>();
  const textOf = new Map<StructElement, string>();
  /** Blocks whose current line holds a soft hyphen's span: the line ends in a hyphenated word. */
  const hyphenated = new Set<StructElement>();
  let added = 0;
  pages.forEach((page, index) => {
    for (const run of textRuns(tree.pages[index]?.ops ?? parseContentStream(contents[index]), pageFonts[index], index + 1)) {
      const block = blockOf.get(`${run.page}:${run.mcid}`);
      if (!block) continue;
      const last = lastOf.get(block);
      let tail = textOf.get(block) ?? "";
      if (last && run.text && startsLine(last, run)) {
        if (!hyphenated.has(block) && needsSpace(tail, run.text)) {
          const code = spaceCode(last.font);
          const list = inserts[last.page - 1];
          // Else the space of another font of the page (subsets hold only the glyphs drawn:
          // a bold phrase or a symbol font may have none), then the line's font again.
          const other = code ? undefined : [...pageFonts[last.page - 1]].find(([, f]) => spaceCode(f));
          if (code) {
            list.push({ at: last.end, text: `\n<${code}> Tj` });
          } else if (other) {
            list.push({ at: last.end, text: `\n/${other[0]} ${last.fontSize} Tf <${spaceCode(other[1])}> Tj /${last.fontName} ${last.fontSize} Tf` });
          } else {
            const hex = [...`${last.text} `].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("").toUpperCase();
            list.push({ at: last.start, text: `/Span <</ActualText <FEFF${hex}>>> BDC\n` }, { at: last.end, text: "\nEMC" });
          }
          tail += " ";
          added++;
        }
        hyphenated.delete(block);
      }
      // A soft hyphen's span (its ActualText emptied by hyphenateTextLayer, or not yet).
      if (run.spanned && (run.text === "" || run.text === "\u00ad")) hyphenated.add(block);
      lastOf.set(block, run);
      textOf.set(block, (tail + run.text).slice(-300));
    }
  });
  pages.forEach((page, index) => {
    const list = inserts[index];
    if (list.length === 0) return;
    const bytes = contents[index];
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const insert of list.sort((a, b) => a.at - b.at)) {
      parts.push(bytes.subarray(from, insert.at), Buffer.from(insert.text, "latin1"));
      from = insert.at;
    }
    parts.push(bytes.subarray(from));
    replacePageContent(doc, page, Buffer.concat(parts));
  });
  return added;
}
