/**
 * The first publication is the author's text, word for word: the brief's Markdown body,
 * with its note calls, is compared with the text extracted from the original PDF
 * (tests/fixtures/source), with that extraction's page-foot blocks taken out.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SONY_SECTIONS } from "./helpers/brief-facts.ts";

const source = readFileSync(new URL("./fixtures/source/china-sony-attack.source.txt", import.meta.url), "utf8");
const markdown = readFileSync(new URL("../content/china-sony-attack.md", import.meta.url), "utf8");

/** Running text of the extraction: page-foot footnote blocks and the endnote text removed. */
function sourceBody(text: string): string {
  const out: string[] = [];
  let state: "body" | "foot" | "endnotes" = "body";
  for (const line of text.split("\n")) {
    if (state === "body" && /^\s*1 U\.S\. Federal Bureau of Investigation/.test(line)) state = "endnotes";
    if (state === "endnotes") continue;
    if (/^ {40,}$/.test(line)) {
      state = "foot"; // the rule above the page-foot notes
      continue;
    }
    if (state === "foot" && /^ [A-Za-z\uf0b7]/.test(line)) state = "body"; // the next page starts
    if (state === "body") out.push(line);
  }
  return out
    .join("\n")
    .replace(/\uf0b7/g, "") // lost bullet glyphs
    .replace(/(like|nation)-\s+/g, "$1-") // compounds broken at a line end
    .replace(/†/g, "*"); // the symbol sequence restarts per page: compare calls as *
}

/** The Markdown body as text: headings, bullets and note calls written as the source prints them. */
function markdownBody(text: string): string {
  const body = text.split(/^---$/m).slice(2).join("---");
  return body
    .split("\n")
    .filter((line) => !/^\[\^[^\]]+\]:/.test(line)) // note definitions
    .join("\n")
    .replace(/^## /gm, "")
    .replace(/^\s*- /gm, "")
    .replace(/\[\^(\d+)\]\[\^\*[^\]]+\]/g, "$1,*")
    .replace(/\[\^(\d+)\]/g, "$1")
    .replace(/\[\^\*[^\]]+\]/g, "*");
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("the first publication keeps the author's words", () => {
  const fromSource = words(sourceBody(source));
  const fromMarkdown = words(markdownBody(markdown));

  it("has the whole running text, word for word and in order", () => {
    expect(fromSource.length).toBeGreaterThan(1400);
    expect(fromMarkdown).toEqual(fromSource);
  });

  it("calls endnotes 1 to 37 once each, in order, and the four footnotes", () => {
    const body = markdown.split("\n").filter((l) => !/^\[\^[^\]]+\]:/.test(l)).join("\n");
    const endnotes = [...body.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1]));
    expect(endnotes).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    const footnotes = [...body.matchAll(/\[\^(\*[^\]]+)\]/g)].map((m) => m[1]);
    expect(footnotes).toEqual(["*outages", "*state-ignored", "*own-capability", "*act-of-war"]);
  });

  it("has the six section headings", () => {
    const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(SONY_SECTIONS);
  });

  it("keeps the footnote bodies as printed at the page feet", () => {
    const squash = (t: string) => t.replace(/\s+/g, "").replace(/[<>]/g, "");
    const defs = Object.fromEntries([...markdown.matchAll(/^\[\^(\*[^\]]+)\]: (.+)$/gm)].map((m) => [m[1], squash(m[2])]));
    const src = squash(source);
    for (const [label, body] of Object.entries(defs)) {
      // The † note continues on the next page in the extraction; check each page's part.
      const parts = label === "*state-ignored" ? body.split("operate") : [body];
      for (const part of parts) expect(src.includes(part.replace(/\.$/, "")), `${label}: ${part.slice(0, 40)}…`).toBe(true);
    }
  });

  it("says plainly which citations the source lacks, and invents none", () => {
    const endnoteDefs = [...markdown.matchAll(/^\[\^(\d+)\]: (.+)$/gm)];
    expect(endnoteDefs).toHaveLength(37);
    expect(endnoteDefs[0][2]).toContain("U.S. Federal Bureau of Investigation, Update on Sony Investigation, December 19, 2014.");
    expect(endnoteDefs[0][2]).toContain("cut short");
    for (const def of endnoteDefs.slice(1)) expect(def[2]).toBe("Citation not available in the source.");
  });
});
