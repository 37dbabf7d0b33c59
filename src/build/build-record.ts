/**
 * What the last successful build of an input folder into an output folder read and wrote, kept
 * in the cache folder, so the next build knows what changed before it loads anything:
 *
 *   - every file it read (the input folder's files, the site configuration's files, a theme
 *     folder, bibliographies outside the input), by SHA-256; the options that shape the output;
 *     briefpress's code and locked dependencies (pdf/cache.ts's briefpressCodeHash); the
 *     Chromium version;
 *   - the cache keys of its PDFs;
 *   - every file it wrote into the output folder, by SHA-256, and what it reported.
 *
 * With all of that unchanged and the output folder exactly as the build left it, the build
 * is done before it starts: a build is a function of these inputs (tests/build-record.test.ts
 * checks that a build taken from here is byte-identical to a build without any cache). With
 * the inputs unchanged but the output gone (a CI runner that keeps only the cache), every PDF
 * will come from the PDF cache: Chromium is not started for them. Anything else: a full build
 * (whose PDF cache keys stay exact, so a wrong guess here costs time, never correctness).
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { findInputFiles, type InputFiles } from "../briefs/find.ts";
import { briefpressCodeHash } from "../pdf/cache.ts";
import { findChromium } from "../browser/chromium.ts";

const FORMAT = "briefpress-build-record/1";

/** The options that shape what a build writes (part of the record's key). */
export function recordOptionsOf(options: { siteTitle?: string; baseUrl?: string; printMarks?: boolean; shard?: { index: number; count: number } }): unknown {
  return { siteTitle: options.siteTitle ?? null, baseUrl: options.baseUrl ?? null, printMarks: options.printMarks ?? false, shard: options.shard ?? null };
}

/** What a build reports, as kept in its record (BuildReport with errors as plain data). */
export interface RecordedReport<B> {
  briefs: B[];
  warnings: Array<{ file: string; line: number; message: string }>;
}

interface BuildRecord<B> {
  format: string;
  key: string;
  /** Absolute path -> SHA-256 of every file the build read. */
  read: Record<string, string>;
  /** Every entry findInputFiles saw (so an added or removed file is a change). */
  listing: string[];
  pdfKeys: string[];
  /** The output folder it wrote, and relative path -> SHA-256 of every file written there. */
  output: string;
  wrote: Record<string, string>;
  report: RecordedReport<B>;
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

let chromiumVersionRun: Promise<string> | undefined;
/** `chromium --version` of the Chromium a build would launch (once per process; ~50 ms). */
export function chromiumVersion(): Promise<string> {
  chromiumVersionRun ??= new Promise((resolve) => {
    let executable: string;
    try {
      executable = findChromium();
    } catch {
      return resolve("no chromium");
    }
    execFile(executable, ["--version"], { timeout: 30_000 }, (error, stdout) => resolve(error ? `unknown (${executable})` : `${executable}: ${stdout.trim()}`));
  });
  return chromiumVersionRun;
}

/** The record's file: one per input folder and option set (the output folder it last wrote is in it). */
function recordFile(cacheDir: string, input: string, options: unknown): string {
  return path.join(cacheDir, "builds", `${sha256(JSON.stringify([FORMAT, path.resolve(input), options]))}.json`);
}

/** What else the output depends on: briefpress's code, Chromium, SOURCE_DATE_EPOCH. */
async function recordKey(): Promise<string> {
  return sha256(JSON.stringify([FORMAT, process.env.SOURCE_DATE_EPOCH ?? "", await briefpressCodeHash(), await chromiumVersion()]));
}

async function listing(input: string, output: string, found?: InputFiles): Promise<string[]> {
  found ??= await findInputFiles(input, [output]);
  return [...found.markdown.map((f) => `md ${f}`), ...found.others.map((f) => `file ${f}`), ...found.skipped.map((s) => `skipped ${s.file}`), ...found.errors.map((e) => `error ${e.file}`)].sort();
}

async function hashFiles(files: string[]): Promise<Record<string, string> | undefined> {
  const out: Record<string, string> = {};
  for (const file of files) {
    try {
      out[file] = sha256(await readFile(file));
    } catch {
      return undefined;
    }
  }
  return out;
}

/** Every file under `dir`, relative with "/" separators, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

async function hashTreeFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await filesUnder(dir)) out[rel] = sha256(await readFile(path.join(dir, rel)));
  return out;
}

export interface Previous<B> {
  /** Every input as the last build read it, and its PDFs are in the cache: no PDF needs Chromium. */
  pdfsUnchanged: boolean;
  /** Also the output folder is exactly as the last build left it: this is that build's report. */
  upToDate?: RecordedReport<B>;
  /**
   * Every input as the last build read it, the output folder not as it left it (a CI runner
   * that keeps only the cache), and every file that build wrote is in the cache's file store:
   * restoreOutput writes them again, the same bytes (see storeOutput). `output` is the folder
   * that build wrote (the report's PDF paths are in it).
   */
  restorable?: { output: string; wrote: Record<string, string>; report: RecordedReport<B> };
}

