/**
 * A brief's URL segment, from its file name: the one rule the loader, the site and the
 * PDFs share. `my-brief.md` and `my-brief/index.md` are `my-brief`; a leading date
 * (`2015-01-14-sony.md`, the blog convention) is dropped: `sony`.
 */
import path from "node:path";

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}-/;

export function slugOf(file: string): string {
  const base = path.basename(file, ".md");
  const name = base === "index" ? path.basename(path.dirname(file)) : base;
  return name.replace(DATE_PREFIX, "");
}

/** Letters and digits of any script, combining marks, "-", "_" and "." (not first). */
const URL_SAFE = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]*$/u;

/**
 * Why a slug cannot be a URL segment, or null when it can. Characters that URLs give a
 * meaning (`#`, `?`, `%`, `/`), spaces and control characters break links or need escaping
 * that copy-and-paste loses.
 */
export function slugProblem(slug: string): string | null {
  if (slug === "") return "the name gives an empty URL segment (nothing after the date)";
  if (URL_SAFE.test(slug)) return null;
  const bad = [...new Set([...slug].filter((c) => !/[\p{L}\p{M}\p{N}._-]/u.test(c)))];
  const shown = bad.length > 0 ? bad.map((c) => (c === " " ? "a space" : /[\p{Cc}\p{Cf}]/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : `"${c}"`)).join(", ") : `"${slug[0]}" at the start`;
  return `the name "${JSON.stringify(slug).slice(1, -1)}" cannot be a URL segment (${shown}): use letters, digits, "-", "_" and "." only, e.g. "${suggestSlug(slug)}"`;
}

export function suggestSlug(slug: string): string {
  return (
    slug
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, "-")
      .replace(/^[-._]+|-+$/g, "") || "brief"
  );
}

/**
 * Two slugs that name the same folder on a case-insensitive (macOS, Windows) or a
 * normalizing file system have the same key: `Brief` and `brief`, `café` (NFC) and `café` (NFD).
 */
export function slugKey(slug: string): string {
  return slug.normalize("NFC").toLowerCase().normalize("NFC");
}
