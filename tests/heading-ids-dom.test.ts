/**
 * A heading whose text is a property of the document ("Method", "Location", "Implementation")
 * is ordinary prose: the brief builds, and its derived id is not a name DOMPurify refuses.
 * Found by the layout corpus (seed 1022: "## Implementation" failed the build).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { loadBriefs } from "../src/briefs/load.ts";
import { checkHtml } from "../src/briefs/raw-html.ts";
import { createMarkdown } from "../src/markdown/configure.ts";
import { DOCUMENT_NAMES } from "../src/markdown/document-names.ts";
import { tempDir } from "./helpers/build.ts";

/** The lowercase names `in` jsdom's document or form: what DOMPurify's clobbering check tests. */
function jsdomNames(): string[] {
  const { document } = new JSDOM("").window;
  const names = new Set<string>();
  for (const start of [document, document.createElement("form")]) {
    for (let o: object | null = start; o; o = Object.getPrototypeOf(o)) {
      for (const n of Object.getOwnPropertyNames(o)) if (/^[\p{Ll}_][\p{Ll}\p{N}_.-]*$/u.test(n)) names.add(n);
    }
  }
  return [...names].sort();
}

describe("heading ids and the document's names", () => {
  it("the list is jsdom's own (fails when a jsdom update adds or removes a name)", () => {
    expect([...DOCUMENT_NAMES].sort()).toEqual(jsdomNames());
  });

  it("a brief with a heading for every such name builds; no id is a document name; ids stay unique", async () => {
    const input = path.join(await tempDir(), "briefs");
    await mkdir(input);
    const titles = [...DOCUMENT_NAMES].filter((n) => /^\p{L}/u.test(n)).map((n) => n[0].toUpperCase() + n.slice(1));
    const body = titles.map((t) => `## ${t}\n\nText under ${t}.\n`).join("\n") + "\n## Method\n\nA second section called Method.\n";
    await writeFile(path.join(input, "names.md"), `---\ntitle: Names\ndate: 2024-01-02\n---\n${body}`);
    const { briefs, errors } = await loadBriefs(input);
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual([]);
    expect(briefs).toHaveLength(1);
    const html = createMarkdown().render(body, { docId: "names" });
    const ids = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(titles.length + 1);
    expect(ids.filter((id) => DOCUMENT_NAMES.has(id))).toEqual([]);
    expect(ids).toContain("names-method");
    expect(ids).toContain("names-method-1");
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkHtml(html).problems).toEqual([]);
  });
});
