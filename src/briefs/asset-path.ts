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

/** The first bytes of each image type briefpress publishes (SVG is text, checked by svg.ts). */
const SIGNATURES: Array<{ type: string; extensions: string[]; test: (b: Buffer) => boolean }> = [
  { type: "PNG", extensions: [".png"], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "JPEG", extensions: [".jpg", ".jpeg"], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "GIF", extensions: [".gif"], test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString("latin1")) },
  { type: "WebP", extensions: [".webp"], test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { type: "AVIF", extensions: [".avif"], test: (b) => b.subarray(4, 8).toString("latin1") === "ftyp" && /^avi[fs]$/.test(b.subarray(8, 12).toString("latin1")) },
];

/**
 * Why the first bytes of a raster image (`head`, at least 12) do not match its extension, or
 * null: a file is published under its name, and HTML saved as `.png` is not an image.
 */
export function imageContentProblem(asset: string, head: Buffer): string | null {
  const wanted = SIGNATURES.find((s) => s.extensions.includes(path.extname(asset).toLowerCase()));
  if (!wanted || wanted.test(head)) return null;
  const actual = SIGNATURES.find((s) => s.test(head));
  return `is not a ${wanted.type} file${actual ? ` (it is a ${actual.type} file): give it the extension ${actual.extensions[0]}` : ": save the image again as one"}`;
}
