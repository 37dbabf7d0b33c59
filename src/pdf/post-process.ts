/**
 * The one post-processing step of a rendered PDF: structure tree and artifacts for PDF/UA-1
 * (tagging.ts), spaces at wrapped line ends (text-layer.ts), then metadata (metadata.ts), in
 * one load and one save. A pure function of
 * the PDF's bytes and the brief's metadata: the same input gives the same bytes.
 */
import { PDFDocument } from "pdf-lib";
import { applyMetadata, type PdfMetadata } from "./metadata.ts";
import { tagStructure, type TaggingReport } from "./tagging.ts";
import { spaceLineEnds } from "./text-layer.ts";

export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
  tagging: TaggingReport;
}

export async function finishPdf(pdf: Uint8Array, meta: PdfMetadata): Promise<FinishedPdf> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const tagging = tagStructure(doc, { lang: meta.lang });
  // After tagging: the spaces go where the final structure tree has its text blocks.
  spaceLineEnds(doc);
  applyMetadata(doc, { ...meta, pdfua: tagging.problems.length === 0 });
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount(), tagging };
}
