/**
 * What a page's content stream paints, sorted by marked content: the text of each MCID
 * (decoded through the fonts' ToUnicode maps), artifact sequences, and what is painted
 * outside any marked content (untagged: neither structure nor artifact).
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFDocument,
  type PDFPage,
} from "pdf-lib";
import { deflateSync, inflateSync } from "node:zlib";
import { latin1, markedContentOf, PAINTING, parseContentStream, TEXT_SHOWING, type Operand, type Operation } from "./content-stream.ts";

export interface UntaggedPaint {
  op: string;
  /** Decoded text for text-showing operators, "" otherwise. */
  text: string;
  /** Index of the operation in `ops`. */
  index: number;
}

export interface PageContent {
  /** 1-based. */
  page: number;
  ops: Operation[];
  /** The decoded content stream (all /Contents parts joined). */
  bytes: Uint8Array;
  mcidText: Map<number, string>;
  /** The painting operators of each MCID's content (to tell a drawn rule from text or an image). */
  mcidPaint: Map<number, Set<string>>;
  artifactSequences: number;
  untagged: UntaggedPaint[];
}

export interface FontInfo {
  twoByte: boolean;
  toUnicode: Map<number, string> | null;
}

/**
 * A stream's decoded bytes. A plain Flate stream (what Chromium writes) is inflated by Node's
 * zlib, native code: pdf-lib's inflate is JavaScript. Anything else, or a stream zlib refuses,
 * is decoded by pdf-lib as before.
 */
export function decodedStream(stream: PDFRawStream): Uint8Array {
  if (stream instanceof DeflatedOnWrite) return stream.decoded;
  if (stream.dict.get(PDFName.of("Filter")) === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms"))) {
    try {
      return inflateSync(stream.contents);
    } catch {
      // damaged or truncated: pdf-lib reads what it can
    }
  }
  return decodePDFRawStream(stream).decode();
}

/**
 * A Flate stream whose bytes are compressed only when they are first asked for (by pdf-lib's
 * save), and whose decoded bytes are kept: the post-processing steps rewrite a page's content
 * up to three times (artifacts, line-end spaces, hyphen spans), and each read the last one
 * back; now each page is compressed once and never inflated again (the 200-page document:
 * ~400 streams deflated and inflated twice less). The bytes written are the same.
 */
class DeflatedOnWrite extends (PDFRawStream as unknown as new (dict: PDFDict, contents: Uint8Array) => PDFRawStream) {
  readonly decoded: Uint8Array;
  deflated: Uint8Array | undefined;
  constructor(dict: PDFDict, decoded: Uint8Array) {
    super(dict, EMPTY);
    this.decoded = decoded;
  }
}
// PDFRawStream's constructor sets, and its methods read, the `contents` field: an accessor here.
Object.defineProperty(DeflatedOnWrite.prototype, "contents", {
  get(this: DeflatedOnWrite) {
    return (this.deflated ??= deflateSync(this.decoded));
  },
  set() {
    // the base constructor's assignment (EMPTY)
  },
});
const EMPTY = new Uint8Array(0);

/**
 * pdf-lib's `context.flateStream(bytes)` with Node's zlib instead of pako (JavaScript, the
 * largest part of the tagging step's time: ~0.4 s CPU of the brief's ~0.8 s). Same settings
 * (level 6, zlib format), deterministic: the same bytes give the same stream. Compressed when
 * the PDF is saved (DeflatedOnWrite).
 */
export function flateStream(doc: PDFDocument, bytes: Uint8Array): PDFRawStream {
  return new DeflatedOnWrite(doc.context.obj({ Filter: "FlateDecode" }), bytes);
}

export function streamBytes(doc: PDFDocument, object: unknown): Uint8Array {
  const stream = object instanceof PDFRef ? doc.context.lookup(object) : object;
  if (stream instanceof PDFRawStream) return decodedStream(stream);
  if (stream && typeof (stream as { getContents?: () => Uint8Array }).getContents === "function") return (stream as { getContents: () => Uint8Array }).getContents();
  return new Uint8Array();
}

/** The page's content stream(s), decoded and joined with a newline between parts. */
export function pageContentBytes(doc: PDFDocument, page: PDFPage): Uint8Array {
  const contents = page.node.get(PDFName.of("Contents"));
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  const parts = resolved instanceof PDFArray ? resolved.asArray().map((p) => streamBytes(doc, p)) : [streamBytes(doc, contents)];
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return out;
}

