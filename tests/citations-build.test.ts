/**
 * Citations on the web page and in the PDF: the fixture briefs of tests/fixtures/citations
 * built for real (site and PDF), their notes and bibliography checked as a reader sees them,
 * against Chicago's published examples (tests/helpers/chicago-examples.ts): on the web page
 * note by note, in the PDF as the same notes in the same order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto } from "./helpers/build.ts";
import { CHICAGO, REPORTS } from "./helpers/chicago-examples.ts";
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

  /** A built page's endnotes, without their back-links, as a reader reads them. */
  const webNotes = (slug: string) =>
    [...page(slug).querySelectorAll(".endnotes-list > li")].map((li) => {
      for (const a of li.querySelectorAll(".backlink")) a.remove();
      return flat(li.textContent ?? "").trim();
    });
  const webEntries = (slug: string) => [...page(slug).querySelectorAll("section.bibliography li")].map((li) => flat(li.textContent ?? "").trim());

  it("shows Chicago's published notes and bibliography entries on the built web page", () => {
    const notes = webNotes("chicago");
    expect(notes.slice(0, 6)).toEqual([CHICAGO.book, CHICAGO.magazine, CHICAGO.newspaper, CHICAGO.web, CHICAGO.interview, CHICAGO.unpublishedInterview]);
    expect(notes.slice(7, 12)).toEqual([CHICAGO.bookShort, CHICAGO.magazineShort, CHICAGO.newspaperShort, CHICAGO.webShort, CHICAGO.interviewShort]);
    // The press release: Chicago's general rule for website content (see tests/citations.test.ts).
    expect(notes[15]).toMatch(/^Federal Bureau of Investigation, “Update on Sony Investigation,” press release, (?:[^,]+, )*December 19, 2014, https:\/\/www\.fbi\.gov\/news\/press-releases\/update-on-sony-investigation\.$/);
    const entries = webEntries("chicago");
    for (const entry of [CHICAGO.bookEntry, CHICAGO.magazineEntry, CHICAGO.newspaperEntry, CHICAGO.webEntry, CHICAGO.interviewEntry]) expect(entries).toContain(entry);
    expect(webNotes("reports")).toEqual([REPORTS.unesco, REPORTS.wef, REPORTS.hrw, REPORTS.unescoShort, REPORTS.wefShort]);
    expect(webEntries("reports")).toEqual([REPORTS.hrwEntry, REPORTS.unescoEntry, REPORTS.wefEntry]);
  });

  it("prints the interview's short note and the web page's entry in the PDF", () => {
    const text = pdf("chicago");
    const notes = text.slice(text.lastIndexOf("Notes"), text.indexOf("Bibliography", text.lastIndexOf("Notes")));
    expect(notes).toMatch(/\b12\.? Stamper, interview\./);
    // A URL may wrap in print, and the PDF's text has a space at each wrapped line end: the entry's
    // words as they are, its URL without spaces.
    const bibliography = text.slice(text.indexOf("Bibliography", text.lastIndexOf("Notes")));
    const [words, url] = CHICAGO.webEntry.split(" https://");
    expect(bibliography).toContain(`${words} https://`);
    expect(bibliography.slice(bibliography.indexOf(words)).replace(/\s/g, "")).toContain(`${words} https://${url}`.replace(/\s/g, ""));
  });

  // Every note of the web page is in the PDF, in the same order. pdftotext's text of a wrapped
  // line has a space at the wrap and loses a hyphen that ends a line ("f-|bomb" gives "fbomb"):
  // notes are compared without spaces and hyphens.
  const bare = (text: string) => text.replace(/[\s\u00ad-]/g, "");
  for (const slug of ["chicago", "reports"]) {
    it(`prints every note of the ${slug} brief's web page in its PDF, in order`, () => {
      const notes = [...page(slug).querySelectorAll(".endnotes-list > li")].map((li) => {
        for (const a of li.querySelectorAll(".backlink")) a.remove();
        return bare(li.textContent ?? "");
      });
      expect(notes.length).toBeGreaterThan(4);
      const text = bare(pdf(slug));
      let from = text.lastIndexOf("Notes");
      expect(from).toBeGreaterThan(0);
      for (const [i, note] of notes.entries()) {
        const at = text.indexOf(`${i + 1}.${note}`, from);
        expect(at, `note ${i + 1}: ${note}`).toBeGreaterThan(from - 1);
        from = at + note.length;
      }
    });
  }

  it("prints the reports' notes as the published examples give them, the short title without its article", () => {
    const text = pdf("reports");
    expect(text).toContain("World Economic Forum, The Global Risks Report 2020 (Cologny: WEF, 2020), 31,");
    expect(text).toContain(REPORTS.unescoShort);
    expect(text).toContain(REPORTS.wefShort);
    expect(text).toMatch(/Bibliography .*Gorbunova, Yulia\. Laws of Attrition: Crackdown on Russia’s Civil Society After Putin’s Return to the Presidency\. New York: Human Rights Watch, 2013\./);
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
