/**
 * What is in the input folder: the Markdown files that may be briefs, the other files
 * (images a brief may use), and what is never read (listed so the author can see it).
 * Every path is resolved: a symbolic link is followed only when it stays inside the input
 * folder; a linked `.md` that leaves it is an error, a linked folder is never entered.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { BriefError } from "../errors.ts";

export interface InputFiles {
  /** The input folder, resolved (realpath). */
  root: string;
  /** `*.md` files that may be briefs (paths under the folder as given), sorted. */
  markdown: string[];
  /** Every other regular file, for telling what was used and what was skipped. */
  others: string[];
  /** Entries never read, with the reason. */
  skipped: Array<{ file: string; reason: string }>;
  errors: BriefError[];
}

/** Folders never searched: version control, dependencies, and any dot folder (staging folders too). */
const SKIP_DIRS = new Set(["node_modules", "_site"]);
const NOT_BRIEFS = /^(readme|license|changelog)\.md$/i;

/** True when `inner` is `outer` or inside it (both absolute and resolved). */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/**
 * Walks `dir`. `exclude` (e.g. the output folder when it is inside the input) is not
 * searched. Dot files and folders and `node_modules` are passed over silently.
 */
export async function findInputFiles(dir: string, exclude: string[] = []): Promise<InputFiles> {
  const given = path.resolve(dir);
  const root = await realpath(given);
  if (!(await stat(root)).isDirectory()) throw new Error(`${dir} is not a folder`);
  const excluded = exclude.map((e) => path.resolve(e));
  const found: InputFiles = { root, markdown: [], others: [], skipped: [], errors: [] };

  const addFile = (full: string, name: string) => {
    if (!name.endsWith(".md")) found.others.push(full);
    else if (NOT_BRIEFS.test(name)) return;
    else found.markdown.push(full);
  };

  async function walk(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.name.startsWith(".") || excluded.includes(full)) continue;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile()) {
        addFile(full, entry.name);
      } else if (entry.isSymbolicLink()) {
        await followLink(full, entry.name);
      } else {
        found.skipped.push({ file: full, reason: "not a regular file (a pipe, socket or device)" });
      }
    }
  }

  async function followLink(full: string, name: string): Promise<void> {
    let target: string;
    try {
      target = await realpath(full);
    } catch {
      found.skipped.push({ file: full, reason: "a symbolic link to nothing" });
      return;
    }
    const targetStat = await stat(target);
    if (targetStat.isDirectory()) {
      found.skipped.push({ file: full, reason: `a symbolic link to a folder (${target}): linked folders are not searched` });
    } else if (!isInside(target, root)) {
      if (name.endsWith(".md") && !NOT_BRIEFS.test(name)) {
        found.errors.push(new BriefError(full, 1, `this brief is a symbolic link to ${target}, outside the input folder: briefs must be files inside it; copy the file here instead`));
      } else {
        found.skipped.push({ file: full, reason: `a symbolic link to ${target}, outside the input folder` });
      }
    } else if (!targetStat.isFile()) {
      found.skipped.push({ file: full, reason: "not a regular file (a pipe, socket or device)" });
    } else {
      addFile(full, name);
    }
  }

  await walk(given); // paths as the author gave them, for messages; links are judged by their real targets
  found.markdown.sort();
  found.others.sort();
  return found;
}
