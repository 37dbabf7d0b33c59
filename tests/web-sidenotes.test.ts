/**
 * Sidenotes on the brief page, measured in Chromium: on wide screens each footnote sits in
 * the margin beside the line that calls it, pushed down only as far as the note above needs,
 * and the text keeps its rhythm (no hole after a paragraph that calls a note); on a phone the
 * note follows its paragraph. Runs on the real brief and on a generated one with notes crowded
 * into a few lines.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { buildInto, tempDir } from "./helpers/build.ts";

const GEOMETRY = readFileSync(path.join(import.meta.dirname, "helpers/web-geometry.js"), "utf8");

interface Geometry {
  paragraphGap: number;
  lineHeight: number;
  gaps: Array<{ after: string; gap: number; designed: number }>;
  textRight: number;
  notes: Array<{ id: string; top: number; bottom: number; left: number; right: number; lineTop: number; lineBottom: number; paragraphLeft?: number; paragraphBottom?: number }>;
  viewport: number;
}

let browser: Browser;
const servers: StaticServer[] = [];
let brief: string; // origin + path of the real brief
let crowded: string; // a generated brief: many footnotes called close together
let sections: string; // a generated brief: a long contents and a footnote in its first paragraph

function crowdedBrief(): string {
  const words = "the committee reviewed the evidence and found the account of events consistent with the record ".split(" ");
  const sentence = (n: number) => Array.from({ length: n }, (_, i) => words[(i * 7 + n) % words.length] || "text").join(" ");
  const paragraphs: string[] = [];
  const defs: string[] = [];
  let k = 0;
  for (let p = 0; p < 8; p++) {
    // Paragraph p calls p % 4 footnotes, the later ones one word apart (they must stack).
    let text = `${sentence(40 + p * 9)}.`;
    for (let j = 0; j < p % 4; j++) {
      k++;
      text += ` Word${k}[^*n${k}] ${j === 0 ? sentence(25) : "and"}`;
      defs.push(`[^*n${k}]: ${sentence(18 + ((k * 13) % 50))}.`);
    }
    paragraphs.push(`${text} ${sentence(30)}.[^${p + 1}]`);
    defs.push(`[^${p + 1}]: Endnote ${p + 1}.`);
    if (p === 4) paragraphs.push("## A section");
  }
  return `---\ntitle: Crowded notes\ndate: 2021-05-01\n---\n\n${paragraphs.join("\n\n")}\n\n${defs.join("\n")}\n`;
}

/** Fourteen sections with long headings (a contents taller than the title block), a footnote at once. */
function manySections(): string {
  const body = Array.from({ length: 14 }, (_, i) =>
    `## Section ${i + 1}: what the committee found about the question it was asked\n\n${i === 0 ? "The first paragraph calls a footnote.[^*first] " : ""}${"The committee reviewed the evidence and found it consistent. ".repeat(6)}`,
  );
  return `---\ntitle: A long contents\ndate: 2021-05-01\n---\n\n${body.join("\n\n")}\n\n[^*first]: A footnote called in the first paragraph.\n`;
}

beforeAll(async () => {
  const real = await buildInto(path.resolve(import.meta.dirname, "../content"));
  const input = await tempDir();
  await writeFile(path.join(input, "crowded.md"), crowdedBrief());
  await writeFile(path.join(input, "sections.md"), manySections());
  const generated = await buildInto(input);
  const a = await serveFolder(real.output);
  const b = await serveFolder(generated.output);
  servers.push(a, b);
  brief = `${a.origin}/briefs/china-sony-attack/`;
  crowded = `${b.origin}/briefs/crowded/`;
  sections = `${b.origin}/briefs/sections/`;
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

async function measure(url: string, width: number): Promise<Geometry> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 900 });
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready");
    return (await page.evaluate(GEOMETRY)) as Geometry;
  } finally {
    await page.close();
  }
}

/** Problems with the text's rhythm and the margin notes, in words; [] when all is well. */
function sidenoteProblems(g: Geometry): string[] {
  const problems: string[] = [];
  for (const { after, gap, designed } of g.gaps) {
    const limit = 1.5 * Math.max(g.paragraphGap, designed);
    if (gap > limit) problems.push(`${gap} px of space after ${after} (limit ${limit} px)`);
  }
  g.notes.forEach((n, i) => {
    if (n.left < g.textRight) problems.push(`${n.id} is not in the margin (left ${n.left} < text right ${g.textRight})`);
    const prev = g.notes[i - 1];
    if (prev && n.top < prev.bottom - 0.5) problems.push(`${n.id} overlaps ${prev.id}`);
    const offset = n.top - n.lineTop;
    if (Math.abs(offset) <= g.lineHeight) return;
    const pushed = prev !== undefined && offset > 0 && n.top - prev.bottom <= g.lineHeight;
    if (!pushed) problems.push(`${n.id} starts ${Math.round(offset)} px from its call's line (one line is ${g.lineHeight} px)`);
  });
  return problems;
}

