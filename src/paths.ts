/** Where briefpress's own files live, independent of the working directory. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const LAYOUTS_DIR = path.join(REPO_ROOT, "layouts");
export const ASSETS_DIR = path.join(REPO_ROOT, "assets");

const require = createRequire(import.meta.url);
/** Paged.js's browser build that lays the page out on load. */
export const PAGED_POLYFILL = path.join(path.dirname(require.resolve("pagedjs")), "..", "dist", "paged.polyfill.js");
