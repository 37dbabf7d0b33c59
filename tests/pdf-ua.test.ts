/**
 * The accessible PDF (issue #17): the structure tree after post-processing (one article,
 * notes as Note with Lbl, no untagged content), the PDF check passing on the brief, the
 * notes stress fixture and an A4 brief, and failing on Chromium's PDF without our tagging.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { checkPdf, checkPdfFile } from "../src/a11y/pdf-check.ts";
import { parseContentStream } from "../src/pdf/content-stream.ts";
import { dumpStructureTree, readStructureTree } from "../src/pdf/structure-tree.ts";
import { artifactRanges, readMarks } from "../src/pdf/tagging.ts";
import { finishPdf } from "../src/pdf/post-process.ts";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder } from "../src/browser/static-server.ts";
import { renderPdf } from "../src/pdf/render-pdf.ts";
import type { PageContent } from "../src/pdf/page-content.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const notesIn = (printHtml: string) =>
  (printHtml.match(/role="doc-footnote"/g) ?? []).length + (printHtml.match(/<li id="[^"]*" class="endnote"/g) ?? []).length;

describe("tagging helpers", () => {
  it("reads the marks from a lang value and gives back the language", () => {
    expect(readMarks("en-US-x-bpnote-3")).toEqual({ lang: "en-US", marks: { note: 3 } });
    expect(readMarks("en-GB-x-bpsplit-4-bpsect")).toEqual({ lang: "en-GB", marks: { split: 4, sect: true } });
    expect(readMarks("zh-Hans")).toEqual({ lang: "zh-Hans", marks: {} });
    expect(readMarks("und-x-bpref")).toEqual({ lang: undefined, marks: { ref: true } });
  });

  it("wraps untagged paint as artifacts without cutting a text object or a tagged sequence", () => {
    const stream = new TextEncoder().encode(
      "q 0 0 1 rg 0 0 10 10 re f Q\nBT /F1 9 Tf (head) Tj ET\n/P <</MCID 0>> BDC BT (body) Tj ET EMC\nBT (a) Tj /Span <</MCID 1>> BDC (b) Tj EMC (c) Tj ET\n0 0 m 5 5 l S",
    );
    const ops = parseContentStream(stream);
    const untagged = [] as PageContent["untagged"];
    const content = { page: 1, ops, bytes: stream, mcidText: new Map(), mcidPaint: new Map(), artifactSequences: 0, untagged } as PageContent;
    const ranges = artifactRanges(content).map(([a, b]) => ops.slice(a, b + 1).map((o) => o.op).join(" "));
    // From the fill (painting, not path building) through the first text object; inside the
    // mixed text object, (a) and (c) alone; the stroke after it alone.
    expect(ranges).toEqual(["f Q BT Tf Tj ET", "Tj", "Tj", "S"]);
  });
});

describe("the accessible PDF", () => {
  let site: string;
  let others: string;
  let stress: string;
  const brief = () => path.join(site, "briefs", "china-sony-attack", "china-sony-attack.pdf");
  const expected = (pdf: string) => notesIn(readFileSync(path.join(path.dirname(pdf), "print", "index.html"), "utf8"));

  beforeAll(async () => {
    site = (await buildInto(path.join(ROOT, "content"))).output;
    others = (await buildInto(path.join(ROOT, "tests/fixtures/other-briefs"))).output;
    stress = (await buildInto(path.join(ROOT, "tests/fixtures/briefs/notes-stress"))).output;
  }, 600_000);

  it("gives the brief one article, its 41 notes as Note with Lbl, and no untagged content", async () => {
    const pdf = brief();
    expect(expected(pdf)).toBe(41);
    const { problems, counts, tree } = await checkPdfFile(pdf, { expectedNotes: 41 });
    expect(problems).toEqual([]);
    expect(counts.Art).toBe(1);
    expect(counts.Note).toBe(41);
    expect(counts.NonStruct ?? 0).toBe(0);
    expect(tree!.pages.every((p) => p.untagged.length === 0 && p.artifactSequences > 0)).toBe(true);
    const dump = dumpStructureTree(tree!).split("\n");
    expect(dump[0]).toBe("Document (Lang=en-US)");
    expect(dump[1]).toBe("  Art");
    // Each footnote stands after the paragraph that calls it, its marker first.
    const firstNote = dump.findIndex((l) => l === "    Note");
    expect(dump[firstNote + 2]).toMatch(/^ +Lbl p1 "\*"$/);
    expect(dump.slice(0, firstNote).some((l) => /Link p1 \[Link annot\] "\*"/.test(l))).toBe(true);
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    const xmp = new TextDecoder().decode((doc.catalog.lookup(await import("pdf-lib").then((m) => m.PDFName.of("Metadata"))) as unknown as { contents: Uint8Array }).contents);
    expect(xmp).toContain("<pdfuaid:part>1</pdfuaid:part>");
  });

  it("passes the PDF check on the notes stress fixture and on an A4 brief with a figure", async () => {
    for (const pdf of [
      path.join(stress, "briefs", "notes-stress", "notes-stress.pdf"),
      path.join(others, "briefs", "chart-brief", "chart-brief.pdf"),
      path.join(others, "briefs", "second-brief", "second-brief.pdf"),
    ]) {
      const { problems, counts } = await checkPdfFile(pdf, { expectedNotes: expected(pdf) });
      expect(problems, pdf).toEqual([]);
      expect(counts.Art, pdf).toBe(1);
      expect(counts.Note, pdf).toBe(expected(pdf));
    }
    // The stress fixture's Chinese citation has no lang in its Markdown: it is tagged zh.
    const stressTree = readStructureTree(await PDFDocument.load(readFileSync(path.join(stress, "briefs", "notes-stress", "notes-stress.pdf")), { updateMetadata: false }))!;
    expect(dumpStructureTree(stressTree)).toMatch(/Span \(Lang=zh\) p\d+ "测试引文：中文字符必须正确显示。"/);
    const chart = readStructureTree(await PDFDocument.load(readFileSync(path.join(others, "briefs", "chart-brief", "chart-brief.pdf")), { updateMetadata: false }))!;
    expect(dumpStructureTree(chart)).toMatch(/Figure \(Alt="Bar chart/);
  });

  describe("on Chromium's PDF without the post-processing", () => {
    let raw: Uint8Array;
    beforeAll(async () => {
      const server = await serveFolder(site);
      const browser = await launchBrowser();
      try {
        raw = (await renderPdf(browser, `${server.origin}/briefs/china-sony-attack/print/`, { origin: server.origin })).pdf;
      } finally {
        await browser.close();
        await server.close();
      }
    }, 180_000);

    it("fails, naming the page and the element", async () => {
      const { problems } = await checkPdf(raw, { expectedNotes: 41 });
      const lines = problems.map((p) => `${p.checkpoint} ${p.page ?? ""} ${p.element ?? ""} ${p.message}`);
      expect(lines.some((l) => /^01-005 2 text "China’s Position on the Sony Attack2 of 5"/.test(l))).toBe(true);
      expect(lines.some((l) => l.startsWith("19-001") && l.includes("0 Note elements"))).toBe(true);
      expect(lines.some((l) => l.startsWith("09-001"))).toBe(true);
      expect(lines.some((l) => l.startsWith("28-011"))).toBe(true);
    });

    it("post-processing is a pure function of the bytes: twice the same output", async () => {
      const meta = { title: "T", lang: "en-US", date: "2015-01-14" };
      const a = await finishPdf(raw, meta);
      const b = await finishPdf(raw, meta);
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
      expect(a.tagging.problems).toEqual([]);
      expect(a.tagging.footnotes).toBe(4);
      expect(a.tagging.endnotes).toBe(37);
      expect((await checkPdf(a.bytes, { expectedNotes: 41 })).problems).toEqual([]);
    });
  });
});
