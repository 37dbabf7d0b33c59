/**
 * Renders markdown-it tokens exactly as `md.renderer.render` does, and remembers which
 * source line each stretch of the output came from, so a problem found in the HTML can be
 * reported at its line in the brief.
 */
import type { MarkdownIt, Token } from "markdown-it";

export interface RenderedWithLines {
  html: string;
  /** 0-based line of the Markdown source that produced the HTML at `offset`. */
  lineAt(offset: number): number;
}

export function renderWithLines(md: MarkdownIt, tokens: Token[], env: Record<string, unknown>): RenderedWithLines {
  const renderer = md.renderer;
  const starts: number[] = [];
  const lines: number[] = [];
  let html = "";
  let line = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) line = token.map[0];
    starts.push(html.length);
    lines.push(line);
    const rule = renderer.rules[token.type];
    if (token.type === "inline") html += renderer.renderInline(token.children ?? [], md.options, env);
    else if (rule) html += rule(tokens, i, md.options, env, renderer);
    else html += renderer.renderToken(tokens, i, md.options);
  }
  return {
    html,
    lineAt(offset: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      if (starts.length === 0) return 0;
      // Newlines inside the stretch follow the source's (raw HTML blocks, soft breaks).
      const newlines = html.slice(starts[lo], offset).split("\n").length - 1;
      return lines[lo] + newlines;
    },
  };
}
