/**
 * The brief's preview image for link cards (og:image): the top of the PDF's first page as a
 * 1200×630 PNG, made by the PDF render (src/pdf/render-pdf.ts) and cached with the PDF.
 * Its name is unusual so that it never takes the name of a brief's own image.
 */
export const previewFileName = (slug: string): string => `${slug}.preview.png`;
