/**
 * The pages Eleventy wrote for each brief (`briefs/<slug>/`: the web page, the print page, the
 * BibTeX and RIS files), kept between builds, so a build where one brief of a hundred changed
 * renders that brief's pages only; the others are copied from here. Eleventy still reads every
 * brief's data: the collection page, the feed and the sitemap list them all.
 *
 * A brief's pages depend on its own text and data, the images beside it, the bibliographies
 * and styles it cites from, and on what every page shares: briefpress's code, templates,
 * CSS and locked dependencies (pdf/cache.ts's briefpressCodeHash), the site data, the site
 * configuration's files and a theme folder, SOURCE_DATE_EPOCH. The key is a SHA-256 over all
 * of that: any change is a miss. No brief's page reads another brief (the templates under
 * layouts/ that do, the collection page, feed and sitemap, are always rendered), and
 * tests/page-cache.test.ts checks that a build taking pages from here writes the very bytes a
 * build without any cache writes.
 *
 * Layout: `<cache>/pages/<first 2 hex>/<key>.json`, listing each file (relative to the brief's
 * folder) by its SHA-256; the files themselves are in the build record's file store
 * (build-record.ts), checked against their hash when read.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Brief } from "../briefs/load.ts";
import { briefpressCodeHash } from "../pdf/cache.ts";
import { eleventyFileText } from "./eleventy-input.ts";
import { readStored, storeOutput, storedFileExists } from "./build-record.ts";

const FORMAT = "briefpress-page-cache/1";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** What every page depends on besides its brief: made once per build. */
export interface SharedInputs {
  /** What templates see as `site` (config/site.ts). */
  site: unknown;
  /** The site configuration's fields (brand, theme, defaults). */
  configFields: unknown;
  /** Files the site configuration names (briefpress.yml, logo, fonts) and every file of a theme folder. */
  files: string[];
}

interface Manifest {
  format: string;
  key: string;
  /** Relative to `briefs/<slug>/` -> SHA-256. */
  files: Record<string, string>;
}

export class PageCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  readonly #shared: string;

  private constructor(cacheDir: string, shared: string) {
    this.dir = cacheDir;
    this.#shared = shared;
  }

  static async open(cacheDir: string, shared: SharedInputs): Promise<PageCache> {
    const hash = createHash("sha256");
    const field = (name: string, value: Uint8Array | string) => {
      const bytes = typeof value === "string" ? Buffer.from(value) : value;
      hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    };
    field("format", FORMAT);
    field("code", await briefpressCodeHash());
    field("site", JSON.stringify(shared.site));
    field("config", JSON.stringify(shared.configFields));
    field("source-date-epoch", process.env.SOURCE_DATE_EPOCH ?? "");
    for (const file of [...shared.files].sort()) field(`file ${file}`, await readFile(file).catch(() => "(missing)"));
    return new PageCache(cacheDir, hash.digest("hex"));
  }

  /** The key of a brief's pages. */
  async keyOf(brief: Brief): Promise<string> {
    const hash = createHash("sha256").update(`${this.#shared}\0${brief.slug}\0`);
    const text = eleventyFileText(brief);
    hash.update(`text\0${Buffer.byteLength(text)}\0`).update(text);
    for (const asset of [...brief.assets].sort()) {
      const body = await readFile(path.join(path.dirname(brief.file), asset));
      hash.update(`asset ${asset}\0${body.length}\0`).update(body);
    }
    for (const file of [...brief.citationFiles].sort()) {
      const body = await readFile(file);
      hash.update(`cites ${file}\0${body.length}\0`).update(body);
    }
    return hash.digest("hex");
  }

  #file(key: string): string {
    return path.join(this.dir, "pages", key.slice(0, 2), `${key}.json`);
  }

  /** Whether every file of `key`'s pages is kept (not counted as a hit or a miss). */
  async has(key: string): Promise<boolean> {
    try {
      const manifest = JSON.parse(await readFile(this.#file(key), "utf8")) as Manifest;
      if (manifest.format !== FORMAT || manifest.key !== key) return false;
      for (const hash of Object.values(manifest.files)) if (!(await storedFileExists(this.dir, hash))) return false;
      return Object.keys(manifest.files).length > 0;
    } catch {
      return false;
    }
  }

  /**
   * Writes `key`'s pages into `folder` (the brief's folder in the site), each checked against
   * its hash. False, with nothing written that could stay, if any is missing or damaged.
   */
  async restore(key: string, folder: string): Promise<boolean> {
    try {
      const manifest = JSON.parse(await readFile(this.#file(key), "utf8")) as Manifest;
      if (manifest.format !== FORMAT || manifest.key !== key) throw new Error("not this key");
      const bodies = await Promise.all(Object.entries(manifest.files).map(async ([rel, hash]) => [rel, await readStored(this.dir, hash)] as const));
      for (const [rel, body] of bodies) {
        const target = path.join(folder, rel);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, body, { flag: "wx" }); // never over a file Eleventy wrote
      }
      const now = new Date();
      await utimes(this.#file(key), now, now).catch(() => undefined); // in use: pruned last
      this.hits++;
      return true;
    } catch {
      this.misses++;
      return false;
    }
  }

  /** Keeps the pages Eleventy wrote into `folder` under `key` (a failure to keep them is not an error of the build). */
  async store(key: string, folder: string): Promise<void> {
    try {
      const files: Record<string, string> = {};
      const entries = await readdir(folder, { recursive: true, withFileTypes: true });
      for (const e of entries.filter((e) => e.isFile())) {
        const rel = path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join("/");
        files[rel] = sha256(await readFile(path.join(folder, rel)));
      }
      if (Object.keys(files).length === 0) return;
      await storeOutput(this.dir, folder, files);
      const manifest: Manifest = { format: FORMAT, key, files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) };
      const file = this.#file(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(manifest));
      await rename(tmp, file);
    } catch {
      // kept next time
    }
  }
}

/** Removes page manifests unused for `days` days (their files go with the file store's pruning). */
export async function prunePages(cacheDir: string, now: number, days: number): Promise<void> {
  for (const shard of await readdir(path.join(cacheDir, "pages")).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(cacheDir, "pages", shard)).catch(() => [] as string[])) {
      const file = path.join(cacheDir, "pages", shard, name);
      const mtime = (await stat(file).catch(() => undefined))?.mtimeMs ?? now;
      if (now - mtime > days * 86_400_000) await rm(file, { force: true });
    }
  }
}
