/**
 * Figures and tables with visible, numbered captions, as pandoc makes them:
 * - an image alone in a paragraph is a `<figure>`; its description (the alt text) is the
 *   caption, shown as "Figure N: description". `{fig-alt="…"}` gives the image a different
 *   alt text. An image needs a description unless marked `{.decorative}` (then alt="").
 * - a paragraph `: Caption` (or `Table: Caption`) right after (or before) a table is its
 *   caption, "Table N: Caption".
 * Labels follow the brief's language (`env.lang`: en, de, fr, es, it, nl, pt; else English).
 * A caption that already starts with its own "Figure 2:" keeps one label: ours.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { reportProblem } from "./problems.ts";

const LABELS: Record<string, { figure: string; table: string }> = {
  en: { figure: "Figure", table: "Table" },
  de: { figure: "Abbildung", table: "Tabelle" },
  fr: { figure: "Figure", table: "Tableau" },
  es: { figure: "Figura", table: "Tabla" },
  it: { figure: "Figura", table: "Tabella" },
  nl: { figure: "Figuur", table: "Tabel" },
  pt: { figure: "Figura", table: "Tabela" },
};

export function captionLabels(lang: unknown): { figure: string; table: string } {
  const base = typeof lang === "string" ? lang.toLowerCase().split(/[-_]/)[0] : "en";
  return LABELS[base] ?? LABELS.en;
}

const OWN_NUMBER = /^(?:figure|fig\.|abbildung|abb\.|figura|figuur|table|tableau|tabelle|tabla|tabella|tabel|tabela)\s+(\d+)\s*[:.]\s*/i;

/** Drops an author's "Figure 2: " from the front of a caption's first text child; returns the number. */
function dropOwnNumber(children: Token[]): number | null {
  const first = children[0];
  if (!first || first.type !== "text") return null;
  const m = OWN_NUMBER.exec(first.content);
  if (!m) return null;
  first.content = first.content.slice(m[0].length);
  return Number(m[1]);
}

function labelTokens(state: StateCore, label: string, n: number): Token[] {
  const open = new state.Token("caption_label_open", "span", 1);
  open.attrSet("class", "caption-label");
  const text = new state.Token("text", "", 0);
  text.content = `${label} ${n}`;
  const close = new state.Token("caption_label_close", "span", -1);
  const sep = new state.Token("text", "", 0);
  sep.content = ": ";
  return [open, text, close, sep];
}

/** `<figcaption>` or `<caption>` holding "Label N: " and the caption's inline tokens. */
function captionTokens(state: StateCore, tag: "figcaption" | "caption", label: string, n: number, children: Token[]): Token[] {
  const open = new state.Token(`${tag}_open`, tag, 1);
  open.block = true;
  const inline = new state.Token("inline", "", 0);
  inline.children = [...labelTokens(state, label, n), ...children];
  inline.content = "";
  const close = new state.Token(`${tag}_close`, tag, -1);
  close.block = true;
  return [open, inline, close];
}

/** Drops an author's own "Figure 3:" from the caption; a number other than ours is an error. */
function takeOwnNumber(state: StateCore, children: Token[], label: string, n: number, line0: number, what: string): void {
  const own = dropOwnNumber(children);
  if (own !== null && own !== n) {
    reportProblem(state, line0, `this caption says ${label} ${own}, but it is ${label.toLowerCase()} ${n} of the brief: drop the number, briefpress numbers ${what}`);
  }
}

function isAloneImage(inline: Token | undefined): Token | null {
  const children = (inline?.children ?? []).filter((c) => !(c.type === "text" && c.content.trim() === "") && c.type !== "softbreak");
  return children.length === 1 && children[0].type === "image" ? children[0] : null;
}

function classesOf(token: Token): string[] {
  return String(token.attrGet("class") ?? "").split(/\s+/).filter(Boolean);
}

