/**
 * Page-level checks of a brief made to stress the notes: 15+ footnotes on one page, a
 * footnote longer than a page, notes in list items, block quotes and table cells, an
 * endnote called twice, 60 endnotes with long URLs, and a citation in Chinese script.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { findMissingWord, pdfFonts, pdfPageCount, pdfText, pdfWordBoxes } from "./helpers/pdf.ts";
import { symbolFor } from "../src/notes/symbols.ts";
import type { BuiltBrief } from "../src/build.ts";

const INPUT = path.resolve(import.meta.dirname, "fixtures/briefs");
let pdf: string;
let brief: BuiltBrief;
let pages: string[];

beforeAll(async () => {
  const { report } = await buildInto(INPUT);
  brief = report.briefs.find((b) => b.slug === "notes-stress")!;
  pdf = brief.pdf;
  pages = Array.from({ length: pdfPageCount(pdf) }, (_, i) => pdfText(pdf, i + 1));
}, 180_000);

/** Page index (0-based) whose text matches. */
const pageOf = (re: RegExp) => pages.findIndex((t) => re.test(t));

describe("notes stress brief", () => {
  it("puts the 15 short footnotes of one paragraph at the foot of that page, * † ‡ … then doubled", () => {
    const page = pageOf(/Claim number 1 needs a remark/);
    for (let i = 1; i <= 15; i++) {
      const symbol = symbolFor(i - 1).replace(/[*]/g, "\\*");
      expect(pages[page], `remark ${i}`).toMatch(new RegExp(`^\\s*${symbol} Remark ${i} for claim number ${i}\\.`, "m"));
    }
  });

  it("starts a footnote longer than a page on its call's page and continues it, losing nothing", () => {
    const callPage = pageOf(/calls a very\s+long\s+footnote\./);
    const startPage = pageOf(/LONGSTART/);
    const endPage = pageOf(/LONGEND/);
    expect(startPage).toBe(callPage);
    expect(endPage).toBeGreaterThan(startPage);
    // Every sentence, in order; page furniture, other notes and the "(continued)" mark of the
    // note's next part may come between its words at a page break.
    const words = pages.join("\n").split(/\s+/).filter(Boolean);
    for (let k = 1; k <= 40; k++) expect(findMissingWord(words, `Long footnote sentence ${k} continues the body`.split(" ")), `sentence ${k}`).toBeNull();
  });

  it("leaves no page under 60% full because of the long footnote", () => {
    expect(brief.pageFill).toHaveLength(pages.length);
    // Every page but the last is at least 60% full.
    for (const [i, fill] of brief.pageFill.slice(0, -1).entries()) expect(fill, `page ${i + 1}`).toBeGreaterThanOrEqual(0.6);
  });

  it("has no heading at a page foot, no widow and no orphan", () => {
    expect(brief.badBreaks).toEqual([]);
  });

  it("prints footnotes called from a list item, a block quote and a table cell on their calling pages", () => {
    for (const [call, body] of [
      [/A list item with a footnote\.([*†‡§‖¶]+)/, /^\s*([*†‡§‖¶]+) Footnote from a list item\./m],
      [/A block quote with a footnote\.([*†‡§‖¶]+)/, /^\s*([*†‡§‖¶]+) Footnote from a block quote\./m],
      [/A cell with a footnote([*†‡§‖¶]+)/, /^\s*([*†‡§‖¶]+) Footnote from a table cell\./m],
    ] as const) {
      const page = pageOf(call);
      expect(page, String(call)).toBeGreaterThanOrEqual(0);
      expect(pageOf(body)).toBe(page);
      expect(body.exec(pages[page])![1]).toBe(call.exec(pages[page])![1]);
    }
  });

  it("numbers 60 endnotes plus the others, with one endnote called twice", () => {
    const text = pages.join("\n");
    const notesStart = text.search(/^\s*Notes\s*$/m);
    expect(notesStart).toBeGreaterThan(0);
    const notes = text.slice(notesStart);
    // 3 from lists/quotes/tables + 1 shared + 60 statements + 1 Chinese citation.
    for (let n = 1; n <= 65; n++) expect(notes).toMatch(new RegExp(`^\\s*${n}\\.\\s+\\S`, "m"));
    expect(notes).not.toMatch(/^\s*66\.\s/m);
    expect(text.match(/shared source\.4/g)).toHaveLength(2);
  });

  it("keeps long URLs in the endnotes inside the margins", () => {
    const words = pdfWordBoxes(pdf);
    const urls = words.filter((w) => /example\.org|\/source-\d+|must\/break/.test(w.word));
    expect(urls.length).toBeGreaterThan(60);
    // Letter, 1 in side margins: every word inside 72..540 pt (with 1 pt for rounding).
    for (const w of words) {
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(72 - 30); // endnote numbers hang in the left margin
      expect(w.xMax, `page ${w.page}: ${w.word}`).toBeLessThanOrEqual(w.pageWidth - 72 + 1);
    }
    expect(pages.join("\n")).toContain("source-60/index.html");
  });

  it("renders the citation in Chinese script with an embedded CJK font, not as boxes", () => {
    expect(pages.join("\n")).toContain("测试引文：中文字符必须正确显示。");
    expect(pdfFonts(pdf).some((f) => /NotoSerifSC/.test(f.name) && f.embedded)).toBe(true);
  });
});
