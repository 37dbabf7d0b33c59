/**
 * The layout corpus's PDF checker can fail: a real brief is built once, then checked against
 * expectations that are wrong on purpose, and against its own page layout altered on purpose
 * (a word lost, a footnote moved to the next page, a call pushed off its word, a stretched
 * line, a half-empty page). Small synthetic pages test how words broken at line ends are read.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeFile, mkdir } from "node:fs/promises";
import { checkLayout, type Failure, type Invariant } from "./corpus/check-pdf.ts";
import { checkerFixture, generateBrief, namedCases, type ExpectedBrief } from "./corpus/generate.ts";
import { parseBboxLayout, readPdfLayout, readPdfText, type PdfPage } from "./corpus/pdf-layout.ts";
import { buildInto, tempDir } from "./helpers/build.ts";

const fixture = checkerFixture();
/** Invariants about what the text is and where notes are; the fixture must pass them as built. */
const CONTENT: Invariant[] = ["words", "footnote-words", "footnote-page", "symbols", "glued-calls", "split-words"];

let pages: PdfPage[];
let text: string;

beforeAll(async () => {
  const input = await tempDir();
  await mkdir(input, { recursive: true });
  await writeFile(path.join(input, `${fixture.slug}.md`), fixture.markdown);
  const { output } = await buildInto(input);
  const pdf = path.join(output, "briefs", fixture.slug, `${fixture.slug}.pdf`);
  pages = readPdfLayout(pdf);
  text = readPdfText(pdf);
});

const clone = <T>(v: T): T => structuredClone(v);
const of = (failures: Failure[], ...invariants: Invariant[]) => failures.filter((f) => invariants.includes(f.invariant));
const check = (p: PdfPage[] = pages, expected: ExpectedBrief = fixture.expected, t = text.replace(/\u00ad/g, "")) => checkLayout(p, t, expected);

/** Page, line and word index of the first word with this text in the running text of a page. */
function findWord(p: PdfPage[], pageNo: number, word: string) {
  const page = p[pageNo - 1];
  for (const [li, line] of page.lines.entries()) {
    const wi = line.words.findIndex((w) => w.text === word);
    if (wi >= 0) return { page, line, li, wi };
  }
  throw new Error(`no "${word}" on page ${pageNo}`);
}

/**
 * The first word of a page's running text that ends with this call mark. A call stands
 * against its word, so pdftotext reads word and calls as one ("retaliation.2,†").
 */
function findWordEnding(p: PdfPage[], pageNo: number, mark: string) {
  const page = p[pageNo - 1];
  for (const [li, line] of page.lines.entries()) {
    const wi = line.words.findIndex((w) => w.text.length > mark.length && w.text.endsWith(mark));
    if (wi >= 0) return { page, line, li, wi };
  }
  throw new Error(`no word ending in "${mark}" on page ${pageNo}`);
}

/** That word as pdftotext would read it with its last mark `gap` pt to the right. */
function splitOff(line: PdfPage["lines"][number], wi: number, mark: string, gap: number) {
  const word = line.words[wi];
  const markWidth = ((word.xMax - word.xMin) / word.text.length) * mark.length;
  const head = { ...word, text: word.text.slice(0, -mark.length), xMax: word.xMax - markWidth };
  const tail = { ...word, text: mark, xMin: word.xMax - markWidth + gap, xMax: word.xMax + gap };
  line.words.splice(wi, 1, head, tail);
}

