/**
 * Figures in print (assets/js/print-figures.js), on generated briefs: paragraphs of random
 * length between figures of random height (wide, square, tall), one figure with a footnote
 * call in its caption, built for real. Checked from the PDF's text and the build's report:
 * - every figure printed once, in order, never split from its caption, never on a page
 *   before the paragraph that precedes it in the source;
 * - a figure that did not fit floated: the text after it filled its page, which is full;
 * - the build's own checks held (no text lost or repeated, footnotes on their page).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto, tempDir } from "./helpers/build.ts";
import { pdfPageCount, pdfText } from "./helpers/pdf.ts";
import type { BuildReport } from "../src/build.ts";

const WORDS = "grid outage tariff basin reservoir demand supply capacity winter summer region network operator storage forecast price household industry policy report".split(" ");
const SHAPES = { wide: [400, 140], square: [400, 330], tall: [400, 520] } as const;

function rng(seed: number) {
  let s = seed;
  return (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
}

function svg([w, h]: readonly [number, number]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><rect x="20" y="${h / 3}" width="80" height="${(2 * h) / 3 - 10}" fill="#6b8cb0"/><rect x="140" y="${h / 5}" width="80" height="${(4 * h) / 5 - 10}" fill="#6b8cb0"/><line x1="0" y1="${h - 10}" x2="${w}" y2="${h - 10}" stroke="#333"/></svg>`;
}

interface GeneratedBrief {
  slug: string;
  markdown: string;
  /** For figure k (1-based): the marker of the paragraph just before it. */
  before: string[];
  figures: number;
}

function generate(seed: number): GeneratedBrief {
  const r = rng(seed);
  const shapes = Object.keys(SHAPES) as Array<keyof typeof SHAPES>;
  const parts: string[] = [];
  const before: string[] = [];
  let para = 0;
  let figures = 0;
  const paragraph = () => {
    para++;
    const words = Array.from({ length: 25 + r(110) }, () => WORDS[r(WORDS.length)]);
    parts.push(`P${seed}x${para} ${words.join(" ")}.`);
    return `P${seed}x${para}`;
  };
  parts.push("## Findings");
  for (let block = 0; block < 34; block++) {
    const last = paragraph();
    if (block % 3 === 2 || r(4) === 0) {
      figures++;
      before[figures] = last;
      const shape = shapes[r(shapes.length)];
      const note = figures === 4 ? "[^*src]" : "";
      parts.push(`![Chart ${seed}-${figures}, ${shape}${note}](${shape}.svg)`);
    }
    if (block === 17) parts.push("## Discussion");
  }
  parts.push("[^*src]: A footnote called from a figure's caption.");
  const markdown = `---\ntitle: Generated figures ${seed}\ndate: 2026-11-27\nlang: en\nsummary: Generated to test figures in print.\n---\n\n${parts.join("\n\n")}\n`;
  return { slug: `figures-${seed}`, markdown, before, figures };
}

const BRIEFS = [11, 12, 13].map(generate);
let site: string;
let report: BuildReport;

beforeAll(async () => {
  const input = path.join(await tempDir(), "content");
  for (const brief of BRIEFS) {
    const dir = path.join(input, brief.slug);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "index.md"), brief.markdown);
    for (const [name, size] of Object.entries(SHAPES)) await writeFile(path.join(dir, `${name}.svg`), svg(size));
  }
  ({ output: site, report } = await buildInto(input));
}, 600_000);

describe.each(BRIEFS)("generated brief $slug", (brief) => {
  const pdf = () => path.join(site, "briefs", brief.slug, `${brief.slug}.pdf`);
  const pages = () => Array.from({ length: pdfPageCount(pdf()) }, (_, i) => pdfText(pdf(), i + 1));
  const pageOf = (texts: string[], needle: RegExp) => texts.findIndex((t) => needle.test(t)) + 1;

  it("builds, with the build's own checks holding (text, figures and footnotes in place)", () => {
    expect(report.briefs.map((b) => b.slug)).toContain(brief.slug);
  });

  it("prints every figure once, in order, its caption on its page, never before the paragraph that precedes it", () => {
    const texts = pages();
    const all = texts.join("\n");
    let lastPage = 0;
    for (let k = 1; k <= brief.figures; k++) {
      const caption = new RegExp(`Figure ${k}: Chart ${brief.slug.split("-")[1]}-${k},`);
      expect(all.match(new RegExp(caption.source, "g")), `figure ${k}`).toHaveLength(1);
      const page = pageOf(texts, caption);
      expect(page, `figure ${k} after figure ${k - 1}`).toBeGreaterThanOrEqual(lastPage);
      expect(page, `figure ${k} not before its paragraph ${brief.before[k]}`).toBeGreaterThanOrEqual(pageOf(texts, new RegExp(`\\b${brief.before[k]}\\b`)));
      lastPage = page;
    }
  });

  it("floats figures: text after a figure fills the page before it, and no page but the last is left under-filled", () => {
    const built = report.briefs.find((b) => b.slug === brief.slug)!;
    const texts = pages();
    // Some figure was printed after text that follows it in the source (it floated).
    const paraPage = (marker: string) => pageOf(texts, new RegExp(`\\b${marker}\\b`));
    const floated = Array.from({ length: brief.figures }, (_, i) => i + 1).filter((k) => {
      const next = Number(brief.before[k].split("x")[1]) + 1;
      const figurePage = pageOf(texts, new RegExp(`Figure ${k}:`));
      return paraPage(`P${brief.slug.split("-")[1]}x${next}`) < figurePage;
    });
    expect(floated.length).toBeGreaterThan(0);
    // Every page but the last (and the one before the "Discussion" section, whose heading keeps with its text) is at least 80 % full.
    const underFilled = built.pageFill.slice(0, -1).map((fill, i) => ({ page: i + 1, fill })).filter((p) => p.fill < 0.8);
    expect(underFilled).toEqual([]);
  });
});
