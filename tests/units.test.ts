/** Small pure pieces: symbols, filters, Chromium lookup, the local server, PDF metadata. */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { FOOTNOTE_SYMBOLS, footnoteSymbolsCss, letterFor, ordinalWord, symbolFor } from "../src/notes/symbols.ts";
import { fromPrintPage, isoDay, namesOf, readableDate, rootFrom } from "../src/eleventy/filters-plugin.ts";
import { BrowserNotFound, CHROMIUM_CANDIDATES, findChromium } from "../src/browser/chromium.ts";
import { serveFolder } from "../src/browser/static-server.ts";
import { creationDate, setPdfMetadata } from "../src/pdf/metadata.ts";
import { formatBytes, pdfInfoText } from "../src/build.ts";
import { tempDir } from "./helpers/build.ts";

describe("footnote symbols", () => {
  it("run * † ‡ § ‖ ¶ and then double and triple", () => {
    expect(Array.from({ length: 13 }, (_, i) => symbolFor(i))).toEqual(["*", "†", "‡", "§", "‖", "¶", "**", "††", "‡‡", "§§", "‖‖", "¶¶", "***"]);
    expect(() => symbolFor(-1)).toThrow(RangeError);
  });

  it("are the same in the browser script that numbers printed pages", () => {
    const script = readFileSync(path.resolve(import.meta.dirname, "../assets/js/print-notes.js"), "utf8");
    const literal = /const SYMBOLS = (\[[^\]]*\]);/.exec(script)![1];
    expect(JSON.parse(literal)).toEqual([...FOOTNOTE_SYMBOLS]);
  });

  it("have one CSS rule per position on a page", () => {
    const css = footnoteSymbolsCss(8);
    expect(css).toContain('.pagedjs_area [data-footnote-call].fn-sym-0::after { content: "*"; }');
    expect(css).toContain('.fn-sym-7::after { content: "††"; }');
    expect(css.match(/::after/g)).toHaveLength(8);
  });

  it("back-links letter and name each call", () => {
    expect([0, 1, 25, 26, 27].map(letterFor)).toEqual(["a", "b", "z", "aa", "ab"]);
    expect([1, 2, 10, 11, 12, 13, 21, 22, 23].map(ordinalWord)).toEqual(["first", "second", "tenth", "11th", "12th", "13th", "21st", "22nd", "23rd"]);
  });
});

describe("template filters", () => {
  it("write dates as calendar days, whatever the time zone", () => {
    expect(isoDay(new Date("2015-01-14T00:00:00Z"))).toBe("2015-01-14");
    expect(readableDate(new Date("2015-01-14T00:00:00Z"))).toBe("January 14, 2015");
    expect(readableDate("2024-03-02", "en-GB")).toBe("2 March 2024");
  });

  it("join author names", () => {
    expect(namesOf("Ann")).toBe("Ann");
    expect(namesOf([{ name: "Ann" }, "Bo"])).toBe("Ann and Bo");
    expect(namesOf(["A", "B", "C"])).toBe("A, B and C");
    expect(namesOf(undefined)).toBe("");
  });

  it("make links relative to the page, so the site works under any base path", () => {
    expect(rootFrom("/")).toBe("./");
    expect(rootFrom("/briefs/x/")).toBe("../../");
    expect(rootFrom("/briefs/x/print/")).toBe("../../../");
  });

  it("point relative image sources one folder up from the print page, and leave others", () => {
    expect(fromPrintPage('<img src="chart.png" alt="x"><img alt="y" src="https://e.org/a.png"><img src="/a.png">')).toBe(
      '<img src="../chart.png" alt="x"><img alt="y" src="https://e.org/a.png"><img src="/a.png">',
    );
  });

  it("describe a PDF for the collection page", () => {
    expect(formatBytes(900)).toBe("900 B");
    expect(formatBytes(148_290)).toBe("145 KB");
    expect(pdfInfoText({ pages: 1, bytes: 2048 })).toBe("(PDF, 1 page, 2 KB)");
  });
});

describe("findChromium", () => {
  it("prefers CHROME_PATH, then the usual places, /usr/bin/chromium first", () => {
    expect(findChromium({ CHROME_PATH: "/opt/chrome" }, (p) => p === "/opt/chrome")).toBe("/opt/chrome");
    expect(findChromium({}, () => true)).toBe("/usr/bin/chromium");
    expect(CHROMIUM_CANDIDATES[0]).toBe("/usr/bin/chromium");
    expect(findChromium({}, (p) => p === "/usr/bin/google-chrome")).toBe("/usr/bin/google-chrome");
  });

  it("says how to install one when none is found", () => {
    expect(() => findChromium({}, () => false)).toThrow(BrowserNotFound);
    expect(() => findChromium({}, () => false)).toThrow(/apt-get install chromium.*CHROME_PATH|CHROME_PATH/s);
    expect(() => findChromium({ CHROME_PATH: "/nope" }, () => false)).toThrow(/CHROME_PATH=\/nope \(does not exist\)/);
  });
});

