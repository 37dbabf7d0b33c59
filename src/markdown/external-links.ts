/**
 * Links to other sites get rel="noopener" (and noreferrer: a brief's readers are not
 * announced to the sites it cites). markdown-it's own link validation stays on: it already
 * refuses javascript:, vbscript:, file: and most data: URLs.
 */
import type { MarkdownIt } from "markdown-it";

export const isExternal = (href: string): boolean => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(href);

export default function externalLinksPlugin(md: MarkdownIt): void {
  const fallback = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx].attrGet("href") ?? "");
    if (href && isExternal(href)) tokens[idx].attrSet("rel", "noopener noreferrer");
    return fallback(tokens, idx, options, env, self);
  };
}
