/**
 * Real long-form Markdown nobody here wrote (tests/fixtures/public-documents/README.md),
 * built with only front matter added: the build's own checks hold on every page (no text
 * lost or repeated, nothing cut off at a page foot), and the PDF's text is the text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { pdfInfo, pdfText } from "./helpers/pdf.ts";
import type { BuildReport } from "../src/build.ts";

const INPUT = path.resolve(import.meta.dirname, "fixtures/public-documents");
let site: string;
let report: BuildReport;

beforeAll(async () => {
  ({ output: site, report } = await buildInto(INPUT));
}, 300_000);

describe("a public long-form document (78 notes, 9,000 words)", () => {
  const pdf = () => path.join(site, "briefs", "graphics", "graphics.pdf");

  it("builds: the layout checks pass on every page", () => {
    expect(report.briefs.map((b) => b.slug)).toEqual(["graphics"]);
    expect(Number(pdfInfo(pdf()).Pages)).toBeGreaterThanOrEqual(15);
  });

  it("lists every note of the source, in order", () => {
    const source = readFileSync(path.join(INPUT, "graphics.md"), "utf8");
    const defined = [...source.matchAll(/^\[\^([^\]]+)\]:/gm)].length;
    const { document } = parseHTML(readFileSync(path.join(site, "briefs", "graphics", "index.html"), "utf8"));
    expect(defined).toBe(78);
    expect(document.querySelectorAll(".endnotes li").length).toBe(defined);
  });

  it("has a PDF text without soft hyphens, where the document's sentences are found", () => {
    const text = pdfText(pdf());
    expect(text).not.toMatch(/\u00ad/);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("I challenge the community to write the following items, all of which must be released to the public domain or under the Unlicense");
    expect(flat).toContain("Any copyright to this page is released to the Public Domain");
  });
});
