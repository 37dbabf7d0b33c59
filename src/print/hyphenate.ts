/**
 * Soft hyphens for the print page, inserted at build time: Debian's headless Chromium has no
 * hyphenation dictionaries, so `hyphens: auto` breaks no word. Patterns come from the
 * `hyphen` package (Liang's TeX patterns). Headings, notes, code and URLs are left alone;
 * the web page never gets soft hyphens (they would end up in copied text and search).
 */
import { createRequire } from "node:module";
import { gluedPart } from "../notes/notes-plugin.ts";

const require = createRequire(import.meta.url);

type Hyphenator = (text: string) => string;
const cache = new Map<string, Hyphenator | null>();

/** The hyphenator for a BCP 47 tag ("en-US" → hyphen/en-us, "de-AT" → hyphen/de), or null. */
export function hyphenatorFor(lang: string): Hyphenator | null {
  const tag = lang.toLowerCase();
  if (cache.has(tag)) return cache.get(tag)!;
  let found: Hyphenator | null = null;
  for (const candidate of [tag, tag.split("-")[0]]) {
    if (!/^[a-z]{2,3}(-[a-z0-9]+)?$/.test(candidate)) continue;
    try {
      const mod = require(`hyphen/${candidate}`) as { hyphenateSync: (text: string, options?: object) => string };
      found = (text) => mod.hyphenateSync(text, { minWordLength: 6 });
      break;
    } catch {
      // no patterns for this language
    }
  }
  cache.set(tag, found);
  return found;
}

const URL_RE = /(?:https?:\/\/|www\.)\S+/g;
// Only the justified running text is hyphenated: not headings, not the ragged-right notes
// (footnotes are asides, endnotes a section), and never code and the like. Fewer soft
// hyphens also means less to clean up after layout (print-hyphens.js).
const SKIP_ELEMENTS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "aside", "section", "code", "pre", "kbd", "samp", "script", "style"]);

/**
 * A URL in running text may break anywhere (print.css: `.url { word-break: break-all }`),
 * never with a hyphen: with only its slashes to break at, a long URL went whole to the next
 * line and left the justified line before it stretched across the column.
 */
function markUrl(url: string): string {
  return `<span class="url">${url}</span>`;
}

const GLUE_OPEN = '<span class="noteref-glue">';
const SHY = "\u00ad";

/**
 * `text` hyphenated as if `tail` followed it: the notes plugin glues a word's last letter to
 * its note call (`coopératio<span class="noteref-glue">n,</span>`), and the patterns must see
 * the whole word, not a word cut short. No break is put right before the glued letters.
 */
function hyphenateBefore(hyphenate: Hyphenator, text: string, tail: string): string {
  if (!tail || !/[\p{L}\p{M}]$/u.test(text)) return hyphenate(text);
  const whole = hyphenate(text + tail);
  let end = whole.length;
  for (let letters = 0; letters < tail.length; end--) if (whole[end - 1] !== SHY) letters++;
  return whole.slice(0, end).replace(/\u00ad$/, "");
}

/**
 * In print, a word glued to its note call keeps only its last letter in the glue (the web
 * page glues words of up to 16 letters whole, notes-plugin.ts): the rest of the word can then
 * be hyphenated. Words with an entity in them are left as they are.
 */
function glueLastLetters(html: string): string {
  return html.replace(/<span class="noteref-glue">([^<&]+)</g, (whole, word: string) => {
    const tail = gluedPart(word, 5);
    return tail.length < word.length ? `${word.slice(0, word.length - tail.length)}${GLUE_OPEN}${tail}<` : whole;
  });
}

/** Hyphenates the text of an HTML fragment, not its tags, code or URLs. */
export function hyphenateHtml(html: string, lang: string): string {
  const hyphenate = hyphenatorFor(lang);
  if (!hyphenate) return html;
  let skipDepth = 0;
  const parts = glueLastLetters(html).split(/(<[^>]+>)/);
  return parts
    .map((part, k) => {
      if (part.startsWith("<")) {
        const m = /^<(\/?)([a-zA-Z0-9]+)/.exec(part);
        if (m && SKIP_ELEMENTS.has(m[2].toLowerCase()) && !part.endsWith("/>")) skipDepth += m[1] ? -1 : 1;
        return part;
      }
      if (skipDepth > 0 || part.trim() === "") return part;
      // The glued letters themselves never break (white-space: nowrap): left as they are.
      if (parts[k - 1] === GLUE_OPEN) return part;
      const tail = parts[k + 1] === GLUE_OPEN ? (/^[\p{L}\p{M}]+/u.exec(parts[k + 2] ?? "")?.[0] ?? "") : "";
      let out = "";
      let last = 0;
      for (const url of part.matchAll(URL_RE)) {
        out += hyphenate(part.slice(last, url.index)) + markUrl(url[0]);
        last = url.index + url[0].length;
      }
      return out + hyphenateBefore(hyphenate, part.slice(last), tail);
    })
    .join("");
}
