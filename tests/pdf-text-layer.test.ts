import { describe, expect, it } from "vitest";
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import { hyphenateTextLayer, spaceLineEnds } from "../src/pdf/text-layer.ts";
import { elementText, readStructureTree } from "../src/pdf/structure-tree.ts";

// What Chromium (Skia) writes where a line breaks at a soft hyphen: the hyphen glyph is drawn
// on its own, and a span gives the break the text U+00AD.
const line = (n: number) => `BT\n/F1 12 Tf\n1 0 0 -1 72 ${700 - 14 * n} Tm\n<0030> Tj\n9.05 0 Td <001e> Tj\n/Span<</ActualText <FEFF00AD> >> BDC\n7.62 0 Td <0001> Tj\nEMC\nET\n`;

async function pdfWith(content: string, formContent?: string) {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(content)));
  if (formContent) {
    const form = doc.context.flateStream(formContent, { Type: "XObject", Subtype: "Form", BBox: [0, 0, 10, 10] });
    page.node.setXObject(PDFName.of("X1"), doc.context.register(form));
  }
  // Saved and loaded again: streams as Chromium's PDFs hold them.
  return PDFDocument.load(await doc.save());
}

// The decoded bytes of a stream, or of the streams of a page's Contents array (pdf-lib puts a
// page's Contents in an array when it loads the page).
function text(doc: PDFDocument, stream: unknown): string {
  const object = doc.context.lookup(stream as never);
  if (object instanceof PDFArray) return object.asArray().map((s) => text(doc, s)).join("");
  return Buffer.from(decodePDFRawStream(object as PDFRawStream).decode()).toString("latin1");
}

describe("the PDF's text at hyphenated line ends (src/pdf/text-layer.ts)", () => {
  it("gives every soft-hyphen span an empty ActualText, in pages and in the forms they draw", async () => {
    let doc = await pdfWith(line(0) + line(1), line(2));
    expect(hyphenateTextLayer(doc)).toBe(3);
    doc = await PDFDocument.load(await doc.save());
    const page = doc.getPages()[0];
    const pageText = text(doc, page.node.get(PDFName.of("Contents")));
    expect(pageText).not.toMatch(/00AD/i);
    expect(pageText.match(/\/ActualText <FEFF>/g)).toHaveLength(2);
    // Everything else is as it was: the glyphs, their positions, the marked content.
    expect(pageText.replace(/\/ActualText <FEFF>/g, "/ActualText <FEFF00AD>")).toBe(line(0) + line(1));
    const xobjects = page.node.Resources()!.lookup(PDFName.of("XObject")) as import("pdf-lib").PDFDict;
    const form = xobjects.get(PDFName.of("X1"));
    expect(text(doc, form)).toBe(line(2).replace("<FEFF00AD>", "<FEFF>"));
    expect((doc.context.lookup(form as never) as PDFRawStream).dict.get(PDFName.of("Subtype"))).toBe(PDFName.of("Form"));
  });

  it("keeps the rest of an ActualText that holds a soft hyphen among other letters (a ligature across one)", async () => {
    let doc = await pdfWith("BT\n/Span<</ActualText <feff006600ad0066> >> BDC\n<0042> Tj\nEMC\n/Span<</ActualText <FEFF0041> >> BDC\n<0043> Tj\nEMC\nET\n");
    expect(hyphenateTextLayer(doc)).toBe(1);
    doc = await PDFDocument.load(await doc.save());
    expect(text(doc, doc.getPages()[0].node.get(PDFName.of("Contents")))).toBe("BT\n/Span<</ActualText <FEFF00660066> >> BDC\n<0042> Tj\nEMC\n/Span<</ActualText <FEFF0041> >> BDC\n<0043> Tj\nEMC\nET\n");
  });

  it("leaves a page without soft hyphens untouched", async () => {
    const content = "BT\n/F1 12 Tf\n<0030> Tj\nET\n";
    const doc = await pdfWith(content);
    const before = doc.getPages()[0].node.get(PDFName.of("Contents"));
    const stream = doc.context.lookup(before as never);
    expect(hyphenateTextLayer(doc)).toBe(0);
    expect(doc.context.lookup(before as never)).toBe(stream);
  });
});

/* ------------------------------------------------------------------------------------ */
// Wrapped lines: a tagged PDF as Chromium writes one, built here line by line.

/** A line of text: its block (index of the P it belongs to), where it starts, what it shows. */
interface Line {
  block: number;
  text: string;
  x?: number;
  y: number;
  size?: number;
  /** Draw the text in a soft hyphen's span (ActualText U+00AD), as Chromium does at a hyphenated break. */
  softHyphen?: boolean;
  page?: number;
  font?: "F1" | "F2";
}

const hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");

/** A ToUnicode CMap mapping each code to its own character, except `space` (if given) for " ". */
function toUnicode(chars: string, space?: number): string {
  const codes = [...new Set(chars)].filter((c) => c !== " ").map((c) => `<${hex(c)}> <${hex(c)}>`);
  if (space !== undefined) codes.push(`<${space.toString(16).padStart(4, "0")}> <0020>`);
  return `/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n${codes.length} beginbfchar\n${codes.join("\n")}\nendbfchar\nendcmap end end\n`;
}

/** Glyph codes of a text (spaces as the font's space code 0001). */
const shown = (text: string) => [...text].map((c) => (c === " " ? "0001" : hex(c))).join("");

/** With `spaceless`, neither font maps a code to a space. */
async function taggedPdf(lines: Line[], spaceless = false): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const allText = lines.map((l) => l.text).join("");
  const font = (space: boolean) =>
    doc.context.register(doc.context.obj({ Type: "Font", Subtype: "Type0", BaseFont: "Test", Encoding: "Identity-H", ToUnicode: doc.context.register(doc.context.flateStream(toUnicode(allText + "-\u00ad", space ? 1 : undefined))) }));
  const fonts = { F1: font(!spaceless), F2: font(false) };
  const pageCount = Math.max(...lines.map((l) => l.page ?? 1));
  const pages = Array.from({ length: pageCount }, () => doc.addPage());
  const blocks = new Map<number, { page: number; mcid: number }[]>();
  pages.forEach((page, p) => {
    page.node.setFontDictionary(PDFName.of("F1"), fonts.F1);
    page.node.setFontDictionary(PDFName.of("F2"), fonts.F2);
    let content = "";
    let mcid = 0;
    for (const line of lines.filter((l) => (l.page ?? 1) === p + 1)) {
      const glyphs = line.softHyphen ? `/Span<</ActualText <FEFF00AD> >> BDC\n<${shown(line.text)}> Tj\nEMC` : `<${shown(line.text)}> Tj`;
      content += `/NonStruct <</MCID ${mcid} >>BDC\nBT\n/${line.font ?? "F1"} ${line.size ?? 12} Tf\n1 0 0 -1 ${line.x ?? 72} ${line.y} Tm\n${glyphs}\nET\nEMC\n`;
      blocks.set(line.block, [...(blocks.get(line.block) ?? []), { page: p, mcid: mcid++ }]);
    }
    // Chromium's page transform: y grows downwards in text space.
    page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(`q\n1 0 0 -1 0 792 cm\n${content}Q\n`)));
  });
  const root = doc.context.obj({ Type: "StructTreeRoot" });
  const rootRef = doc.context.register(root);
  const kids = [...blocks.entries()].sort((a, b) => a[0] - b[0]).map(([, refs]) =>
    doc.context.register(doc.context.obj({
      Type: "StructElem",
      S: "P",
      P: rootRef,
      Pg: pages[refs[0].page].ref,
      K: refs.map((r) => (r.page === refs[0].page ? r.mcid : doc.context.obj({ Type: "MCR", Pg: pages[r.page].ref, MCID: r.mcid }))),
    })),
  );
  root.set(PDFName.of("K"), doc.context.obj(kids));
  doc.catalog.set(PDFName.of("StructTreeRoot"), rootRef);
  return PDFDocument.load(await doc.save());
}

/** Each P's text as the structure tree gives it (what a screen reader reads). */
function blockTexts(doc: PDFDocument): string[] {
  const tree = readStructureTree(doc)!;
  return tree.elements.map((p) => elementText(p));
}

async function spaced(lines: Line[], spaceless = false): Promise<{ texts: string[]; added: number; doc: PDFDocument }> {
  let doc = await taggedPdf(lines, spaceless);
  const added = spaceLineEnds(doc);
  doc = await PDFDocument.load(await doc.save());
  return { texts: blockTexts(doc), added, doc };
}

