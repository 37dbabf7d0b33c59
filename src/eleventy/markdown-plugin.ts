/**
 * Eleventy renders with the markdown-it instance the loader checked with (`setLibrary`), not
 * a copy configured alike; `amendLibrary` restores our settings after Eleventy's own
 * (it switches indented code off on every library). The render is also guarded: HTML that
 * does not pass the loader's allowlist is never published, even if something ever changed
 * the instance between the check and the render.
 */
import type { MarkdownIt } from "markdown-it";
import { applyMarkdownSettings, createMarkdown } from "../markdown/configure.ts";
import { firstHtmlProblem } from "../briefs/raw-html.ts";
import { BriefError } from "../errors.ts";
import type { EleventyConfig } from "./types.ts";

export interface MarkdownPluginOptions {
  /** The instance the briefs were checked with (from createMarkdown). @default a new one */
  markdown?: MarkdownIt;
}

const GUARDED = Symbol("briefpress.guardedRender");

/** Makes `md.render` throw instead of returning HTML the loader would have refused (once per instance). */
export function guardRender(md: MarkdownIt): MarkdownIt {
  const marked = md as MarkdownIt & { [GUARDED]?: true };
  if (marked[GUARDED]) return md;
  marked[GUARDED] = true;
  const render = md.render.bind(md);
  md.render = (src: string, env?: Record<string, unknown>) => {
    const html = render(src, env);
    const file = String((env?.page as { inputPath?: string } | undefined)?.inputPath ?? "(markdown)");
    const problem = firstHtmlProblem(html);
    if (problem) {
      throw new BriefError(file, 1, `refusing to publish HTML the brief's checks did not see: ${problem.message}`);
    }
    // Citations the loader formatted but this render could not (a bibliography changed since).
    const citation = (env?.citationErrors as Array<{ message: string }> | undefined)?.[0];
    if (citation) throw new BriefError(file, 1, `citations: ${citation.message}`);
    return html;
  };
  return md;
}

export default function markdownPlugin(eleventyConfig: EleventyConfig, options: MarkdownPluginOptions = {}): void {
  const markdown = options.markdown ?? createMarkdown();
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => {
    if (md !== markdown) throw new Error("markdownPlugin: Eleventy's Markdown library is not the instance the briefs were checked with");
    return guardRender(applyMarkdownSettings(md));
  });
}
