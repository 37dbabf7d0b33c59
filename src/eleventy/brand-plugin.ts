/**
 * The publisher's look: `assets/css/brand.css` (from briefpress.yml's brand), the logo and
 * font files it names (`assets/brand/`), and the theme's stylesheet (`assets/css/theme.css`).
 * Pages link them after briefpress's own stylesheets (`site.stylesheets`).
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
    if (!look.brand.css) return;
    await mkdir(path.join(directories.output, "assets", "css"), { recursive: true });
    await writeFile(path.join(directories.output, "assets", "css", "brand.css"), look.brand.css);
  });
}
