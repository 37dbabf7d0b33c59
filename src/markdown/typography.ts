/**
 * Typography as pandoc's `smart` extension gives it, in the brief's language (`env.lang`):
 * straight quotes become the language's quotation marks (English “…” ‘…’, German „…“ ‚…‘,
 * French « … » with no-break spaces, …), an apostrophe becomes ’, `---` an em dash, `--` an
 * en dash and `...` an ellipsis. Code, raw HTML and URLs are left as written.
 * markdown-it's own `replacements` rule is off: it also rewrites (c), +-, ",," and "!!!!",
 * which pandoc leaves alone and an author did not ask for.
 */
import type { MarkdownIt, StateCore } from "markdown-it";

const NBSP = "\u00a0";

/** [primary open, primary close, secondary open, secondary close], by language (and region). */
const QUOTES: Record<string, [string, string, string, string]> = {
  en: ["“", "”", "‘", "’"],
  de: ["„", "“", "‚", "‘"],
  "de-ch": ["«", "»", "‹", "›"],
  fr: [`«${NBSP}`, `${NBSP}»`, "“", "”"],
  es: ["«", "»", "“", "”"],
  it: ["«", "»", "“", "”"],
  pt: ["«", "»", "“", "”"],
  "pt-br": ["“", "”", "‘", "’"],
  nl: ["“", "”", "‘", "’"],
  ru: ["«", "»", "„", "“"],
  pl: ["„", "”", "«", "»"],
  cs: ["„", "“", "‚", "‘"],
  da: ["»", "«", "›", "‹"],
  sv: ["”", "”", "’", "’"],
  fi: ["”", "”", "’", "’"],
  ja: ["「", "」", "『", "』"],
  zh: ["“", "”", "‘", "’"],
};

export function quotesFor(lang: unknown): [string, string, string, string] {
  const tag = typeof lang === "string" ? lang.toLowerCase().replace(/_/g, "-") : "en";
  const [language, region] = tag.split("-");
  return QUOTES[`${language}-${region}`] ?? QUOTES[language] ?? QUOTES.en;
}

function dashesAndEllipses(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let insideAutolink = 0;
    for (const token of block.children) {
      if (token.type === "link_open" && token.info === "auto") insideAutolink++;
      if (token.type === "link_close" && token.info === "auto") insideAutolink--;
      if (token.type !== "text" || insideAutolink > 0) continue;
      token.content = token.content
        .replace(/(^|[^-])---(?=[^-]|$)/gm, "$1\u2014")
        .replace(/(^|[^-])--(?=[^-]|$)/gm, "$1\u2013")
        .replace(/\.\.\./g, "\u2026");
    }
  }
}

export default function typographyPlugin(md: MarkdownIt): void {
  md.set({ typographer: true });
  md.disable("replacements");
  md.core.ruler.before("smartquotes", "brief_quotes", (state: StateCore) => {
    // Rendering is synchronous: the marks set here are the ones smartquotes reads next.
    state.md.options.quotes = quotesFor(state.env.lang);
  });
  md.core.ruler.after("smartquotes", "brief_dashes", (state: StateCore) => dashesAndEllipses(state));
}
