/**
 * The words of a PDF with their boxes, read with poppler's `pdftotext -bbox-layout`, and the
 * page geometry of briefpress's two page sizes. Nothing here knows how the PDF was made.
 */
import { execFileSync } from "node:child_process";

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfLine {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  words: PdfWord[];
  /** Median word height: proportional to the font size of the line's text. */
  height: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
}

/** The text block of a page: where running text and footnotes may be (points, from the top left). */
export interface ContentArea {
  name: "letter" | "a4";
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const MM = 72 / 25.4;

/** The page boxes of assets/css/page-letter.css and page-a4.css. */
export const CONTENT_AREAS: Record<"letter" | "a4", ContentArea & { width: number; height: number }> = {
  letter: { name: "letter", width: 612, height: 792, top: 0.9 * 72, bottom: 792 - 0.85 * 72, left: 72, right: 540 },
  a4: { name: "a4", width: 210 * MM, height: 297 * MM, top: 24 * MM, bottom: 297 * MM - 22 * MM, left: 25 * MM, right: 210 * MM - 25 * MM },
};

export function contentAreaOf(page: Pick<PdfPage, "width" | "height">): ContentArea {
  for (const area of Object.values(CONTENT_AREAS)) {
    if (Math.abs(area.width - page.width) < 2 && Math.abs(area.height - page.height) < 2) return area;
  }
  throw new Error(`unknown page size ${page.width}×${page.height} pt (briefpress prints Letter or A4)`);
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Parses the XHTML of `pdftotext -bbox-layout`. */
export function parseBboxLayout(xhtml: string): PdfPage[] {
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const lineRe = /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g;
  const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const pm of xhtml.matchAll(pageRe)) {
    const number = pages.length + 1;
    const lines: PdfLine[] = [];
    for (const lm of pm[3].matchAll(lineRe)) {
      // A word is what lies between spaces: the tagged PDF has a space at the end of each
      // wrapped line (src/pdf), which pdftotext may count into the line's last word.
      const words = [...lm[5].matchAll(wordRe)].map((wm) => ({
        text: decode(wm[5]).trim(),
        xMin: Number(wm[1]),
        yMin: Number(wm[2]),
        xMax: Number(wm[3]),
        yMax: Number(wm[4]),
      })).filter((w) => w.text !== "");
      if (words.length === 0) continue;
      words.sort((a, b) => a.xMin - b.xMin);
      lines.push({
        page: number,
        xMin: Number(lm[1]),
        yMin: Number(lm[2]),
        xMax: Number(lm[3]),
        yMax: Number(lm[4]),
        words,
        height: median(words.map((w) => w.yMax - w.yMin)),
      });
    }
    pages.push({ number, width: Number(pm[1]), height: Number(pm[2]), lines: sortReadingOrder(lines) });
  }
  return pages;
}

/**
 * Printed lines top to bottom. pdftotext may cut one printed line into several (a widely
 * spaced line, table cells, a raised note call it puts on a line of its own): pieces that
 * share a baseline, and raised pieces lying within a line's height, are joined into one line,
 * words left to right.
 */
function sortReadingOrder(input: PdfLine[]): PdfLine[] {
  // A raised call at the start of a line that pdftotext put at the end of the line above
  // ("… more favor 43" / "operations …"): its own piece, to be joined to its line below.
  const lines: PdfLine[] = [];
  for (const line of input) {
    const tallest = Math.max(...line.words.map((w) => w.yMax - w.yMin));
    const body = line.words.filter((w) => w.yMax - w.yMin >= 0.8 * tallest);
    const top = Math.min(...body.map((w) => w.yMin));
    const bottom = Math.max(...body.map((w) => w.yMax));
    const strays = body.length ? line.words.filter((w) => w.yMax - w.yMin < 0.8 * tallest && ((w.yMin + w.yMax) / 2 > bottom || (w.yMin + w.yMax) / 2 < top)) : [];
    if (strays.length === 0) {
      lines.push(line);
      continue;
    }
    const kept = line.words.filter((w) => !strays.includes(w));
    lines.push({ ...line, words: kept, xMin: Math.min(...kept.map((w) => w.xMin)), xMax: Math.max(...kept.map((w) => w.xMax)), yMin: top, yMax: bottom, height: median(kept.map((w) => w.yMax - w.yMin)) });
    for (const w of strays) lines.push({ page: line.page, xMin: w.xMin, yMin: w.yMin, xMax: w.xMax, yMax: w.yMax, words: [w], height: w.yMax - w.yMin });
  }
  // A raised piece: smaller than a line it lies within (its box may reach above that line's:
  // its centre lies at most half its height above). Footnote lines are small too, but lie
  // within no taller line.
  const centre = (l: PdfLine) => (l.yMin + l.yMax) / 2;
  const within = (small: PdfLine, l: PdfLine) => l.yMin - (small.yMax - small.yMin) / 2 <= centre(small) && centre(small) <= l.yMax;
  const hostOf = (small: PdfLine) => lines.find((l) => l !== small && small.height < 0.8 * l.height && within(small, l));
  const raised = (l: PdfLine) => hostOf(l) !== undefined;
  const byTop = lines.filter((l) => !raised(l)).sort((a, b) => a.yMax - b.yMax);
  const rows: PdfLine[][] = [];
  for (const line of byTop) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].yMax - line.yMax) < 2) row.push(line);
    else rows.push([line]);
  }
  for (const small of lines.filter(raised)) {
    const host = hostOf(small);
    const row = rows.find((r) => r.includes(host!)) ?? rows.find((r) => within(small, r[0]));
    if (row) row.push(small);
    else rows.push([small]);
  }
  return rows
    .map((row) => {
      if (row.length === 1) return row[0];
      const words = row.flatMap((l) => l.words).sort((a, b) => a.xMin - b.xMin);
      return {
        page: row[0].page,
        xMin: Math.min(...row.map((l) => l.xMin)),
        yMin: Math.min(...row.map((l) => l.yMin)),
        xMax: Math.max(...row.map((l) => l.xMax)),
        yMax: Math.max(...row.map((l) => l.yMax)),
        words,
        height: median(words.map((w) => w.yMax - w.yMin)),
      };
    })
    .sort((a, b) => a.yMax - b.yMax);
}

export function readPdfLayout(file: string): PdfPage[] {
  const xhtml = execFileSync("pdftotext", ["-bbox-layout", file, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return parseBboxLayout(xhtml);
}

/** The PDF's plain text (`pdftotext`), for the soft-hyphen count. */
export function readPdfText(file: string): string {
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}