const remembered = new Map<string, Promise<Previous<unknown>>>();

/**
 * What is unchanged since the last build of `input` into `output` with `options` (see above).
 * `pdfExists` tells whether a PDF cache key is still in the cache. With `keep`, the answer is
 * kept for the next call with the same folders and options, which takes it (the command line
 * asks before it decides to start Chromium, then the build asks): never reused beyond that.
 */
export function previousBuild<B>(cacheDir: string, input: string, output: string, options: unknown, pdfExists: (key: string) => Promise<boolean>, keep = false): Promise<Previous<B>> {
  const id = JSON.stringify([cacheDir, path.resolve(input), path.resolve(output), options]);
  let found = remembered.get(id);
  remembered.delete(id);
  found ??= comparePrevious(cacheDir, input, output, options, pdfExists);
  if (keep) remembered.set(id, found);
  return found as Promise<Previous<B>>;
}

async function comparePrevious(cacheDir: string, input: string, output: string, options: unknown, pdfExists: (key: string) => Promise<boolean>): Promise<Previous<unknown>> {
  const nothing = { pdfsUnchanged: false };
  try {
    // No record (a first build): answered before anything is hashed, so Chromium starts at once.
    const record = JSON.parse(await readFile(recordFile(cacheDir, input, options), "utf8")) as BuildRecord<unknown>;
    if (record.format !== FORMAT || record.key !== (await recordKey())) return nothing;
    if (JSON.stringify(await listing(input, output)) !== JSON.stringify(record.listing)) return nothing;
    const read = await hashFiles(Object.keys(record.read));
    if (!read || Object.entries(record.read).some(([f, h]) => read[f] !== h)) return nothing;
    for (const pdfKey of record.pdfKeys) if (!(await pdfExists(pdfKey))) return nothing;
    const wrote = record.output === path.resolve(output) ? await hashTreeFiles(output).catch(() => undefined) : undefined;
    const same = wrote !== undefined && JSON.stringify(wrote) === JSON.stringify(record.wrote);
    if (same) return { pdfsUnchanged: true, upToDate: record.report };
    const stored = await Promise.all(Object.values(record.wrote).map((hash) => stat(storedFile(cacheDir, hash)).then((s) => s.isFile(), () => false)));
    const restorable = stored.every(Boolean) ? { output: record.output, wrote: record.wrote, report: record.report } : undefined;
    return { pdfsUnchanged: true, restorable };
  } catch {
    return nothing;
  }
}

/**
 * Records a successful build. `read`: the files it read besides the input folder's (the
 * configuration's, a theme folder, bibliographies); `inputHashes`: the input files as hashed
 * when the build started.
 */
export async function recordBuild<B>(
  cacheDir: string,
  input: string,
  output: string,
  options: unknown,
  started: { listing: string[]; hashes: Record<string, string> },
  extraRead: string[],
  pdfKeys: string[],
  report: RecordedReport<B>,
): Promise<void> {
  const file = recordFile(cacheDir, input, options);
  const key = await recordKey();
  const extra = await hashFiles(extraRead.filter((f) => !(f in started.hashes)));
  if (!extra) return; // a file it read is gone already: nothing to record
  const record: BuildRecord<B> = {
    format: FORMAT,
    key,
    read: { ...started.hashes, ...extra },
    listing: started.listing,
    pdfKeys: [...pdfKeys].sort(),
    output: path.resolve(output),
    wrote: await hashTreeFiles(output),
    report,
  };
  await storeOutput(cacheDir, output, record.wrote);
  await writeRecord(file, record);
}

