/**
 * Self-hosted fonts from @fontsource packages: one stylesheet with woff2 sources only,
 * and the list of font files it references (copied to `assets/fonts/`).
 * Chromium downloads only the unicode-range chunks a page uses, so the Chinese
 * fallback costs nothing for briefs without Chinese text.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** `package/file.css` entries: text face, its italic, headings face, CJK fallback. */
export const FONT_STYLESHEETS = [
  "@fontsource/source-serif-4/400.css",
  "@fontsource/source-serif-4/400-italic.css",
  "@fontsource/source-serif-4/600.css",
  "@fontsource/source-serif-4/600-italic.css",
  "@fontsource/source-serif-4/700.css",
  "@fontsource/source-sans-3/400.css",
  "@fontsource/source-sans-3/600.css",
  "@fontsource/source-sans-3/700.css",
  "@fontsource/noto-serif-sc/400.css",
] as const;

/**
 * ‖ † ‡ for footnote calls and markers (assets/fonts/note-symbols.woff2, made by
 * scripts/make-note-symbols-font.ts): the Google subsets of our text fonts lack them.
 * Put "Note Symbols" right after the text face in every font stack.
 */
export const NOTE_SYMBOLS_FACE = `@font-face {
  font-family: 'Note Symbols';
  font-style: normal;
  font-weight: 100 900;
  src: url(../fonts/note-symbols.woff2) format('woff2');
  unicode-range: U+2016, U+2020-2021;
}
`;

export interface FontBundle {
  /** The @font-face rules, with URLs relative to the stylesheet's folder (`fonts/…`). */
  css: string;
  /** Absolute paths of the font files, keyed by their file name. */
  files: Map<string, string>;
}

export function bundleFonts(urlPrefix = "fonts/"): FontBundle {
  const files = new Map<string, string>();
  const parts: string[] = [];
  for (const sheet of FONT_STYLESHEETS) {
    const cssPath = require.resolve(sheet);
    const css = readFileSync(cssPath, "utf8").replace(
      /src:\s*url\(\.\/files\/([^)]+\.woff2)\)\s*format\('woff2'\)[^;]*;/g,
      (_all, file: string) => {
        files.set(file, path.join(path.dirname(cssPath), "files", file));
        return `src: url(${urlPrefix}${file}) format('woff2');`;
      },
    );
    parts.push(css);
  }
  parts.push(NOTE_SYMBOLS_FACE);
  return { css: parts.join("\n"), files };
}
