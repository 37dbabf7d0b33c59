/**
 * The publisher's look: `assets/css/brand.css` for print pages and `assets/css/brand-fonts.css`
 * (its font faces) for web pages, which inline the brand's colours (`site.brandStyle`); the logo
 * and font files it names (`assets/brand/`); the theme's stylesheet (`assets/css/theme.css`).
 * Pages link them after briefpress's own stylesheets (`site.stylesheets`, `site.printStylesheets`).
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Brand } from "../config/brand.ts";
import type { EleventyConfig } from "./types.ts";

export interface Look {
  brand: Brand;
  /** The theme folder (trusted project code), when the configuration declares one. */
  theme?: string;
}

/** The theme's stylesheet: `theme.css` at the top of its folder. */
export const THEME_STYLESHEET = "theme.css";

export default function brandPlugin(eleventyConfig: EleventyConfig, look: Look): void {
  for (const [name, from] of look.brand.files) eleventyConfig.addPassthroughCopy({ [from]: `assets/brand/${name}` });
  if (look.theme) {
    const css = path.join(look.theme, THEME_STYLESHEET);
    if (existsSync(css)) eleventyConfig.addPassthroughCopy({ [css]: "assets/css/theme.css" });
  }
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const css = path.join(directories.output, "assets", "css");
    await mkdir(css, { recursive: true });
    if (look.brand.css) await writeFile(path.join(css, "brand.css"), look.brand.css);
    if (look.brand.faces) await writeFile(path.join(css, "brand-fonts.css"), look.brand.faces);
  });
}
