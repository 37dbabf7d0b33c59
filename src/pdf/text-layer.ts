/**
 * The PDF's text layer at hyphenated line ends. Chromium hyphenates at the soft hyphens the
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
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFDocument } from "pdf-lib";

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
    const bytes = decodePDFRawStream(stream).decode();
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
    const rewritten: PDFStream = doc.context.flateStream(Buffer.from(settled, "latin1"));
    // Keep the stream's other entries (a form's BBox, Resources...), replace its bytes.
    for (const [key, value] of stream.dict.entries()) {
      if (key === PDFName.of("Length") || key === PDFName.of("Filter") || key === PDFName.of("DecodeParms")) continue;
      rewritten.dict.set(key, value);
    }
    doc.context.assign(ref, rewritten);
  }
  return changed;
}
