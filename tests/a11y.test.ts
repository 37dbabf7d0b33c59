/**
 * The accessibility gate (pa11y: axe + HTML_CodeSniffer, WCAG2AA, errors and warnings)
 * passes on every page of the published brief, print page included, and fails, readably,
 * on a page that is broken on purpose.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSite, formatA11yResult, readA11yConfig, sitePages, type A11yConfig } from "../src/a11y/check.ts";
import { buildInto } from "./helpers/build.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
let config: A11yConfig;

beforeAll(async () => {
  config = await readA11yConfig(path.join(ROOT, ".pa11yci.json"));
});

describe("accessibility gate", () => {
  it("passes the collection page, the brief page and its print page with no error and no warning", async () => {
    const { output } = await buildInto(path.join(ROOT, "content"));
    expect(await sitePages(output)).toEqual(["/", "/briefs/china-sony-attack/", "/briefs/china-sony-attack/print/"]);
    const results = await checkSite(output, config);
    for (const r of results) expect(r.issues.filter((i) => i.type !== "notice"), formatA11yResult(r)).toEqual([]);
  }, 300_000);

  it("passes with pa11y's own defaults too (another user's config: htmlcs only, warnings on)", async () => {
    const { output } = await buildInto(path.join(ROOT, "content"));
    const results = await checkSite(output, { defaults: { includeWarnings: true } });
    for (const r of results) expect(r.issues.filter((i) => i.type !== "notice"), formatA11yResult(r)).toEqual([]);
  }, 300_000);

  it("fails a page with an image without alt text, saying what and where", async () => {
    const { output } = await buildInto(path.join(ROOT, "tests/fixtures/broken-a11y"));
    const results = await checkSite(output, config);
    expect(results.map((r) => r.path)).toContain("/briefs/no-alt/ (dark)");
    const page = results.find((r) => r.path === "/briefs/no-alt/")!;
    const report = formatA11yResult(page);
    expect(report).toMatch(/^FAIL {2}\/briefs\/no-alt\//);
    expect(page.issues.some((i) => i.type === "error" && i.runner === "axe" && i.code === "image-alt")).toBe(true);
    expect(page.issues.some((i) => i.type === "error" && i.runner === "htmlcs" && /H37/.test(i.code))).toBe(true);
    expect(report).toContain("img");
  }, 300_000);
});
