/**
 * "Cite this brief" (src/site/citation.ts) for briefs whose front matter lacks a part the
 * citation starts with. The full case (authors, publisher, series, URL) is checked on the built
 * site in tests/site-meta.test.ts.
 */
import { describe, expect, it } from "vitest";
import { apa, chicago, type CitableBrief } from "../src/site/citation.ts";

const base: CitableBrief = {
  title: "Cyber Deterrence after Sony",
  authors: [],
  date: "2024-05-01",
  url: "https://briefs.example.org/briefs/cyber/",
  slug: "cyber",
};

describe("Cite this brief without a named author", () => {
  // APA 7, table 9.1 ("How to create a reference when information is missing"), as the Fleming
  // College library's APA 7 guide gives it (library.flemingcollege.ca/c.php?g=717280&p=5118981):
  // missing author: "Provide the title, date, and source." → "Title. (Date). Source."
  it("APA: the title takes the author's place when there is neither an author nor a publisher", () => {
    const text = apa(base);
    expect(text).toBe("Cyber Deterrence after Sony. (2024). https://briefs.example.org/briefs/cyber/");
    expect(text).not.toMatch(/^\s*\(/); // never "(2024). Title." with nothing before the date
    expect(apa({ ...base, series: "Staff Report" })).toBe("Cyber Deterrence after Sony (Staff Report). (2024). https://briefs.example.org/briefs/cyber/");
    expect(apa({ ...base, url: undefined })).toBe("Cyber Deterrence after Sony. (2024).");
  });

  it("APA: an institution that publishes the brief is its group author, named once", () => {
    expect(apa({ ...base, publisher: "Example Commission" })).toBe("Example Commission (2024). Cyber Deterrence after Sony. https://briefs.example.org/briefs/cyber/");
  });

  it("APA and Chicago: every citation starts with a name or the title, on any mix of missing parts", () => {
    for (const authors of [[], [{ name: "Jordan Wilson" }], [{ name: "Plato" }]])
      for (const publisher of [undefined, "Example Commission"])
        for (const series of [undefined, "Staff Report"])
          for (const url of [undefined, base.url]) {
            const b = { ...base, authors, publisher, series, url };
            for (const text of [apa(b), chicago(b)]) {
              expect(text, JSON.stringify(b)).toMatch(/^(?:Wilson|Plato|Example Commission|Cyber Deterrence)/);
              expect(text, JSON.stringify(b)).not.toMatch(/\.\.|\s\s|\(\)/);
            }
          }
  });
});
