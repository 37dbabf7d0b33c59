/**
 * Pandoc's attribute blocks, `{#id .class key=value key="a value"}`, where pandoc reads them:
 * at the end of a heading (`## Background {#background .unnumbered}`, `{-}` for unnumbered),
 * right after an image or a link (`![Chart](c.png){width=50%}`), and on fenced divs
 * (src/markdown/fenced-divs.ts). The grammar is pandoc's and strict: `{a, b}` at the end of
 * a sentence is text, not attributes (markdown-it-attrs reads it as two attributes and drops
 * the words; it also reads them on any paragraph, where pandoc does not).
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";

export interface Attributes {
  id?: string;
  classes: string[];
  /** key=value pairs in order (width, height, lang, data-…, anything else: the HTML check judges). */
  pairs: Array<[string, string]>;
}

const ITEM = /\s*(?:#([\p{L}\p{N}_][\p{L}\p{N}_:.\-]*)|\.([\p{L}\p{N}_\-][\p{L}\p{N}_:.\-]*)|(-)(?=[\s}])|([A-Za-z_][\w:.\-]*)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"'{}=]+)))/uy;

/** The attributes in `{…}` (braces included), or null when it is not a pandoc attribute block. */
export function parseAttributes(block: string): Attributes | null {
  if (!block.startsWith("{") || !block.endsWith("}")) return null;
  const inner = block.slice(1, -1);
  const attributes: Attributes = { classes: [], pairs: [] };
  let at = 0;
  let items = 0;
  while (at < inner.length) {
    if (/^\s*$/.test(inner.slice(at))) break;
    ITEM.lastIndex = at;
    const m = ITEM.exec(inner + (inner.endsWith(" ") ? "" : " ")); // a trailing space lets "-" end the block
    if (!m || m.index !== at) return null;
    at = ITEM.lastIndex;
    items++;
    if (m[1]) attributes.id = m[1];
    else if (m[2]) attributes.classes.push(m[2]);
    else if (m[3]) attributes.classes.push("unnumbered");
    else attributes.pairs.push([m[4], m[5]?.replace(/\\(.)/g, "$1") ?? m[6] ?? m[7]]);
  }
  return items > 0 ? attributes : null;
}

const LENGTH_WITH_UNIT = /^\d+(?:\.\d+)?(?:%|px|em|rem|cm|mm|in|pt|pc|ex|ch|vw)$/;

/** Sets the attributes on a token: classes appended, width/height with a unit as a style (as pandoc does). */
export function applyAttributes(token: Token, attributes: Attributes): void {
  if (attributes.id) token.attrSet("id", attributes.id);
  for (const c of attributes.classes) token.attrJoin("class", c);
  const styles: string[] = [];
  for (const [key, value] of attributes.pairs) {
    if ((key === "width" || key === "height") && LENGTH_WITH_UNIT.test(value)) styles.push(`${key}:${value}`);
    else if (key === "class") for (const c of value.split(/\s+/).filter(Boolean)) token.attrJoin("class", c);
    else token.attrSet(key, value);
  }
  if (styles.length > 0) {
    const existing = token.attrGet("style");
    token.attrSet("style", [existing, ...styles].filter(Boolean).join(";"));
  }
}

/** `{…}` at the very end of `text` (after optional spaces), with where it starts. */
function trailingBlock(text: string): { at: number; attributes: Attributes } | null {
  const m = /\s*(\{[^{}]*\})\s*$/.exec(text);
  if (!m) return null;
  const attributes = parseAttributes(m[1]);
  return attributes ? { at: m.index, attributes } : null;
}

/** `{…}` at the very start of `text`. */
function leadingBlock(text: string): { length: number; attributes: Attributes } | null {
  const m = /^\{[^{}]*\}/.exec(text);
  if (!m) return null;
  const attributes = parseAttributes(m[0]);
  return attributes ? { length: m[0].length, attributes } : null;
}

function headingAttributes(tokens: Token[]): void {
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const inline = tokens[i + 1];
    const children = inline?.children ?? [];
    const last = children.at(-1);
    if (!last || last.type !== "text") return;
    const found = trailingBlock(last.content);
    if (!found) return;
    last.content = last.content.slice(0, found.at).replace(/\s+$/, "");
    if (last.content === "") children.pop();
    inline.content = inline.content.replace(/\s*\{[^{}]*\}\s*$/, "");
    applyAttributes(token, found.attributes);
  });
}

function inlineAttributes(tokens: Token[]): void {
  for (const token of tokens) {
    const children = token.children;
    if (token.type !== "inline" || !children) continue;
    for (let i = 0; i < children.length - 1; i++) {
      const target = children[i].type === "image" ? children[i] : children[i].type === "link_close" ? openingOf(children, i) : null;
      const next = children[i + 1];
      if (!target || next.type !== "text") continue;
      const found = leadingBlock(next.content);
      if (!found) continue;
      next.content = next.content.slice(found.length);
      if (next.content === "") children.splice(i + 1, 1);
      applyAttributes(target, found.attributes);
    }
  }
}

function openingOf(children: Token[], close: number): Token | null {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    if (children[j].type === "link_close") depth++;
    if (children[j].type === "link_open" && --depth === 0) return children[j];
  }
  return null;
}

export default function pandocAttributesPlugin(md: MarkdownIt): void {
  // After inline parsing, before the notes arrange their streams and before heading ids.
  md.core.ruler.after("inline", "pandoc_attributes", (state: StateCore) => {
    headingAttributes(state.tokens);
    inlineAttributes(state.tokens);
  });
}
