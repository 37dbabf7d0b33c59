/**
 * An exact, content-addressed cache of finished PDFs (after metadata and any post-processing):
 * a brief whose key is unchanged gets the very bytes a fresh render would give (renders are
 * reproducible: tests/pdf-cache.test.ts checks a hit against a fresh render byte for byte).
 *
 * The key is a SHA-256 over everything a PDF depends on:
 *   - the print page as served (the brief's text, front matter and hyphenation, our templates),
 *     and the files the brief uses (its images);
 *   - every file of the site's `assets/` (our CSS, page scripts, fonts, Paged.js);
 *   - briefpress's code (`src/`, `layouts/`, `assets/`, `package-lock.json`: the PDF path, the
 *     post-processing, pdf-lib's version...);
 *   - the Chromium version, the metadata written into the PDF, SOURCE_DATE_EPOCH;
 *   - the cache format below.
 * Anything else changing cannot change the PDF; anything here changing is a miss.
 *
 * Layout: `<dir>/<first 2 hex>/<key>.pdf`, `<key>.png` (the web page's preview image, made in
 * the same render) and `<key>.json` (what the build reports about the PDF: pages, warnings...). Entries are written atomically (temporary file, then rename), so
 * parallel builds can share a folder; entries unused for 30 days are removed.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../paths.ts";

/** Bump when what is stored, or how the key is made, changes. */
const CACHE_FORMAT = "briefpress-pdf-cache/2";
const UNUSED_DAYS = 30;

/** The default folder: `node_modules/.cache/briefpress/pdf` of the project, or BRIEFPRESS_CACHE_DIR. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BRIEFPRESS_CACHE_DIR ? path.resolve(env.BRIEFPRESS_CACHE_DIR) : path.join(REPO_ROOT, "node_modules", ".cache", "briefpress", "pdf");
}

/** SHA-256 of every file under `dir` (names and contents, in a fixed order); "" if it is missing. */
export async function hashTree(dir: string, skip: (relative: string) => boolean = () => false): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (skip(child)) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        const body = await readFile(path.join(dir, child));
        hash.update(`${child}\0${body.length}\0`).update(body);
      }
    }
  };
  await walk("");
  return hash.digest("hex");
}

let codeHash: Promise<string> | undefined;
/** briefpress's own code and its locked dependencies (hashed once per process). */
export function briefpressCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash("sha256");
    for (const part of ["src", "layouts", "assets"]) hash.update(`${part}\0${await hashTree(path.join(REPO_ROOT, part))}\0`);
    for (const file of ["package-lock.json", "package.json"]) hash.update(await readFile(path.join(REPO_ROOT, file)).catch(() => Buffer.alloc(0)));
    return hash.digest("hex");
  })();
  return codeHash;
}

export interface PdfKeyParts {
  /** The print page's HTML as served. */
  printHtml: Uint8Array | string;
  /** Hash of the files the brief uses (hashTree of its folder in the site, PDFs left out). */
  briefFiles: string;
  /** Hash of the site's assets folder (hashTree). */
  siteAssets: string;
  /** e.g. "HeadlessChrome/156.0.8078.108" */
  chromiumVersion: string;
  /** What goes into the PDF's metadata, and anything else the PDF step is given. */
  pdfOptions: unknown;
}

export async function pdfCacheKey(parts: PdfKeyParts): Promise<string> {
  const hash = createHash("sha256");
  const field = (name: string, value: Uint8Array | string) => {
    const bytes = typeof value === "string" ? Buffer.from(value) : value;
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  };
  field("format", CACHE_FORMAT);
  field("code", await briefpressCodeHash());
  field("chromium", parts.chromiumVersion);
  field("assets", parts.siteAssets);
  field("brief-files", parts.briefFiles);
  field("print-html", parts.printHtml);
  field("pdf-options", JSON.stringify(parts.pdfOptions));
  field("source-date-epoch", process.env.SOURCE_DATE_EPOCH ?? "");
  return hash.digest("hex");
}

