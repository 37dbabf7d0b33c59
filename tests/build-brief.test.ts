/**
 * Integration: builds the first publication (content/) into a temporary folder and checks
 * the collection page, the brief page (parsed, not grepped) and the PDF (poppler).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { findMissingWord, pdfFonts, pdfInfo, pdfPageCount, pdfText } from "./helpers/pdf.ts";
import { symbolFor } from "../src/notes/symbols.ts";
import { SONY_SECTIONS, SONY_TITLE } from "./helpers/brief-facts.ts";
import { PDFDocument } from "pdf-lib";
import { elementText, readStructureTree, walk } from "../src/pdf/structure-tree.ts";

const CONTENT = path.resolve(import.meta.dirname, "../content");
const SLUG = "china-sony-attack";
const markdown = readFileSync(path.join(CONTENT, `${SLUG}.md`), "utf8");
const body = markdown.split(/^---$/m).slice(2).join("---");

let site: string;
let pdf: string;
let built: import("../src/build.ts").BuiltBrief;
const html = (rel: string) => parseHTML(readFileSync(path.join(site, rel), "utf8")).document;

beforeAll(async () => {
  const result = await buildInto(CONTENT);
  site = result.output;
  built = result.report.briefs[0];
  pdf = path.join(site, "briefs", SLUG, `${SLUG}.pdf`);
}, 180_000);

/** Body paragraphs of the Markdown, note calls written as the web page shows them: {4,*}. */
function markdownParagraphs(): string[] {
  let footnote = 0;
  return body
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("## ") && !/^\[\^[^\]]+\]:/.test(l))
    .map((l) =>
      l
        .replace(/^\s*-\s+/, "")
        .trim()
        .replace(/(?:\[\^[^\]]+\])+/g, (group) =>
          `{${[...group.matchAll(/\[\^([^\]]+)\]/g)].map((m) => (m[1].startsWith("*") ? symbolFor(footnote++) : m[1])).join(",")}}`,
        ),
    );
}

describe("collection page", () => {
  it("lists the brief with title, author, date, summary, page link and PDF link with pages and size", () => {
    const doc = html("index.html");
    const card = doc.querySelector(".brief-card")!;
    expect(card).toBeTruthy();
    expect(card.querySelector("h2 a")!.textContent).toBe(SONY_TITLE);
    expect(card.querySelector("h2 a")!.getAttribute("href")).toBe(`briefs/${SLUG}/`);
    expect(card.textContent).toContain("Jordan Wilson");
    expect(card.querySelector("time")!.getAttribute("datetime")).toBe("2015-01-14");
    expect(card.textContent).toContain("January 14, 2015");
    expect(card.querySelector(".brief-card-summary")!.textContent).toMatch(/^China is unlikely to assist/);
    const pdfLink = card.querySelector(".brief-card-pdf a")!;
    expect(pdfLink.getAttribute("href")).toBe(`briefs/${SLUG}/${SLUG}.pdf`);
    const pages = pdfPageCount(pdf);
    expect(card.querySelector(".pdf-info")!.textContent).toMatch(new RegExp(`^\\(PDF, ${pages} pages, \\d+ KB\\)$`));
  });
});

