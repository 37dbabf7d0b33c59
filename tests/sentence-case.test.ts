/**
 * APA 7 sentence case for "Cite this brief" (src/site/sentence-case.ts): proper nouns are the
 * words the brief's own prose capitalizes mid-sentence. Checked against the real brief and
 * against report titles from APA's published reference examples (title case as the reports
 * print them; APA's sentence-case form as expected), with prose that uses their proper nouns.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { proseOf, properNouns, sentenceCase } from "../src/site/sentence-case.ts";

const brief = readFileSync(path.resolve(import.meta.dirname, "../content/china-sony-attack.md"), "utf8").replace(/^---[\s\S]*?\n---\n/, "");
// Markdown prose as the brief writes it, without headings and note definitions (citations of other works).
const briefProse = brief
  .split("\n")
  .filter((line) => !/^#|^\[\^/.test(line))
  .join("\n");

describe("sentence case from the brief's prose", () => {
  const keep = properNouns(briefProse);

  it("keeps the proper nouns and acronyms of the real brief's title", () => {
    expect(sentenceCase("China’s Position on the Sony Attack: Implications for the U.S. Response", keep)).toBe("China’s position on the Sony attack: Implications for the U.S. response");
    expect(sentenceCase("China's Position on the Sony Attack: Implications for the U.S.", keep)).toBe("China's position on the Sony attack: Implications for the U.S.");
    expect(sentenceCase("How Would China React to a U.S. Cyber Operation against North Korea?", keep)).toBe("How would China react to a U.S. cyber operation against North Korea?");
  });

  it("reads which words are proper nouns, not which are capitalized anywhere", () => {
    expect(keep.has("china")).toBe(true);
    expect(keep.has("korea")).toBe(true);
    expect(keep.has("attack")).toBe(false); // "Attack" only in headings and at sentence starts
    expect(keep.has("response")).toBe(false);
  });
});

describe("APA's report examples", () => {
  const cases: Array<[string, string, string]> = [
    ["Taking Time: Support for People With Cancer", "Patients and their families read this booklet.", "Taking time: Support for people with cancer"],
    ["Strengthening Trans-Tasman Economic Relations", "Trade across the Tasman grew; the two commissions studied trans-Tasman rules for Australia and New Zealand.", "Strengthening trans-Tasman economic relations"],
    ["Does Money Grow on Trees? Restoration Financing in Southeast Asia", "Forests in Southeast Asia need money, and restoration projects in Southeast Asia compete for it.", "Does money grow on trees? Restoration financing in Southeast Asia"],
    ["The Role of NATO and the European Union in iPhone Security — A Review", "Member states of the European Union and NATO review phones, the iPhone among them.", "The role of NATO and the European Union in iPhone security — A review"],
  ];
  for (const [title, prose, expected] of cases) {
    it(title, () => expect(sentenceCase(title, properNouns(prose))).toBe(expected));
  }
});

describe("invariants", () => {
  const titles = ["China’s Position on the Sony Attack: Implications for the U.S. Response", "A Brief on WTO Rules: What the G20 Agreed in 2019", "ÉTUDE sur l’Économie: Les Régions d’Outre-Mer", "Über die Lage der Nation"];
  const prose = "The WTO and the G20 met. The Nation gathered. In Berlin, die Lage war ernst, and l’économie grew.";
  for (const title of titles) {
    it(`changes only the case of letters, and is stable: ${title}`, () => {
      const once = sentenceCase(title, properNouns(prose));
      expect(once.toLowerCase()).toBe(title.toLowerCase());
      expect(sentenceCase(once, properNouns(prose))).toBe(once);
      expect(once[0]).toBe(title[0]);
    });
  }

  it("leaves out headings, notes and works cited when reading the prose of the HTML", () => {
    const html = '<h2 id="x">The Attack Itself</h2><p>The attack came. <sup class="noterefs"><a>1</a></sup>Sony said so.</p><section class="endnotes"><ol><li>“The Attack on Sony,” <i>Wall Street Journal</i>.</li></ol></section>';
    const keep = properNouns(proseOf(html));
    expect(keep.has("attack")).toBe(false);
    expect(keep.has("wall")).toBe(false);
  });
});
