/**
 * PDF document information from the brief's front matter, set with pdf-lib without
 * touching the structure tree or outline that Chromium wrote. Dates come from the
 * brief (or SOURCE_DATE_EPOCH), never from the clock, so builds are reproducible.
 */
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { hyphenateTextLayer } from "./text-layer.ts";
import { repairOutlineTitles } from "./outline.ts";

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  lang: string;
  /** The brief's date (YYYY-MM-DD). */
  date: string;
  /** Title and headings as written, to repair bookmark titles. */
  headings?: string[];
}

export function creationDate(date: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${date}T00:00:00Z`);
}

export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  applyMetadata(doc, meta);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount() };
}

/** Sets the information, XMP and /Lang of a loaded document (see setPdfMetadata). */
export function applyMetadata(doc: PDFDocument, meta: PdfMetadata & { pdfua?: boolean }): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  // One string, comma-separated: pdf-lib would join with spaces ("North Korea Sony Pictures").
  if (meta.keywords?.length) doc.setKeywords([meta.keywords.join(", ")]);
  doc.setCreator("briefpress");
  doc.setProducer("briefpress (Chromium, Paged.js, pdf-lib)");
  const when = creationDate(meta.date);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.catalog.set(PDFName.of("Lang"), PDFString.of(meta.lang));
  if (meta.headings) repairOutlineTitles(doc, meta.headings);
  hyphenateTextLayer(doc);
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(meta, when)), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
}

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The same facts as the document information, as an XMP packet (Dublin Core, PDF, XMP). */
export function xmpPacket(meta: PdfMetadata & { pdfua?: boolean }, when: Date): string {
  const date = when.toISOString().replace(/\.\d{3}Z$/, "Z");
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(meta.title)}</dc:title>`,
    meta.author ? `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>` : "",
    meta.subject ? `<dc:description>${alt(meta.subject)}</dc:description>` : "",
    meta.keywords?.length ? `<dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join("")}</rdf:Bag></dc:subject>` : "",
    `<dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    meta.keywords?.length ? `<pdf:Keywords>${xml(meta.keywords.join(", "))}</pdf:Keywords>` : "",
    `<pdf:Producer>briefpress (Chromium, Paged.js, pdf-lib)</pdf:Producer>`,
    `<xmp:CreatorTool>briefpress</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    "</rdf:Description>",
    // PDF/UA-1 identification (ISO 14289-1 §5), claimed only for a PDF whose tagging succeeded.
    meta.pdfua ? '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>' : "",
    "</rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="r"?>',
  ]
    .filter(Boolean)
    .join("\n");
}