export class PdfCache {
  readonly dir: string;
  hits = 0;
  misses = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  #file(key: string, ext: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.${ext}`);
  }

  /** The stored PDF, its preview image and its report, or undefined (a damaged entry counts as a miss). */
  async get<T>(key: string): Promise<{ pdf: Uint8Array; preview: Uint8Array; info: T } | undefined> {
    try {
      const [pdf, preview, info] = await Promise.all([readFile(this.#file(key, "pdf")), readFile(this.#file(key, "png")), readFile(this.#file(key, "json"), "utf8")]);
      const parsed = JSON.parse(info) as { key: string; bytes: number; previewBytes: number; info: T };
      if (parsed.key !== key || parsed.bytes !== pdf.length || parsed.previewBytes !== preview.length) throw new Error("damaged entry");
      const now = new Date();
      await utimes(this.#file(key, "json"), now, now).catch(() => undefined); // still in use
      this.hits++;
      return { pdf, preview, info: parsed.info };
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /** Whether an entry for `key` is stored (not counted as a hit or a miss). */
  async has(key: string): Promise<boolean> {
    return stat(this.#file(key, "json")).then((s) => s.isFile(), () => false);
  }

  /** Stores a finished PDF and its preview image; a failure to store is not an error of the build. */
  async put(key: string, pdf: Uint8Array, preview: Uint8Array, info: unknown): Promise<void> {
    const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
    const exts = ["pdf", "png", "json"] as const; // the .json last: it makes the entry whole
    try {
      await mkdir(path.join(this.dir, key.slice(0, 2)), { recursive: true });
      await writeFile(this.#file(key, "pdf") + tmp, pdf);
      await writeFile(this.#file(key, "png") + tmp, preview);
      await writeFile(this.#file(key, "json") + tmp, JSON.stringify({ key, bytes: pdf.length, previewBytes: preview.length, info }));
      for (const ext of exts) await rename(this.#file(key, ext) + tmp, this.#file(key, ext));
    } catch {
      for (const ext of exts) await rm(this.#file(key, ext) + tmp, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Removes entries unused for 30 days (and leftovers of interrupted writes); also the other
   * things a build keeps here: HTML checks (`checks/`) and build records (`builds/`) not written
   * for 30 days, and search indexes (`search/`) but the 3 newest.
   */
  async prune(now = Date.now()): Promise<number> {
    let removed = 0;
    const old = async (file: string) => now - ((await stat(file).catch(() => undefined))?.mtimeMs ?? now) > UNUSED_DAYS * 86_400_000;
    for (const shard of await readdir(path.join(this.dir, "checks")).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(this.dir, "checks", shard)).catch(() => [] as string[])) {
        if (await old(path.join(this.dir, "checks", shard, name))) await rm(path.join(this.dir, "checks", shard, name), { force: true });
      }
    }
    for (const name of await readdir(path.join(this.dir, "builds")).catch(() => [] as string[])) {
      if (await old(path.join(this.dir, "builds", name))) await rm(path.join(this.dir, "builds", name), { force: true });
    }
    const indexes = await Promise.all(
      (await readdir(path.join(this.dir, "search")).catch(() => [] as string[])).map(async (name) => ({ name, mtime: (await stat(path.join(this.dir, "search", name)).catch(() => undefined))?.mtimeMs ?? 0 })),
    );
    for (const { name } of indexes.sort((a, b) => b.mtime - a.mtime).slice(3)) await rm(path.join(this.dir, "search", name), { recursive: true, force: true });
    for (const shard of await readdir(this.dir).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await readdir(path.join(this.dir, shard)).catch(() => [] as string[])) {
        const m = /^([0-9a-f]{64})\.json$/.exec(name);
        const file = path.join(this.dir, shard, name);
        const age = now - ((await stat(file).catch(() => undefined))?.mtimeMs ?? now);
        if (m && age > UNUSED_DAYS * 86_400_000) {
          await rm(file, { force: true });
          await rm(path.join(this.dir, shard, `${m[1]}.pdf`), { force: true });
          await rm(path.join(this.dir, shard, `${m[1]}.png`), { force: true });
          removed++;
        } else if (!m && !/^[0-9a-f]{64}\.(pdf|png)$/.test(name) && age > 86_400_000) {
          await rm(file, { force: true });
        }
      }
    }
    return removed;
  }
}