describe("the PDF's text at wrapped line ends (src/pdf/text-layer.ts)", () => {
  it("reads two wrapped lines of a paragraph as two words: the font's space glyph after the line's last glyph", async () => {
    const lines: Line[] = [
      { block: 0, text: "China’s Position on the Sony Attack: Implications", y: 100 },
      { block: 0, text: "for the U.S. Response", y: 117 },
    ];
    expect(blockTexts(await taggedPdf(lines))).toEqual(["China’s Position on the Sony Attack: Implicationsfor the U.S. Response"]);
    const { texts, added, doc } = await spaced(lines);
    expect(added).toBe(1);
    expect(texts).toEqual(["China’s Position on the Sony Attack: Implications for the U.S. Response"]);
    // The space is drawn inside the line's own text object, after its last glyph: nothing moves.
    const content = text(doc, doc.getPages()[0].node.get(PDFName.of("Contents")));
    expect(content).toContain(`<${shown(lines[0].text)}> Tj\n<0001> Tj\nET`);
    const before = await taggedPdf(lines);
    // (The pages' content streams are joined with a newline after each.)
    expect(content.replace("\n<0001> Tj", "")).toBe(`${text(before, before.getPages()[0].node.get(PDFName.of("Contents")))}\n`);
  });

  it("joins where a word was hyphenated, or the line ends in a hyphen, a dash, a slash or a web address", async () => {
    const { texts, added } = await spaced([
      { block: 0, text: "an unprece", y: 100 },
      { block: 0, text: "", x: 150, y: 100, softHyphen: true },
      { block: 0, text: "dented U.S.-", y: 114 },
      { block: 0, text: "China response—", y: 128 },
      { block: 0, text: "and/", y: 142 },
      { block: 0, text: "or see https://www.example.org/a-", y: 156 },
      { block: 0, text: "long/path.html and www.exam", y: 170 },
      { block: 0, text: "ple.org then", y: 184 },
      { block: 0, text: "words.", y: 198 },
    ]);
    expect(texts).toEqual(["an unprecedented U.S.-China response—and/or see https://www.example.org/a-long/path.html and www.example.org then words."]);
    expect(added).toBe(1); // "then" / "words."
  });

  it("adds no space between lines of Chinese or Japanese, nor between two paragraphs", async () => {
    const { texts, added } = await spaced([
      { block: 0, text: "中华人民共和国外交", y: 100 },
      { block: 0, text: "部发言人", y: 114 },
      { block: 1, text: "A new paragraph", y: 140 },
      { block: 2, text: "and another", y: 160 },
    ]);
    expect(texts).toEqual(["中华人民共和国外交部发言人", "A new paragraph", "and another"]);
    expect(added).toBe(0);
  });

  it("tells a raised note call from a new line, and spaces a line that ends in one", async () => {
    const { texts, added } = await spaced([
      { block: 0, text: "the attack.", y: 100 },
      { block: 0, text: "12", x: 140, y: 95.5, size: 8 },
      { block: 0, text: " It was", x: 150, y: 100 },
      { block: 0, text: "claimed.", x: 200, y: 100 },
      { block: 0, text: "3", x: 240, y: 95.5, size: 8 },
      { block: 0, text: "Officials", y: 114 },
    ]);
    expect(texts).toEqual(["the attack.12 It wasclaimed.3 Officials"]); // "was"/"claimed." are one line here
    expect(added).toBe(1);
  });

  it("spaces a paragraph that continues on the next page, and a line whose font has no space with another font's", async () => {
    const { texts, added, doc } = await spaced([
      { block: 0, text: "the end of a page", y: 700 },
      { block: 0, text: "goes on", y: 60, page: 2 },
      { block: 1, text: "spaceless", y: 100, page: 2, font: "F2" },
      { block: 1, text: "font", y: 114, page: 2, font: "F2" },
    ]);
    expect(added).toBe(2);
    expect(texts).toEqual(["the end of a page goes on", "spaceless font"]);
    // F1's space, then F2 again for whatever the line draws after it.
    const page2 = text(doc, doc.getPages()[1].node.get(PDFName.of("Contents")));
    expect(page2).toContain(`<${shown("spaceless")}> Tj\n/F1 12 Tf <0001> Tj /F2 12 Tf\nET`);
  });

  it("gives the last glyph an ActualText with the space when no font of the page has a space", async () => {
    const { texts, added, doc } = await spaced([
      { block: 0, text: "spaceless", y: 100, font: "F2" },
      { block: 0, text: "page", y: 114, font: "F2" },
    ], true);
    expect(added).toBe(1);
    // Our reader decodes glyphs only; the ActualText carries the space for every other reader.
    expect(texts).toEqual(["spacelesspage"]);
    const page = text(doc, doc.getPages()[0].node.get(PDFName.of("Contents")));
    expect(page).toContain(`/Span <</ActualText <FEFF${hex("spaceless ").toUpperCase()}>>> BDC\n<${shown("spaceless")}> Tj\nEMC`);
  });

  it("changes nothing the second time (a line that ends in a space needs none)", async () => {
    const doc = await taggedPdf([
      { block: 0, text: "first line", y: 100 },
      { block: 0, text: "second line", y: 114 },
    ]);
    expect(spaceLineEnds(doc)).toBe(1);
    const again = await PDFDocument.load(await doc.save());
    expect(spaceLineEnds(again)).toBe(0);
    expect(blockTexts(again)).toEqual(["first line second line"]);
  });
});
