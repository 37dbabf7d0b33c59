/**
 * PDF document information from the brief's front matter, set with pdf-lib without
 * touching the structure tree or outline that Chromium wrote. Dates come from the
 * brief (or SOURCE_DATE_EPOCH), never from the clock, so builds are reproducible.
 */
import { PDFDocument, PDFName, PDFString } from "pdf-lib";

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  lang: string;
  /** The brief's date (YYYY-MM-DD). */
  date: string;
}

export function creationDate(date: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${date}T00:00:00Z`);
}

export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator("briefpress");
  doc.setProducer("briefpress (Chromium, Paged.js, pdf-lib)");
  const when = creationDate(meta.date);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.catalog.set(PDFName.of("Lang"), PDFString.of(meta.lang));
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount() };
}
