/**
 * The output folder is replaced whole, so before anything is touched we make sure that
 * replacing it cannot destroy anything of the author's: not the input, not a folder that
 * holds the input or the current folder, not a file, not a folder briefpress did not make.
 *
 * A folder briefpress made holds a marker, `.briefpress-output`, listing the files it wrote;
 * a marked folder with files the marker does not list (added by hand) is refused too.
 */
import { lstat, readdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { isInside } from "../briefs/find.ts";
import { REPO_ROOT } from "../paths.ts";

export const OUTPUT_MARKER = ".briefpress-output";

interface Marker {
  generator: "briefpress";
  files: string[];
}

/** `p` resolved through every symbolic link of the part that exists (the rest appended as given). */
async function resolveExisting(p: string): Promise<string> {
  const missing: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(await realpath(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(p);
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

/**
 * Refuses (UsageError) an input that is not a folder, and an output that is or holds the
 * input, holds the current folder or briefpress itself, is the file system's root, a file,
 * a symbolic link, or a non-empty folder briefpress did not make. An output inside the
 * input is allowed: it is never searched for briefs.
 */
export async function checkFolders(input: string, output: string): Promise<void> {
  const inputStat = await lstat(path.resolve(input)).catch(() => undefined);
  if (!inputStat) throw new UsageError(`--input ${input}: no such folder; nothing was changed`);
  const inputReal = await realpath(path.resolve(input));
  if (!(await lstat(inputReal)).isDirectory()) throw new UsageError(`--input ${input} is not a folder: give the folder that holds the briefs; nothing was changed`);

  const outputReal = await resolveExisting(output);
  const refuse = (why: string) => new UsageError(`--output ${output} ${why}; nothing was changed`);
  if (path.dirname(outputReal) === outputReal) throw refuse("is the root of the file system: give a folder of its own, e.g. _site");
  if (outputReal === inputReal) throw refuse("is the input folder: building would replace the briefs with the site; give another folder, e.g. _site");
  if (isInside(inputReal, outputReal)) throw refuse(`contains the input folder (${inputReal}): building would delete it; give a folder beside the input, e.g. _site`);
  const cwd = await realpath(process.cwd());
  if (isInside(cwd, outputReal)) throw refuse("contains the current folder: building would delete it; give a folder of its own, e.g. _site");
  if (isInside(REPO_ROOT, outputReal)) throw refuse("contains briefpress itself; give a folder of its own, e.g. _site");
  await assertReplaceable(output);
}

/**
 * The output folder may be replaced: it does not exist, or is an empty folder, or a folder
 * briefpress made that holds nothing else. Checked first and again just before the swap.
 */
export async function assertReplaceable(output: string): Promise<void> {
  const refuse = (why: string) => new UsageError(`--output ${output} ${why}; nothing was changed`);
  const s = await lstat(output).catch(() => undefined);
  if (!s) return;
  if (s.isSymbolicLink()) throw refuse("is a symbolic link: give the folder itself");
  if (!s.isDirectory()) throw refuse("is a file, not a folder: give a folder for the site, e.g. _site");
  const entries = await readdir(output);
  if (entries.length === 0) return;
  const marker = await readMarker(output);
  if (!marker && (await isUnmarkedBriefpressSite(output, entries))) return;
  if (!marker) {
    const shown = entries.sort().slice(0, 5).join(", ") + (entries.length > 5 ? ", …" : "");
    throw refuse(`is a folder that briefpress did not make (it holds ${shown}, and no ${OUTPUT_MARKER}): the build replaces its output folder whole; give a new or empty folder, or empty this one yourself`);
  }
  const listed = new Set(marker.files);
  const extra = (await listFiles(output)).filter((f) => f !== OUTPUT_MARKER && !listed.has(f));
  if (extra.length > 0) {
    const shown = extra.slice(0, 5).join(", ") + (extra.length > 5 ? `, and ${extra.length - 5} more` : "");
    throw refuse(`holds files that briefpress did not write (${shown}): the build replaces this folder whole; move them elsewhere first`);
  }
}

/** What briefpress wrote at the top of an output folder before it marked them. */
const SITE_ENTRIES = new Set(["index.html", "assets", "briefs", "pagefind", "feed.xml", "sitemap.xml"]);

/**
 * A site from a briefpress before the marker: nothing at its top but what briefpress writes,
 * and a collection page that names briefpress as its generator.
 */
async function isUnmarkedBriefpressSite(dir: string, entries: string[]): Promise<boolean> {
  if (!entries.every((e) => SITE_ENTRIES.has(e))) return false;
  const index = await readFile(path.join(dir, "index.html"), "utf8").catch(() => "");
  return index.includes('<meta name="generator" content="briefpress">');
}

async function readMarker(dir: string): Promise<Marker | undefined> {
  try {
    const data = JSON.parse(await readFile(path.join(dir, OUTPUT_MARKER), "utf8")) as Partial<Marker>;
    if (data.generator === "briefpress" && Array.isArray(data.files)) return data as Marker;
  } catch {
    // no marker, or not ours
  }
  return undefined;
}

/** Every file and link under `dir`, relative, with "/" separators, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** Marks `dir` as briefpress's output, listing the files in it now. */
export async function writeOutputMarker(dir: string): Promise<void> {
  const files = (await listFiles(dir)).filter((f) => f !== OUTPUT_MARKER);
  const marker: Marker & { about: string } = {
    generator: "briefpress",
    about: "This folder was written by briefpress and is replaced whole by the next build. Files not listed here make the build refuse to replace it.",
    files,
  };
  await writeFile(path.join(dir, OUTPUT_MARKER), JSON.stringify(marker, null, 1) + "\n");
}
