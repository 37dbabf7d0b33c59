/** PDF facts via poppler-utils (installed by `npm run setup`). */
import { execFileSync } from "node:child_process";

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Object.fromEntries(out.split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
}

export function pdfPageCount(file: string): number {
  return Number(pdfInfo(file).Pages);
}

/**
 * Text of one page (1-based), or of all pages, in reading layout. A word hyphenated at a line
 * end ("foot-" / "note": a lower-case letter, a hyphen, the line end, a lower-case letter) is
 * joined again, as PDF viewers do. Real hyphens at a line end before a capital or after a
 * full stop ("U.S.-" / "China") stay. The text must hold no soft hyphen at all.
 */
export function pdfText(file: string, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return execFileSync("pdftotext", [...range, "-layout", file, "-"], { encoding: "utf8" }).replace(/(\p{Ll})-[ \t]*\n[ \t]*(?=\p{Ll})/gu, "$1");
}

/**
 * The text of all pages without the page furniture (the "N of M" page numbers and the running
 * head, given as `runningHead`), pages joined so that a word hyphenated across a page break
 * is joined too.
 */
export function pdfBodyText(file: string, runningHead: string): string {
  const pages = Array.from({ length: pdfPageCount(file) }, (_, i) =>
    pdfText(file, i + 1)
      .split("\n")
      .filter((line) => !/^\s*\d+ (?:of|von|sur) \d+\s*$/.test(line) && line.trim() !== runningHead) // page numbers in en, de, fr (src/site/labels.ts)
      .join("\n")
      .trim(),
  );
  return pages.join("\n").replace(/(\p{Ll})-[ \t]*\n[ \t]*(?=\p{Ll})/gu, "$1");
}

export function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  const lines = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name … emb sub uni objectID gen: "emb" is the 5th column from the end
    return { name: cols[0], embedded: cols[cols.length - 5] === "yes" };
  });
}

const CALL_MARKS = /^[\d,*†‡§‖¶]+$/;

/** Index in `pdfWords` (from `from`, within `window` words) where `want` is printed, or -1. */
function findWord(pdfWords: string[], want: string, from: number, window: number): number {
  for (let j = from; j < Math.min(pdfWords.length, from + window); j++) {
    const w = pdfWords[j];
    const next = pdfWords[j + 1] ?? "";
    const joined = w.endsWith("-") ? [w.slice(0, -1) + next, w + next] : [];
    for (const candidate of [w, ...joined]) {
      if (candidate === want || (candidate.startsWith(want) && CALL_MARKS.test(candidate.slice(want.length)))) {
        return candidate === w ? j : j + 1;
      }
    }
  }
  return -1;
}

/**
 * Checks that `words` occur in order in the PDF's words, allowing note calls glued to a
 * word ("data.1", "retaliation.”4,*"), words hyphenated at a line end, and other text
 * (page feet, running heads) in between. Returns the first word not found (from the
 * attempt that got furthest), or null.
 */
export function findMissingWord(pdfWords: string[], words: string[]): { word: string; index: number } | null {
  let best = { word: words[0], index: 0 };
  for (let start = findWord(pdfWords, words[0], 0, Infinity); start >= 0; start = findWord(pdfWords, words[0], start + 1, Infinity)) {
    let at = start + 1;
    let i = 1;
    for (; i < words.length; i++) {
      const found = findWord(pdfWords, words[i], at, 400);
      if (found < 0) break;
      at = found + 1;
    }
    if (i === words.length) return null;
    if (i > best.index) best = { word: words[i], index: i };
  }
  return best;
}

/** Every word's box on every page (points, from the top left), via `pdftotext -bbox`. */
export function pdfWordBoxes(file: string): Array<{ page: number; pageWidth: number; word: string; xMin: number; xMax: number }> {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const out: Array<{ page: number; pageWidth: number; word: string; xMin: number; xMax: number }> = [];
  let page = 0;
  let pageWidth = 0;
  for (const m of html.matchAll(/<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (m[1]) {
      page++;
      pageWidth = Number(m[1]);
    } else out.push({ page, pageWidth, word: m[4], xMin: Number(m[2]), xMax: Number(m[3]) });
  }
  return out;
}
