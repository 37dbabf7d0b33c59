/**
 * Authoring (issue 14): what an author writes reaches the contents, the bookmarks and the
 * page as written. Markdown-level cases are fixtures (tests/fixtures/notes/, tests/fixtures/markdown/).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadBriefs } from "../src/briefs/load.ts";
import { tempDir } from "./helpers/build.ts";
import { createMarkdown } from "../src/markdown/configure.ts";
import { tableOfContents } from "../src/eleventy/filters-plugin.ts";
import { isHeadingWithCalls } from "../src/pdf/outline.ts";

describe("note calls and notes stay out of the contents and bookmarks", () => {
  const md = createMarkdown();
  const src = "## Background[^1]\n\nText.[^*f]\n\n## Costs and risks[^2][^*g]\n\nMore.\n\n[^1]: One.\n\n    ## Inside a note\n\n    Body.\n[^2]: Two.\n[^*f]: Foot.\n\n    ### Footnote heading\n[^*g]: Gee.\n";
  const env: Record<string, unknown> = { docId: "d" };
  const html = md.render(src, env);

  it("the contents list the brief's sections as written, without call numbers or note headings", () => {
    expect(tableOfContents(html).map((h) => h.text)).toEqual(["Background", "Costs and risks", "Notes"]);
    expect((env.headings as Array<{ text: string }>).map((h) => h.text)).toEqual(["Background", "Costs and risks"]);
  });

  it("a heading in a note is no heading element (Chromium makes a bookmark of every h1-h6)", () => {
    expect(html).not.toMatch(/<h\d[^>]*>\s*(Inside a note|Footnote heading)/);
    expect(html).toContain('<p class="note-heading"><strong>Inside a note</strong></p>');
  });

  it("a heading in a box, a figure's div or a table cell titles that block: class box-heading, not a section", () => {
    const boxEnv: Record<string, unknown> = {};
    const boxHtml = md.render("## Findings\n\n::: {.key-findings}\n## Key findings\n\n### Detail\n:::\n\n+-----------+\n| ## Cell   |\n+-----------+\n\n## After\n", boxEnv);
    expect(boxHtml).toContain('<h2 id="key-findings" class="box-heading">Key findings</h2>');
    expect(boxHtml).toContain('<h3 id="detail" class="box-heading">Detail</h3>');
    expect(boxHtml).toContain('<h2 id="cell" class="box-heading">Cell</h2>');
    expect((boxEnv.headings as Array<{ text: string }>).map((h) => h.text)).toEqual(["Findings", "After"]);
    expect(tableOfContents(boxHtml).map((h) => h.text)).toEqual(["Findings", "After"]);
    // An author's own class stays beside it.
    expect(md.render("::: sidebar\n### Aside {.small}\n:::\n")).toContain('<h3 class="small box-heading" id="aside">Aside</h3>');
  });

  it("a bookmark title with the calls Chromium printed into it is matched to its heading", () => {
    expect(isHeadingWithCalls("Background1", "Background")).toBe(true);
    expect(isHeadingWithCalls("Costsandrisks2,*", "Costsandrisks")).toBe(true);
    expect(isHeadingWithCalls("Phase21", "Phase2")).toBe(true);
    expect(isHeadingWithCalls("Background", "Background")).toBe(false); // exact titles need no repair
    expect(isHeadingWithCalls("Backgrounds1", "Background")).toBe(false);
    expect(isHeadingWithCalls("Notes", "Background")).toBe(false);
  });
});

describe("note errors name lines of the file", () => {
  it("the file:line and the line inside the message both count the front matter", async () => {
    const input = path.join(await tempDir(), "briefs");
    await mkdir(input);
    // Body starts on line 5.
    await writeFile(path.join(input, "a.md"), "---\ntitle: A\ndate: 2024-01-02\n---\nText.[^a] One.[^*f] Two.[^*f]\n\n[^a]: First.\n[^a]: Second.\n[^*f]: Foot.\n[^1]:[^2]: baz\n");
    const { errors } = await loadBriefs(input);
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      expect.stringMatching(/^5: footnote "\[\^\*f\]" is called more than once \(first on line 5\)/),
      expect.stringMatching(/^8: duplicate definition of note "\[\^a\]" \(first defined on line 7\)/),
      expect.stringMatching(/^10: the definitions of notes "\[\^1\]" and "\[\^2\]" start on one line/),
      expect.stringMatching(/^10: note "\[\^1\]" is defined but never called/),
      expect.stringMatching(/^10: note "\[\^2\]" is defined but never called/),
    ]);
  });
});

describe("internal links", () => {
  it("a link to an id that does not exist is an error at its line; links to headings, notes and the page resolve", async () => {
    const input = path.join(await tempDir(), "briefs");
    await mkdir(input);
    const body = [
      "## Background {#bg}", // line 5
      "",
      "See [the background](#bg), [costs](#costs-and-risks), [the notes](#endnotes-title-a) and [note 1](#en-a-1).[^1]",
      "",
      "## Costs and risks",
      "",
      "A [broken link](#nowhere) and <a href=\"#also-missing\">raw</a>.", // line 11
      "",
      "[^1]: See [above](#costs-and-risks) and [gone](#missing-in-note).", // line 13
      "",
    ].join("\n");
    await writeFile(path.join(input, "a.md"), `---\ntitle: A\ndate: 2024-01-02\n---\n${body}`);
    const { errors } = await loadBriefs(input);
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      expect.stringMatching(/^11: link to "#nowhere" goes nowhere: no heading or element in this brief has the id "nowhere"/),
      expect.stringMatching(/^11: link to "#also-missing" goes nowhere/),
      expect.stringMatching(/^13: link to "#missing-in-note" goes nowhere/),
    ]);
  });
});

describe("the every-construct fixture brief", () => {
  it("loads without errors, and its published HTML holds each construct of the README's reference", async () => {
    const md = createMarkdown();
    const { briefs, errors } = await loadBriefs(path.join(import.meta.dirname, "fixtures", "authoring"), { markdown: md });
    expect(errors.map((e) => e.format())).toEqual([]);
    const [brief] = briefs;
    const body = brief.body;
    const html = md.render(body, { docId: brief.slug, lang: brief.data.lang });
    for (const piece of [
      '<h2 id="summary" class="unnumbered">Summary</h2>',
      '<h2 class="unnumbered" id="figures-and-tables">',
      '<a href="#background">background</a>',
      '<div class="key-findings">',
      '<div class="recommendations">',
      '<div class="sidebar">',
      '<div id="note-box" class="callout-note">',
      '<div class="my-own-class">',
      '<figure id="fig-outages" class="figure"><img src="chart.svg" alt="Outages by month, 2014: a bar chart" style="width:60%"><figcaption><span class="caption-label">Figure 1</span>: Outages by month, 2014: a bar chart</figcaption>',
      '<img src="chart.svg" alt="" class="decorative" style="width:20%">',
      '<caption><span class="caption-label">Table 1</span>: Outages by year</caption>',
      '<caption><span class="caption-label">Table 2</span>: Outages by region, a grid table</caption>',
      "<td>\n<ul>\n<li>a substation</li>",
      '<caption><span class="caption-label">Table 3</span>: Outages by year since 1980',
      '<th style="text-align:right">Outages</th>',
      '<div class="page-break" aria-hidden="true"></div>',
      "<dt>Term</dt>",
      "H<sub>2</sub>O, 10<sup>6</sup>",
      "<pre><code>indented code: &lt;script&gt;",
    ]) {
      expect(html).toContain(piece);
    }
    // A box's own heading ("Key findings", "Recommendations") is not a section.
    expect(brief.headings).toEqual(["Summary", "Background", "Figures and tables", "Boxes"]);
  });
});

describe("typography and the corpus checker", () => {
  it("the checker compares a source word with its typeset form (quotes, dashes, ellipses)", async () => {
    const { typeset } = await import("./corpus/check-pdf.ts");
    const md = createMarkdown();
    const source = `"Quoted," it's 1990--2000 --- 'so'... „Zitat“`;
    const printed = md.renderInline(source, { lang: "en-US" });
    expect(printed).toBe("“Quoted,” it’s 1990–2000 — ‘so’… „Zitat“");
    expect(printed.split(" ").map(typeset)).toEqual(source.split(" ").map(typeset));
    expect(typeset("“word”")).not.toBe(typeset("“ward”")); // it still tells words apart
  });
});
