/**
 * The web pages' @font-face rules, page by page: only the faces the site's CSS uses, and of
 * each face only the unicode-range slices that the page's text needs (Latin for an English
 * brief; the Chinese slices only on a page with Chinese text). Inlined in the page's head,
 * so site.css is the one render-blocking stylesheet. The print page keeps fonts.css
 * (src/site/fonts.ts): its layout depends on it.
 *
 * The Source faces' ranges lose ‖ † ‡: they lack those glyphs, and a range that claims them
 * makes Chromium fetch two Latin slices (about 65 KB) before it falls back to Note Symbols.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { NOTE_SYMBOLS_FACE } from "./fonts.ts";

const require = createRequire(import.meta.url);

/** The faces site.css asks for (serif text, italic, bold; sans 400 and 600); files come with fonts.css. */
export const WEB_FONT_STYLESHEETS = [
  "@fontsource/source-serif-4/400.css",
  "@fontsource/source-serif-4/400-italic.css",
  "@fontsource/source-serif-4/700.css",
  "@fontsource/source-sans-3/400.css",
  "@fontsource/source-sans-3/600.css",
  "@fontsource/noto-serif-sc/400.css",
] as const;

/** Characters drawn by Note Symbols only (see fonts.ts). */
const NOTE_SYMBOL_CODES = [0x2016, 0x2020, 0x2021];

type Range = [number, number];

interface Face {
  /** The rule without its unicode-range and src (family, style, weight, display). */
  head: string;
  file: string;
  ranges: Range[];
  /** A fallback for scripts the text faces lack (Chinese). */
  fallback: boolean;
}

export function parseUnicodeRange(value: string): Range[] {
  return value.split(",").map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, "").split("-");
    const a = Number.parseInt(lo.replace(/\?/g, "0"), 16);
    const b = hi ? Number.parseInt(hi, 16) : Number.parseInt(lo.replace(/\?/g, "F"), 16);
    return [a, b] as Range;
  });
}

export function formatUnicodeRange(ranges: Range[]): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(",");
}

/** `ranges` without the code points in `codes`. */
export function withoutCodes(ranges: Range[], codes: number[]): Range[] {
  let out = ranges;
  for (const c of codes) {
    out = out.flatMap(([a, b]): Range[] => {
      if (c < a || c > b) return [[a, b]];
      const parts: Range[] = [];
      if (a < c) parts.push([a, c - 1]);
      if (c < b) parts.push([c + 1, b]);
      return parts;
    });
  }
  return out;
}

let faces: Face[] | undefined;

function webFaces(): Face[] {
  if (faces) return faces;
  faces = [];
  for (const sheet of WEB_FONT_STYLESHEETS) {
    const css = readFileSync(require.resolve(sheet), "utf8");
    for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file) continue;
      const head = block
        .replace(/^@font-face\s*{/, "")
        .replace(/}$/, "")
        .split(";")
        .map((d) => d.trim())
        .filter((d) => d && !/^(src|unicode-range)\s*:/.test(d))
        .join(";");
      const ranges = range ? parseUnicodeRange(range) : [[0, 0x10ffff] as Range];
      const fallback = sheet.includes("noto-serif-sc");
      faces.push({ head, file, ranges: fallback ? ranges : withoutCodes(ranges, NOTE_SYMBOL_CODES), fallback });
    }
  }
  return faces;
}

/** The text a reader sees in an HTML page (markup, scripts and styles removed), for its code points. */
function codePointsOf(html: string): Set<number> {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)));
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  points.add(0x2191); // ↑ before back-links, drawn by site.css
  return points;
}

/** The page's marker that the rules replace (layouts/base.njk). */
export const WEB_FONTS_MARKER = "<!--briefpress:web-fonts-->";

/** @font-face rules for the faces and slices `html` needs; `root` leads from the page to the site root. */
export function webFontFaces(html: string, root: string): string {
  const text = [...codePointsOf(html)].sort((a, b) => a - b);
  // The rules depend only on the page's characters and its root: pages of one site mostly share both.
  const key = `${root}\0${text.join(",")}`;
  let rules = facesFor.get(key);
  if (rules === undefined) {
    rules = fontFaceRules(text, root);
    if (facesFor.size >= 1000) facesFor.clear();
    facesFor.set(key, rules);
  }
  return rules;
}

const facesFor = new Map<string, string>();

function fontFaceRules(text: number[], root: string): string {
  const fontsUrl = `${root}assets/css/fonts/`;
  const all = webFaces();
  const inRanges = (p: number, ranges: Range[]) => ranges.some(([a, b]) => p >= a && p <= b);
  // The Chinese fallback's slices also claim punctuation and Latin: ask it only for what no Source face draws.
  const source = all.filter((f) => !f.fallback).flatMap((f) => f.ranges);
  const beyond = text.filter((p) => !inRanges(p, source));
  const rules = all
    .filter((f) => (f.fallback ? beyond : text).some((p) => inRanges(p, f.ranges)))
    .map((f) => `@font-face{${f.head};src:url(${fontsUrl}${f.file}) format('woff2');unicode-range:${formatUnicodeRange(f.ranges)}}`);
  const symbols = NOTE_SYMBOLS_FACE.replace("../fonts/", `${root}assets/fonts/`).replace(/\s*\n\s*/g, "");
  return [...rules, symbols].join("\n");
}
