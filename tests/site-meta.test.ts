/**
 * What readers, librarians and citation managers get from the site: Highwire Press tags,
 * schema.org Report JSON-LD, Open Graph, canonical URL, table of contents, "Cite this
 * brief" with BibTeX and RIS, an Atom feed and a sitemap that are well-formed XML.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "puppeteer-core";
import { build } from "../src/build.ts";
import { launchBrowser } from "../src/browser/chromium.ts";
import { tempDir } from "./helpers/build.ts";

const BASE = "https://briefs.example.org/";
const SLUG = "china-sony-attack";
let site: string;
let browser: Browser;
const read = (rel: string) => readFileSync(path.join(site, rel), "utf8");
const doc = () => parseHTML(read(`briefs/${SLUG}/index.html`)).document;

beforeAll(async () => {
  site = path.join(await tempDir(), "site");
  await build({ input: path.resolve(import.meta.dirname, "../content"), output: site, baseUrl: BASE });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

/** Parse XML in Chromium, which rejects what is not well-formed. */
async function xmlErrors(xml: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    return (await page.evaluate(
      (text: string) => {
        const d = new DOMParser().parseFromString(text, "application/xml");
        const err = d.querySelector("parsererror");
        return err ? err.textContent : null;
      },
      xml,
    )) as string | null;
  } finally {
    await page.close();
  }
}

