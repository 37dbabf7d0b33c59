/**
 * Keyboard and screen-reader use of the notes on the brief page, in a real Chromium:
 * Tab reaches every note call, Enter moves focus to the note, its back-link returns focus
 * to the call, and the accessibility tree names the calls with what they show ("Note 4", "Footnote *").
 */
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { writeFile } from "node:fs/promises";
import { buildInto, tempDir } from "./helpers/build.ts";

const SLUG = "china-sony-attack";
let browser: Browser;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  const { output } = await buildInto(path.resolve(import.meta.dirname, "../content"));
  server = await serveFolder(output);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${server.origin}/briefs/${SLUG}/`, { waitUntil: "load" });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const active = () => page.evaluate("document.activeElement ? (document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.tagName) : null") as Promise<string | null>;

describe("keyboard", () => {
  it("reaches every note call with Tab, in reading order", async () => {
    const calls: string[] = [];
    await page.evaluate("document.activeElement && document.activeElement.blur()");
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const id = (await page.evaluate("document.activeElement && document.activeElement.matches('a.noteref') ? document.activeElement.id : ''")) as string;
      if (id) calls.push(id);
      if (calls.length === 41) break;
    }
    const expected = [...Array(37).keys()].map((i) => `enref-${SLUG}-${i + 1}`);
    expect(calls.filter((c) => c.startsWith("enref"))).toEqual(expected);
    expect(calls.filter((c) => c.startsWith("fnref"))).toEqual([1, 2, 3, 4].map((n) => `fnref-${SLUG}-${n}`));
    // 4,* : the footnote call comes right after endnote call 4.
    expect(calls.indexOf(`fnref-${SLUG}-1`)).toBe(calls.indexOf(`enref-${SLUG}-4`) + 1);
  });

  it("Enter on an endnote call moves focus to the note; its back-link returns to the call", async () => {
    await page.focus(`#enref-${SLUG}-4`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.activeElement && document.activeElement.id === "en-${SLUG}-4"`, { timeout: 5000 });
    await page.keyboard.press("Tab");
    expect(await active()).toBe(`#enref-${SLUG}-4`);
    expect(await page.evaluate("document.activeElement.getAttribute('role')")).toBe("doc-backlink");
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.activeElement && document.activeElement.id === "enref-${SLUG}-4"`, { timeout: 5000 });
  });

  it("Enter on a footnote call moves focus to the footnote beside the text; its marker leads back", async () => {
    await page.focus(`#fnref-${SLUG}-2`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.activeElement && document.activeElement.id === "fn-${SLUG}-2"`, { timeout: 5000 });
    await page.keyboard.press("Tab");
    expect(await active()).toBe(`#fnref-${SLUG}-2`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.activeElement && document.activeElement.id === "fnref-${SLUG}-2"`, { timeout: 5000 });
  });
});

describe("accessibility tree", () => {
  it("names note calls and reads each footnote right after the paragraph that calls it", async () => {
    const tree = await page.accessibility.snapshot({ interestingOnly: true });
    const flat: Array<{ role: string; name: string }> = [];
    const walk = (node: { role: string; name?: string; children?: unknown[] } | null) => {
      if (!node) return;
      flat.push({ role: node.role, name: node.name ?? "" });
      for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
    };
    walk(tree as never);
    const names = flat.map((n) => n.name);
    expect(names).toContain("Note 4");
    expect(names).toContain("Footnote *");
    const note4 = names.indexOf("Note 4");
    const footnote1Call = names.indexOf("Footnote *");
    expect(footnote1Call).toBeGreaterThan(note4);
    // The footnote body (a note region named "Footnote *") follows its call, before the next section.
    const body = flat.findIndex((n, i) => i > footnote1Call && n.name === "Footnote *");
    const nextHeading = flat.findIndex((n) => n.role === "heading" && n.name === "Was China Involved in the Attack against Sony?");
    expect(body).toBeGreaterThan(footnote1Call);
    expect(body).toBeLessThan(nextHeading);
  });
});

describe("names contain what is shown (WCAG 2.5.3)", () => {
  it("note calls, back-links and the contents heading", async () => {
    const mismatches = (await page.evaluate(`(() => {
      const out = [];
      for (const a of document.querySelectorAll("a.noteref, a.backlink")) {
        const shown = a.innerText.replace(/\\s+/g, "");
        const name = a.getAttribute("aria-label") || a.textContent;
        if (!shown || !name.replace(/\\s+/g, "").includes(shown)) out.push(a.getAttribute("href") + ": shows " + JSON.stringify(shown) + ", named " + JSON.stringify(name));
      }
      return out;
    })()`)) as string[];
    expect(mismatches).toEqual([]);
    const tree = (await page.accessibility.snapshot({ interestingOnly: true })) as { children?: unknown[] };
    const headings: string[] = [];
    const walk = (node: { role: string; name?: string; children?: unknown[] }) => {
      if (node.role === "heading") headings.push(node.name ?? "");
      for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
    };
    walk(tree as never);
    expect(headings).toContain("Contents");
    const calls = (await page.evaluate(`Array.from(document.querySelectorAll("a.noteref--footnote"), (a) => a.getAttribute("aria-label"))`)) as string[];
    expect(calls).toEqual(["Footnote *", "Footnote \u2020", "Footnote \u2021", "Footnote \u00a7"]);
  });
});

describe("reflow", () => {
  it("fits 320 CSS px without horizontal scrolling, footnotes shown after their paragraph", async () => {
    const narrow = await browser.newPage();
    try {
      await narrow.setViewport({ width: 320, height: 640 });
      for (const url of ["/", `/briefs/${SLUG}/`]) {
        await narrow.goto(`${server.origin}${url}`, { waitUntil: "load" });
        const overflow = await narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        expect(overflow, url).toBeLessThanOrEqual(0);
      }
      // On a narrow screen the footnote is in the text column, right below its paragraph.
      const [asideLeft, paragraphLeft] = (await narrow.evaluate(
        `[document.getElementById("fn-${SLUG}-1").getBoundingClientRect().left, document.getElementById("fnref-${SLUG}-1").closest("p").getBoundingClientRect().left]`,
      )) as number[];
      expect(Math.abs(asideLeft - paragraphLeft)).toBeLessThan(2);
    } finally {
      await narrow.close();
    }
  });

  it("keeps a call on its word's line, yet lets a long word with a call wrap at 320 px", async () => {
    const input = await tempDir();
    const filler = "Die Kommission hat den Bericht geprüft und veröffentlicht. ".repeat(3);
    await writeFile(
      path.join(input, "lang.md"),
      `---\ntitle: Komposita\ndate: 2020-01-01\nlang: de\n---\n\n${filler}Die Rechtsschutzversicherungsgesellschaften[^*a] und ${filler}kurz.[^1] Ende.\n\n[^*a]: Eine Fussnote.\n[^1]: Quelle.\n`,
    );
    const { output } = await buildInto(input);
    const own = await serveFolder(output);
    const tab = await browser.newPage();
    try {
      for (const width of [320, 390, 1440]) {
        await tab.setViewport({ width, height: 800 });
        await tab.goto(`${own.origin}/briefs/lang/`, { waitUntil: "load" });
        const overflow = await tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
        // The short word and its call share a line (the call's box overlaps the word's line).
        const [word, call] = (await tab.evaluate(
          `(() => { const g = Array.from(document.querySelectorAll(".noteref-glue")).find((s) => s.textContent.startsWith("kurz")); const r = document.createRange(); r.selectNodeContents(g.firstChild); return [r.getBoundingClientRect().toJSON(), g.querySelector("a").getBoundingClientRect().toJSON()]; })()`,
        )) as Array<{ top: number; bottom: number }>;
        expect(call.top, `${width} px`).toBeLessThan(word.bottom);
        expect(call.bottom, `${width} px`).toBeGreaterThan(word.top);
      }
    } finally {
      await tab.close();
      await own.close();
    }
  });

  it("keeps the contents in view while reading on a very wide screen", async () => {
    const wide = await browser.newPage();
    try {
      await wide.setViewport({ width: 1700, height: 900 });
      await wide.goto(`${server.origin}/briefs/${SLUG}/`, { waitUntil: "load" });
      await wide.evaluate("window.scrollTo(0, 3000)");
      const [top, left, textLeft] = (await wide.evaluate(
        `[document.querySelector(".brief-toc").getBoundingClientRect().top, document.querySelector(".brief-toc").getBoundingClientRect().right, document.querySelector(".brief-body").getBoundingClientRect().left]`,
      )) as number[];
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(40);
      expect(left).toBeLessThan(textLeft);
    } finally {
      await wide.close();
    }
  });

  it("puts footnotes in the margin beside their paragraph on a wide screen", async () => {
    const [aside, paragraph] = (await page.evaluate(
      `[document.getElementById("fn-${SLUG}-1").getBoundingClientRect().toJSON(), document.getElementById("fnref-${SLUG}-1").closest("p").getBoundingClientRect().toJSON()]`,
    )) as Array<{ left: number; right: number; top: number; bottom: number }>;
    expect(aside.left).toBeGreaterThan(paragraph.right);
    expect(aside.top).toBeLessThan(paragraph.bottom);
  });
});