describe("serveFolder", () => {
  it("serves files on 127.0.0.1 with their types, index.html for folders, and nothing outside", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "a"), { recursive: true });
    await writeFile(path.join(dir, "a", "index.html"), "<p>hi</p>");
    await writeFile(path.join(dir, "s.css"), "p{}");
    const server = await serveFolder(dir);
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${server.origin}/a/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await page.text()).toBe("<p>hi</p>");
      expect((await fetch(`${server.origin}/s.css`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
      expect((await fetch(`${server.origin}/missing.js`)).status).toBe(404);
      expect((await fetch(`${server.origin}/..%2f..%2fetc/passwd`)).status).not.toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe("PDF metadata", () => {
  it("sets the document information from the brief, dated by the brief, not the clock", async () => {
    const blank = await PDFDocument.create();
    blank.addPage();
    const { bytes, pages } = await setPdfMetadata(await blank.save(), {
      title: "T",
      author: "A",
      subject: "S",
      keywords: ["k1", "k2"],
      lang: "en-US",
      date: "2015-01-14",
    });
    expect(pages).toBe(1);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe("T");
    expect(doc.getAuthor()).toBe("A");
    expect(doc.getSubject()).toBe("S");
    expect(doc.getKeywords()).toBe("k1, k2");
    expect(doc.getCreator()).toBe("briefpress");
    expect(doc.getCreationDate()?.toISOString()).toBe("2015-01-14T00:00:00.000Z");
  });

  it("honours SOURCE_DATE_EPOCH", () => {
    expect(creationDate("2015-01-14", { SOURCE_DATE_EPOCH: "86400" }).toISOString()).toBe("1970-01-02T00:00:00.000Z");
    expect(creationDate("2015-01-14", {}).toISOString()).toBe("2015-01-14T00:00:00.000Z");
  });
});

describe("hyphenation for print", () => {
  it("puts soft hyphens in words, not in tags, code or URLs; URLs marked to break anywhere", async () => {
    const { hyphenateHtml } = await import("../src/print/hyphenate.ts");
    const out = hyphenateHtml(
      '<p class="international">Governmental cooperation <code>configuration</code> at <a href="https://example.org/organization">https://example.org/organization</a></p>',
      "en-US",
    );
    expect(out).toContain("Gov\u00adern\u00admen\u00adtal co\u00adop\u00ader\u00ada\u00adtion");
    expect(out).toContain('<p class="international">');
    expect(out).toContain("<code>configuration</code>");
    expect(out).toContain('><span class="url">https://example.org/organization</span></a>');
    // Only soft hyphens and, around the URL's text (not its href), a span were added.
    expect(out.replace(/\u00ad|<span class="url">|<\/span>/g, "")).toBe(
      '<p class="international">Governmental cooperation <code>configuration</code> at <a href="https://example.org/organization">https://example.org/organization</a></p>',
    );
  });

  it("in print, glues only a word's last letter to its note call and hyphenates the word whole", async () => {
    const { hyphenateHtml, hyphenatorFor } = await import("../src/print/hyphenate.ts");
    const { createMarkdown } = await import("../src/markdown/configure.ts");
    // Words from the layout corpus (seed 1009: "coopération,8,‡" was glued whole, not
    // hyphenated, and the justified line before it stretched) and from other languages.
    // Cut short by its glued letter, "English" was hyphenated "En-glis", "Chinese" not at all.
    for (const [lang, word] of [["fr", "coopération"], ["en-US", "English"], ["en-US", "Chinese"], ["de", "Bundesverfassungsgericht"], ["de", "Erwartungen"]]) {
      const html = createMarkdown().render(`Text ${word},[^1] more.\n\n[^1]: A note.\n`, { docId: "d" });
      const out = hyphenateHtml(html, lang);
      const glued = /noteref-glue">([^<]*)</.exec(out)?.[1];
      expect(glued, word).toBe(`${word.slice(-1)},`); // only the last letter and its comma
      const whole = hyphenatorFor(lang)!(word);
      const before = /Text ([^<]*)<span class="noteref-glue">/.exec(out)?.[1];
      // The breaks of the whole word, except one right before the glued letter.
      expect(before, word).toBe(whole.slice(0, whole.length - 1).replace(/\u00ad$/, ""));
      expect(before, word).toContain("\u00ad");
      // Only soft hyphens were added, and the glue moved to the last letter.
      const plain = (h: string) => h.replace(/\u00ad|<span class="noteref-glue">|<\/span>/g, "");
      expect(plain(out)).toBe(plain(html));
    }
  });

  it("leaves languages without patterns alone", async () => {
    const { hyphenateHtml, hyphenatorFor } = await import("../src/print/hyphenate.ts");
    expect(hyphenatorFor("en-GB")).not.toBeNull();
    expect(hyphenatorFor("xx-YY")).toBeNull();
    expect(hyphenateHtml("<p>Governmental</p>", "xx-YY")).toBe("<p>Governmental</p>");
  });
});

describe("WarmBrowser", () => {
  it("after a crash, gives every caller the same fresh browser", async () => {
    const { WarmBrowser, launchBrowser } = await import("../src/browser/chromium.ts");
    const warm = new WarmBrowser(await launchBrowser());
    try {
      const first = warm.current;
      expect(await warm.usable()).toBe(first);
      const gone = new Promise((resolve) => first.once("disconnected", resolve));
      first.process()!.kill("SIGKILL");
      await gone;
      const [a, b] = await Promise.all([warm.usable(), warm.usable()]);
      expect(a).toBe(b);
      expect(a).not.toBe(first);
      expect(a.connected).toBe(true);
      expect(warm.current).toBe(a);
    } finally {
      await warm.close();
    }
  }, 60_000);
});
