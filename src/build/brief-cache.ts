/**
 * Briefs as the loader (briefs/load.ts) made them, kept between builds: a brief whose file,
 * images and bibliographies are unchanged is not parsed, rendered and checked again (with a
 * hundred briefs, the loader's markdown for the 99 unchanged ones took ~2 s of CPU).
 *
 * The key is a SHA-256 over the brief's file (path, slug, bytes), the site configuration's
 * front matter defaults and briefpress's code and locked dependencies (the markdown-it setup,
 * the checks, the allowlist); the entry lists the other files the load read (images,
 * bibliographies, CSL styles) by SHA-256, each compared on use: any change is a miss. Only
 * briefs loaded without errors are kept (a brief with errors is loaded again and its errors
 * reported as without a cache); its warnings are kept with it and reported again. The HTML its
 * check passed is noted as passed (by digest), as the check cache does, so Eleventy's render
 * guard does not check it again. A brief that does not come back from JSON exactly as it was
 * is not kept.
 *
 * Layout: `<dir>/<first 2 hex>/<key>.json`, written atomically.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { BriefError } from "../errors.ts";
import type { Brief, BriefReuse } from "../briefs/load.ts";
import { notePassedHtmlDigest, passedHtmlDigest } from "../briefs/raw-html.ts";

const FORMAT = "briefpress-brief-cache/1";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

interface Entry {
  format: string;
  key: string;
  brief: Brief;
  warnings: Array<{ file: string; line: number; message: string }>;
  /** Absolute path -> SHA-256 of each other file the load read. */
  read: Record<string, string>;
  /** passedHtmlDigest of each HTML string the check passed. */
  checked: string[];
}

export class BriefCache implements BriefReuse {
  readonly dir: string;
  readonly #base: string;
  /** File -> the key `get` computed (the bytes the loader then read, unless the file changed meanwhile). */
  readonly #asked = new Map<string, string>();
  hits = 0;
  misses = 0;

  /** `codeHash`: briefpressCodeHash() (pdf/cache.ts); `defaults`: the front matter defaults the loader is given. */
  constructor(dir: string, codeHash: string, defaults: unknown) {
    this.dir = dir;
    this.#base = sha256(JSON.stringify([FORMAT, codeHash, defaults ?? null]));
  }

  async #key(file: string, slug: string): Promise<string> {
    const bytes = await readFile(file);
    return createHash("sha256").update(`${this.#base}\0${path.resolve(file)}\0${slug}\0${bytes.length}\0`).update(bytes).digest("hex");
  }

  #file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get = async (file: string, slug: string): Promise<{ brief: Brief; warnings: BriefError[] } | undefined> => {
    try {
      const key = await this.#key(file, slug);
      this.#asked.set(file, key);
      const entry = JSON.parse(await readFile(this.#file(key), "utf8")) as Entry;
      if (entry.format !== FORMAT || entry.key !== key || entry.brief.slug !== slug) throw new Error("not this brief");
      for (const [other, hash] of Object.entries(entry.read)) if (sha256(await readFile(other)) !== hash) throw new Error(`${other} changed`);
      for (const d of entry.checked) notePassedHtmlDigest(d);
      await utimes(this.#file(key), new Date(), new Date()).catch(() => undefined); // in use: pruned last
      this.hits++;
      return { brief: entry.brief, warnings: entry.warnings.map((w) => new BriefError(w.file, w.line, w.message)) };
    } catch {
      this.misses++;
      return undefined;
    }
  };

  put = async (file: string, slug: string, brief: Brief, warnings: BriefError[], checkedHtml: string[]): Promise<void> => {
    try {
      const copy = JSON.parse(JSON.stringify(brief)) as Brief;
      if (!isDeepStrictEqual(copy, brief)) return; // something JSON would not keep as it is
      const read: Record<string, string> = {};
      const others = [...brief.assets.map((a) => path.join(path.dirname(file), a)), ...brief.citationFiles];
      for (const other of others) read[path.resolve(other)] = sha256(await readFile(other));
      const key = await this.#key(file, slug);
      if (key !== this.#asked.get(file)) return; // saved while it was loaded: which text was loaded is not known
      const entry: Entry = {
        format: FORMAT,
        key,
        brief,
        warnings: warnings.map((w) => ({ file: w.file, line: w.line, message: w.message })),
        read,
        checked: checkedHtml.map((html) => passedHtmlDigest(html)),
      };
      const target = this.#file(key);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}-${Math.random().toString(36).slice(2)}`;
      await writeFile(tmp, JSON.stringify(entry));
      await rename(tmp, target);
    } catch {
      // a cache that cannot be written is not an error of the build
    }
  };
}

/** Removes entries unused for `days` days. */
export async function pruneBriefs(dir: string, now: number, days: number): Promise<void> {
  for (const shard of await readdir(dir).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(dir, shard)).catch(() => [] as string[])) {
      const file = path.join(dir, shard, name);
      const mtime = (await stat(file).catch(() => undefined))?.mtimeMs ?? now;
      if (now - mtime > days * 86_400_000) await rm(file, { force: true });
    }
  }
}
