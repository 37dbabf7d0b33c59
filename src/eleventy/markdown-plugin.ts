/**
 * Eleventy's markdown-it, amended with our notes and heading ids (the same configuration
 * the loader checks with), and guarded: HTML that does not pass the loader's allowlist is
 * never published, even if the two configurations ever drifted apart.
 */
import type { MarkdownIt } from "markdown-it";
import { configureMarkdown } from "../markdown/configure.ts";
import { checkHtml } from "../briefs/raw-html.ts";
import { BriefError } from "../errors.ts";
import type { EleventyConfig } from "./types.ts";

/** Makes `md.render` throw instead of returning HTML the loader would have refused. */
export function guardRender(md: MarkdownIt): MarkdownIt {
  const render = md.render.bind(md);
  md.render = (src: string, env?: Record<string, unknown>) => {
    const html = render(src, env);
    const problem = checkHtml(html).problems[0];
    if (problem) {
      const file = String((env?.page as { inputPath?: string } | undefined)?.inputPath ?? "(markdown)");
      throw new BriefError(file, 1, `refusing to publish HTML the brief's checks did not see: ${problem.message}`);
    }
    return html;
  };
  return md;
}

export default function markdownPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => guardRender(configureMarkdown(md)));
}
