/**
 * Bookmark titles as the brief writes them. Chromium builds the PDF outline from the
 * headings but drops the space where a heading wraps ("Implicationsfor the U.S."); each
 * title is matched, spaces ignored, to a heading of the brief and replaced by it.
 */
import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from "pdf-lib";

const squash = (text: string) => text.replace(/\s+/g, "");

function decode(value: unknown): string | null {
  if (value instanceof PDFHexString || value instanceof PDFString) return value.decodeText();
  return null;
}

/** Returns how many titles were repaired. */
export function repairOutlineTitles(doc: PDFDocument, headings: string[]): number {
  const byKey = new Map(headings.map((h) => [squash(h), h]));
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  let repaired = 0;
  const visit = (item: PDFDict | undefined) => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const title = decode(node.lookup(PDFName.of("Title")));
      const heading = title === null ? undefined : byKey.get(squash(title));
      if (heading !== undefined && heading !== title) {
        node.set(PDFName.of("Title"), PDFHexString.fromText(heading));
        repaired++;
      }
      visit(node.lookupMaybe(PDFName.of("First"), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of("First"), PDFDict));
  return repaired;
}