/** Gives the page one content stream holding `bytes`, dropping the streams it had. */
export function replacePageContent(doc: PDFDocument, page: PDFPage, bytes: Uint8Array): void {
  const old = page.node.get(PDFName.of("Contents"));
  const oldArray = old instanceof PDFRef ? doc.context.lookup(old) : old;
  if (oldArray instanceof PDFArray) for (const r of oldArray.asArray()) if (r instanceof PDFRef) doc.context.delete(r);
  if (old instanceof PDFRef) doc.context.delete(old);
  page.node.set(PDFName.of("Contents"), doc.context.register(flateStream(doc, bytes)));
}

const hexToString = (hex: string) => {
  let s = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

/** A ToUnicode CMap's bfchar and bfrange entries. */
export function parseToUnicode(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1], 16), hexToString(m[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      if (m[3].startsWith("[")) {
        const items = [...m[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => hexToString(x[1]));
        items.forEach((s, i) => lo + i <= hi && map.set(lo + i, s));
      } else {
        const base = hexToString(m[3].slice(1, -1));
        for (let c = lo; c <= hi && c - lo < 65536; c++) {
          map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
        }
      }
    }
  }
  return map;
}

/** The page's fonts by resource name, with what their codes mean. */
export function fontsOf(doc: PDFDocument, page: PDFPage): Map<string, FontInfo> {
  const fonts = new Map<string, FontInfo>();
  const resources = page.node.Resources();
  const fontDict = resources?.lookupMaybe(PDFName.of("Font"), PDFDict);
  if (!fontDict) return fonts;
  for (const [name, ref] of fontDict.entries()) {
    const font = doc.context.lookup(ref);
    if (!(font instanceof PDFDict)) continue;
    const subtype = font.get(PDFName.of("Subtype"));
    const tu = font.get(PDFName.of("ToUnicode"));
    fonts.set(name.asString().slice(1), {
      twoByte: subtype === PDFName.of("Type0"),
      toUnicode: tu ? parseToUnicode(latin1(streamBytes(doc, tu))) : null,
    });
  }
  return fonts;
}

/** The text a text-showing operand shows, through the font's ToUnicode map. */
export function decodeShown(operand: Operand | undefined, font: FontInfo | undefined): string {
  if (!operand) return "";
  if (operand.kind === "array") {
    return operand.items.map((item) => (item.kind === "number" ? (item.value < -250 ? " " : "") : decodeShown(item, font))).join("");
  }
  if (operand.kind !== "string") return "";
  const b = operand.bytes;
  let s = "";
  const step = font?.twoByte ? 2 : 1;
  for (let i = 0; i + step <= b.length; i += step) {
    const code = step === 2 ? (b[i] << 8) | b[i + 1] : b[i];
    s += font?.toUnicode?.get(code) ?? (step === 1 ? String.fromCharCode(code) : "\ufffd");
  }
  return s;
}

/** Reads page `index` (0-based). */
export function readPageContent(doc: PDFDocument, index: number): PageContent {
  const page = doc.getPage(index);
  const bytes = pageContentBytes(doc, page);
  const ops = parseContentStream(bytes);
  const fonts = fontsOf(doc, page);
  const mcidText = new Map<number, string>();
  const mcidPaint = new Map<number, Set<string>>();
  const untagged: UntaggedPaint[] = [];
  const stack: Array<{ tag: string; mcid?: number }> = [];
  /** How many of the open sequences are artifacts (asked for every painting operation). */
  let inArtifact = 0;
  let artifactSequences = 0;
  let font: FontInfo | undefined;
  ops.forEach((operation, i) => {
    const opened = markedContentOf(operation);
    if (opened) {
      stack.push(opened);
      if (opened.tag === "Artifact") {
        artifactSequences++;
        inArtifact++;
      }
      return;
    }
    if (operation.op === "EMC") {
      if (stack.pop()?.tag === "Artifact") inArtifact--;
      return;
    }
    if (operation.op === "Tf") {
      const name = operation.operands[0];
      font = name?.kind === "name" ? fonts.get(name.value) : undefined;
      return;
    }
    if (!PAINTING.has(operation.op) || inArtifact > 0) return;
    const text = TEXT_SHOWING.has(operation.op) ? decodeShown(operation.operands.at(-1), font) : "";
    const owner = stack.findLast((m) => m.mcid !== undefined);
    if (owner?.mcid !== undefined) {
      mcidPaint.set(owner.mcid, (mcidPaint.get(owner.mcid) ?? new Set()).add(operation.op));
      if (text) mcidText.set(owner.mcid, (mcidText.get(owner.mcid) ?? "") + text);
      else if (!mcidText.has(owner.mcid)) mcidText.set(owner.mcid, "");
    } else untagged.push({ op: operation.op, text, index: i });
  });
  return { page: index + 1, ops, bytes, mcidText, mcidPaint, artifactSequences, untagged };
}
