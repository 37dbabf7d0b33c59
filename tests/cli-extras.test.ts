/** `--shard i/n` for a CI matrix, and `npm run new` making a brief that builds. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.ts";
import { loadBriefs } from "../src/briefs/load.ts";
import { tempDir } from "./helpers/build.ts";
import { pdfInfo } from "./helpers/pdf.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("--shard", () => {
  it("renders only its share of the PDFs; together the shards render every PDF once", async () => {
    const input = path.join(ROOT, "tests/fixtures/other-briefs");
    const rendered: string[] = [];
    for (const index of [1, 2]) {
      const output = path.join(await tempDir(), "site");
      const report = await build({ input, output, shard: { index, count: 2 } });
      rendered.push(...report.briefs.map((b) => b.slug));
      // Every shard still writes every page.
      expect(existsSync(path.join(output, "briefs", "chart-brief", "index.html"))).toBe(true);
      expect(existsSync(path.join(output, "briefs", "second-brief", "index.html"))).toBe(true);
      expect(report.briefs).toHaveLength(1);
    }
    expect(rendered.sort()).toEqual(["chart-brief", "second-brief"]);
  }, 240_000);
});

describe("--print-marks", () => {
  it("adds 0.125 in of bleed on every side (Letter 630 x 810 pt, A4 613 x 860 pt)", async () => {
    const output = path.join(await tempDir(), "site");
    const report = await build({ input: path.join(ROOT, "tests/fixtures/other-briefs"), output, printMarks: true });
    const size = (slug: string) => pdfInfo(report.briefs.find((b) => b.slug === slug)!.pdf)["Page size"];
    expect(size("second-brief")).toMatch(/^630 x 810 pts/);
    expect(size("chart-brief")).toMatch(/^61[23](\.\d+)? x 859(\.\d+)? pts/);
  }, 240_000);
});

describe("npm run new", () => {
  it("makes a brief with valid front matter in its own folder, and refuses to overwrite it", async () => {
    const dir = await tempDir();
    const run = () =>
      execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/new-brief.ts"), "Water Rights After the Drought", "--author", "Ana Ruiz"], {
        cwd: dir,
        encoding: "utf8",
        stdio: "pipe",
      });
    expect(run()).toContain("content/water-rights-after-the-drought/index.md");
    const { briefs, errors, warnings } = await loadBriefs(path.join(dir, "content"));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(briefs[0]).toMatchObject({ slug: "water-rights-after-the-drought", notes: { endnotes: 1, footnotes: 1 } });
    expect(briefs[0].data.author).toEqual([{ name: "Ana Ruiz" }]);
    expect(run).toThrow(/already exists/);
  });

  it("refuses a title whose slug another brief already has (a single file, another folder, another letter case)", async () => {
    const dir = await tempDir();
    const brief = "---\ntitle: Old\ndate: 2024-01-02\n---\nText.\n";
    await mkdir(path.join(dir, "content", "2019", "Water-Rights"), { recursive: true });
    await writeFile(path.join(dir, "content", "drought-plans.md"), brief);
    await writeFile(path.join(dir, "content", "2019", "Water-Rights", "index.md"), brief);
    const run = (title: string) => () =>
      execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/new-brief.ts"), title], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    expect(run("Drought Plans")).toThrow(/content\/drought-plans\.md already has the slug "drought-plans"/);
    expect(run("Water rights")).toThrow(/content\/2019\/Water-Rights\/index\.md already has the slug "Water-Rights"/);
    expect(existsSync(path.join(dir, "content", "drought-plans"))).toBe(false);
    expect(existsSync(path.join(dir, "content", "water-rights"))).toBe(false);
    const { errors } = await loadBriefs(path.join(dir, "content"));
    expect(errors).toEqual([]);
  });
});
