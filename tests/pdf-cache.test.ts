/**
 * The PDF cache (src/pdf/cache.ts): a hit gives the very bytes a fresh render gives, any input
 * of the PDF changing is a miss, a damaged entry is a miss, and without a cache every PDF is
 * rendered. Builds of tests/fixtures/other-briefs (a brief with an SVG figure, one without).
 */
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.ts";
import { pdfCacheKey, type PdfKeyParts } from "../src/pdf/cache.ts";
import { tempDir } from "./helpers/build.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/other-briefs");
const SLUGS = ["chart-brief", "second-brief"] as const;
const pdfOf = (site: string, slug: string) => readFile(path.join(site, "briefs", slug, `${slug}.pdf`));
const previewOf = (site: string, slug: string) => readFile(path.join(site, "briefs", slug, `${slug}.preview.png`));

async function cacheEntries(dir: string): Promise<string[]> {
  const names: string[] = [];
  // The PDF entries' shards (the folder also keeps checks/, search/ and builds/: see README).
  for (const shard of (await readdir(dir).catch(() => [])).filter((n) => /^[0-9a-f]{2}$/.test(n))) for (const name of await readdir(path.join(dir, shard))) names.push(name);
  return names.sort();
}

describe("the PDF cache", () => {
  let work: string;
  let input: string;
  let cacheDir: string;
  const logs: string[][] = [];
  const run = async (name: string, cache: boolean) => {
    const lines: string[] = [];
    logs.push(lines);
    // These tests are about the PDF cache: the record of the last build (build-record.ts),
    // which would serve an unchanged input whole from its copy of the output, is forgotten.
    await rm(path.join(cacheDir, "builds"), { recursive: true, force: true });
    const report = await build({ input, output: path.join(work, name), cacheDir: cache ? cacheDir : false, log: (l) => lines.push(l) });
    return { site: path.join(work, name), report, lines };
  };

  let fresh: Awaited<ReturnType<typeof run>>;
  let hit: Awaited<ReturnType<typeof run>>;
  let uncached: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    work = await tempDir();
    input = path.join(work, "briefs");
    cacheDir = path.join(work, "cache");
    await cp(FIXTURE, input, { recursive: true });
    fresh = await run("first", true);
    hit = await run("second", true);
    uncached = await run("third", false);
  }, 600_000);

  it("renders on a miss, stores the PDFs, and takes them back unchanged on the next build", async () => {
    expect(fresh.lines).toContain(`pdf cache: 0 of 2 PDFs unchanged, taken from ${cacheDir}`);
    expect(hit.lines).toContain(`pdf cache: 2 of 2 PDFs unchanged, taken from ${cacheDir}`);
    expect(await cacheEntries(cacheDir)).toHaveLength(6); // a PDF, its preview image (og:image) and its report per brief
    for (const slug of SLUGS) expect(Buffer.compare(await pdfOf(hit.site, slug), await pdfOf(fresh.site, slug))).toBe(0);
    // The preview image comes back with its PDF: a hit renders nothing.
    for (const slug of SLUGS) expect(Buffer.compare(await previewOf(hit.site, slug), await previewOf(fresh.site, slug))).toBe(0);
    // What the build reports about a PDF (pages, size, page fill, warnings) comes back with it.
    expect(hit.report.briefs.map(({ pdf: _p, ...rest }) => rest)).toEqual(fresh.report.briefs.map(({ pdf: _p, ...rest }) => rest));
  });

  it("gives the same bytes as a fresh render without the cache (reproducible PDFs)", async () => {
    expect(uncached.lines.some((l) => l.startsWith("pdf cache:"))).toBe(false);
    for (const slug of SLUGS) {
      const rendered = await pdfOf(uncached.site, slug);
      expect(rendered.subarray(0, 5).toString()).toBe("%PDF-");
      expect(Buffer.compare(rendered, await pdfOf(hit.site, slug)), slug).toBe(0);
    }
  });

  it("misses when a brief's text or its figure changes, and only for that brief", async () => {
    const brief = path.join(input, "notes", "second-brief.md");
    await writeFile(brief, (await readFile(brief, "utf8")).replace(/\n\n([A-Z])/, "\n\nAn added sentence. $1"));
    const text = await run("text-changed", true);
    expect(text.lines).toContain(`pdf cache: 1 of 2 PDFs unchanged, taken from ${cacheDir}`);
    expect(Buffer.compare(await pdfOf(text.site, "second-brief"), await pdfOf(fresh.site, "second-brief"))).not.toBe(0);

    const figure = path.join(input, "chart-brief", "chart.svg");
    await writeFile(figure, (await readFile(figure, "utf8")).replace(/<\/svg>\s*$/, '<rect x="0" y="0" width="3" height="3"/></svg>\n'));
    const image = await run("figure-changed", true);
    expect(image.lines).toContain(`pdf cache: 1 of 2 PDFs unchanged, taken from ${cacheDir}`);
  }, 600_000);

  it("treats a damaged entry as a miss and renders again", async () => {
    const pdfs = (await cacheEntries(cacheDir)).filter((n) => n.endsWith(".pdf"));
    for (const name of pdfs) {
      const file = path.join(cacheDir, name.slice(0, 2), name);
      await writeFile(file, (await readFile(file)).subarray(0, 100));
    }
    const again = await run("damaged", true);
    expect(again.lines).toContain(`pdf cache: 0 of 2 PDFs unchanged, taken from ${cacheDir}`);
    const text = await pdfOf(again.site, "chart-brief");
    expect(text.length).toBeGreaterThan(1000);
  }, 600_000);
});

describe("the cache key", () => {
  const base: PdfKeyParts = { printHtml: "<html>a</html>", briefFiles: "f", siteAssets: "a", chromiumVersion: "HeadlessChrome/1", pdfOptions: { title: "T" } };
  it("changes with every part, and only then", async () => {
    const key = await pdfCacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await pdfCacheKey({ ...base })).toBe(key);
    const variants: PdfKeyParts[] = [
      { ...base, printHtml: "<html>b</html>" },
      { ...base, printHtml: Buffer.from("<html>a</html> ") },
      { ...base, briefFiles: "g" },
      { ...base, siteAssets: "b" },
      { ...base, chromiumVersion: "HeadlessChrome/2" },
      { ...base, pdfOptions: { title: "U" } },
      { ...base, pdfOptions: { title: "T", keywords: ["k"] } },
    ];
    const keys = await Promise.all(variants.map(pdfCacheKey));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = "1";
    try {
      expect(await pdfCacheKey(base)).not.toBe(key);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});
