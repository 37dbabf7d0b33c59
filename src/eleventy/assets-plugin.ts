/**
 * Copies what the pages load: our CSS and scripts, Paged.js, and the self-hosted
 * fonts (with a generated fonts.css). Nothing is loaded from another site.
 */
import { mkdir, writeFile, copyFile } from "node:fs/promises";
import path from "node:path";
import { ASSETS_DIR, PAGED_POLYFILL } from "../paths.ts";
import { bundleFonts } from "../site/fonts.ts";
import { footnoteSymbolsCss } from "../notes/symbols.ts";
import { WEB_FONTS_MARKER, webFontFaces } from "../site/web-fonts.ts";
import { rootFrom } from "./filters-plugin.ts";
import type { EleventyConfig } from "./types.ts";

export async function writeFonts(outputDir: string): Promise<void> {
  const { css, files } = bundleFonts("fonts/");
  const cssDir = path.join(outputDir, "assets", "css");
  await mkdir(path.join(cssDir, "fonts"), { recursive: true });
  await writeFile(path.join(cssDir, "fonts.css"), css);
  await Promise.all([...files].map(([name, from]) => copyFile(from, path.join(cssDir, "fonts", name))));
}

export default function assetsPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPassthroughCopy({ [ASSETS_DIR]: "assets" });
  eleventyConfig.addPassthroughCopy({ [PAGED_POLYFILL]: "assets/js/paged.polyfill.js" });
  // Web pages get the @font-face rules their text needs, inline (the print page uses fonts.css).
  eleventyConfig.addTransform("web-fonts", function (this: { page: { url: string } }, content: string) {
    if (typeof content !== "string" || !content.includes(WEB_FONTS_MARKER)) return content;
    return content.replace(WEB_FONTS_MARKER, `<style>\n${webFontFaces(content, rootFrom(this.page.url))}\n</style>`);
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await writeFonts(directories.output);
    await writeFile(path.join(directories.output, "assets", "css", "footnote-symbols.css"), footnoteSymbolsCss());
  });
}
