/**
 * A theme's template overrides: `layouts/` in the theme folder (trusted project code, declared
 * in briefpress.yml and kept outside the content folder: see config/load.ts). Its `.njk` files
 * replace briefpress's of the same name (`base.njk`, `partials/logo.njk`, `pages/feed.njk`…).
 * Eleventy reads one layouts folder, so both are merged into a private copy; nothing else is
 * read, and never a template found among the briefs.
 */
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { LAYOUTS_DIR } from "../paths.ts";

/** The layouts folder to use: briefpress's own, or a merged copy at `into` when the theme overrides any. */
export function themedLayouts(theme: string | undefined, into: string): string {
  const overrides = theme ? path.join(theme, "layouts") : undefined;
  if (!overrides || !existsSync(overrides)) return LAYOUTS_DIR;
  rmSync(into, { recursive: true, force: true });
  cpSync(LAYOUTS_DIR, into, { recursive: true });
  cpSync(overrides, into, {
    recursive: true,
    dereference: true,
    filter: (from) => !path.basename(from).startsWith(".") && (!path.extname(from) || from.endsWith(".njk")),
  });
  return into;
}

/** The templates a theme overrides, relative to its layouts folder (for messages and tests). */
export function themeTemplates(theme: string): string[] {
  const dir = path.join(theme, "layouts");
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".njk")).sort();
}
