/**
 * The site generator's modules (markdown-it and its plugins, citeproc, zod, Eleventy), in one
 * module that build.ts imports only when it has something to build: a build whose output is
 * up to date (build/build-record.ts) never loads them.
 */
export { createMarkdown } from "../markdown/configure.ts";
export { loadBriefs } from "../briefs/load.ts";
export { loadSiteConfig } from "../config/load.ts";
export { briefDefaults, siteData } from "../config/site.ts";
export { copyBriefAssets, createEleventy, writeEleventyInput } from "./eleventy-input.ts";
