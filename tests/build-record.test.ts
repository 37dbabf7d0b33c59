/**
 * Unchanged work skipped (build/build-record.ts, build/check-cache.ts, the search index and PDF
 * caches): a build that takes anything from a cache writes exactly the bytes a build without any
 * cache writes, every file of the site; an up-to-date output is left as it is; a build whose PDFs
 * all come from the cache starts no Chromium; any change to what a build read is seen.
 * Builds of tests/fixtures/other-briefs (a brief with an SVG figure, one without).
 */
import { createHash } from "node:crypto";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.ts";
import { launchCount } from "../src/browser/chromium.ts";
import { differences, tempDir, tree } from "./helpers/build.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/other-briefs");

describe("skipping unchanged work", () => {
  let work: string;
  let input: string;
  let cacheDir: string;
  const run = async (name: string, cache: boolean) => {
    const lines: string[] = [];
    const launchesBefore = launchCount();
    const report = await build({ input, output: path.join(work, name), cacheDir: cache ? cacheDir : false, log: (l) => lines.push(l) });
    return { site: path.join(work, name), report, lines, launched: launchCount() - launchesBefore };
  };

  let cold: Awaited<ReturnType<typeof run>>;
  let ci: Awaited<ReturnType<typeof run>>;
  let again: Awaited<ReturnType<typeof run>>;
  let uncached: Awaited<ReturnType<typeof run>>;
  let ciTree: Map<string, Buffer>;
  beforeAll(async () => {
    work = await tempDir();
    input = path.join(work, "briefs");
    cacheDir = path.join(work, "cache");
    await cp(FIXTURE, input, { recursive: true });
    cold = await run("cold", true);
    ci = await run("ci", true); // a fresh output folder, the cache kept (as on a CI runner)
    ciTree = await tree(ci.site);
    again = await run("ci", true); // the same output folder, nothing changed
    uncached = await run("uncached", false);
  }, 900_000);

  it("writes a fresh output folder from the cache's copy of the last build, without Eleventy or Chromium", () => {
    expect(cold.launched).toBe(1);
    expect(ci.lines).toEqual([`nothing changed since the last build: ${ci.site} written from the cache (${cacheDir})`]);
    expect(ci.launched).toBe(0);
  });

  it("writes the very bytes a build without any cache writes, every file of the site", async () => {
    const reference = await tree(uncached.site);
    expect(reference.size).toBeGreaterThan(10);
    expect([...reference.keys()].some((f) => f.startsWith("pagefind"))).toBe(true);
    expect(differences(await tree(cold.site), reference)).toEqual([]);
    expect(differences(ciTree, reference)).toEqual([]);
    expect(ci.report.briefs.map(({ pdf: _p, ...rest }) => rest)).toEqual(uncached.report.briefs.map(({ pdf: _p, ...rest }) => rest));
  });

  it("leaves an up-to-date output folder as it is and reports what the build that wrote it reported", async () => {
    expect(again.lines).toEqual([`nothing changed since the last build: ${again.site} is up to date`]);
    expect(again.launched).toBe(0);
    expect(again.report).toEqual({ ...ci.report, warnings: ci.report.warnings.map((w) => expect.objectContaining({ file: w.file, line: w.line, message: w.message })) });
    expect(differences(await tree(again.site), ciTree)).toEqual([]);
  });

  it("builds (PDFs from the PDF cache) when the cache's copy of a file is damaged, and never writes the damaged bytes", async () => {
    const page = await readFile(path.join(ci.site, "index.html"));
    const hash = createHash("sha256").update(page).digest("hex");
    const stored = path.join(cacheDir, "site-files", hash.slice(0, 2), hash);
    await writeFile(stored, Buffer.concat([page, Buffer.from("<!-- damaged -->")]));
    const rebuilt = await run("ci-damaged", true);
    expect(rebuilt.lines.some((l) => l.includes("written from the cache"))).toBe(false);
    expect(rebuilt.lines).toContain(`pdf cache: 2 of 2 PDFs unchanged, taken from ${cacheDir}`);
    expect(rebuilt.launched).toBe(0);
    expect(differences(await tree(rebuilt.site), ciTree)).toEqual([]);
    expect(createHash("sha256").update(await readFile(stored)).digest("hex")).toBe(hash); // the rebuild stored the right bytes again
  }, 900_000);

  it("sees a changed output file, a changed brief and a changed figure, and still matches a build without cache", async () => {
    // Someone edited the published site: the next build writes it again.
    const page = path.join(ci.site, "index.html");
    await writeFile(page, (await readFile(page, "utf8")).replace("</body>", "<p>edited</p></body>"));
    const repaired = await run("ci", true);
    expect(repaired.lines.some((l) => l.includes("up to date"))).toBe(false);
    expect(repaired.launched).toBe(0); // its PDFs are still in the cache
    expect(differences(await tree(repaired.site), ciTree)).toEqual([]);

    const brief = path.join(input, "notes", "second-brief.md");
    await writeFile(brief, (await readFile(brief, "utf8")).replace(/\n\n([A-Z])/, "\n\nAn added sentence. $1"));
    const figure = path.join(input, "chart-brief", "chart.svg");
    await writeFile(figure, (await readFile(figure, "utf8")).replace(/<\/svg>\s*$/, '<rect x="0" y="0" width="3" height="3"/></svg>\n'));
    const changed = await run("ci", true);
    expect(changed.lines).toContain(`pdf cache: 0 of 2 PDFs unchanged, taken from ${cacheDir}`);
    expect(changed.launched).toBe(1);
    const reference = await run("uncached-after-change", false);
    expect(differences(await tree(changed.site), await tree(reference.site))).toEqual([]);
    expect(differences(await tree(changed.site), ciTree).length).toBeGreaterThan(0);
  }, 900_000);
});
