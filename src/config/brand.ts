/**
 * The brand: logo, palette and fonts from the configuration, checked at build time and turned
 * into `assets/css/brand.css` (CSS custom properties that site.css and print.css read, with
 * briefpress's own values as fallbacks) and the files it uses (`assets/brand/`).
 *
 * The palette is checked for WCAG 2 AA contrast in the light and the dark scheme, each colour
 * the brand leaves out taking briefpress's default from site.css (the one place defaults are
 * written). Logo and font files are data: an SVG logo passes the same check as a brief's SVG
 * images, a PNG or woff2 file must be what its name says.
 */
import { readFileSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { ASSETS_DIR } from "../paths.ts";
import { checkSvg } from "../briefs/svg.ts";
import { isInside } from "../briefs/find.ts";
import { AA_NON_TEXT, AA_TEXT, contrastRatio } from "./contrast.ts";
import { BUNDLED_FONTS, PALETTE_KEYS, type BrandFields, type FontChoice, type PaletteKey } from "./schema.ts";

export type Scheme = "light" | "dark";
export type Palette = Record<PaletteKey, string>;

/** The CSS custom property of each palette colour (site.css names them). */
export const PALETTE_VARIABLES: Record<PaletteKey, string> = {
  text: "--text",
  muted: "--muted",
  background: "--bg",
  rule: "--rule",
  link: "--link",
  link_visited: "--link-visited",
  note_background: "--note-bg",
  focus: "--focus",
  accent: "--accent",
};

/**
 * briefpress's own palette, read from site.css (its `:root` block and the dark scheme's).
 * `accent` (the site name, a brief's kicker, print running heads) falls back to `muted` there.
 */
export function defaultPalette(css = readFileSync(path.join(ASSETS_DIR, "css", "site.css"), "utf8")): Record<Scheme, Palette> {
  const light = /(?:^|\n):root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  const dark = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  const read = (block: string, fallback?: Palette): Palette => {
    const palette = {} as Palette;
    for (const key of PALETTE_KEYS) {
      const m = new RegExp(`${PALETTE_VARIABLES[key]}\\s*:\\s*(#[0-9a-fA-F]{3,6})\\s*;`).exec(block);
      const value = m?.[1] ?? (key === "accent" ? undefined : fallback?.[key]);
      if (value) palette[key] = value;
    }
    palette.accent ??= palette.muted;
    for (const key of PALETTE_KEYS) if (!palette[key]) throw new Error(`site.css has no ${PALETTE_VARIABLES[key]} colour for the ${block === light ? "light" : "dark"} scheme`);
    return palette;
  };
  const lightPalette = read(light);
  return { light: lightPalette, dark: read(dark, lightPalette) };
}

/** A colour pair that must contrast, and the WCAG AA ratio it needs. */
interface Pair {
  fg: PaletteKey;
  bg: PaletteKey | "paper";
  min: number;
  what: string;
}
/** What is drawn on what, in site.css and print.css. */
export const CONTRAST_PAIRS: Pair[] = [
  { fg: "text", bg: "background", min: AA_TEXT, what: "text" },
  { fg: "muted", bg: "background", min: AA_TEXT, what: "text" },
  { fg: "link", bg: "background", min: AA_TEXT, what: "text" },
  { fg: "link_visited", bg: "background", min: AA_TEXT, what: "text" },
  { fg: "accent", bg: "background", min: AA_TEXT, what: "text" },
  { fg: "text", bg: "note_background", min: AA_TEXT, what: "text" },
  { fg: "link", bg: "note_background", min: AA_TEXT, what: "text" },
  { fg: "focus", bg: "background", min: AA_NON_TEXT, what: "a focus outline" },
];
/** The light accent is printed on white paper (running heads, title block). */
const PAPER = "#ffffff";

export interface ContrastFailure {
  scheme: Scheme | "print";
  fg: PaletteKey;
  bg: PaletteKey | "paper";
  fgColour: string;
  bgColour: string;
  ratio: number;
  min: number;
  message: string;
}

/** Every pair of the merged palettes below its AA ratio. */
export function contrastFailures(palettes: Record<Scheme, Palette>): ContrastFailure[] {
  const failures: ContrastFailure[] = [];
  const check = (scheme: Scheme | "print", palette: Palette, pair: Pair) => {
    const fgColour = palette[pair.fg];
    const bgColour = pair.bg === "paper" ? PAPER : palette[pair.bg];
    const ratio = contrastRatio(fgColour, bgColour);
    if (ratio + 1e-9 >= pair.min) return;
    const where = scheme === "print" ? "in print" : `in the ${scheme} scheme`;
    failures.push({
      scheme, fg: pair.fg, bg: pair.bg, fgColour, bgColour, ratio, min: pair.min,
      message: `${pair.fg} ${fgColour} on ${pair.bg === "paper" ? "white paper" : pair.bg} ${bgColour} ${where} has a contrast of ${Math.floor(ratio * 100) / 100}:1; WCAG AA needs ${pair.min}:1 for ${pair.what}: make one of the two darker or lighter`,
    });
  };
  for (const scheme of ["light", "dark"] as const) for (const pair of CONTRAST_PAIRS) check(scheme, palettes[scheme], pair);
  check("print", palettes.light, { fg: "accent", bg: "paper", min: AA_TEXT, what: "text" });
  return failures;
}

export interface BrandProblem {
  /** Path of the field in the configuration, for its line. */
  path: Array<string | number>;
  message: string;
}

/**
 * What briefpress.yml gives, turned into CSS: colours are checked #rrggbb values and family
 * names letters, digits, spaces and hyphens (schema.ts), so the text is safe to inline in a
 * page's <style>.
 */
export interface Brand {
  /** assets/css/brand.css (print pages): custom properties and @font-face rules. Empty for briefpress's own look. */
  css: string;
  /** The custom properties alone: inlined in each web page's head (site.css stays its one render-blocking stylesheet). */
  variables: string;
  /** The @font-face rules alone: assets/css/brand-fonts.css, linked from web pages when the brand has its own fonts. */
  faces: string;
  /** Files to publish: name under `assets/brand/` -> absolute path. */
  files: Map<string, string>;
  /** The logo as templates show it (URL relative to the site root). */
  logo?: { src: string; srcDark?: string; alt: string };
}

const MAX_LOGO_BYTES = 1024 * 1024;
const MAX_FONT_BYTES = 2 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A file named by the configuration: inside the configuration's folder (realpath), a regular file. */
async function dataFile(dir: string, name: string, what: string, max: number): Promise<{ file: string; bytes: Buffer } | { problem: string }> {
  if (path.isAbsolute(name) || name.split(/[\\/]/).includes("..")) return { problem: `${what} "${name}" must be a file beside briefpress.yml (a path inside its folder)` };
  const given = path.join(dir, name);
  let real: string;
  try {
    real = await realpath(given);
  } catch {
    return { problem: `${what} "${name}" was not found beside briefpress.yml` };
  }
  if (!isInside(real, await realpath(dir))) return { problem: `${what} "${name}" leads outside the configuration's folder (${real}): copy the file there` };
  const info = await stat(real);
  if (!info.isFile()) return { problem: `${what} "${name}" is not a file` };
  if (info.size > max) return { problem: `${what} "${name}" is ${(info.size / 1024 / 1024).toFixed(1)} MB: keep it under ${max / 1024 / 1024} MB` };
  return { file: real, bytes: await readFile(real) };
}

const TEXT_STACK = `"Note Symbols", "Noto Serif SC"`;

/** The brand of `fields` (from the configuration in `dir`): CSS, files, and every problem found. */
export async function resolveBrand(fields: BrandFields | undefined, dir: string): Promise<{ brand: Brand; problems: BrandProblem[] }> {
  const problems: BrandProblem[] = [];
  const files = new Map<string, string>();
  const brand: Brand = { css: "", variables: "", faces: "", files };
  if (!fields) return { brand, problems };

  if (fields.logo) {
    const logo = async (name: string, key: "file" | "file_dark", base: string): Promise<string | undefined> => {
      const found = await dataFile(dir, name, "the logo", MAX_LOGO_BYTES);
      if ("problem" in found) {
        problems.push({ path: ["brand", "logo", key], message: found.problem });
        return undefined;
      }
      const svg = /\.svg$/i.test(found.file);
      const bad = svg
        ? checkSvg(found.bytes.toString("utf8")).map((p) => `the logo is not safe to publish: ${path.basename(found.file)}:${p.line}: ${p.message}`)
        : found.bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? [] : [`the logo "${name}" is not a PNG image (its first bytes are not PNG's): export it as PNG or SVG`];
      for (const message of bad) problems.push({ path: ["brand", "logo", key], message });
      if (bad.length > 0) return undefined;
      const published = `${base}${svg ? ".svg" : ".png"}`;
      files.set(published, found.file);
      return `assets/brand/${published}`;
    };
    const src = await logo(fields.logo.file, "file", "logo");
    const srcDark = fields.logo.file_dark ? await logo(fields.logo.file_dark, "file_dark", "logo-dark") : undefined;
    if (src) brand.logo = { src, ...(srcDark ? { srcDark } : {}), alt: fields.logo.alt };
  }

  const rules: string[] = [];
  const variables: Record<Scheme, string[]> = { light: [], dark: [] };
  const defaults = defaultPalette();
  const merged: Record<Scheme, Palette> = { light: { ...defaults.light }, dark: { ...defaults.dark } };
  for (const scheme of ["light", "dark"] as const) {
    const given = fields.palette?.[scheme] ?? {};
    for (const key of PALETTE_KEYS) {
      const value = given[key];
      if (!value) continue;
      merged[scheme][key] = value.toLowerCase();
      variables[scheme].push(`${PALETTE_VARIABLES[key]}: ${value.toLowerCase()};`);
    }
    // An accent the brand does not give follows its muted colour, as in briefpress's own look.
    if (!given.accent && given.muted) merged[scheme].accent = merged[scheme].muted;
  }
  for (const f of contrastFailures(merged)) {
    const scheme = f.scheme === "print" ? "light" : f.scheme;
    const own = [f.fg, f.bg].find((k) => k !== "paper" && fields.palette?.[scheme]?.[k as PaletteKey]);
    problems.push({ path: own ? ["brand", "palette", scheme, own] : ["brand", "palette"], message: `brand.palette: ${f.message}` });
  }

  const faces: string[] = [];
  const font = async (choice: FontChoice | undefined, role: "text" | "headings"): Promise<string | undefined> => {
    if (!choice) return undefined;
    if (typeof choice === "string") return `"${BUNDLED_FONTS[choice]}"`;
    for (const [i, f] of choice.files.entries()) {
      const found = await dataFile(dir, f.file, "the font file", MAX_FONT_BYTES);
      if ("problem" in found) {
        problems.push({ path: ["brand", "fonts", role, "files", i, "file"], message: found.problem });
        continue;
      }
      if (found.bytes.subarray(0, 4).toString("latin1") !== "wOF2") {
        problems.push({ path: ["brand", "fonts", role, "files", i, "file"], message: `"${f.file}" is not a woff2 font (it does not start with wOF2)` });
        continue;
      }
      const name = `${role}-${f.weight}-${f.style}.woff2`;
      files.set(`fonts/${name}`, found.file);
      faces.push(`@font-face {\n  font-family: ${JSON.stringify(choice.family)};\n  font-style: ${f.style};\n  font-weight: ${f.weight};\n  font-display: swap;\n  src: url(../brand/fonts/${name}) format('woff2');\n}`);
    }
    return JSON.stringify(choice.family);
  };
  const textFont = await font(fields.fonts?.text, "text");
  const headingsFont = await font(fields.fonts?.headings, "headings");
  if (textFont) variables.light.push(`--serif: ${textFont}, ${TEXT_STACK}, Georgia, serif;`, `--brand-text-font: ${textFont}, ${TEXT_STACK}, serif;`);
  if (headingsFont) variables.light.push(`--sans: ${headingsFont}, ${TEXT_STACK}, system-ui, sans-serif;`, `--brand-headings-font: ${headingsFont}, ${TEXT_STACK}, sans-serif;`);

  if (variables.light.length) rules.push(`:root {\n  ${variables.light.join("\n  ")}\n}`);
  if (variables.dark.length) rules.push(`@media (prefers-color-scheme: dark) {\n  :root {\n    ${variables.dark.join("\n    ")}\n  }\n}`);
  const header = "/* The publisher's brand, from briefpress.yml (generated). */\n";
  brand.variables = rules.join("\n");
  brand.faces = faces.length ? `${header}${faces.join("\n")}\n` : "";
  brand.css = faces.length + rules.length ? `${header}${[...faces, ...rules].join("\n")}\n` : "";
  return { brand, problems };
}
