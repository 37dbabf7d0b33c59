/**
 * `build --input X --output Y` on a folder of other briefs: a folder-per-brief on A4 with
 * a figure beside it, a flat file with two authors, and a README that is not a brief.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { pdfFonts, pdfInfo, pdfText } from "./helpers/pdf.ts";
import type { BuildReport } from "../src/build.ts";

const INPUT = path.resolve(import.meta.dirname, "fixtures/other-briefs");
let site: string;
let report: BuildReport;

beforeAll(async () => {
  ({ output: site, report } = await buildInto(INPUT));
}, 180_000);

describe("a folder of other briefs", () => {
  it("publishes each brief (and not the README) with a page, a print page and a PDF", () => {
    expect(report.briefs.map((b) => b.slug)).toEqual(["chart-brief", "second-brief"]);
    for (const slug of ["chart-brief", "second-brief"]) {
      expect(existsSync(path.join(site, "briefs", slug, "index.html"))).toBe(true);
      expect(existsSync(path.join(site, "briefs", slug, "print", "index.html"))).toBe(true);
      expect(existsSync(path.join(site, "briefs", slug, `${slug}.pdf`))).toBe(true);
    }
    expect(existsSync(path.join(site, "briefs", "README"))).toBe(false);
  });

  it("lists the briefs newest first on the collection page", () => {
    const { document } = parseHTML(readFileSync(path.join(site, "index.html"), "utf8"));
    const titles = [...document.querySelectorAll(".brief-card h2 a")].map((a) => a.textContent);
    expect(titles).toEqual(["Water Tariffs in Three River Basins", "An Older Brief"]);
    expect(document.querySelectorAll(".brief-card")[1].textContent).toContain("Jo Park and Sam Lee");
  });

  it("renders A4 when the brief says page: a4, with the figure beside it copied and printed", () => {
    const pdf = path.join(site, "briefs", "chart-brief", "chart-brief.pdf");
    expect(pdfInfo(pdf)["Page size"]).toMatch(/\(A4\)/);
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
    expect(existsSync(path.join(site, "briefs", "chart-brief", "chart.svg"))).toBe(true);
    const { document } = parseHTML(readFileSync(path.join(site, "briefs", "chart-brief", "index.html"), "utf8"));
    expect(document.querySelector(".brief-body img")!.getAttribute("src")).toBe("chart.svg");
    const print = parseHTML(readFileSync(path.join(site, "briefs", "chart-brief", "print", "index.html"), "utf8")).document;
    expect(print.querySelector("img")!.getAttribute("src")).toBe("../chart.svg");
    const text = pdfText(pdf);
    expect(text).toContain("Water Tariffs in Three River Basins");
    expect(text).toContain("2 March 2024"); // en-GB date
    expect(text).toMatch(/^\s*\* The figure is a drawing made for the tests\./m);
  });

  it("renders Letter by default", () => {
    expect(pdfInfo(path.join(site, "briefs", "second-brief", "second-brief.pdf"))["Page size"]).toMatch(/^612 x 792/);
  });
});
