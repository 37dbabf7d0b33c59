/**
 * Citations on the web page and in the PDF: the fixture briefs of tests/fixtures/citations
 * built for real (site and PDF), their notes and bibliography checked as a reader sees them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { pdfText } from "./helpers/pdf.ts";

const INPUT = path.resolve(import.meta.dirname, "fixtures/citations");
let site: string;

beforeAll(async () => {
  ({ output: site } = await buildInto(INPUT));
}, 600_000);

const flat = (text: string) => text.replace(/\s+/g, " ");
const page = (slug: string) => parseHTML(readFileSync(path.join(site, "briefs", slug, "index.html"), "utf8")).document;
const pdf = (slug: string) => flat(pdfText(path.join(site, "briefs", slug, `${slug}.pdf`)));

describe("citations in the published brief", () => {
  it("shows Chicago notes and the bibliography on the web page, and does not publish the bibliography file", () => {
    const document = page("chicago");
    const notes = [...document.querySelectorAll(".endnotes-list > li")];
    expect(notes).toHaveLength(20);
    expect(flat(notes[0].textContent ?? "")).toContain("Zadie Smith, Swing Time (New York: Penguin Press, 2016), 315–16.");
    expect(document.querySelector(".endnotes-list i")?.textContent).toBe("Swing Time");
    const entries = [...document.querySelectorAll("section.bibliography li")].map((li) => flat(li.textContent ?? ""));
    expect(entries).toContain("Smith, Zadie. Swing Time. New York: Penguin Press, 2016.");
    expect(document.querySelector("section.bibliography h2")?.textContent).toBe("Bibliography");
    expect(() => readFileSync(path.join(site, "briefs", "chicago", "references.json"))).toThrow();
  });

  it("prints the same notes and bibliography in the PDF", () => {
    const text = pdf("chicago");
    expect(text).toContain("Zadie Smith, Swing Time (New York: Penguin Press, 2016), 315–16.");
    expect(text).toContain("Rebecca Mead, “The Prophet of Dystopia,” New Yorker, April 17, 2017, 43.");
    expect(text).toContain("Smith, Swing Time, 320.");
    expect(text).toContain("Mead, “Dystopia,” 47.");
    expect(text).toMatch(/Bibliography .*Smith, Zadie\. Swing Time\. New York: Penguin Press, 2016\./);
    expect(text.indexOf("Bibliography")).toBeGreaterThan(text.lastIndexOf("Notes"));
  });

  it("prints citations as page-foot footnotes with citations: footnotes", () => {
    const text = pdfText(path.join(site, "briefs", "footnotes", "footnotes.pdf"), 1);
    expect(flat(text)).toMatch(/\* Zadie Smith, Swing Time \(New York: Penguin Press, 2016\), 315–16\./);
    expect(flat(text)).toMatch(/† Rebecca Mead, “The Prophet of Dystopia,” New Yorker, April 17, 2017, 43\./);
  });

  it("prints the German APA brief with in-text citations and a Literaturverzeichnis", () => {
    const text = pdf("apa-de");
    expect(text).toContain("(Smith, 2016, S. 315–316)");
    expect(text).toMatch(/Literaturverzeichnis .*Smith, Z\. \(2016\)\. Swing Time\. Penguin Press\./);
  });

  it("lists the works cited in the page's metadata: citation_reference tags and the JSON-LD citation list", () => {
    const document = page("chicago");
    const references = [...document.querySelectorAll('meta[name="citation_reference"]')].map((m) => m.getAttribute("content"));
    expect(references).toHaveLength(8);
    expect(references).toContain("citation_title=Swing Time; citation_author=Zadie Smith; citation_publication_date=2016; citation_publisher=Penguin Press");
    const jsonLd = JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(jsonLd["@type"]).toBe("Report");
    expect(jsonLd.citation).toHaveLength(8);
    expect(jsonLd.citation).toContainEqual({
      "@type": "NewsArticle",
      name: "Snap Makes a Bet on the Cultural Supremacy of the Camera",
      author: [{ "@type": "Person", name: "Farhad Manjoo" }],
      datePublished: "2017-03-08",
      isPartOf: { "@type": "Periodical", name: "New York Times" },
      url: "https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html",
    });
    // The German brief cites four works from BibLaTeX.
    expect(page("apa-de").querySelectorAll('meta[name="citation_reference"]')).toHaveLength(4);
  });
});
