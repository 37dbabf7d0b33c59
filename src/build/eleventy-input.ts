/**
 * Briefs are untrusted content, the project is trusted code. Eleventy never sees the input
 * folder: its input is a private folder holding exactly the briefs that passed the checks,
 * each as the text that was checked. Nothing else of the author's (templates, `_data`,
 * `*.11tydata.*`, `.eleventy.js`, HTML) is run or published; images a brief uses are copied
 * after a second realpath check. `build` and `npm start` both map input to site through here.
 */
import { constants } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy, { type ThirdPartyConsole } from "@11ty/eleventy";
import type { Brief } from "../briefs/load.ts";
import { realAssetPath } from "../briefs/asset-path.ts";
import type { MarkdownIt } from "markdown-it";
import briefpressConfig, { type SiteData } from "../eleventy/config.ts";
import { routeEleventyConsole } from "../eleventy/console.ts";
import { themedLayouts } from "../eleventy/theme-layouts.ts";
import type { Look } from "../eleventy/brand-plugin.ts";
import type { EleventyConfig } from "../eleventy/types.ts";

/**
 * Eleventy drops the first `YYYY-MM-DD-` it finds anywhere in a file name from `page.fileSlug`
 * (`report-2015-01-14-final` would become `final`). A fixed date in front is the one it drops,
 * so `fileSlug` is exactly our slug. (The brief's own `date` field sets the page date.)
 */
const SLUG_GUARD = "1970-01-01-";

/** The brief's file name in Eleventy's input folder. */
export function eleventyFileName(brief: Pick<Brief, "slug">): string {
  return `${SLUG_GUARD}${brief.slug}.md`;
}

/**
 * A brief as Eleventy reads it: the loader's checked front matter as JSON (Eleventy does not
 * parse the brief's YAML or check it again: see briefs-plugin.ts), then the checked body.
 * JSON escapes line ends, so no value can close the front matter early.
 */
export function eleventyFileText(brief: Pick<Brief, "data" | "body">): string {
  return `---json\n${JSON.stringify({ ...brief.data, templateEngineOverride: "md" })}\n---\n${brief.body}`;
}

/**
 * A brief whose pages come from the build's page cache (build/page-cache.ts), as Eleventy
 * reads it: its data, for the pages that list every brief (collection page, feed, sitemap),
 * and no page of its own (`permalink: false`, no layout, left out of the `briefsToRender`
 * collection that the print page and citation files are made from). Its body is kept only
 * when a page shows it (the feed, `keepBody`), else it is not rendered at all.
 */
export function eleventyStubText(brief: Pick<Brief, "data" | "body">, keepBody: boolean): string {
  const data = { ...brief.data, templateEngineOverride: "md", layout: false, permalink: false, briefpressPagesCached: true };
  return `---json\n${JSON.stringify(data)}\n---\n${keepBody ? brief.body : ""}`;
}

/** Which briefs Eleventy gets as stubs (eleventyStubText): their slugs, and whether their bodies are kept. */
export interface Stubs {
  slugs: Set<string>;
  keepBody: boolean;
}

/**
 * Makes `dir` hold exactly the given briefs (eleventyFileText, or eleventyStubText for
 * `stubs`), writing only what changed (so a watching Eleventy rebuilds only for real changes).
 * Returns the briefs written.
 */
export async function writeEleventyInput(dir: string, briefs: Brief[], stubs?: Stubs): Promise<Brief[]> {
  await mkdir(dir, { recursive: true });
  const wanted = new Map(briefs.map((b) => [eleventyFileName(b), b]));
  for (const name of await readdir(dir)) {
    if (!wanted.has(name)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  const written: Brief[] = [];
  for (const [name, brief] of wanted) {
    const file = path.join(dir, name);
    const text = stubs?.slugs.has(brief.slug) ? eleventyStubText(brief, stubs.keepBody) : eleventyFileText(brief);
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current === text) continue;
    await writeFile(file, text);
    written.push(brief);
  }
  return written;
}

export type { SiteData };

const SILENT: ThirdPartyConsole = { log() {}, info() {}, warn() {}, error() {} };

/**
 * An Eleventy for `inputDir` (written by writeEleventyInput) into `outputDir`, with
 * briefpress's configuration. `configure` adds to it (e.g. watch events for `npm start`).
 */
export function createEleventy(
  inputDir: string,
  outputDir: string,
  options: {
    site: SiteData;
    /** The brand and theme (from the site configuration). @default briefpress's own look */
    look?: Look;
    runMode?: "build" | "serve";
    /** Eleventy's own console lines. @default dropped */
    thirdParty?: ThirdPartyConsole;
    /** Eleventy prints its per-file lines (to `thirdParty`). @default false */
    verbose?: boolean;
    configure?: (config: EleventyConfig) => void;
    /** The markdown-it instance the briefs were checked with. @default a new one */
    markdown?: MarkdownIt;
  },
): Eleventy {
  // A theme's template overrides, merged with briefpress's layouts beside Eleventy's private input.
  const layouts = themedLayouts(options.look?.theme, path.join(path.dirname(inputDir), "layouts"));
  return new Eleventy(inputDir, outputDir, {
    // No config file: ours is a function (src/eleventy/config.ts). Eleventy's watch mode parses a
    // config file's imports with a JavaScript-only parser and failed on our TypeScript plugins.
    configPath: false,
    quietMode: !options.verbose,
    ...(options.runMode ? { runMode: options.runMode } : {}),
    config(eleventyConfig: EleventyConfig) {
      briefpressConfig(eleventyConfig, options.site, options.markdown, { ...options.look, layouts });
      routeEleventyConsole(eleventyConfig, options.thirdParty ?? SILENT);
      options.configure?.(eleventyConfig);
    },
  });
}

/** Images beside a brief go next to its page; each is resolved again and never replaces a file. */
export async function copyBriefAssets(briefs: Brief[], site: string, options: { replace?: boolean } = {}): Promise<void> {
  for (const brief of briefs) {
    for (const asset of brief.assets) {
      const from = await realAssetPath(brief.file, asset);
      const to = path.join(site, "briefs", brief.slug, asset);
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(from, to, options.replace ? 0 : constants.COPYFILE_EXCL);
    }
  }
}
