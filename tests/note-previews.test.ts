/**
 * Note previews in Chromium: focus or hover on an endnote call shows the note beside the call,
 * as the call's description (a tooltip); Escape dismisses it; the pointer can move onto it;
 * the call still leads to the note; it stays on screen on a phone.
 */
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { buildInto } from "./helpers/build.ts";

const SLUG = "china-sony-attack";
let browser: Browser;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  const { output } = await buildInto(path.resolve(import.meta.dirname, "../content"));
  server = await serveFolder(output);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]); // no smooth scrolling to a focused call
  await page.goto(`${server.origin}/briefs/${SLUG}/`, { waitUntil: "load" });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const state = (p: Page) =>
  p.evaluate(`(() => {
    const el = document.getElementById("note-preview");
    const r = el ? el.getBoundingClientRect() : null;
    return { open: !!el && el.matches(":popover-open"), text: el ? el.textContent.replace(/\\s+/g, " ").trim() : "", role: el && el.getAttribute("role"),
      rect: r && r.toJSON(), width: document.documentElement.clientWidth, height: innerHeight };
  })()`) as Promise<{ open: boolean; text: string; role: string | null; rect: DOMRect | null; width: number; height: number }>;

/** The note's own text, without its back-links. */
const noteText = (p: Page, n: number) =>
  p.evaluate(`(() => { const li = document.getElementById("en-${SLUG}-${n}").cloneNode(true); li.querySelectorAll("a.backlink").forEach((a) => a.remove()); return li.textContent.replace(/\\s+/g, " ").trim(); })()`) as Promise<string>;

describe("note previews", () => {
  it("focus on a call shows its note, announced as the call's description; Escape dismisses it", async () => {
    expect((await state(page)).open).toBe(false);
    await page.focus(`#enref-${SLUG}-4`);
    const s = await state(page);
    expect(s.open).toBe(true);
    expect(s.role).toBe("tooltip");
    expect(s.text).toBe(`4. ${await noteText(page, 4)}`);
    expect(await page.$eval(`#enref-${SLUG}-4`, (a) => a.getAttribute("aria-describedby"))).toBe("note-preview");
    const call = await page.$(`#enref-${SLUG}-4`);
    const node = await page.accessibility.snapshot({ root: call!, interestingOnly: false });
    expect(node?.name).toBe("Note 4");
    expect(node?.description).toContain((await noteText(page, 4)).slice(0, 40));
    // Beside the call, on screen.
    const callRect = (await page.$eval(`#enref-${SLUG}-4`, (a) => a.getBoundingClientRect().toJSON())) as DOMRect;
    expect(Math.min(Math.abs(s.rect!.top - callRect.bottom), Math.abs(callRect.top - s.rect!.bottom))).toBeLessThan(12);
    expect(s.rect!.top).toBeGreaterThanOrEqual(0);
    expect(s.rect!.bottom).toBeLessThanOrEqual(s.height);
    await page.keyboard.press("Escape");
    expect((await state(page)).open).toBe(false);
    expect(await page.$eval(`#enref-${SLUG}-4`, (a) => a.getAttribute("aria-describedby"))).toBeNull();
    // Tab: the footnote call after 4 (its note is in the margin), no preview; Tab again: note 5.
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.id")).toBe(`fnref-${SLUG}-1`);
    expect((await state(page)).open).toBe(false);
    await page.keyboard.press("Tab");
    const next = await state(page);
    expect(next.open).toBe(true);
    expect(next.text).toBe(`5. ${await noteText(page, 5)}`);
  });

  it("hover shows the note; the pointer can move onto it; leaving hides it", async () => {
    await page.keyboard.press("Escape");
    await page.evaluate("document.activeElement && document.activeElement.blur()");
    await page.$eval(`#enref-${SLUG}-12`, (a) => a.scrollIntoView({ block: "center" }));
    const box = (await (await page.$(`#enref-${SLUG}-12`))!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(`document.getElementById("note-preview").matches(":popover-open")`, { timeout: 3000 });
    expect((await state(page)).text).toBe(`12. ${await noteText(page, 12)}`);
    const rect = (await state(page)).rect!;
    await page.mouse.move(rect.x + 20, rect.y + rect.height / 2, { steps: 4 });
    await new Promise((r) => setTimeout(r, 600));
    expect((await state(page)).open).toBe(true);
    await page.mouse.move(5, 5);
    await page.waitForFunction(`!document.getElementById("note-preview").matches(":popover-open")`, { timeout: 3000 });
  });

  it("the call still leads to the note", async () => {
    await page.click(`#enref-${SLUG}-7`);
    await page.waitForFunction(`location.hash === "#en-${SLUG}-7"`, { timeout: 3000 });
    expect((await state(page)).open).toBe(false);
  });

  it("stays on a phone's screen", async () => {
    const phone = await browser.newPage();
    try {
      await phone.setViewport({ width: 390, height: 800 });
      await phone.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
      await phone.goto(`${server.origin}/briefs/${SLUG}/`, { waitUntil: "load" });
      await phone.focus(`#enref-${SLUG}-17`);
      const s = await state(phone);
      expect(s.open).toBe(true);
      expect(s.rect!.left).toBeGreaterThanOrEqual(0);
      expect(s.rect!.right).toBeLessThanOrEqual(s.width);
      expect(s.rect!.top).toBeGreaterThanOrEqual(0);
      expect(s.rect!.bottom).toBeLessThanOrEqual(s.height);
    } finally {
      await phone.close();
    }
  });
});