describe("sidenotes on wide screens", () => {
  for (const width of [1440, 1024]) {
    it(`sit beside their calling line without holes in the text at ${width} px (the brief)`, async () => {
      const g = await measure(brief, width);
      expect(g.notes.length).toBe(4);
      expect(g.gaps.length).toBeGreaterThan(15);
      expect(sidenoteProblems(g)).toEqual([]);
    });

    it(`stack below each other when their calls are close, at ${width} px (generated brief)`, async () => {
      const g = await measure(crowded, width);
      expect(g.notes.length).toBe(12);
      expect(sidenoteProblems(g)).toEqual([]);
      // Some notes had to be pushed down: the check above really judged stacked notes.
      expect(g.notes.some((n) => n.top - n.lineTop > g.lineHeight)).toBe(true);
    });
  }

  it("the check fails on holes and on notes far from their call", () => {
    const ok: Geometry = {
      paragraphGap: 18,
      lineHeight: 29,
      gaps: [{ after: "p", gap: 18, designed: 18 }],
      textRight: 700,
      notes: [{ id: "a", top: 100, bottom: 200, left: 740, right: 1000, lineTop: 95, lineBottom: 120 }],
      viewport: 1440,
    };
    expect(sidenoteProblems(ok)).toEqual([]);
    expect(sidenoteProblems({ ...ok, gaps: [{ after: "p", gap: 328, designed: 18 }] })).toHaveLength(1);
    expect(sidenoteProblems({ ...ok, notes: [{ ...ok.notes[0], top: -130 }] })).toHaveLength(1);
    const stacked = [ok.notes[0], { id: "b", top: 205, bottom: 260, left: 740, right: 1000, lineTop: 110, lineBottom: 130 }];
    expect(sidenoteProblems({ ...ok, notes: stacked })).toEqual([]);
    expect(sidenoteProblems({ ...ok, notes: [ok.notes[0], { ...stacked[1], top: 150 }] })).toHaveLength(1); // overlaps
    expect(sidenoteProblems({ ...ok, notes: [ok.notes[0], { ...stacked[1], top: 400, bottom: 450 }] })).toHaveLength(1); // pushed too far
  });
});

describe("sidenotes on a phone", () => {
  it("follow their paragraph in the text column at 390 px", async () => {
    const g = await measure(brief, 390);
    expect(g.notes.length).toBe(4);
    for (const n of g.notes) {
      expect(n.right, n.id).toBeLessThanOrEqual(g.textRight + 1);
      expect(Math.abs(n.left - n.paragraphLeft!), n.id).toBeLessThan(2);
      expect(n.top, n.id).toBeGreaterThanOrEqual(n.paragraphBottom!);
    }
  });
});

/** Where the first screen ends and the text, the contents and the first footnote are, in page px. */
async function firstScreen(url: string, width: number, height: number) {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height });
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready");
    return (await page.evaluate(`(() => {
      const box = (el) => el && el.getBoundingClientRect();
      const p = box(document.querySelector(".brief-body > p"));
      const toc = document.querySelector(".brief-toc");
      const links = Array.from(toc.querySelectorAll("a")).filter((a) => a.checkVisibility());
      const note = box(document.querySelector(".brief-body > aside.footnote"));
      return {
        paragraphTop: p.top + scrollY, paragraphRight: p.right,
        tocTop: box(toc).top + scrollY, tocBottom: box(toc).bottom + scrollY, tocLeft: box(toc).left,
        linksShown: links.length, noteTop: note.top + scrollY, noteLeft: note.left,
      };
    })()`)) as { paragraphTop: number; paragraphRight: number; tocTop: number; tocBottom: number; tocLeft: number; linksShown: number; noteTop: number; noteLeft: number };
  } finally {
    await page.close();
  }
}

describe("the first screen shows the text", () => {
  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    it(`at ${width}×${height}: the first paragraph starts on it, the contents open in the margin`, async () => {
      const s = await firstScreen(brief, width, height);
      // At least three lines of the first paragraph on the first screen, not just its top.
      expect(s.paragraphTop).toBeLessThan(height - 3 * 29);
      expect(s.linksShown).toBe(7);
      expect(s.tocLeft).toBeGreaterThan(s.paragraphRight); // beside the text, not above it
      expect(s.tocTop).toBeLessThan(s.paragraphTop);
    });

    it(`at ${width}×${height}: a long contents neither pushes the text down nor covers the first footnote`, async () => {
      const s = await firstScreen(sections, width, height);
      expect(s.paragraphTop).toBeLessThan(height - 3 * 29);
      expect(s.linksShown).toBe(14);
      expect(s.tocBottom).toBeGreaterThan(s.paragraphTop); // the contents is taller than the title block…
      expect(s.noteLeft).toBeGreaterThan(s.paragraphRight); // …the footnote still in the margin…
      expect(s.noteTop).toBeGreaterThanOrEqual(s.tocBottom); // …below the contents
    });
  }

  it("at 390×844: the contents is one folded line and the text starts on the first screen", async () => {
    const s = await firstScreen(brief, 390, 844);
    expect(s.linksShown).toBe(0);
    expect(s.tocBottom - s.tocTop).toBeLessThan(60);
    expect(s.paragraphTop).toBeLessThan(844 - 3 * 29);
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 390, height: 844 });
      await page.goto(brief, { waitUntil: "load" });
      await page.focus(".brief-toc summary");
      await page.keyboard.press("Enter");
      const shown = await page.evaluate(`Array.from(document.querySelectorAll(".brief-toc a")).filter((a) => a.checkVisibility()).length`);
      expect(shown).toBe(7);
    } finally {
      await page.close();
    }
  });
});
