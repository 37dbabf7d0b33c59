/**
 * The pages briefpress adds to every site (print pages, collection page, citation files,
 * feed, sitemap) are template files in `layouts/pages/`; Eleventy gets them as virtual
 * templates, since its input folder holds only the checked briefs (build/eleventy-input.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { LAYOUTS_DIR } from "../paths.ts";

/** The text of `<layouts>/pages/<name>` (briefpress's layouts, or those a theme overrides: see theme.ts). */
export function pageTemplate(name: string, layouts = LAYOUTS_DIR): string {
  return readFileSync(path.join(layouts, "pages", name), "utf8");
}
