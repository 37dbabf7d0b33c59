/**
 * The layouts that lost text or broke pages (issue #11), built and checked from the PDF alone:
 * prose that repeats itself (Paged.js mapped page breaks with indexOf), one paragraph of
 * 7,600 characters, a word hyphenated across a page break, a footnote split over two pages
 * whose call sat on the page's last line, and a footnote of three pages.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { findMissingWord, pdfBodyText, pdfPageCount, pdfText } from "./helpers/pdf.ts";
import type { BuildReport } from "../src/build.ts";

const INPUT = path.resolve(import.meta.dirname, "fixtures/layout-repros");
let report: BuildReport;

beforeAll(async () => {
  ({ report } = await buildInto(INPUT));
}, 180_000);

const pdfOf = (slug: string) => report.briefs.find((b) => b.slug === slug)!.pdf;
const source = (slug: string) => readFileSync(path.join(INPUT, `${slug}.md`), "utf8").split(/^---$/m)[2];

/** Words of the running text (without the footnote definition and call). */
function bodyWords(slug: string): string[] {
  return source(slug)
    .replace(/^\[\^[^\]]+\]:.*$/gm, "")
    .replace(/\[\^[^\]]+\]/g, "")
    .replace(/^#+ /gm, "")
    .split(/\s+/)
    .filter(Boolean);
}

describe("layouts that used to lose text", () => {
  for (const slug of ["repeated-prose", "one-long-paragraph", "split-footnote", "three-page-footnote"]) {
    it(`${slug}: every word of the running text is in the PDF, in order, once`, () => {
      const title = /^title: (.*)$/m.exec(readFileSync(path.join(INPUT, `${slug}.md`), "utf8"))![1];
      const words = pdfBodyText(pdfOf(slug), title).split(/\s+/).filter(Boolean);
      const expected = bodyWords(slug);
      expect(findMissingWord(words, expected)).toBeNull();
      // Not twice: as many words in the PDF as expected, give or take the title, date,
      // running heads, page numbers and the footnote.
      const prose = words.filter((w) => /^[A-Za-z]+[.,]?$/.test(w)).length;
      expect(prose).toBeLessThan(expected.length + 3 * pdfPageCount(pdfOf(slug)) + 2000);
    });
  }

  it("repeated-prose: no soft hyphen in the text layer; hyphenated words join", () => {
    const raw = execFileSync("pdftotext", [pdfOf("repeated-prose"), "-"], { encoding: "utf8" });
    expect(raw).not.toMatch(/[\u00ad\u2011]/);
    expect(raw.replace(/\s+/g, " ")).toContain("Additional Additional Additional.");
  });

  for (const [slug, start, end] of [["split-footnote", "LONGSTART", "LONGEND"], ["three-page-footnote", "HUGESTART", "HUGEEND"]]) {
    it(`${slug}: the footnote starts on its call's page, continues on the next pages, all of it`, () => {
      const pdf = pdfOf(slug);
      const pages = Array.from({ length: pdfPageCount(pdf) }, (_, i) => pdfText(pdf, i + 1));
      const callPage = pages.findIndex((t) => /footnote\s+(right\s+)?here\.\*/.test(t));
      expect(callPage).toBeGreaterThanOrEqual(0);
      expect(pages.findIndex((t) => t.includes(start))).toBe(callPage);
      expect(pages.findIndex((t) => t.includes(end))).toBeGreaterThan(callPage);
      const note = source(slug).slice(source(slug).indexOf(start));
      const noteWords = note.slice(0, note.indexOf(end) + end.length).split(/\s+/);
      expect(findMissingWord(pages.join("\n").split(/\s+/).filter(Boolean), noteWords)).toBeNull();
    });
  }

  it("three-page-footnote: every page but the last keeps room for running text", () => {
    const built = report.briefs.find((b) => b.slug === "three-page-footnote")!;
    expect(built.pages).toBeGreaterThanOrEqual(4);
    for (const [i, fill] of built.pageFill.slice(0, -1).entries()) expect(fill, `page ${i + 1}`).toBeGreaterThanOrEqual(0.6);
  });
});
