/**
 * The HTML checks of earlier builds, kept: checkHtml (briefs/raw-html.ts) builds a DOM with
 * jsdom for every brief (~0.1 s a brief, and ~1 s to load jsdom at all); a brief whose published
 * HTML is unchanged passed the very same check before. A result is kept only when the check
 * passed, keyed by SHA-256 over the HTML and briefpress's code and locked dependencies (the
 * allowlist, jsdom's and DOMPurify's versions): a change to either is a miss, and a brief with
 * problems is always checked again, so its errors are reported as they would be without a cache.
 *
 * Layout: `<dir>/<first 2 hex>/<key>.json` holding the images the HTML uses; written atomically.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkHtml, notePassedHtml, type HtmlCheck } from "../briefs/raw-html.ts";

const FORMAT = "briefpress-check-cache/1";

export class CheckCache {
  readonly dir: string;
  readonly #codeHash: string;
  hits = 0;
  misses = 0;

  /** `codeHash`: briefpressCodeHash() (pdf/cache.ts). */
  constructor(dir: string, codeHash: string) {
    this.dir = dir;
    this.#codeHash = codeHash;
  }

  #file(html: string): string {
    const key = createHash("sha256").update(`${FORMAT}\0${this.#codeHash}\0`).update(html).digest("hex");
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** checkHtml(html), from an earlier build when that check passed. */
  check = (html: string): HtmlCheck => {
    const file = this.#file(html);
    try {
      const kept = JSON.parse(readFileSync(file, "utf8")) as { bytes: number; images: HtmlCheck["images"] };
      if (kept.bytes === Buffer.byteLength(html) && Array.isArray(kept.images)) {
        this.hits++;
        notePassedHtml(html); // Eleventy's render checks the same string: no DOM for it either
        return { problems: [], images: kept.images };
      }
    } catch {
      // not kept (or damaged): check now
    }
    this.misses++;
    const checked = checkHtml(html);
    if (checked.problems.length === 0) {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}`;
        writeFileSync(tmp, JSON.stringify({ bytes: Buffer.byteLength(html), images: checked.images }));
        renameSync(tmp, file);
      } catch {
        // a cache that cannot be written is not an error of the build
      }
    }
    return checked;
  };
}