describe("brief page metadata", () => {
  it("has the Highwire Press tags Zotero and Google Scholar read", () => {
    const meta = (name: string) => [...doc().querySelectorAll(`meta[name="${name}"]`)].map((m) => m.getAttribute("content"));
    expect(meta("citation_title")).toEqual(["China’s Position on the Sony Attack: Implications for the U.S. Response"]);
    expect(meta("citation_author")).toEqual(["Jordan Wilson"]);
    expect(meta("citation_publication_date")).toEqual(["2015/01/14"]);
    expect(meta("citation_pdf_url")).toEqual([`${BASE}briefs/${SLUG}/${SLUG}.pdf`]);
    expect(meta("citation_technical_report_institution")).toEqual(["U.S.-China Economic and Security Review Commission"]);
    expect(meta("citation_technical_report_number")).toEqual([]); // the brief gives none
    expect(doc().querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe(`${BASE}briefs/${SLUG}/`);
    expect(doc().querySelector('meta[property="og:title"]')!.getAttribute("content")).toMatch(/^China’s Position/);
  });

  it("has schema.org JSON-LD of type Report with the brief's facts", () => {
    const json = JSON.parse(doc().querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(json["@context"]).toBe("https://schema.org");
    expect(json["@type"]).toBe("Report");
    expect(json.name).toBe("China’s Position on the Sony Attack: Implications for the U.S. Response");
    expect(json.author).toEqual([{ "@type": "Person", name: "Jordan Wilson", jobTitle: "Research Fellow, Security and Foreign Affairs" }]);
    expect(json.publisher).toEqual({ "@type": "Organization", name: "U.S.-China Economic and Security Review Commission" });
    expect(json.datePublished).toBe("2015-01-14");
    expect(json.inLanguage).toBe("en-US");
    expect(json.url).toBe(`${BASE}briefs/${SLUG}/`);
    expect(json.encoding).toEqual({ "@type": "MediaObject", contentUrl: `${BASE}briefs/${SLUG}/${SLUG}.pdf`, encodingFormat: "application/pdf" });
  });

  it("has a table of contents of the sections and a citation in two styles with BibTeX and RIS files", () => {
    const toc = [...doc().querySelectorAll(".brief-toc a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(toc[0]).toEqual(["Background", "#background"]); // pandoc's identifier: authors link to #background
    expect(toc).toHaveLength(7);
    expect(toc[6]).toEqual(["Notes", `#endnotes-title-${SLUG}`]);
    for (const [, href] of toc) expect(doc().getElementById(decodeURIComponent(href!.slice(1)))).toBeTruthy(); // ids may hold dots ("u.s.")
    const cite = doc().querySelector(".brief-cite")!.textContent!;
    // Chicago 17 and APA 7 for reports: the title in italics, APA with the year only, URLs as links.
    expect(cite).toContain(
      `Wilson, Jordan. China’s Position on the Sony Attack: Implications for the U.S. Response. Staff Report. U.S.-China Economic and Security Review Commission, January 14, 2015. ${BASE}briefs/${SLUG}/.`,
    );
    // APA: sentence case, proper nouns (capitalized mid-sentence in the brief's prose) and acronyms kept.
    expect(cite).toContain("Wilson, J. (2015). China’s position on the Sony attack: Implications for the U.S. response (Staff Report). U.S.-China Economic and Security Review Commission.");
    const styles = [...doc().querySelectorAll(".brief-cite p")];
    expect(styles.map((p) => p.querySelector("i")?.textContent)).toEqual(["China’s Position on the Sony Attack: Implications for the U.S. Response", "China’s position on the Sony attack: Implications for the U.S. response"]);
    expect(styles.map((p) => p.querySelector("a")?.getAttribute("href"))).toEqual([`${BASE}briefs/${SLUG}/`, `${BASE}briefs/${SLUG}/`]);
    expect(read(`briefs/${SLUG}/${SLUG}.bib`)).toMatch(/^@techreport\{wilson2015chinas,\n {2}author = \{Wilson, Jordan\},/);
    const ris = read(`briefs/${SLUG}/${SLUG}.ris`);
    expect(ris.startsWith("\ufeffTY  - RPRT\r\n")).toBe(true); // byte-order mark for EndNote
    expect(ris.split("\r\n")).toEqual(expect.arrayContaining(["AU  - Wilson, Jordan", "PY  - 2015", "DA  - 2015/01/14", "M3  - Staff Report", "LA  - en-US", "ER  - "]));
    expect(ris).toMatch(/\r\nAB  - \S/);
    expect(ris).toMatch(/\r\nKW  - \S/);
    expect(ris).not.toMatch(/\r\nT3  - /);
    // Every RIS line is "XX  - value" (what reference managers parse), one record.
    for (const line of ris.replace(/^\ufeff/, "").split("\r\n").filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
  });

  it("BibTeX reads back with citation-js as the brief's report, title not wholly braced", async () => {
    const { Cite } = await import("@citation-js/core");
    await import("@citation-js/plugin-bibtex");
    const bib = read(`briefs/${SLUG}/${SLUG}.bib`);
    expect(bib).not.toMatch(/title = \{\{/);
    const [item] = new Cite(bib).data as Array<Record<string, unknown>>;
    expect(item.type).toBe("report");
    expect(item.title).toBe("China’s Position on the Sony Attack: Implications for the U.S. Response");
    expect(item.author).toEqual([{ family: "Wilson", given: "Jordan" }]);
    expect(item.publisher).toBe("U.S.-China Economic and Security Review Commission");
    expect((item.issued as { "date-parts": number[][] })["date-parts"][0]).toEqual([2015, 1, 14]);
    expect(item.URL).toBe(`${BASE}briefs/${SLUG}/`);
  });
});

describe("the preview image (og:image)", () => {
  it("is the top of the PDF's first page, 1200×630, named with its size and alt text", async () => {
    const d = doc();
    const meta = (p: string) => d.querySelector(`meta[property="${p}"]`)?.getAttribute("content");
    expect(meta("og:image")).toBe(`${BASE}briefs/${SLUG}/${SLUG}.preview.png`);
    expect([meta("og:image:width"), meta("og:image:height"), meta("og:image:type")]).toEqual(["1200", "630", "image/png"]);
    expect(meta("og:image:alt")).toContain("China’s Position on the Sony Attack");
    const png = readFileSync(path.join(site, "briefs", SLUG, `${SLUG}.preview.png`));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]); // IHDR
    // What it shows: a white page with dark text, the text inside the page's margins.
    const page = await browser.newPage();
    try {
      const ink = (await page.evaluate(async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement("canvas");
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext("2d")!;
        g.drawImage(img, 0, 0);
        const { data } = g.getImageData(0, 0, c.width, c.height);
        let dark = 0, left = c.width, right = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] + data[i + 1] + data[i + 2] < 300) {
            dark++;
            const x = (i / 4) % c.width;
            left = Math.min(left, x);
            right = Math.max(right, x);
          }
        }
        return { dark: dark / (c.width * c.height), corner: Array.from(data.slice(0, 3)), left, right };
      }, png.toString("base64"))) as { dark: number; corner: number[]; left: number; right: number };
      expect(ink.corner).toEqual([255, 255, 255]);
      expect(ink.dark).toBeGreaterThan(0.01);
      expect(ink.dark).toBeLessThan(0.3);
      expect(ink.left).toBeGreaterThan(60); // the page's margins are in the picture: it is the whole width of the page
      expect(ink.right).toBeLessThan(1140);
    } finally {
      await page.close();
    }
  });
});

describe("the print page", () => {
  it("links back to the web page on screen, above the page previews, and never in the PDF", async () => {
    const { serveFolder } = await import("../src/browser/static-server.ts");
    const { execFileSync } = await import("node:child_process");
    const html = parseHTML(read(`briefs/${SLUG}/print/index.html`)).document;
    expect(html.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(html.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`${BASE}briefs/${SLUG}/`);
    const server = await serveFolder(site);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/briefs/${SLUG}/print/`, { waitUntil: "load" });
      await page.waitForFunction("document.documentElement.dataset.layout === 'done'", { timeout: 60_000 });
      const link = (await page.evaluate(`(() => {
        const a = document.querySelector(".web-edition a");
        return a && { text: a.textContent, href: a.href, shown: a.checkVisibility(), inPages: !!a.closest(".pagedjs_pages"), top: a.getBoundingClientRect().top };
      })()`)) as { text: string; href: string; shown: boolean; inPages: boolean; top: number } | null;
      expect(link).toMatchObject({ href: `${server.origin}/briefs/${SLUG}/`, shown: true, inPages: false });
      expect(link!.top).toBeLessThan(60);
      await page.emulateMediaType("print");
      expect(await page.evaluate(`document.querySelector(".web-edition").checkVisibility()`)).toBe(false); // Ctrl-P of the preview
    } finally {
      await page.close();
      await server.close();
    }
    const pdfText = execFileSync("pdftotext", [path.join(site, "briefs", SLUG, `${SLUG}.pdf`), "-"], { encoding: "utf8" });
    expect(pdfText).toContain("China’s Position on the Sony Attack");
    expect(pdfText).not.toMatch(/on the web/i);
  }, 120_000);
});

describe("feed and sitemap", () => {
  it("are well-formed XML listing the brief", async () => {
    const feed = read("feed.xml");
    expect(await xmlErrors(feed)).toBeNull();
    expect(feed).toContain(`<link href="${BASE}briefs/${SLUG}/"/>`);
    expect(feed).toContain(`<link rel="enclosure" type="application/pdf" href="${BASE}briefs/${SLUG}/${SLUG}.pdf" title="PDF"/>`);
    expect(feed).toContain("<published>2015-01-14T00:00:00Z</published>");
    expect(feed).toMatch(/<content type="html">&lt;h2 id=&quot;[^&]+&quot;&gt;Background&lt;\/h2&gt;/);
    expect(feed).toContain("<updated>2015-01-14T00:00:00Z</updated>");
    const sitemap = read("sitemap.xml");
    expect(await xmlErrors(sitemap)).toBeNull();
    expect(sitemap).toContain(`<loc>${BASE}briefs/${SLUG}/</loc><lastmod>2015-01-14</lastmod>`);
    expect(parseHTML(read("index.html")).document.querySelector('link[type="application/atom+xml"]')!.getAttribute("href")).toBe("./feed.xml");
  });

  it("the XML check itself rejects XML that is not well-formed", async () => {
    expect(await xmlErrors("<feed><entry></feed>")).not.toBeNull();
  });
});

describe("collection page search and filters", () => {
  it("finds a brief by a word that appears only in its body, offline, with the index built with the site", async () => {
    const { serveFolder } = await import("../src/browser/static-server.ts");
    const server = await serveFolder(site);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/`, { waitUntil: "load" });
      expect(read("index.html")).not.toContain("DarkSeoul"); // only in the brief's body
      await page.type("#search-input", "DarkSeoul");
      await page.waitForFunction(`document.querySelectorAll("#search-results li a").length > 0`, { timeout: 20_000 });
      const titles = (await page.evaluate(`Array.from(document.querySelectorAll("#search-results > li > h2 a")).map(a => a.getAttribute("href"))`)) as string[];
      expect(titles).toEqual([`briefs/${SLUG}/`]);
      expect(await page.$eval("#search-status", (e) => e.textContent)).toMatch(/^1 brief found for “DarkSeoul”\. 1 passage: /);
      // The passage: the term highlighted, no stray note numbers, a link to the words themselves.
      const passages = (await page.evaluate(`Array.from(document.querySelectorAll(".search-passages a"), (a) => ({ href: a.getAttribute("href"), text: a.textContent, marks: Array.from(a.querySelectorAll("mark"), (m) => m.textContent) }))`)) as Array<{ href: string; text: string; marks: string[] }>;
      expect(passages).toHaveLength(1);
      expect(passages[0].marks.map((m) => m.replace(/\W+$/, ""))).toEqual(["DarkSeoul"]); // Pagefind marks "DarkSeoul,"
      expect(passages[0].text).toContain("previously developed a similar but more rudimentary malware called DarkSeoul, used to attack South Korea in 2013. FBI Director");
      expect(passages[0].href).toMatch(new RegExp(`^briefs/${SLUG}/#[a-z0-9-]+:~:text=DarkSeoul$`));
      // The full list gives way to the results; the query is in the address.
      expect(await page.$eval(".brief-list", (e) => (e as HTMLElement).hidden)).toBe(true);
      expect(new URL(page.url()).searchParams.get("q")).toBe("DarkSeoul");
      const again = await browser.newPage();
      try {
        await again.goto(`${server.origin}/?q=DarkSeoul`, { waitUntil: "load" });
        await again.waitForFunction(`document.querySelectorAll(".search-passages mark").length > 0`, { timeout: 20_000 });
        expect(await again.$eval("#search-input", (e) => (e as HTMLInputElement).value)).toBe("DarkSeoul");
      } finally {
        await again.close();
      }
      await page.click("#search-input", { clickCount: 3 });
      await page.keyboard.press("Backspace");
      await page.type("#search-input", "zebrafinch");
      await page.waitForFunction(`document.getElementById("search-status").textContent.startsWith("0 briefs")`, { timeout: 20_000 });
      await page.click("#search-input", { clickCount: 3 });
      await page.keyboard.press("Backspace");
      await page.waitForFunction(`!document.querySelector(".brief-list").hidden`, { timeout: 5000 });
      expect(new URL(page.url()).searchParams.get("q")).toBeNull();
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);

  it("says plainly that search needs JavaScript when it is off", async () => {
    const { serveFolder } = await import("../src/browser/static-server.ts");
    const server = await serveFolder(site);
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.goto(`${server.origin}/`, { waitUntil: "load" });
      expect(await page.evaluate(`document.body.innerText`)).toContain("Searching the briefs needs JavaScript");
      expect(await page.$eval(".collection-tools", (e) => (e as HTMLElement).hidden)).toBe(true);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);

  it("filters the list by year and keyword", async () => {
    const { serveFolder } = await import("../src/browser/static-server.ts");
    const server = await serveFolder(site);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/`, { waitUntil: "load" });
      const visible = () => page.evaluate(`Array.from(document.querySelectorAll(".brief-card")).filter(c => !c.hidden).length`);
      expect(await visible()).toBe(1);
      await page.select("#filter-year", "2015");
      expect(await visible()).toBe(1);
      await page.select("#filter-keyword", "North Korea");
      expect(await visible()).toBe(1);
      await page.select("#filter-year", "");
      expect(await page.$$eval("#filter-year option", (o) => o.map((x) => x.textContent))).toEqual(["All years", "2015"]);
      expect(await page.$$eval("#filter-keyword option", (o) => o.length)).toBe(7);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);
});
