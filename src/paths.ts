/** Where briefpress's own files live, independent of the working directory. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";

/**
 * briefpress's folder: the nearest one above this module holding `package.json` and `layouts/`
 * (this module runs from `src/`, or from the bundle in node_modules/.cache, see bin/compile.js).
 */
export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "layouts"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..");
  }
}
export const LAYOUTS_DIR = path.join(REPO_ROOT, "layouts");
export const ASSETS_DIR = path.join(REPO_ROOT, "assets");

const require = createRequire(import.meta.url);
/** Paged.js's browser build that lays the page out on load. */
export const PAGED_POLYFILL = path.join(path.dirname(require.resolve("pagedjs")), "..", "dist", "paged.polyfill.js");
