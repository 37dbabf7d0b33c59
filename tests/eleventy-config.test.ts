/**
 * The Eleventy configuration (src/eleventy/config.ts), run in memory: briefs are Markdown only,
 * and Eleventy's watch mode can read the configuration (it crashed on a .eleventy.js that
 * imported TypeScript).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { describe, expect, it } from "vitest";
import briefpressConfig from "../src/eleventy/config.ts";
import type { EleventyConfig } from "../src/eleventy/types.ts";
import { tempDir } from "./helpers/build.ts";
import { loadBriefs } from "../src/briefs/load.ts";
import { writeEleventyInput } from "../src/build/eleventy-input.ts";
import { NO_CONFIG } from "../src/config/load.ts";
import { siteData } from "../src/config/site.ts";

/** Eleventy's input as the build makes it: the loader's checked briefs (eleventy-input.ts). */
async function briefFolder(body: string): Promise<string> {
  const root = await tempDir();
  const content = path.join(root, "content");
  await mkdir(content);
  await writeFile(path.join(content, "a.md"), `---\ntitle: "A"\ndate: 2024-01-02\npage: a4\n---\n\n${body}\n`);
  const loaded = await loadBriefs(content);
  expect(loaded.errors).toEqual([]);
  const input = path.join(root, "briefs");
  await writeEleventyInput(input, loaded.briefs);
  return input;
}

function eleventyFor(input: string, runMode?: "serve") {
  return new Eleventy(input, path.join(input, "..", "site"), {
    configPath: false,
    quietMode: true,
    runMode,
    config: (eleventyConfig: EleventyConfig) => briefpressConfig(eleventyConfig, siteData(NO_CONFIG, { siteTitle: "Test site" })),
  });
}

describe("the Eleventy configuration", () => {
  it("renders a brief as Markdown only: template tags stay text", async () => {
    const input = await briefFolder("Title: {{ site.title }}. Tag: {% raw %}kept{% endraw %}.");
    const pages = (await eleventyFor(input).toJSON()) as Array<{ url: string; content: string }>;
    const page = pages.find((p) => p.url === "/briefs/a/")!;
    expect(page.content).toContain("Title: {{ site.title }}. Tag: {% raw %}kept{% endraw %}.");
    expect(page.content).not.toContain("Title: Test site");
  });

  it("gets the front matter as the loader checked it, and refuses a brief that skipped the loader", async () => {
    const input = await briefFolder("Text.");
    const pages = (await eleventyFor(input).toJSON()) as Array<{ url: string; content: string }>;
    // The print page shows the paper size the loader read (page: a4 -> paper: a4).
    expect(pages.find((p) => p.url === "/briefs/a/print/")!.content).toContain("assets/css/page-a4.css");
    await writeFile(path.join(input, "b.md"), `---\ntitle: "B"\ndate: 2024-01-02\n---\n\nUnchecked.\n`);
    const failure = await eleventyFor(input).toJSON().then(() => undefined, (error: Error) => error);
    const messages: string[] = [];
    for (let e: unknown = failure; e instanceof Error; e = (e as Error & { originalError?: unknown }).originalError ?? e.cause) messages.push(e.message);
    expect(messages.join("\n")).toMatch(/b\.md: a brief reached Eleventy without the loader's checks/);
  });

  it("can be watched: Eleventy's watcher finds its dependencies without parsing TypeScript", async () => {
    const input = await briefFolder("Text.");
    const elev = eleventyFor(input, "serve");
    await elev.toJSON(); // the watcher needs the list of templates of a first build
    await expect(elev.initWatch()).resolves.toBeUndefined();
    const watched: string[] = await elev.getWatchedFiles();
    expect(watched.filter((f) => f.includes(path.basename(path.dirname(input))))).not.toEqual([]);
  });
});
