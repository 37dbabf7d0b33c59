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

/** Characters of note calls, which Chromium prints into a title ("Background1,*"). */
const CALL_CHARACTER = /[0-9*†‡§‖¶,]/;

/** Whether `title` is `heading` (both squashed) with note-call characters added. */
export function isHeadingWithCalls(title: string, heading: string): boolean {
  let j = 0;
  for (const c of title) {
    if (j < heading.length && c === heading[j]) j++;
    else if (!CALL_CHARACTER.test(c)) return false;
  }
  return j === heading.length && title.length > heading.length;
}

/** The heading a title is, spaces ignored, or with note calls dropped when exactly one fits. */
function headingFor(title: string, byKey: Map<string, string>): string | undefined {
  const key = squash(title);
  const exact = byKey.get(key);
  if (exact !== undefined) return exact;
  const fits = [...byKey.keys()].filter((k) => isHeadingWithCalls(key, k));
  return fits.length === 1 ? byKey.get(fits[0]) : undefined;
}

/** Returns how many titles were repaired (wrap spaces restored, note calls removed). */
export function repairOutlineTitles(doc: PDFDocument, headings: string[]): number {
  const byKey = new Map(headings.map((h) => [squash(h), h]));
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  let repaired = 0;
  const visit = (item: PDFDict | undefined) => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const title = decode(node.lookup(PDFName.of("Title")));
      const heading = title === null ? undefined : headingFor(title, byKey);
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