describe("the corpus checker, on a brief as built", () => {
  it("finds the running text, the notes and their pages as the brief has them", () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(of(check(), ...CONTENT)).toEqual([]);
  });

  it("fails when a word of the brief is not in the PDF (expected text with a word changed)", () => {
    const expected = clone(fixture.expected);
    const i = expected.body.findIndex((w, n) => n > 400 && w.text.length > 6 && w.calls.length === 0);
    const original = expected.body[i].text;
    expected.body[i].text = "Zwischenablage";
    const failures = of(check(pages, expected), "words");
    expect(failures).toHaveLength(1);
    expect(failures[0].detail).toContain('expected "Zwischenablage"');
    expect(failures[0].detail).toContain(`the PDF has "${original}"`);
    expect(failures[0].page).toBeGreaterThanOrEqual(2);
  });

  it("fails when the PDF lost a word, names it and its page", () => {
    const p = clone(pages);
    const line = p[1].lines.find((l) => l.words.length > 8 && l.yMin > 300)!;
    const [lost] = line.words.splice(4, 1);
    const failures = of(check(p), "words");
    expect(failures).toEqual([{ invariant: "words", page: 2, detail: expect.stringContaining(`1 word missing: "${lost.text.replace(/\u00ad/g, "")}"`) }]);
  });

  it("fails when the PDF repeats text", () => {
    const p = clone(pages);
    const at = p[1].lines.findIndex((l) => l.words.length > 8 && l.yMin > 300);
    p[1].lines.splice(at + 3, 0, ...clone(p[1].lines.slice(at, at + 3)));
    const failures = of(check(p), "words");
    expect(failures).toEqual([{ invariant: "words", page: 2, detail: expect.stringMatching(/^\d+ words not in the brief/) }]);
  });

  it("fails when a footnote's text differs", () => {
    const expected = clone(fixture.expected);
    expected.footnotes[1].words[3] = "Zwischenablage";
    const failures = of(check(pages, expected), "footnote-words");
    expect(failures.map((f) => f.detail)).toEqual([expect.stringContaining('1 word missing: "Zwischenablage"'), expect.stringMatching(/^1 word at the page foot belong to no footnote/)]);
  });

  it("fails when a footnote begins on another page than its call", () => {
    // Move page 1's footnotes to the foot of page 2.
    const p = clone(pages);
    const foot = p[0].lines.filter((l) => Math.abs(l.height - 11.65) < 0.3);
    expect(foot.length).toBeGreaterThan(0);
    p[0].lines = p[0].lines.filter((l) => !foot.includes(l));
    const up = 60;
    const moved = foot.map((l) => ({ ...l, page: 2, yMin: l.yMin - up, yMax: l.yMax - up, words: l.words.map((w) => ({ ...w, yMin: w.yMin - up, yMax: w.yMax - up })) }));
    p[1].lines = [...p[1].lines.filter((l) => l.yMax < 660 || l.yMin > 735), ...moved].sort((a, b) => a.yMax - b.yMax);
    const failures = of(check(p), "footnote-page");
    expect(failures.map((f) => f.detail).join("\n")).toMatch(/footnote \[\^\*first\].* begins on page 2, its call "\*" is on page 1/);
  });

  it("fails when a footnote's text is printed under another marker (markers do not match calls)", () => {
    const expected = clone(fixture.expected);
    [expected.footnotes[0].words, expected.footnotes[1].words] = [expected.footnotes[1].words, expected.footnotes[0].words];
    const failures = of(check(pages, expected), "footnote-words");
    expect(failures.map((f) => f.detail)).toContainEqual(expect.stringMatching(/^footnote \[\^\*first\] .*: its marker and first words are at no page foot$/));
  });

  it("fails when a footnote is printed twice", () => {
    const p = clone(pages);
    const foot = p[0].lines.filter((l) => Math.abs(l.height - 11.65) < 0.3);
    p[1].lines.push(...clone(foot).map((l) => ({ ...l, page: 2 })));
    const failures = of(check(p), "footnote-words");
    expect(failures.map((f) => f.detail)).toContainEqual(expect.stringMatching(/words at the page foot belong to no footnote \(printed twice\?\): "\* /));
  });

  it("fails when the symbols do not restart on a page or a call prints the wrong mark", () => {
    const p = clone(pages);
    const { line, wi } = findWordEnding(p, 1, "†");
    line.words[wi].text = line.words[wi].text.replace(/†$/, "‡");
    const failures = of(check(p), "symbols");
    expect(failures.map((f) => f.detail)).toContain("footnote calls on the page print * ‡, expected * †");
  });

  it("fails when a call is not glued to its word", () => {
    const p = clone(pages);
    const { line, wi } = findWord(p, 1, "*");
    line.words[wi] = { ...line.words[wi], xMin: line.words[wi].xMin + 4, xMax: line.words[wi].xMax + 4 };
    expect(of(check(p), "glued-calls")).toEqual([{ invariant: "glued-calls", page: 1, detail: expect.stringMatching(/call "\*" of ".+" is 4\.\d pt after its word/) }]);
  });

  it("fails when a call group is split (a gap between the endnote number and the footnote symbol)", () => {
    const p = clone(pages);
    const { line, wi } = findWordEnding(p, 1, "†");
    splitOff(line, wi, "†", 3);
    expect(of(check(p), "glued-calls")).toEqual([{ invariant: "glued-calls", page: 1, detail: expect.stringMatching(/^call "2,†" of ".+" is split: \d\.\d pt between "2," and "†"$/) }]);
  });

  it("fails when a call is printed at the start of the next line, away from its word", () => {
    const p = clone(pages);
    const { page, li, line, wi } = findWord(p, 1, "*");
    // Only when the call's word ends its line can the call fall to the next line: make it so.
    const [call] = line.words.splice(wi, 1);
    const rest = line.words.splice(wi);
    const next = page.lines[li + 1];
    next.words.unshift(...rest.map((w) => ({ ...w, yMin: next.yMin, yMax: next.yMax })));
    next.words.unshift({ ...call, xMin: 60, xMax: 64, yMin: next.yMin + 0.6, yMax: next.yMin + 10.8 });
    expect(of(check(p), "glued-calls")).toEqual([{ invariant: "glued-calls", page: 1, detail: expect.stringMatching(/^call "\*" of ".+" starts a line$/) }]);
  });

  it("counts soft hyphens in the PDF's text", () => {
    expect(of(check(pages, fixture.expected, "ab\u00adcd\f\u00adef"), "soft-hyphens")).toEqual([
      { invariant: "soft-hyphens", page: 1, detail: "2 soft hyphens (U+00AD) in the PDF's text, on 2 pages (first on page 1)" },
    ]);
    expect(of(check(pages, fixture.expected, "abcd"), "soft-hyphens")).toEqual([]);
  });

  it("fails on a justified line with a gap far beyond the usual word space", () => {
    const p = clone(pages);
    const line = p[0].lines.find((l) => l.words.length > 8 && l.yMin > 400 && Math.abs(l.height - 15.07) < 0.1)!;
    const before = of(check(p), "stretched").length;
    line.words = line.words.map((w, i) => (i >= 3 ? { ...w, xMin: w.xMin + 25, xMax: w.xMax + 25 } : w));
    const failures = of(check(p), "stretched");
    expect(failures.length).toBe(before + 1);
    expect(failures.some((f) => f.page === 1 && /word gap of 2\d\.\d pt/.test(f.detail))).toBe(true);
  });

  it("fails on a page less than 60% full that is not before a heading", () => {
    const p = clone(pages);
    p[0].lines = p[0].lines.filter((l) => l.yMax < 380 || l.yMin > 735);
    const failures = of(check(p), "fill");
    expect(failures).toEqual([{ invariant: "fill", page: 1, detail: expect.stringMatching(/^page [1-5]\d% full/) }]);
  });
});

/** A Letter page of lines, each a list of words laid out left to right at 11 pt. */
function syntheticPage(lines: string[][]): PdfPage[] {
  let y = 70;
  const xml = lines
    .map((words) => {
      let x = 72;
      const ws = words.map((w) => {
        const width = w.length * 5;
        const out = `<word xMin="${x}" yMin="${y}" xMax="${x + width}" yMax="${y + 15.07}">${w}</word>`;
        x += width + 3;
        return out;
      });
      const line = `<line xMin="72" yMin="${y}" xMax="${x}" yMax="${y + 15.07}">${ws.join("")}</line>`;
      y += 15.75;
      return line;
    })
    .join("");
  return parseBboxLayout(`<doc><page width="612.000000" height="792.000000"><flow><block>${xml}</block></flow></page></doc>`);
}

describe("the corpus checker reads words broken at line ends", () => {
  const expected = (words: string[]): ExpectedBrief => ({ body: words.map((text) => ({ text, calls: [] })), footnotes: [], page: "letter", lang: "en-US" });
  const words = ["Heading", "of", "the", "page", "however,", "state-owned", "https://www.example.org/a/very/long/path", "end."];

  it("joins a hyphenated word (soft hyphen and hyphen), a compound broken at its hyphen and a URL broken anywhere", () => {
    const p = syntheticPage([["Heading", "of", "the", "page", "how\u00adev\u00ad-"], ["er,", "state-"], ["owned", "https://www.example.org/a/ve"], ["ry/long/path", "end."]]);
    expect(of(checkLayout(p, "", expected(words)), "words")).toEqual([]);
  });

  it("joins a word hyphenated with U+2011 or a plain hyphen", () => {
    for (const hyphen of ["\u2011", "-"]) {
      const p = syntheticPage([["Heading", "of", "the", "page", `howev${hyphen}`], ["er,", "state-owned", "https://www.example.org/a/very/long/path", "end."]]);
      expect(of(checkLayout(p, "", expected(words)), "words")).toEqual([]);
    }
  });

  it("says where a text first differs: a lost space, a lost letter", () => {
    const lostSpace = syntheticPage([["Heading", "of", "the", "page", "however,", "state-owned"], ["https://www.example.org/a/very/long/pathend."]]);
    expect(of(checkLayout(lostSpace, "", expected(words)), "words")[0].detail).toContain('first difference: "…ry/long/path end." printed as "…ry/long/pathend."');
    const lostLetter = syntheticPage([["Heading", "of", "the", "page", "howver,", "state-owned", "https://www.example.org/a/very/long/path", "end."]]);
    expect(of(checkLayout(lostLetter, "", expected(words)), "words")[0].detail).toMatch(/1 word.*|first difference: "however," printed as "howver,"/);
  });

  it("puts a raised call that pdftotext gives a line of its own back on its line", () => {
    const call = `<line xMin="140" yMin="70.5" xMax="150" yMax="80.7"><word xMin="140" yMin="70.5" xMax="150" yMax="80.7">3</word></line>`;
    const xml = (body: string) => `<doc><page width="612.000000" height="792.000000"><flow><block>${body}</block></flow></page></doc>`;
    const line = (y: number, words: Array<[number, string]>) =>
      `<line xMin="72" yMin="${y}" xMax="300" yMax="${y + 15.07}">${words.map(([x, w]) => `<word xMin="${x}" yMin="${y}" xMax="${x + w.length * 5}" yMax="${y + 15.07}">${w}</word>`).join("")}</line>`;
    const p = parseBboxLayout(xml(line(55, [[72, "Heading"], [110, "of"]]) + line(70, [[72, "the"], [90, "pages"]]) + call + line(86, [[72, "however,"], [120, "end."]])));
    expect(p[0].lines.map((l) => l.words.map((w) => w.text).join(" "))).toEqual(["Heading of", "the pages 3", "however, end."]);
  });

  it("fails on a word broken at a line end without a hyphen (seed 2041: \"deterrenc\" / \"e\"), not on a hyphenated word, a compound or a URL", () => {
    const broken = syntheticPage([["Heading", "of", "the", "page", "howe"], ["ver,", "state-owned", "https://www.example.org/a/very/long/path", "end."]]);
    expect(of(checkLayout(broken, "", expected(words)), "words")).toEqual([]);
    expect(of(checkLayout(broken, "", expected(words)), "split-words")).toEqual([{ invariant: "split-words", page: 1, detail: '"however," is broken at a line end without a hyphen: "howe" / "ver,"' }]);
    const hyphenated = syntheticPage([["Heading", "of", "the", "page", "how\u00adev\u00ad-"], ["er,", "state-"], ["owned", "https://www.example.org/a/ve"], ["ry/long/path", "end."]]);
    expect(of(checkLayout(hyphenated, "", expected(words)), "split-words")).toEqual([]);
  });

  it("does not join words on one line, nor a word the brief does not break", () => {
    const p = syntheticPage([["Heading", "of", "the", "page", "how", "ever,", "state-owned", "https://www.example.org/a/very/long/path", "end."]]);
    expect(of(checkLayout(p, "", expected(words)), "words")).toHaveLength(1);
    const q = syntheticPage([["Heading", "of", "the", "page", "however,", "state-"], ["owned", "https://www.example.org/a/very/long/path", "end.", "extra"]]);
    expect(of(checkLayout(q, "", expected(words)), "words")).toEqual([{ invariant: "words", page: 1, detail: 'text after the end of the brief: "extra"' }]);
  });
});

// Letter pages: body lines at the top (11 pt boxes), footnote lines at the foot (8.5 pt
// boxes). A call is a raised, smaller word right after its word.
function twoPages(pages: Array<{ body: string[][]; foot: string[][] }>): PdfPage[] {
  const line = (y: number, h: number, words: string[]) => {
    let x = 72;
    const ws = words.map((w) => {
      const call = /^[*†]$/.test(w);
      const width = w.length * 5;
      const out = call
        ? `<word xMin="${x - 3}" yMin="${y}" xMax="${x - 3 + width}" yMax="${y + h * 0.6}">${w}</word>`
        : `<word xMin="${x}" yMin="${y}" xMax="${x + width}" yMax="${y + h}">${w}</word>`;
      x += call ? width : width + 3;
      return out;
    });
    return `<line xMin="72" yMin="${y}" xMax="${x}" yMax="${y + h}">${ws.join("")}</line>`;
  };
  const xml = pages
    .map(({ body, foot }) => {
      const b = body.map((words, i) => line(72 + i * 15.75, 15.07, words)).join("");
      const f = foot.map((words, i) => line(640 + i * 12.5, 11.65, words)).join("");
      return `<page width="612.000000" height="792.000000"><flow><block>${b}</block><block>${f}</block></flow></page>`;
    })
    .join("");
  return parseBboxLayout(`<doc>${xml}</doc>`);
}

describe("the corpus checker follows a footnote over a page break", () => {
  const expected: ExpectedBrief = {
    body: [
      { text: "Heading", calls: [] },
      { text: "of", calls: [] },
      { text: "page", calls: [{ kind: "footnote", label: "a" }] },
      { text: "two", calls: [] },
      { text: "here", calls: [{ kind: "footnote", label: "b" }] },
      { text: "end.", calls: [] },
    ],
    footnotes: [
      { label: "a", words: ["Long", "note", "of", "the", "state-owned,", "company", "goes", "on", "here."] },
      { label: "b", words: ["Own", "note", "of", "page", "two."] },
    ],
    page: "letter",
    lang: "en-US",
  };
  const footnoteFailures = (p: PdfPage[]) => of(checkLayout(p, "", expected), "footnote-words", "footnote-page");

  it("joins a word broken at the page break, when the rest comes after the next page's own notes", () => {
    const p = twoPages([
      { body: [["Heading", "of", "page", "*"]], foot: [["*", "Long", "note", "of"], ["the", "state-"]] },
      { body: [["two", "here", "*", "end."]], foot: [["*", "Own", "note", "of", "page", "two."], ["(continued)", "owned,", "company", "goes"], ["on", "here."]] },
    ]);
    expect(footnoteFailures(p)).toEqual([]);
  });

  it("still fails when the rest of that word is not on the next page", () => {
    const p = twoPages([
      { body: [["Heading", "of", "page", "*"]], foot: [["*", "Long", "note", "of"], ["the", "state-"]] },
      { body: [["two", "here", "*", "end."]], foot: [["*", "Own", "note", "of", "page", "two."], ["(continued)", "company", "goes"], ["on", "here."]] },
    ]);
    const failures = footnoteFailures(p);
    expect(failures.some((f) => f.invariant === "footnote-words")).toBe(true);
  });

  const short: ExpectedBrief = {
    ...expected,
    footnotes: [
      { label: "a", words: ["Be", "it", "state-owned,", "company", "goes", "on."] },
      { label: "b", words: ["Own", "note", "of", "page", "two."] },
    ],
  };
  it("joins a word broken at the page break among a note's first four words (seed 1654)", () => {
    const p = twoPages([
      { body: [["Heading", "of", "page", "*"]], foot: [["*", "Be"], ["it", "state-"]] },
      { body: [["two", "here", "*", "end."]], foot: [["*", "Own", "note", "of", "page", "two."], ["(continued)", "owned,", "company", "goes", "on."]] },
    ]);
    expect(of(checkLayout(p, "", short), "footnote-words", "footnote-page")).toEqual([]);
    const lost = twoPages([
      { body: [["Heading", "of", "page", "*"]], foot: [["*", "Be"], ["it", "state-"]] },
      { body: [["two", "here", "*", "end."]], foot: [["*", "Own", "note", "of", "page", "two."], ["(continued)", "company", "goes", "on."]] },
    ]);
    expect(of(checkLayout(lost, "", short), "footnote-words").length).toBeGreaterThan(0);
  });

  it("joins a word that a note continued over three pages breaks again at the second page break, other notes between (seed 1792)", () => {
    const threePages: ExpectedBrief = {
      ...expected,
      body: [
        { text: "Heading", calls: [] },
        { text: "of", calls: [] },
        { text: "page", calls: [{ kind: "footnote", label: "a" }] },
        { text: "one", calls: [{ kind: "footnote", label: "b" }] },
        { text: "two", calls: [] },
        { text: "here", calls: [{ kind: "footnote", label: "c" }] },
        { text: "end.", calls: [] },
      ],
      footnotes: [
        { label: "a", words: ["Long", "note", "of", "https://example.org/statement-on-the-sony-pictures", "company", "goes", "on", "here."] },
        { label: "b", words: ["Second", "note", "of", "page", "one."] },
        { label: "c", words: ["Own", "note", "of", "page", "two."] },
      ],
    };
    const p = twoPages([
      { body: [["Heading", "of", "page", "*", "one", "†"]], foot: [["*", "Long", "note"], ["of"], ["†", "Second", "note", "of", "page", "one."]] },
      { body: [["two", "here", "*", "end."]], foot: [["(continued)", "https://example.org/statement-on-"], ["*", "Own", "note", "of", "page", "two."]] },
      { body: [["more"]], foot: [["(continued)", "the-sony-pictures", "company", "goes", "on", "here."]] },
    ]);
    expect(of(checkLayout(p, "", threePages), "footnote-words", "footnote-page")).toEqual([]);
  });
});

describe("the corpus checker follows a URL that a note breaks over several pages, one line a page", () => {
  const expected: ExpectedBrief = {
    body: [
      { text: "Heading", calls: [] },
      { text: "page", calls: [{ kind: "footnote", label: "a" }] },
      { text: "two", calls: [{ kind: "footnote", label: "b" }] },
      { text: "three", calls: [] },
      { text: "four", calls: [{ kind: "footnote", label: "c" }] },
      { text: "end.", calls: [] },
    ],
    footnotes: [
      { label: "a", words: ["Long", "note", "of", "https://example.org/2015/press-releases/implementation-of-the-accountability-mechanisms/final-report.pdf", "company", "goes", "on", "here."] },
      { label: "b", words: ["Own", "note", "of", "page", "two."] },
      { label: "c", words: ["Third", "note", "here."] },
    ],
    page: "letter",
    lang: "en-US",
  };
  const failures = (p: PdfPage[]) => of(checkLayout(p, "", expected), "footnote-words", "footnote-page");

  it("joins the URL's pieces when the middle one is all of the note on its page (seed 1892)", () => {
    const p = twoPages([
      { body: [["Heading", "page", "*"]], foot: [["*", "Long", "note"], ["of", "https://example.org/2015/"]] },
      { body: [["two", "*", "three"]], foot: [["(continued)", "press-releases/implementation-of-the-"], ["*", "Own", "note", "of", "page", "two."]] },
      { body: [["four", "*", "end."]], foot: [["*", "Third", "note", "here."], ["(continued)", "accountability-mechanisms/final-report.pdf", "company"], ["goes", "on", "here."]] },
    ]);
    expect(failures(p)).toEqual([]);
  });

  it("joins the URL's rest when it is all of the note on its page and the next words are on the page after (seed 1874)", () => {
    const p = twoPages([
      { body: [["Heading", "page", "*"]], foot: [["*", "Long", "note"], ["of"]] },
      { body: [["two", "*", "three"]], foot: [["(continued)", "https://example.org/2015/press-releases/implementation-of-the-accountability-"], ["*", "Own", "note", "of", "page", "two."]] },
      { body: [["four", "*"]], foot: [["(continued)", "mechanisms/final-report.pdf"], ["*", "Third", "note", "here."]] },
      { body: [["end."]], foot: [["(continued)", "company", "goes", "on", "here."]] },
    ]);
    expect(failures(p)).toEqual([]);
  });

  it("joins the URL's rest when it and one more word are the note's part on its page, after another note's rest (seed 3450)", () => {
    const two: ExpectedBrief = {
      body: [
        { text: "Heading", calls: [] },
        { text: "page", calls: [{ kind: "footnote", label: "x" }] },
        { text: "of", calls: [{ kind: "footnote", label: "a" }] },
        { text: "two", calls: [] },
        { text: "three", calls: [{ kind: "footnote", label: "b" }] },
        { text: "four", calls: [{ kind: "footnote", label: "c" }] },
        { text: "end.", calls: [] },
      ],
      footnotes: [
        { label: "x", words: ["First", "note", "of", "the", "page", "goes", "on", "there", "for", "a", "while."] },
        { label: "a", words: ["Long", "note", "of", "https://example.org/2015/press-releases/implementation-of-the-accountability-mechanisms/final-report.pdf", "company", "then", "ends", "here."] },
        { label: "b", words: ["Own", "note", "of", "page", "two."] },
        { label: "c", words: ["Third", "note", "here."] },
      ],
      page: "letter",
      lang: "en-US",
    };
    const pages = (rest: string[]) =>
      twoPages([
        { body: [["Heading", "page", "*", "of", "†"]], foot: [["*", "First", "note", "of", "the"], ["page", "goes"], ["†", "Long", "note", "of"], ["https://example.org/2015/press-releases/implementation-of-the-"]] },
        { body: [["two", "three", "*"]], foot: [["(continued)", "on", "there", "for", "a", "while."], ["(continued)", ...rest], ["*", "Own", "note", "of", "page", "two."]] },
        { body: [["four", "*", "end."]], foot: [["*", "Third", "note", "here."], ["(continued)", "then", "ends", "here."]] },
      ]);
    expect(of(checkLayout(pages(["accountability-mechanisms/final-report.pdf", "company"]), "", two), "footnote-words", "footnote-page")).toEqual([]);
    // and still fails when that word is not there
    expect(of(checkLayout(pages(["accountability-mechanisms/final-report.pdf"]), "", two), "footnote-words").length).toBeGreaterThan(0);
  });

  it("finds a part of a note shorter than four words when it is long enough not to be another note's (seed 2068)", () => {
    const short: ExpectedBrief = {
      ...expected,
      footnotes: [
        { label: "a", words: ["Long", "note", "of", "cooperation", "https://example.org/2015/press-releases/implementation-of-the-accountability-mechanisms/final-report.pdf", "press", "been,", "more", "words", "here."] },
        ...expected.footnotes.slice(1),
      ],
    };
    const p = (rest: string[]) =>
      twoPages([
        { body: [["Heading", "page", "*"]], foot: [["*", "Long", "note", "of"], ["cooperation"]] },
        { body: [["two", "*", "three"]], foot: [["*", "Own", "note", "of", "page", "two."], ["(continued)", "https://example.org/2015/press-releases/implementation-of-the-"], rest] },
        { body: [["four", "*", "end."]], foot: [["*", "Third", "note", "here."], ["(continued)", "more", "words", "here."]] },
      ]);
    expect(of(checkLayout(p(["accountability-mechanisms/final-report.pdf", "press", "been,"]), "", short), "footnote-words", "footnote-page")).toEqual([]);
    // The same part with a word lost still fails.
    expect(of(checkLayout(p(["accountability-mechanisms/final-report.pdf", "been,"]), "", short), "footnote-words").length).toBeGreaterThan(0);
  });

  it("still fails when a piece of the URL is missing", () => {
    const p = twoPages([
      { body: [["Heading", "page", "*"]], foot: [["*", "Long", "note"], ["of", "https://example.org/2015/"]] },
      { body: [["two", "*", "three"]], foot: [["(continued)", "press-releases/implementation-"], ["*", "Own", "note", "of", "page", "two."]] },
      { body: [["four", "*", "end."]], foot: [["*", "Third", "note", "here."], ["(continued)", "accountability-mechanisms/final-report.pdf", "company"], ["goes", "on", "here."]] },
    ]);
    expect(failures(p).some((f) => f.invariant === "footnote-words")).toBe(true);
  });
});

describe("the corpus checker keeps the parts of two footnotes apart", () => {
  it("does not give a note the first word of another note's rest (seed 1677)", () => {
    const pages = twoPages([
      { body: [["Heading", "page", "*", "one", "†"]], foot: [["*", "A1", "A2"], ["A3"], ["†", "B1", "B2"], ["B3"]] },
      { body: [["two", "here"]], foot: [["(continued)", "A4", "A5", "A6", "A7"], ["(continued)", "shared", "B5", "B6", "B7"]] },
      { body: [["three", "end."]], foot: [["(continued)", "shared", "A9", "A10", "A11"]] },
    ]);
    const expected: ExpectedBrief = {
      body: [
        { text: "Heading", calls: [] },
        { text: "page", calls: [{ kind: "footnote", label: "a" }] },
        { text: "one", calls: [{ kind: "footnote", label: "b" }] },
        { text: "two", calls: [] },
        { text: "here", calls: [] },
        { text: "three", calls: [] },
        { text: "end.", calls: [] },
      ],
      footnotes: [
        { label: "a", words: ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "shared", "A9", "A10", "A11"] },
        { label: "b", words: ["B1", "B2", "B3", "shared", "B5", "B6", "B7"] },
      ],
      page: "letter",
      lang: "en-US",
    };
    expect(of(checkLayout(pages, "", expected), "footnote-words", "footnote-page")).toEqual([]);
  });
});

