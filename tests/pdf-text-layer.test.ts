import { describe, expect, it } from "vitest";
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import { hyphenateTextLayer } from "../src/pdf/text-layer.ts";

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
