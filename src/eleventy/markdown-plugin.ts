/** Eleventy's markdown-it, amended with our notes and heading ids. */
import { configureMarkdown } from "../markdown/configure.ts";
import type { EleventyConfig } from "./types.ts";

export default function markdownPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.amendLibrary("md", configureMarkdown);
}
