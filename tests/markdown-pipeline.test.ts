/**
 * One Markdown pipeline: the markdown-it instance the loader checks a brief with is the one
 * Eleventy publishes it with. Eleventy disables indented code on any library it is given;
 * the published page and the checked tokens must still agree.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Token } from "markdown-it";
import { describe, expect, it } from "vitest";
import briefpressConfig from "../src/eleventy/config.ts";
import type { EleventyConfig } from "../src/eleventy/types.ts";
import { loadBriefs } from "../src/briefs/load.ts";
import { createMarkdown } from "../src/markdown/configure.ts";
import { renderWithLines } from "../src/markdown/render-with-lines.ts";
import { tempDir } from "./helpers/build.ts";
import { writeEleventyInput } from "../src/build/eleventy-input.ts";
import { NO_CONFIG } from "../src/config/load.ts";
import { siteData } from "../src/config/site.ts";

const BODY = [
  "Intro with a note.[^1]",
  "",
  "    <script>window.__pwned=1</script>",
  "    <img src=x onerror=alert(1)>",
  "",
  "<div class=\"box\">Raw <b>HTML</b> allowed.</div>",
  "",
  "## A heading",
  "",
  "[^1]: The note.",
  "",
].join("\n");

/** A token stream without source positions (Eleventy's body starts after its front matter). */
function shape(tokens: Token[]): unknown[] {
  return tokens.map((t) => [t.type, t.tag, t.content, t.attrs, t.children ? shape(t.children) : null]);
}

describe("one Markdown pipeline", () => {
  it("Eleventy publishes with the loader's instance: same tokens, same HTML, indented code stays code", async () => {
    const input = path.join(await tempDir(), "briefs");
    await mkdir(input);
    await writeFile(path.join(input, "a.md"), `---\ntitle: "A"\ndate: 2024-01-02\n---\n${BODY}`);

    const md = createMarkdown();
    const parsed: Array<{ src: string; tokens: Token[]; env: Record<string, unknown> }> = [];
    const parse = md.parse.bind(md);
    md.parse = (src: string, env: Record<string, unknown>) => {
      const tokens = parse(src, env);
      parsed.push({ src, tokens, env });
      return tokens;
    };

    const loaded = await loadBriefs(input, { markdown: md });
    expect(loaded.errors.map((e) => e.format())).toEqual([]);
    expect(parsed).toHaveLength(1);
    const checked = parsed[0];
    expect(checked.tokens.some((t) => t.type === "code_block" && t.content.includes("<script>"))).toBe(true);
    const checkedHtml = renderWithLines(md, checked.tokens, checked.env).html;

    // Eleventy's input as the build writes it: the checked briefs (front matter as checked data).
    const elevInput = path.join(input, "..", "eleventy-input");
    await writeEleventyInput(elevInput, loaded.briefs);
    const elev = new Eleventy(elevInput, path.join(input, "..", "site"), {
      configPath: false,
      quietMode: true,
      config: (c: EleventyConfig) => briefpressConfig(c, siteData(NO_CONFIG, { siteTitle: "Test" }), md),
    });
    const pages = (await elev.toJSON()) as Array<{ url: string; content: string }>;
    // Eleventy rendered through the same instance (our wrapped parse saw its call)...
    const published = parsed.slice(1).filter((p) => p.src.includes("Intro with a note"));
    expect(published.length).toBeGreaterThan(0);
    // ... after its setLibrary switched indented code off and our amendLibrary switched it back on.
    for (const p of published) expect(shape(p.tokens)).toEqual(shape(checked.tokens));
    const page = pages.find((p) => p.url === "/briefs/a/")!;
    expect(page.content).toContain(checkedHtml.trim());
    expect(page.content).toContain("<pre><code>&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(page.content).not.toMatch(/<script>window|<img src=x/);
  });

  it("raw HTML is refused at its line, the same markup indented four spaces is code and passes", async () => {
    const input = path.join(await tempDir(), "briefs");
    await mkdir(input);
    await writeFile(path.join(input, "a.md"), `---\ntitle: "A"\ndate: 2024-01-02\n---\nIntro.\n\n<b onclick=alert(1)>x</b>\n\n    <b onclick=alert(1)>code</b>\n`);
    const loaded = await loadBriefs(input, { markdown: createMarkdown() });
    expect(loaded.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([expect.stringMatching(/^7: .*event handler attribute "onclick"/)]);
  });
});
