/**
 * Stable ids on section headings (`id="background"`, prefixed with `env.docId` when set),
 * for the table of contents, deep links and the PDF outline.
 */
import type { MarkdownIt } from "markdown-it";

export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[’'"“”]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

export interface Heading {
  level: number;
  id: string;
  text: string;
}

export default function headingIdsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("heading_ids", (state) => {
    const used = new Set<string>();
    const headings: Heading[] = [];
    const prefix = typeof state.env.docId === "string" && state.env.docId ? `${state.env.docId}-` : "";
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open" || token.attrGet("id")) return;
      const inline = state.tokens[i + 1];
      const text = (inline.children ?? [])
        .filter((c) => c.type === "text" || c.type === "code_inline")
        .map((c) => c.content)
        .join("");
      let id = prefix + slugify(text);
      for (let n = 2; used.has(id); n++) id = `${prefix}${slugify(text)}-${n}`;
      used.add(id);
      token.attrSet("id", id);
      headings.push({ level: Number(token.tag.slice(1)), id, text });
    });
    state.env.headings = headings;
  });
}
