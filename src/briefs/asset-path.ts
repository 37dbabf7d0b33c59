/**
 * A local image a brief uses: resolved (realpath) and kept inside the brief's folder, so a
 * symbolic link (`ln -s /etc img`, then `![x](img/hostname)`) cannot publish a file from
 * elsewhere. Only image files are published beside the page.
 */
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isInside } from "./find.ts";
import { slugKey } from "./slug.ts";
import { previewFileName } from "../site/preview-image.ts";

export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"];

/** The asset's path relative to the brief's folder, or what is wrong with `src`. */
export async function resolveAsset(briefFile: string, src: string): Promise<{ asset: string } | { problem: string }> {
  let rel: string;
  try {
    rel = decodeURI(src.split(/[?#]/)[0]);
  } catch {
    return { problem: `image "${src}" has a broken %-escape: write the file name as it is` };
  }
  const outcome = await checkAssetPath(briefFile, rel, src);
  return "problem" in outcome ? outcome : { asset: outcome.asset };
}

async function checkAssetPath(briefFile: string, rel: string, src: string): Promise<{ asset: string; real: string } | { problem: string }> {
  const dir = path.dirname(briefFile);
  const abs = path.resolve(dir, rel);
  if (path.isAbsolute(rel) || !isInside(abs, dir) || abs === dir) {
    return { problem: `image "${src}" is outside the brief's folder: put the file beside the brief` };
  }
  const real = await realpath(abs).catch(() => undefined);
  const found = real ? await stat(real).then((s) => s.isFile(), () => false) : false;
  if (!real || !found) return { problem: `image "${src}" not found (looked for ${abs}): check the file name or add the file` };
  const realDir = await realpath(dir);
  if (!isInside(real, realDir)) {
    return { problem: `image "${src}" leads outside the brief's folder (a symbolic link to ${real}): put the file itself beside the brief` };
  }
  if (!IMAGE_EXTENSIONS.includes(path.extname(abs).toLowerCase())) {
    return { problem: `"${src}" is not an image file: only ${IMAGE_EXTENSIONS.join(", ")} files are published beside a brief` };
  }
  return { asset: path.relative(dir, abs), real };
}

/** The asset's real path at copy time, checked again (the folder may have changed since loading). */
export async function realAssetPath(briefFile: string, asset: string): Promise<string> {
  const outcome = await checkAssetPath(briefFile, asset, asset);
  if ("problem" in outcome) throw new Error(`${briefFile}: ${outcome.problem}`);
  return outcome.real;
}

/**
 * Why an image (its path relative to the brief's folder) would collide with a file the build
 * writes beside the brief's page, or null. Only the link-card image is an image file; the
 * comparison ignores letter case and Unicode form, as macOS and Windows file systems do.
 */
export function builtFileProblem(asset: string, slug: string): string | null {
  const preview = previewFileName(slug);
  return slugKey(asset.split(path.sep).join("/")) === slugKey(preview)
    ? `has the name of the link-card image briefpress writes beside the page (${preview}): rename the file`
    : null;
}
