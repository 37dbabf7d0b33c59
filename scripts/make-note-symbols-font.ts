/**
 * Makes assets/fonts/note-symbols.woff2: the footnote symbols that the Google Fonts
 * subsets of Source Serif 4 lack (‖ U+2016, † U+2020, ‡ U+2021), cut from DejaVu Serif
 * (npm: dejavu-fonts-ttf). Without it Chromium falls back to the CJK font for them, whose
 * wide metrics put visible gaps around footnote calls. Run after upgrading either font:
 *   npx tsx scripts/make-note-symbols-font.ts
 */
import { readFile, writeFile, copyFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import subsetFont from "subset-font";

const require = createRequire(import.meta.url);
const dejavu = path.dirname(require.resolve("dejavu-fonts-ttf/package.json"));
const out = path.resolve(import.meta.dirname, "../assets/fonts");

export const NOTE_SYMBOLS = "\u2016\u2020\u2021";

const font = await readFile(path.join(dejavu, "ttf", "DejaVuSerif.ttf"));
const subset = await subsetFont(font, NOTE_SYMBOLS, { targetFormat: "woff2" });
await writeFile(path.join(out, "note-symbols.woff2"), subset);
await copyFile(path.join(dejavu, "LICENSE"), path.join(out, "note-symbols.LICENSE.txt"));
console.log(`note-symbols.woff2: ${subset.length} bytes`);
