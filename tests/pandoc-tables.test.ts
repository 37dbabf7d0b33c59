/**
 * Grid, simple and multiline tables (src/markdown/pandoc-tables.ts), read from pandoc's own
 * test files (tests/fixtures/markdown/pandoc/) and checked against pandoc's reading of them
 * (its test/tables.native and test/markdown-reader-more.native, transcribed below: cell
 * texts with their spaces squashed, column alignments, whether there is a header row).
 */
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../src/markdown/configure.ts";
import type { MarkdownProblem } from "../src/markdown/problems.ts";

const md = createMarkdown();

interface ReadTable {
  caption: string | null;
  aligns: string[];
  head: string[] | null;
  body: string[][];
}

const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

function render(markdown: string, env: Record<string, unknown> = {}): { html: string; env: { markdownErrors?: MarkdownProblem[]; noteErrors?: unknown[] } } {
  const html = md.render(markdown, env);
  return { html, env: env as { markdownErrors?: MarkdownProblem[] } };
}

function tablesOf(html: string): ReadTable[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return [...document.querySelectorAll("table")].map((table) => {
    const alignOf = (cell: Element) => /text-align:(\w+)/.exec(cell.getAttribute("style") ?? "")?.[1] ?? "default";
    const headRow = table.querySelector("thead tr");
    const bodyRows = [...table.querySelectorAll("tbody > tr")];
    const firstRow = headRow ?? bodyRows[0];
    return {
      caption: table.querySelector("caption") ? squash(table.querySelector("caption")!.textContent) : null,
      aligns: [...firstRow.children].map(alignOf),
      head: headRow ? [...headRow.children].map((c) => squash(c.textContent)) : null,
      body: bodyRows.map((r) => [...r.children].map((c) => squash(c.textContent))),
    };
  });
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/markdown/pandoc/${name}`, import.meta.url), "utf8");

describe("pandoc's test/tables.markdown", () => {
  const { html, env } = render(fixture("tables.markdown"));
  const tables = tablesOf(html);
  const simpleBody = [["12", "12", "12", "12"], ["123", "123", "123", "123"], ["1", "1", "1", "1"]];
  const multilineBody = [
    ["First", "row", "12.0", "Example of a row that spans multiple lines."],
    ["Second", "row", "5.0", "Here’s another one. Note the blank line between rows."],
  ];
  const multilineHead = ["Centered Header", "Left Aligned", "Right Aligned", "Default aligned"];

  it("reads every table pandoc reads, and nothing else as one", () => {
    expect(tables).toHaveLength(7);
    expect(html).not.toMatch(/<hr>|<pre>|-----/);
    expect(env.markdownErrors).toEqual([]);
  });

  it("simple tables: header, rows, alignment from the header's place over its dashes", () => {
    for (const k of [0, 1, 2]) {
      expect(tables[k].head).toEqual(["Right", "Left", "Center", "Default"]);
      expect(tables[k].aligns).toEqual(["right", "left", "center", "default"]);
      expect(tables[k].body).toEqual(simpleBody);
    }
  });

  it("multiline tables: header and cells over several lines, rows parted by blank lines", () => {
    for (const k of [3, 4]) {
      expect(tables[k].head).toEqual(multilineHead);
      expect(tables[k].aligns).toEqual(["center", "left", "right", "left"]);
      expect(tables[k].body).toEqual(multilineBody);
    }
  });

  it("headless tables take their alignment from the first row", () => {
    expect(tables[5]).toMatchObject({ head: null, aligns: ["right", "left", "center", "right"], body: simpleBody });
    expect(tables[6]).toMatchObject({ head: null, aligns: ["center", "left", "right", "default"], body: multilineBody });
  });

  it("captions (`: Caption` after the table) are numbered with the pipe tables' numbering", () => {
    expect(tables.map((t) => t.caption)).toEqual([
      "Table 1: Demonstration of simple table syntax.",
      null,
      "Table 3: Demonstration of simple table syntax.",
      "Table 4: Here’s the caption. It may span multiple lines.",
      null,
      null,
      null,
    ]);
  });
});

describe("pandoc's grid tables (test/markdown-reader-more.txt)", () => {
  const { html, env } = render(fixture("grid-tables.markdown"));
  const tables = tablesOf(html);
  const body = [["r1 a r1 bis", "b b 2", "c c 2"], ["r2 d", "e", "f"]];

  it("reads the seven grid tables", () => {
    expect(tables).toHaveLength(7);
    expect(html).not.toMatch(/\+---|\| r1/);
    expect(env.markdownErrors).toEqual([]);
  });

  it("a +===+ line ends the header; without one every row is a body row", () => {
    expect(tables[0]).toMatchObject({ head: ["col 1", "col 2", "col 3"], aligns: ["default", "default", "default"], body });
    expect(tables[1]).toMatchObject({ head: null, body });
    expect(tables[4]).toMatchObject({ head: null, body }); // spaces at ends of lines
  });

  it("colons in the header line (or the top line) align columns", () => {
    expect(tables[2]).toMatchObject({ head: ["col 1", "col 2", "col 3"], aligns: ["right", "left", "center"], body });
    expect(tables[3]).toMatchObject({ head: null, aligns: ["right", "left", "center"], body });
  });

  it("a cell holds blocks: a heading, paragraphs, a list", () => {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const cells = [...document.querySelectorAll("table")[5].querySelectorAll("td")];
    expect(cells[0].querySelector("h1")?.textContent).toBe("col 1");
    expect([...cells[3].querySelectorAll("p")].map((p) => p.textContent)).toEqual(["r1 a", "r1 bis"]);
    expect([...cells[4].querySelectorAll("li")].map((li) => li.textContent)).toEqual(["b", "b 2", "b 2"]);
    expect(squash(cells[5].textContent)).toBe("c c 2 c 2");
    expect(cells[5].querySelector("p")).toBeNull(); // one paragraph alone is the cell's text
  });

  it("empty cells stay empty", () => {
    expect(tables[6]).toMatchObject({ head: null, body: [["", ""]] });
  });
});

describe("tables in a brief", () => {
  it("a note in a grid cell is the brief's note, with the line of the file in its errors", () => {
    const markdown = ["Intro.", "", "+------+--------------+", "| Year | Outages[^a]  |", "+======+==============+", "| 2023 | 12 [^b]      |", "+------+--------------+", "", "[^a]: Counted by the grid operator.", ""].join("\n");
    // [^b] has no definition: the error names the cell's line in the file (10 + 5).
    const { html, env } = render(markdown, { sourceLine: 10 });
    expect(tablesOf(html)[0].head).toEqual(["Year", expect.stringMatching(/^Outages/)]);
    const noteErrors = (env.noteErrors ?? []) as Array<{ line: number; message: string }>;
    expect(noteErrors.map((n) => n.line)).toEqual([15]);
    expect(noteErrors[0].message).toMatch(/b/);
    expect(html).toMatch(/Counted by the grid operator/);
  });

  it("a pipe table, a rule, a heading and a list are read as before", () => {
    const { html } = render(["| a | b |", "|---|--:|", "| 1 | 2 |", "", "Title", "-----", "", "- one", "- two", "", "- - -", "", "text", "", "----", ""].join("\n"));
    expect(tablesOf(html)).toEqual([{ caption: null, aligns: ["default", "right"], head: ["a", "b"], body: [["1", "2"]] }]);
    // A setext heading, not a table. Its id is not "title": that names a property of the
    // document, which the HTML check refuses (src/markdown/document-names.ts).
    expect(html).toMatch(/<h2 id="title-1">Title<\/h2>/);
    expect(html.match(/<hr>/g)).toHaveLength(2);
    expect(html).toMatch(/<li>one<\/li>/);
  });

  it("an indented code block stays code unless a dashed line follows it at the margin", () => {
    const { html } = render("Text.\n\n    code line\n    more code\n\nAfter.\n");
    expect(html).toMatch(/<pre><code>code line\nmore code\n<\/code><\/pre>/);
    expect(tablesOf(html)).toHaveLength(0);
  });

  it("a grid table with a span is not read (it stays text), a broken one too", () => {
    for (const broken of [
      "+---+---+\n| a     |\n+---+---+\n",
      "+---+---+\n| a | b |\n+---+\n",
      "+---+---+\n| a | b |\n",
    ]) {
      expect(tablesOf(render(broken).html)).toHaveLength(0);
    }
  });

  it("generated simple and grid tables keep every cell's text in its place", () => {
    // Tables made here from random words: each cell's text must come back in its row and column.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const words = ["grid", "outage", "rate", "2024", "€12.5", "Zürich", "n/a", "x", "long-cell-text", "7 %"];
    for (let round = 0; round < 30; round++) {
      const cols = 2 + rand(4);
      const rows = 1 + rand(5);
      const cells = Array.from({ length: rows + 1 }, () => Array.from({ length: cols }, () => words[rand(words.length)]));
      const widths = Array.from({ length: cols }, (_, c) => Math.max(...cells.map((r) => r[c].length)) + rand(3));
      const pad = (t: string, w: number) => t + " ".repeat(w - t.length);
      const simple = [
        cells[0].map((t, c) => pad(t, widths[c])).join("  "),
        widths.map((w) => "-".repeat(w)).join("  "),
        ...cells.slice(1).map((r) => r.map((t, c) => pad(t, widths[c])).join("  ")),
        "",
      ].join("\n");
      const rule = (ch: string) => "+" + widths.map((w) => ch.repeat(w + 2)).join("+") + "+";
      const grid = [rule("-"), ...cells.flatMap((r, k) => ["| " + r.map((t, c) => pad(t, widths[c])).join(" | ") + " |", rule(k === 0 ? "=" : "-")])].join("\n") + "\n";
      for (const markdown of [simple, grid]) {
        const [table] = tablesOf(render(markdown).html);
        expect(table, markdown).toBeDefined();
        expect(table.head, markdown).toEqual(cells[0]);
        expect(table.body, markdown).toEqual(cells.slice(1));
      }
    }
  });
});
