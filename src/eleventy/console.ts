/**
 * Eleventy's own console lines (its build summary, benchmark warnings such as
 * `Benchmark ... "hyphenate" Nunjucks Filter`, the dev server's messages) go to a sink of
 * ours instead of the console, so the commands print one line per phase and show
 * Eleventy's lines only with --verbose.
 */
import type { ThirdPartyConsole } from "@11ty/eleventy";
import type { EleventyConfig } from "./types.ts";

export function routeEleventyConsole(eleventyConfig: EleventyConfig, sink: ThirdPartyConsole): void {
  eleventyConfig.logger.overrideLogger(sink);
  // Benchmark groups made before the quiet mode applies (the Configuration group) log by themselves.
  for (const group of Object.values(eleventyConfig.benchmarkManager.benchmarkGroups)) group.logger.overrideLogger(sink);
  eleventyConfig.setServerOptions({ logger: sink });
}