describe("brief page", () => {
  it("has the title, the author with role, and every section heading", () => {
    const doc = html(`briefs/${SLUG}/index.html`);
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(doc.querySelector("h1")!.textContent).toBe(SONY_TITLE);
    expect(doc.querySelector(".brief-authors")!.textContent).toContain("Jordan Wilson, Research Fellow, Security and Foreign Affairs");
    const h2 = [...doc.querySelectorAll(".brief-body h2")].map((h) => h.textContent);
    expect(h2).toEqual([...SONY_SECTIONS, "Notes"]);
  });

  it("has every paragraph with its 37 endnote calls and 4 footnote calls in the source's places", () => {
    const doc = html(`briefs/${SLUG}/index.html`);
    const bodyEl = doc.querySelector(".brief-body")!;
    expect(bodyEl.querySelectorAll("a.noteref--endnote")).toHaveLength(37);
    expect([...bodyEl.querySelectorAll("a.noteref--endnote")].map((a) => a.textContent)).toEqual(Array.from({ length: 37 }, (_, i) => String(i + 1)));
    expect(bodyEl.querySelectorAll("a.noteref--footnote")).toHaveLength(4);
    for (const sup of [...bodyEl.querySelectorAll("sup.noterefs")]) {
      sup.replaceWith(doc.createTextNode(`{${[...sup.querySelectorAll("a")].map((a) => a.textContent).join(",")}}`));
    }
    const paragraphs = [...bodyEl.querySelectorAll("p")]
      .filter((p) => !p.closest("aside") && !p.closest(".endnotes"))
      .map((p) => p.textContent!.replace(/\s+/g, " ").trim());
    expect(paragraphs).toEqual(markdownParagraphs());
    expect(paragraphs.join(" ")).toContain("“first step in retaliation.”{4,*}");
    expect(paragraphs.join(" ")).toContain("traditional military attack.{33,§}");
  });

  it("lists 37 endnotes with back-links and puts each footnote right after its paragraph", () => {
    const doc = html(`briefs/${SLUG}/index.html`);
    const items = doc.querySelectorAll(".endnotes[role=doc-endnotes] ol > li");
    expect(items).toHaveLength(37);
    items.forEach((li, i) => {
      const back = li.querySelector("a[role=doc-backlink]")!;
      expect(back.getAttribute("href")).toBe(`#enref-${SLUG}-${i + 1}`);
      expect(doc.getElementById(`enref-${SLUG}-${i + 1}`)).toBeTruthy();
    });
    expect(items[1].textContent).toContain("Citation not available in the source.");
    const asides = [...doc.querySelectorAll("aside.footnote[role=doc-footnote]")];
    expect(asides.map((a) => a.getAttribute("data-label"))).toEqual(["*outages", "*state-ignored", "*own-capability", "*act-of-war"]);
    for (const aside of asides) {
      const call = doc.querySelector(`a[href="#${aside.id}"]`)!;
      // The aside follows the paragraph that holds its call (or other asides of that paragraph).
      let prev = aside.previousElementSibling;
      while (prev && prev.matches("aside.footnote")) prev = prev.previousElementSibling;
      expect(prev!.contains(call)).toBe(true);
    }
  });

  it("gives every id once", () => {
    const doc = html(`briefs/${SLUG}/index.html`);
    const ids = [...doc.querySelectorAll("[id]")].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("print page", () => {
  it("loads Paged.js and our footnote handler from the site itself", () => {
    const doc = html(`briefs/${SLUG}/print/index.html`);
    const scripts = [...doc.querySelectorAll("script")].map((s) => s.getAttribute("src"));
    expect(scripts).toEqual(["../../../assets/js/paged-config.js", "../../../assets/js/paged.polyfill.js", "../../../assets/js/print-web-link.js", "../../../assets/js/print-text-breaks.js", "../../../assets/js/print-footnote-area.js", "../../../assets/js/print-fonts.js", "../../../assets/js/print-notes.js", "../../../assets/js/print-hyphens.js", "../../../assets/js/print-page-ends.js", "../../../assets/js/print-line-spacing.js", "../../../assets/js/print-box-headings.js", "../../../assets/js/print-table-headers.js", "../../../assets/js/print-figures.js", "../../../assets/js/print-break-report.js", "../../../assets/js/pdf-tags.js"]);
  });
});

describe("PDF", () => {
  it("is US Letter, 5 or more pages, fonts embedded, with title and author", () => {
    const info = pdfInfo(pdf);
    expect(info["Page size"]).toMatch(/^612 x 792 pts/);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(5);
    expect(info.Title).toBe(SONY_TITLE);
    expect(info.Author).toBe("Jordan Wilson");
    expect(info.Tagged).toBe("yes");
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it("contains every paragraph of the source, word for word", () => {
    const words = pdfText(pdf).split(/\s+/).filter(Boolean);
    for (const paragraph of markdownParagraphs()) {
      const paragraphWords = paragraph.replace(/\{[^}]*\}/g, "").split(/\s+/).filter(Boolean);
      expect(findMissingWord(words, paragraphWords), paragraph.slice(0, 60)).toBeNull();
    }
  });

  it("has a text layer that is the text: no soft hyphen, every sentence findable as a viewer searches", () => {
    // Plain reading order, as a viewer's search and copy see it (pdftotext joins a word
    // hyphenated at a line end, as viewers do).
    const raw = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(raw.match(/\u00ad/g) ?? []).toEqual([]);
    expect(raw.match(/\u2011/g) ?? []).toEqual([]);
    const flat = raw.replace(/\s+/g, " ");
    expect(flat).toContain("President Obama said on December 20 the U.S. had found");
    // The start of every sentence of the running text (between note calls), as a search.
    let checked = 0;
    for (const paragraph of markdownParagraphs()) {
      for (const fragment of paragraph.split(/\{[^}]*\}/)) {
        for (const sentence of fragment.split(/(?<=[.?!][”"]?)\s+(?=[A-Z“])/)) {
          const words = sentence.split(/\s+/).filter(Boolean);
          if (words.length < 5) continue;
          const probe = words.slice(0, 4).join(" ");
          expect(flat, probe).toContain(probe);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("reads as words in its structure tree (what a screen reader and copy read): a space at every wrapped line end", async () => {
    const tree = readStructureTree(await PDFDocument.load(readFileSync(pdf), { updateMetadata: false }))!;
    const elements = [...walk(tree.elements)].map((w) => w.element);
    // The title wraps after "Implications" on the cover; the headings as the source has them.
    expect(elements.filter((e) => e.type === "H1").map(elementText)).toEqual([SONY_TITLE]);
    expect(elements.filter((e) => e.type === "H2").map(elementText)).toEqual([...SONY_SECTIONS, "Notes"]);
    // Every word of every paragraph is a word of the print page: none run together across a
    // line end ("Implicationsfor"), none split at one. Normalized: the font's apostrophe
    // (U+02BC), the masthead's capitals, note calls after a word, and a hyphenated break as
    // our reader decodes it (the glyph under the soft hyphen's empty ActualText, then the
    // hyphen: "Chi -nese").
    const printed = html(`briefs/${SLUG}/print/index.html`).body.textContent ?? "";
    const known = new Set(printed.replace(/\u00ad/g, "").toLowerCase().split(/\s+/));
    const unknown: string[] = [];
    let checked = 0;
    for (const p of elements.filter((e) => e.type === "P")) {
      const text = elementText(p).replace(/\u02bc/g, "’").replace(/ -(?=\p{L})/gu, "").toLowerCase();
      for (const word of text.split(/\s+/).filter(Boolean)) {
        checked++;
        const bare = word.replace(/[\d*†‡§‖¶,]+$/u, "");
        // In the print page a footnote's body follows its call: "however.North Korea…".
        const beforeCall = bare !== word && [...known].some((k) => k.startsWith(bare));
        if (!known.has(word) && !known.has(bare) && !beforeCall && !/^[\d*†‡§‖¶.,]+$/u.test(word)) unknown.push(word);
      }
    }
    expect(unknown).toEqual([]);
    expect(checked).toBeGreaterThan(1500);
  });

  it("prints each footnote at the foot of its calling page, symbols restarting per page", () => {
    const pages = Array.from({ length: pdfPageCount(pdf) }, (_, i) => pdfText(pdf, i + 1));
    const notes = [
      { call: /retaliation\.”4,\*/, body: /^\s*\* North Korea experienced recurring/m },
      { call: /however\.\s?(\*|†)/, body: /^\s*(\*|†) According to Richard Bejtlich/m },
      { call: /own;\s?(\*|†)/, body: /^\s*(\*|†) This refers to North Korea’s use/m },
      { call: /attack\.33,\*/, body: /^\s*\* This is the most current/m },
    ];
    for (const note of notes) {
      const callPage = pages.findIndex((t) => note.call.test(t));
      const bodyPage = pages.findIndex((t) => note.body.test(t));
      expect(callPage, String(note.call)).toBeGreaterThanOrEqual(0);
      expect(bodyPage, String(note.body)).toBe(callPage);
      const callSymbol = note.call.exec(pages[callPage])![0].slice(-1);
      const marker = note.body.exec(pages[bodyPage])![0].trim()[0];
      expect(marker).toBe(callSymbol);
    }
    // Each page that has footnotes starts its sequence at *.
    for (const text of pages) {
      const markers = [...text.matchAll(/^\s*([*†‡§‖¶]+) [A-Z]/gm)].map((m) => m[1]);
      markers.forEach((m, i) => expect(m).toBe(symbolFor(i)));
    }
  });

  it("has document metadata, XMP, language, bookmarks for every section and Notes, and passes qpdf --check", () => {
    const info = pdfInfo(pdf);
    expect(info.Subject).toMatch(/^China is unlikely to assist/);
    expect(info.Keywords).toBe("China, North Korea, Sony Pictures, cyber attack, cyber deterrence, U.S.-China relations");
    expect(info.Creator).toBe("briefpress");
    expect(info.CreationDate).toMatch(/Jan 14 00:00:00 2015 UTC/);
    expect(info["Metadata Stream"]).toBe("yes");
    const xmp = execFileSync("pdfinfo", ["-meta", pdf], { encoding: "utf8" });
    expect(xmp).toContain("<rdf:li xml:lang=\"x-default\">China’s Position on the Sony Attack: Implications for the U.S. Response</rdf:li>");
    const outline = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", pdf], { encoding: "utf8" })) as {
      outlines: Array<{ title: string; kids: Array<{ title: string }> }>;
    };
    expect(outline.outlines.map((o) => o.title)).toEqual([SONY_TITLE]);
    expect(outline.outlines[0].kids.map((k) => k.title)).toEqual([...SONY_SECTIONS, "Notes"]);
    const raw = readFileSync(pdf, "latin1");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toMatch(/\/Lang \(en-US\)/);
    expect(execFileSync("qpdf", ["--check", pdf], { encoding: "utf8" })).toContain("No syntax or stream encoding errors found");
  });

  it("is byte-identical when built again", async () => {
    const again = await buildInto(CONTENT);
    const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    expect(sha(again.report.briefs[0].pdf)).toBe(sha(pdf));
  }, 180_000);

  it("has no heading at a page foot, no widow and no orphan", () => {
    expect(built.badBreaks).toEqual([]);
  });

  it("has the Notes with all 37 endnotes", () => {
    const text = pdfText(pdf);
    expect(text).toMatch(/^\s*Notes\s*$/m);
    for (let n = 1; n <= 37; n++) expect(text).toMatch(new RegExp(`^\\s*${n}\\.\\s+\\S`, "m"));
    expect(text.match(/Citation not available in the source\./g)).toHaveLength(36);
  });
});