async function writeRecord(file: string, record: BuildRecord<unknown>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(record));
  await rename(tmp, file);
}

/** The cache's file store: every file a recorded build wrote, named by its SHA-256. */
const STORE = "site-files";
const storedFile = (cacheDir: string, hash: string) => path.join(cacheDir, STORE, hash.slice(0, 2), hash);

/** Whether the file store holds a file with this SHA-256. */
export function storedFileExists(cacheDir: string, hash: string): Promise<boolean> {
  return stat(storedFile(cacheDir, hash)).then((s) => s.isFile(), () => false);
}

/** The stored file with this SHA-256, checked (a damaged copy is removed, and throws). */
export async function readStored(cacheDir: string, hash: string): Promise<Buffer> {
  const body = await readFile(storedFile(cacheDir, hash));
  if (sha256(body) !== hash) {
    await rm(storedFile(cacheDir, hash), { force: true }); // the next build that writes it stores it again
    throw new Error(`the cache's copy of ${hash} is damaged`);
  }
  await utimes(storedFile(cacheDir, hash), new Date(), new Date()).catch(() => undefined);
  return body;
}

/**
 * Keeps a copy of every file of `output` in the file store (files already there are only
 * touched, so the store's pruning keeps them). A file that changed since it was hashed is not
 * stored under the old hash: the copy is hashed again before it is named.
 */
export async function storeOutput(cacheDir: string, output: string, wrote: Record<string, string>): Promise<void> {
  const now = new Date();
  for (const [rel, hash] of Object.entries(wrote)) {
    const target = storedFile(cacheDir, hash);
    if (await utimes(target, now, now).then(() => true, () => false)) continue;
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(output, rel), tmp);
      if (sha256(await readFile(tmp)) !== hash) throw new Error("changed while stored");
      await rename(tmp, target);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Writes into `dir` every file of a recorded build from the file store, each checked against
 * its SHA-256 (a damaged or missing file throws, a damaged one is removed: the caller builds instead), and records that
 * `output` now holds that build, with `report` (its paths in `output`), so the next build finds it up to date.
 */
export async function restoreOutput<B>(cacheDir: string, input: string, options: unknown, output: string, dir: string, wrote: Record<string, string>, report: RecordedReport<B>): Promise<void> {
  const now = new Date();
  for (const [rel, hash] of Object.entries(wrote)) {
    const body = await readFile(storedFile(cacheDir, hash));
    if (sha256(body) !== hash) {
      await rm(storedFile(cacheDir, hash), { force: true }); // the next recorded build stores it again
      throw new Error(`the cache's copy of ${rel} is damaged`);
    }
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), body);
    await utimes(storedFile(cacheDir, hash), now, now).catch(() => undefined);
  }
  const file = recordFile(cacheDir, input, options);
  const record = JSON.parse(await readFile(file, "utf8")) as BuildRecord<unknown>;
  await writeRecord(file, { ...record, output: path.resolve(output), report });
}

/** Removes stored files unused for `days` days (see PdfCache.prune). */
export async function pruneStore(cacheDir: string, now: number, days: number): Promise<void> {
  for (const shard of await readdir(path.join(cacheDir, STORE)).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(cacheDir, STORE, shard)).catch(() => [] as string[])) {
      const file = path.join(cacheDir, STORE, shard, name);
      const mtime = (await stat(file).catch(() => undefined))?.mtimeMs ?? now;
      if (now - mtime > days * 86_400_000) await rm(file, { force: true });
    }
  }
}

/** The input folder as a build starts: its listing and the hashes of its files (taken before they are read). */
export async function inputSnapshot(input: string, output: string): Promise<{ listing: string[]; hashes: Record<string, string> }> {
  const found = await findInputFiles(input, [output]);
  const hashes = (await hashFiles([...found.markdown, ...found.others])) ?? {};
  return { listing: await listing(input, output, found), hashes };
}
