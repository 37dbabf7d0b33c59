/**
 * The kept HTML checks (src/build/check-cache.ts): a check that passed is taken back with the
 * same result; HTML with problems is checked every time (its errors are reported as without a
 * cache); another version of briefpress, a different HTML or a damaged entry is checked again.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CheckCache } from "../src/build/check-cache.ts";
import { checkHtml } from "../src/briefs/raw-html.ts";
import { tempDir } from "./helpers/build.ts";

const GOOD = '<p>Text with an image <img src="chart.svg" alt="A chart"> and a <a href="https://example.org/">link</a>.</p>';
const BAD = '<p>Text</p><script>alert(1)</script><p onclick="x()">more</p>';

async function entries(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) if (e.isFile()) found.push(path.join(e.parentPath, e.name));
  return found;
}

describe("the kept HTML checks", () => {
  it("takes a passed check back with the same result, and only for the same HTML and code", async () => {
    const dir = await tempDir();
    const first = new CheckCache(dir, "code-1");
    expect(first.check(GOOD)).toEqual(checkHtml(GOOD));
    expect([first.hits, first.misses]).toEqual([0, 1]);
    const second = new CheckCache(dir, "code-1"); // the next build
    const kept = second.check(GOOD);
    expect(kept).toEqual(checkHtml(GOOD));
    expect(kept.images.map((i) => i.src)).toEqual(["chart.svg"]);
    expect([second.hits, second.misses]).toEqual([1, 0]);
    second.check(`${GOOD}<p>one more paragraph</p>`);
    expect(second.misses).toBe(1);
    const upgraded = new CheckCache(dir, "code-2");
    upgraded.check(GOOD);
    expect([upgraded.hits, upgraded.misses]).toEqual([0, 1]);
  });

  it("never keeps a check that found problems: they are found and reported again", async () => {
    const dir = await tempDir();
    const expected = checkHtml(BAD).problems;
    expect(expected.length).toBeGreaterThanOrEqual(2);
    for (let build = 0; build < 2; build++) {
      const cache = new CheckCache(dir, "code");
      expect(cache.check(BAD).problems).toEqual(expected);
      expect(cache.hits).toBe(0);
    }
    expect(await entries(dir)).toEqual([]);
  });

  it("checks again when an entry is damaged", async () => {
    const dir = await tempDir();
    new CheckCache(dir, "code").check(GOOD);
    const [file] = await entries(dir);
    await writeFile(file, (await readFile(file, "utf8")).slice(0, 10));
    const cache = new CheckCache(dir, "code");
    expect(cache.check(GOOD)).toEqual(checkHtml(GOOD));
    expect([cache.hits, cache.misses]).toEqual([0, 1]);
  });
});
