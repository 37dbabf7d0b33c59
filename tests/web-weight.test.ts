/**
 * Page weight of the web edition, measured in Chromium (every response body, fonts included):
 * the brief page stays within 150 KB with one render-blocking stylesheet, fetches only the font
 * slices its text needs (no Latin-extended for †, no Chinese for an English brief), and a brief
 * with Chinese text gets the Chinese slices it uses.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { formatUnicodeRange, parseUnicodeRange, withoutCodes, webFontFaces } from "../src/site/web-fonts.ts";
import { buildInto, tempDir } from "./helpers/build.ts";
import { pageWeight } from "./helpers/page-weight.ts";

const BUDGET = 150 * 1024;
let browser: Browser;
const servers: StaticServer[] = [];
let site: string;
let chinese: string;

beforeAll(async () => {
  const real = await buildInto(path.resolve(import.meta.dirname, "../content"));
  const input = await tempDir();
  await writeFile(
    path.join(input, "xinhua.md"),
    "---\ntitle: Sources in Chinese\ndate: 2022-03-04\n---\n\nThe agency reported it.[^1]\n\n[^1]: 新华社，《外交部发言人就美方网络攻击问题答记者问》，2014年12月22日。\n",
  );
  const zh = await buildInto(input);
  const a = await serveFolder(real.output);
  const b = await serveFolder(zh.output);
  servers.push(a, b);
  site = a.origin;
  chinese = b.origin;
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

const fontFiles = (w: Awaited<ReturnType<typeof pageWeight>>) => w.requests.filter((r) => /\.woff2$/.test(r.url)).map((r) => path.basename(r.url));

describe("page weight", () => {
  for (const width of [1440, 390]) {
    it(`the brief page loads in at most 150 KB at ${width} px, with one render-blocking stylesheet`, async () => {
      const w = await pageWeight(browser, `${site}/briefs/china-sony-attack/`, width);
      const detail = w.requests.map((r) => `${r.bytes} ${r.url}`).join("\n");
      expect(w.total, detail).toBeLessThanOrEqual(BUDGET);
      expect(w.blockingStylesheets).toEqual(["../../assets/css/site.css"]);
      const fonts = fontFiles(w);
      expect(fonts.filter((f) => /latin-ext|noto-serif-sc/.test(f)), detail).toEqual([]);
      expect(fonts).toContain("source-serif-4-latin-400-normal.woff2");
      expect(fonts).toContain("note-symbols.woff2"); // † ‡ drawn, from the small symbols font
    });
  }

  it("the collection page stays within the budget too", async () => {
    const w = await pageWeight(browser, `${site}/`);
    expect(w.total).toBeLessThanOrEqual(BUDGET);
    expect(w.blockingStylesheets).toEqual(["./assets/css/site.css"]);
  });

  it("a brief citing a Chinese source fetches the Chinese slices it uses, and only on its page", async () => {
    const w = await pageWeight(browser, `${chinese}/briefs/xinhua/`);
    const cjk = fontFiles(w).filter((f) => f.startsWith("noto-serif-sc"));
    expect(cjk.length).toBeGreaterThan(0);
    expect(cjk.length).toBeLessThan(12);
    const home = await pageWeight(browser, `${chinese}/`);
    expect(fontFiles(home).filter((f) => f.startsWith("noto-serif-sc"))).toEqual([]);
  });
});

describe("web font faces", () => {
  it("parse, subtract and print unicode ranges", () => {
    const r = parseUnicodeRange("U+0000-00FF, U+2000-206F,U+20AC, U+4??");
    expect(r).toEqual([[0, 0xff], [0x2000, 0x206f], [0x20ac, 0x20ac], [0x400, 0x4ff]]);
    expect(formatUnicodeRange(withoutCodes(r, [0x2016, 0x2020, 0x2021, 0x20ac]))).toBe("U+0000-00FF,U+2000-2015,U+2017-201F,U+2022-206F,U+0400-04FF");
  });

  it("give only the faces a page's text needs; markup, scripts and comments do not count", () => {
    const plain = webFontFaces("<p>Plain English text.</p>", "../");
    expect(plain).not.toMatch(/noto-serif-sc|latin-ext|cyrillic/);
    expect(plain).toContain("url(../assets/css/fonts/source-serif-4-latin-400-normal.woff2)");
    expect(plain).toContain("url(../assets/fonts/note-symbols.woff2)");
    expect(plain).not.toMatch(/unicode-range:[^}]*U\+2000-206F/); // † ‡ ‖ go to Note Symbols
    const hidden = webFontFaces('<script>"中文"</script><!-- Ωμέγα --><p title="Ł">x</p>', "");
    expect(hidden).not.toMatch(/noto-serif-sc|greek|latin-ext/);
    const mixed = webFontFaces("<p>Łódź, Ωμέγα, 中文</p>", "");
    expect(mixed).toMatch(/latin-ext/);
    expect(mixed).toMatch(/greek/);
    expect(mixed).toMatch(/noto-serif-sc-\d+-400/);
  });

  it("are remembered per root and set of characters, never across a change of either", () => {
    const english = webFontFaces("<p>Plain English text.</p>", "../");
    expect(webFontFaces("<p>text. English Plain</p>", "../")).toBe(english); // the same characters
    expect(webFontFaces("<p>Plain English text.</p>", "../../")).toBe(english.replaceAll("url(../", "url(../../"));
    expect(webFontFaces("<p>Plain English text, Ł.</p>", "../")).toMatch(/latin-ext/);
    expect(webFontFaces("<p>Plain English text.</p>", "../")).toBe(english);
    expect(webFontFaces("<p>Plain English text, 中文.</p>", "../")).toMatch(/noto-serif-sc/);
  });
});
