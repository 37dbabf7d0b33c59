/**
 * The footnote placement check (assets/js/print-notes.js) in a real Chromium, on laid-out
 * pages written by hand, so that each kind of misplacement is shown to fail the check.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";

const script = readFileSync(path.resolve(import.meta.dirname, "../assets/js/print-notes.js"), "utf8");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

interface Problem {
  label: string;
  page: number;
  message: string;
}

/** `pages`: per page, its calls (ref:symbolIndex) and its note bodies (ref[:split]:marker). */
async function check(pages: Array<{ calls: string[]; bodies: string[] }>, expected: string[]): Promise<{ problems: Problem[]; placed: number }> {
  const html = pages
    .map(
      (p) => `<div class="pagedjs_page"><div class="pagedjs_page_content"><p>Text${p.calls
        .map((c) => {
          const [ref, n] = c.split(":");
          return `<a data-footnote-call="${ref}" data-ref="${ref}" class="footnote fn-sym-${n}"></a>`;
        })
        .join(" ")}</p></div><div class="pagedjs_footnote_area">${p.bodies
        .map((b) => {
          const [ref, split, marker] = b.split(":");
          return `<aside data-note="footnote" data-ref="${ref}" data-label="*${ref}"${split === "split" ? ` data-split-from="${ref}"` : ""}>${split === "split" ? "" : `<span class="footnote-marker">${marker}</span>`} body</aside>`;
        })
        .join("")}</div></div>`,
    )
    .join("");
  await page.setContent(`<!doctype html><body>${html}</body>`);
  await page.addScriptTag({ content: "window.Paged = { Handler: class {}, registerHandlers() {} };" });
  await page.addScriptTag({ content: script });
  return (await page.evaluate(
    `window.briefpressFindPlacementProblems(Array.from(document.querySelectorAll(".pagedjs_page")), ${JSON.stringify(expected.map((l) => `*${l}`))})`,
  )) as { problems: Problem[]; placed: number };
}

describe("footnote placement check", () => {
  it("accepts notes at the foot of their calling pages, symbols restarting per page, a continuation", async () => {
    const result = await check(
      [
        { calls: ["a:0", "b:1"], bodies: ["a::*", "b::†"] },
        { calls: ["c:0"], bodies: ["b:split:", "c::*"] },
      ],
      ["a", "b", "c"],
    );
    expect(result).toEqual({ problems: [], placed: 3 });
  });

  it("fails a body printed on the page after its call", async () => {
    const { problems } = await check([{ calls: ["a:0"], bodies: [] }, { calls: [], bodies: ["a::*"] }], ["a"]);
    expect(problems).toEqual([
      { label: "*a", page: 1, message: "footnote body is not at the foot of the page of its call" },
      { label: "*a", page: 2, message: "footnote body printed on a page that does not call it" },
    ]);
  });

  it("fails symbols that do not restart on a new page", async () => {
    const { problems } = await check([{ calls: ["a:0"], bodies: ["a::*"] }, { calls: ["b:1"], bodies: ["b::†"] }], ["a", "b"]);
    expect(problems).toEqual([{ label: "*b", page: 2, message: 'call shows "†" but is footnote 1 of the page ("*")' }]);
  });

  it("fails a marker that does not repeat its call's symbol", async () => {
    const { problems } = await check([{ calls: ["a:0"], bodies: ["a::†"] }], ["a"]);
    expect(problems).toEqual([{ label: "*a", page: 1, message: 'marker "†" does not match call "*"' }]);
  });

  it("accepts a footnote continued over three pages, and fails one whose rest skips a page", async () => {
    const threePages = await check(
      [
        { calls: ["a:0"], bodies: ["a::*"] },
        { calls: [], bodies: ["a:split:"] },
        { calls: ["b:0"], bodies: ["a:split:", "b::*"] },
      ],
      ["a", "b"],
    );
    expect(threePages).toEqual({ problems: [], placed: 2 });
    const skipped = await check(
      [
        { calls: ["a:0"], bodies: ["a::*"] },
        { calls: ["b:0"], bodies: ["b::*"] },
        { calls: [], bodies: ["a:split:"] },
      ],
      ["a", "b"],
    );
    expect(skipped.problems).toEqual([{ label: "*a", page: 3, message: "footnote continues on page 3, not on page 2 after page 1" }]);
  });

  it("fails a footnote lost in layout and one called twice", async () => {
    const { problems } = await check([{ calls: ["a:0"], bodies: ["a::*"] }, { calls: ["a:0"], bodies: ["a::*"] }], ["a", "lost"]);
    expect(problems).toEqual([
      { label: "*a", page: 2, message: "footnote called again (first on page 1)" },
      { label: "*lost", page: 0, message: "footnote was lost in layout: no call for it on any page" },
    ]);
  });
});