function figures(state: StateCore): void {
  const { figure: label } = captionLabels(state.env.lang);
  const tokens = state.tokens;
  let n = 0;
  let inNote = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "footnote_open" || t.type === "footnote_reference_open") inNote++;
    if (t.type === "footnote_close" || t.type === "footnote_reference_close") inNote--;
    if (t.type === "inline") {
      for (const child of t.children ?? []) {
        if (child.type !== "image") continue;
        const decorative = classesOf(child).includes("decorative");
        if (decorative) child.children = []; // markdown-it writes alt from the children
        else if (child.content.trim() === "" && child.attrGet("fig-alt") === null) {
          reportProblem(state, t.map?.[0] ?? 0, `image "${child.attrGet("src")}" has no description: write what it shows between the brackets, ![A chart of outages by month](${child.attrGet("src")}), or mark it {.decorative} if it only decorates`);
        }
      }
    }
    if (t.type !== "paragraph_open" || inNote > 0 || t.hidden) continue;
    const inline = tokens[i + 1];
    const image = isAloneImage(inline);
    if (!image || tokens[i + 2]?.type !== "paragraph_close") continue;
    if (classesOf(image).includes("decorative") || image.content.trim() === "") continue;
    n++;
    const caption = [...(image.children ?? [])];
    takeOwnNumber(state, caption, label, n, t.map?.[0] ?? 0, "figures");
    const figAlt = image.attrGet("fig-alt");
    if (figAlt !== null) {
      // markdown-it writes alt from the image's children: they become the alt text.
      const alt = new state.Token("text", "", 0);
      alt.content = String(figAlt);
      image.children = [alt];
      image.attrs = (image.attrs ?? []).filter(([k]) => k !== "fig-alt");
    }
    // The figure takes the image's id and classes (pandoc: the figure is what a link targets).
    const open = new state.Token("figure_open", "figure", 1);
    open.map = t.map;
    open.block = true;
    for (const key of ["id", "class"]) {
      const v = image.attrGet(key);
      if (v !== null) {
        open.attrSet(key, String(v));
        image.attrs = (image.attrs ?? []).filter(([k]) => k !== key);
      }
    }
    open.attrJoin("class", "figure");
    const close = new state.Token("figure_close", "figure", -1);
    close.block = true;
    const imageInline = new state.Token("inline", "", 0);
    imageInline.children = [image];
    imageInline.content = "";
    imageInline.map = inline.map;
    tokens.splice(i, 3, open, imageInline, ...captionTokens(state, "figcaption", label, n, caption), close);
    i += 5;
  }
}

const TABLE_CAPTION = /^(?::|table:)\s+/i;

function tableCaptions(state: StateCore): void {
  const { table: label } = captionLabels(state.env.lang);
  const tokens = state.tokens;
  let n = 0;
  const captionParagraphAt = (i: number): Token | null => {
    if (tokens[i]?.type !== "paragraph_open" || tokens[i + 2]?.type !== "paragraph_close") return null;
    const inline = tokens[i + 1];
    const first = inline.children?.[0];
    return first?.type === "text" && TABLE_CAPTION.test(first.content) && tokens[i].level === tokens[i].level ? inline : null;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "table_open") continue;
    n++;
    let end = i;
    while (tokens[end].type !== "table_close") end++;
    let caption = captionParagraphAt(end + 1);
    let from = end + 1;
    if (!caption && i >= 3) {
      caption = captionParagraphAt(i - 3);
      from = i - 3;
    }
    if (!caption) continue;
    const children = caption.children!;
    children[0].content = children[0].content.replace(TABLE_CAPTION, "");
    takeOwnNumber(state, children, label, n, tokens[from].map?.[0] ?? 0, "tables");
    const tableCaption = captionTokens(state, "caption", label, n, children);
    // Remove the caption paragraph, then put the caption first inside the table.
    tokens.splice(from, 3);
    const tableAt = from < i ? i - 3 : i;
    tokens.splice(tableAt + 1, 0, ...tableCaption);
    i = tableAt + 3;
  }
}

export default function figuresPlugin(md: MarkdownIt): void {
  // Last (after text_join, which would merge our label into the caption's shared text
  // tokens), but before heading ids, which are pushed after it and collect the ids.
  md.core.ruler.push("figures", (state) => {
    figures(state);
    tableCaptions(state);
  });
}
