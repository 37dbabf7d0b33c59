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

async function briefFolder(body: string): Promise<string> {
  const input = path.join(await tempDir(), "briefs");
  await mkdir(input);
  await writeFile(path.join(input, "a.md"), `---\ntitle: "A"\ndate: 2024-01-02\n---\n\n${body}\n`);
  return input;
}

function eleventyFor(input: string, runMode?: "serve") {
  return new Eleventy(input, path.join(input, "..", "site"), {
    configPath: false,
    quietMode: true,
    runMode,
    config: (eleventyConfig: EleventyConfig) => briefpressConfig(eleventyConfig, { title: "Test site" }),
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

  it("can be watched: Eleventy's watcher finds its dependencies without parsing TypeScript", async () => {
    const input = await briefFolder("Text.");
    const elev = eleventyFor(input, "serve");
    await elev.toJSON(); // the watcher needs the list of templates of a first build
    await expect(elev.initWatch()).resolves.toBeUndefined();
    const watched: string[] = await elev.getWatchedFiles();
    expect(watched.filter((f) => f.includes(path.basename(path.dirname(input))))).not.toEqual([]);
  });
});
