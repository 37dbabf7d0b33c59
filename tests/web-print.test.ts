/**
 * Ctrl-P of the brief's web page (Chromium's print of the page, not our PDF): print type
 * sizes, no navigation or contents, footnote symbols kept before each footnote, a line
 * pointing to the typeset PDF, and about as many Letter pages as the PDF edition.
 */
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { buildInto } from "./helpers/build.ts";

const SLUG = "china-sony-attack";
let browser: Browser;
let server: StaticServer;
let page: Page;
let pdfPages: number;

beforeAll(async () => {
  const { output, report } = await buildInto(path.resolve(import.meta.dirname, "../content"));
  void report;
  const { readFile } = await import("node:fs/promises");
  pdfPages = (await PDFDocument.load(await readFile(path.join(output, "briefs", SLUG, `${SLUG}.pdf`)), { updateMetadata: false })).getPageCount();
  server = await serveFolder(output);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.goto(`${server.origin}/briefs/${SLUG}/`, { waitUntil: "networkidle0" });
  await page.emulateMediaType("print");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("printing the web page", () => {
  it("uses print type sizes and hides the site's navigation, the contents and the download links", async () => {
    const s = (await page.evaluate(`(() => {
      const shown = (sel) => Array.from(document.querySelectorAll(sel)).some((el) => el.getClientRects().length > 0);
      return {
        bodyPt: parseFloat(getComputedStyle(document.querySelector(".brief-body > p")).fontSize) * 0.75,
        nav: shown(".site-header") || shown(".site-footer") || shown(".skip-link"),
        toc: shown(".brief-toc"),
        downloads: shown(".brief-pdf") || shown(".brief-cite-files"),
        pointer: shown(".print-only") ? document.querySelector(".print-only").textContent : "",
        markers: Array.from(document.querySelectorAll("aside.footnote .footnote-marker a")).map((a) => a.getClientRects().length > 0 ? a.textContent : ""),
      };
    })()`)) as { bodyPt: number; nav: boolean; toc: boolean; downloads: boolean; pointer: string; markers: string[] };
    expect(s.bodyPt).toBeGreaterThanOrEqual(9.5);
    expect(s.bodyPt).toBeLessThanOrEqual(11.5);
    expect(s).toMatchObject({ nav: false, toc: false, downloads: false });
    expect(s.pointer).toContain(`${SLUG}.pdf`);
    expect(s.markers).toEqual(["*", "\u2020", "\u2021", "\u00a7"]);
  });

  it("fits on about as many Letter pages as the PDF edition", async () => {
    const pdf = await page.pdf({ format: "letter" });
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).toBeLessThanOrEqual(pdfPages + 2);
  });
});
