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
