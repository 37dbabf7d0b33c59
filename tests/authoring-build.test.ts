/**
 * The every-construct fixture brief (tests/fixtures/authoring/), built for real: what its
 * PDF and web page show of the constructs that only a build can show (bookmarks, the
 * contents, a table's header row on every page it spans).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { pdfPageCount, pdfText } from "./helpers/pdf.ts";
import type { BuildReport } from "../src/build.ts";

const INPUT = path.resolve(import.meta.dirname, "fixtures/authoring");
let site: string;
let report: BuildReport;
const pdf = () => path.join(site, "briefs", "every-construct", "every-construct.pdf");
const webPage = () => parseHTML(readFileSync(path.join(site, "briefs", "every-construct", "index.html"), "utf8")).document;

beforeAll(async () => {
  ({ output: site, report } = await buildInto(INPUT));
}, 300_000);

interface OutlineItem {
  title: string;
  kids: OutlineItem[];
}

function outlineTitles(file: string): string[] {
  const { outlines } = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", file], { encoding: "utf8" })) as { outlines: OutlineItem[] };
  const all: string[] = [];
  const walk = (items: OutlineItem[]) => items.forEach((i) => (all.push(i.title), walk(i.kids)));
  walk(outlines);
  return all;
}

describe("headings inside boxes, figures and tables are not sections", () => {
  it("the PDF's bookmarks are the title, the sections and the notes, not the boxes' headings", () => {
    expect(outlineTitles(pdf())).toEqual(["Every construct an author may use", "Summary", "Background", "Figures and tables", "Boxes", "Notes"]);
    // The box headings are printed all the same.
    const text = pdfText(pdf());
    expect(text).toContain("Key findings");
    expect(text).toContain("Recommendations");
  });

  it("the web page keeps them as headings of their box, out of the contents", () => {
    const document = webPage();
    const boxHeadings = [...document.querySelectorAll(".box-heading")].map((h) => `${h.tagName} ${h.textContent}`);
    expect(boxHeadings).toEqual(["H3 Key findings", "H3 Recommendations"]);
    const contents = [...document.querySelectorAll(".brief-toc a")].map((a) => a.textContent?.trim());
    expect(contents).toEqual(["Summary", "Background", "Figures and tables", "Boxes", "Notes"]);
  });
});

describe("a table that spans pages", () => {
  it("repeats its header row at the top of each page it continues on, and loses no row", () => {
    const pages = Array.from({ length: pdfPageCount(pdf()) }, (_, i) => pdfText(pdf(), i + 1));
    const ROW = /^\s*(19|20)\d\d\s+\d+\s+(north|south|east|west)\s*$/gm;
    const withRows = pages.map((text, i) => ({ page: i + 1, rows: text.match(ROW)?.length ?? 0, text })).filter((p) => p.rows > 0);
    expect(withRows.length).toBeGreaterThanOrEqual(2); // the 45-row table does span pages
    expect(withRows.reduce((n, p) => n + p.rows, 0)).toBe(45);
    for (const { text } of withRows) {
      // The header line comes before the first row on every page with rows.
      const header = text.search(/^\s*Year\s+Outages\s+Region\s*$/m);
      expect(header).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(text.search(/^\s*(19|20)\d\d\s+\d+\s+(north|south|east|west)\s*$/m));
    }
  });
});

describe("a figure that does not fit on its page", () => {
  it("floats to the top of the next page, and the paragraph after it fills the page", () => {
    const page1 = pdfText(pdf(), 1);
    const page2 = pdfText(pdf(), 2);
    expect(page1).toContain("Figures and tables");
    expect(page1).toMatch(/As Figure 1 shows, outages rose/);
    expect(page1).not.toMatch(/Figure 1: Outages by month/);
    // The figure heads page 2 (under the running head), before the paragraph after the first.
    const lines = page2.split("\n").map((l) => l.trim()).filter(Boolean);
    const caption = lines.findIndex((l) => l.startsWith("Figure 1: Outages by month"));
    expect(caption).toBeGreaterThan(0);
    expect(caption).toBeLessThan(lines.findIndex((l) => l.startsWith("A second paragraph follows the first")));
    expect(lines.slice(1, caption).join(" ")).toBe(""); // nothing but the image above its caption
    const fill = report.briefs.find((b) => b.slug === "every-construct")!.pageFill;
    expect(fill[0]).toBeGreaterThanOrEqual(0.85);
  });
});