describe("the corpus generator", () => {
  it("is deterministic: the same seed gives the same brief", () => {
    expect(generateBrief(42)).toEqual(generateBrief(42));
    expect(generateBrief(42).markdown).not.toEqual(generateBrief(43).markdown);
  });

  it("covers the issue's ranges over 200 seeds", () => {
    const briefs = Array.from({ length: 200 }, (_, i) => generateBrief(1000 + i));
    const langs = new Set(briefs.map((b) => b.expected.lang));
    expect([...langs].sort()).toEqual(["de", "en-GB", "en-US", "fr"]);
    expect(new Set(briefs.map((b) => b.expected.page))).toEqual(new Set(["letter", "a4"]));
    const md = briefs.map((b) => b.markdown).join("\n");
    for (const needle of ["Rechtsschutzversicherungsgesellschaften", "notwithstanding", "<https://", "\n### ", "\n> ", "\n| ", "\n- ", "\n1. ", "中方", "]: "]) expect(md).toContain(needle);
    expect(md).toMatch(/\[\^\d+\]\[\^\*f\d+\]/); // calls side by side
    const paragraphWords = briefs.flatMap((b) => b.markdown.split("\n").filter((l) => /^[A-ZÄÖÜÀ-Ý]/.test(l)).map((l) => l.split(" ").length));
    expect(Math.min(...paragraphWords)).toBeLessThanOrEqual(12);
    expect(Math.max(...paragraphWords)).toBeGreaterThanOrEqual(1000);
    const footnoteWords = briefs.flatMap((b) => b.expected.footnotes.map((f) => f.words.length));
    expect(Math.min(...footnoteWords)).toBeLessThanOrEqual(5);
    expect(Math.max(...footnoteWords)).toBeGreaterThanOrEqual(2500);
  });

  it("has the issue's reproductions", () => {
    const cases = namedCases();
    expect(cases.map((c) => c.seed)).toEqual(["additional", "hello-world", "footnote-longer-than-room", "three-page-footnote"]);
    const additional = cases[0].markdown.split("\n---\n")[1];
    expect(additional).toContain("organizations. Additional Additional");
    expect(additional.match(/Additional/g)).toHaveLength(30);
    expect(cases[1].expected.body).toHaveLength(1200);
  });

  it("writes Markdown that matches the running text it expects", () => {
    const brief = generateBrief(7);
    expect(brief.markdown.startsWith("---\ntitle: ")).toBe(true);
    for (const w of brief.expected.body.slice(0, 50)) if (w.text !== "Notes" && !/^\d+\.$/.test(w.text)) expect(brief.markdown).toContain(w.text);
  });
});
