/**
 * The words briefpress writes around a brief follow the brief's language (src/site/labels.ts):
 * a German brief gets German headings, links and accessible names on its web page, its print
 * page and in its PDF (the notes heading, the bookmarks, the page numbers); a French one French;
 * a language without a table English. Accessible names still contain what is shown.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { labelsFor } from "../src/site/labels.ts";
import { buildInto, tempDir } from "./helpers/build.ts";
import { pdfText } from "./helpers/pdf.ts";

const brief = (lang: string, title: string) => `---
title: ${title}
date: 2020-03-01
lang: ${lang}
---

## Erster Abschnitt

Text mit einer Anmerkung[^1] und einer Fußnote.[^*f] Noch einmal dieselbe Quelle.[^1]

## Zweiter Abschnitt

Mehr Text.

[^1]: Eine Quelle.
[^*f]: Eine Fußnote.
`;

let site: string;
const page = (slug: string) => parseHTML(readFileSync(path.join(site, "briefs", slug, "index.html"), "utf8")).document;
const printPage = (slug: string) => parseHTML(readFileSync(path.join(site, "briefs", slug, "print", "index.html"), "utf8")).document;
const pdf = (slug: string) => path.join(site, "briefs", slug, `${slug}.pdf`);

beforeAll(async () => {
  const input = await tempDir();
  await writeFile(path.join(input, "deutsch.md"), brief("de-DE", "Ein Bericht"));
  await writeFile(path.join(input, "francais.md"), brief("fr", "Un rapport"));
  await writeFile(path.join(input, "nihongo.md"), brief("ja", "報告"));
  site = (await buildInto(input)).output;
}, 240_000);

describe("labels in the brief's language", () => {
  it("German: the web page's headings, links and accessible names", () => {
    const d = page("deutsch");
    const text = (sel: string) => d.querySelector(sel)?.textContent?.trim();
    expect(text("#toc-title")).toBe("Inhalt");
    expect(text(".brief-toc summary")).toMatch(/^Inhalt/);
    expect(text("#cite-title")).toBe("Zitiervorschlag");
    expect(text("#cite-files")).toBe("Literaturangabe herunterladen");
    expect(text(".brief-pdf a")).toBe("PDF herunterladen");
    expect(text(".brief-meta")).toMatch(/Min\. Lesezeit$/);
    expect(text(".skip-link")).toBe("Zum Inhalt springen");
    expect(text(".pdf-info")).toMatch(/^\(PDF, 1 Seite, \d+ KB\)$/);
    expect(text(".endnotes h2")).toBe("Anmerkungen");
    expect([...d.querySelectorAll(".brief-toc a")].map((a) => a.textContent).at(-1)).toBe("Anmerkungen");
    const names = [...d.querySelectorAll("a.noteref, a.backlink, aside.footnote")].map((a) => a.getAttribute("aria-label"));
    expect(names).toEqual(["Anmerkung 1", "Fußnote *", "Anmerkung 1", "Fußnote *", "Zurück zum Text von Fußnote *", "Zurück zum Text von Anmerkung 1, 1. Verweis, 1a", "Zurück zum Text von Anmerkung 1, 2. Verweis, 1b"]);
    // WCAG 2.5.3: every name contains what its link shows.
    for (const a of d.querySelectorAll("a.noteref, a.backlink")) expect(a.getAttribute("aria-label")).toContain(a.textContent!.trim());
    expect(d.querySelector('meta[property="og:image:alt"]')?.getAttribute("content")).toBe("Die erste Seite des PDF: Ein Bericht");
    expect(d.body.textContent).not.toMatch(/\b(Notes|Contents|Cite this brief|Download the PDF|min read|Footnote)\b/);
  });

  it("German: the print page and the PDF (notes heading, bookmarks, page numbers)", () => {
    expect(printPage("deutsch").querySelector(".web-edition a")?.textContent).toContain("Im Web lesen");
    const text = pdfText(pdf("deutsch"));
    expect(text).toContain("Anmerkungen");
    expect(text).not.toContain("Notes");
    expect(text).toMatch(/^\s*1 von 1\s*$/m);
    type Item = { title: string; kids: Item[] };
    const outline = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", pdf("deutsch")], { encoding: "utf8" })) as { outlines: Item[] };
    const titles = (items: Item[]): string[] => items.flatMap((o) => [o.title, ...titles(o.kids ?? [])]);
    expect(titles(outline.outlines)).toEqual(["Ein Bericht", "Erster Abschnitt", "Zweiter Abschnitt", "Anmerkungen"]);
  });

  it("French: the web page and the PDF", () => {
    const d = page("francais");
    expect(d.querySelector("#toc-title")?.textContent).toBe("Sommaire");
    expect(d.querySelector("#cite-title")?.textContent).toBe("Citer ce document");
    expect(d.querySelector(".pdf-info")?.textContent).toMatch(/^\(PDF, 1 page, \d+ Ko\)$/);
    expect(d.querySelector("a.noteref--footnote")?.getAttribute("aria-label")).toBe("Note de bas de page *");
    expect(pdfText(pdf("francais"))).toMatch(/^\s*1 sur 1\s*$/m);
  });

  it("a language without a table falls back to English", () => {
    const d = page("nihongo");
    expect(d.querySelector("#toc-title")?.textContent).toBe("Contents");
    expect(d.querySelector(".endnotes h2")?.textContent).toBe("Notes");
    expect(pdfText(pdf("nihongo"))).toMatch(/^\s*1 of 1\s*$/m);
    expect(labelsFor("de-CH").notes).toBe("Anmerkungen");
    expect(labelsFor(undefined).notes).toBe("Notes");
  });
});
