/**
 * axe-core with every rule set, best practices included (the pa11y gate runs WCAG 2 AA only):
 * no violation on the collection page, the brief page and the print page, at 1440 and 390 px,
 * light and dark, with the contents folded and opened.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { buildInto } from "./helpers/build.ts";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SLUG = "china-sony-attack";
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const { output } = await buildInto(path.resolve(import.meta.dirname, "../content"));
  server = await serveFolder(output);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(url: string, width: number, dark: boolean, before?: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 900 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: dark ? "dark" : "light" }]);
    await page.goto(`${server.origin}${url}`, { waitUntil: "load" });
    if (url.endsWith("/print/")) await page.waitForFunction("document.documentElement.dataset.layout === 'done'", { timeout: 60_000 });
    if (before) await page.evaluate(before);
    await page.evaluate(AXE);
    const result = (await page.evaluate(
      `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })`,
    )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  } finally {
    await page.close();
  }
}

describe("axe with best practices", () => {
  for (const width of [1440, 390]) {
    for (const dark of [false, true]) {
      const scheme = dark ? "dark" : "light";
      it(`finds nothing on the brief page at ${width} px, ${scheme}`, async () => {
        expect(await violations(`/briefs/${SLUG}/`, width, dark)).toEqual([]);
      });
      it(`finds nothing on the collection page at ${width} px, ${scheme}`, async () => {
        expect(await violations("/", width, dark)).toEqual([]);
      });
    }
  }
  it("finds nothing with the contents opened on a phone", async () => {
    expect(await violations(`/briefs/${SLUG}/`, 390, false, `document.querySelector(".brief-toc details").open = true`)).toEqual([]);
  });
  it("the check itself finds a fault put in on purpose (an image without alt text)", async () => {
    const found = await violations(`/briefs/${SLUG}/`, 1440, false, `document.querySelector("main").append(Object.assign(document.createElement("img"), { src: "data:," }))`);
    expect(found.some((v) => v.startsWith("image-alt:"))).toBe(true);
  });
  it("finds nothing on the print page", async () => {
    expect(await violations(`/briefs/${SLUG}/print/`, 1440, false)).toEqual([]);
  }, 90_000);
});
