/**
 * Two note streams on top of markdown-it-footnote, without forking its parser.
 *
 * - `[^label]` and `^[inline]` are endnotes, numbered 1..N in order of first call,
 *   listed in a "Notes" section at the end with one named back-link per call.
 * - `[^*label]` is a footnote: called once, rendered as an `aside` right after the
 *   top-level block that calls it (a sidenote on the web; moved to its call for print).
 *
 * Problems are collected as values on `env.noteErrors`; nothing is thrown here. Line
 * numbers, in `line` and inside messages alike, are 1-based lines of the file when
 * `env.sourceLine` says where the Markdown starts in it (after the front matter), else of
 * the Markdown given to markdown-it.
 *
 * A heading inside a note is printed as a bold run-in line (`p.note-heading`), not as a
 * heading: it is not a section of the brief, so it stays out of the contents and the PDF's
 * bookmarks.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import footnotePlugin from "markdown-it-footnote";
import { symbolFor, letterFor } from "./symbols.ts";
import { labelsFor } from "../site/labels.ts";
import { firstLineOf } from "../markdown/problems.ts";

export interface NoteError {
  /** 1-based line in the Markdown source. */
  line: number;
  message: string;
}

export type NoteStream = "endnote" | "footnote";

/** What the plugin records on `env` for templates and checks. */
export interface NotesSummary {
  endnotes: number;
  footnotes: number;
}

export interface NotesEnv {
  docId?: string;
  /** The brief's language: the headings and accessible names the plugin writes follow it. */
  lang?: string;
  /** 1-based line of the file where the Markdown starts (after the front matter). @default 1 */
  sourceLine?: number;
  noteErrors?: NoteError[];
  notes?: NotesSummary;
  [key: string | symbol]: unknown;
}

export interface NotesPluginOptions {
  /** Heading of the endnotes section. @default "Notes" in the brief's language (`env.lang`, src/site/labels.ts) */
  endnotesTitle?: string;
  /** Level of that heading. @default 2 */
  endnotesHeadingLevel?: number;
}

interface NoteMeta {
  id: number;
  subId?: number;
  label?: string;
  stream: NoteStream;
  /** Endnote number (1..N) or footnote ordinal (1..M). */
  number: number;
  /** Footnotes: the web symbol (*, †, …). */
  symbol?: string;
  /** How many times the note is called. */
  count: number;
}

interface FootnoteListItem {
  label?: string;
  count?: number;
  content?: string;
  tokens?: Token[];
}

interface FootnoteEnvState {
  refs?: Record<string, number>;
  list?: FootnoteListItem[];
}

interface Definition {
  label: string;
  line: number;
  empty: boolean;
  /** The label of the definition this one is inside (`[^1]:[^2]: text`), and how deep. */
  inside?: string;
  depth: number;
}

const FOOTNOTE_PREFIX = "*";

function metaOf(token: Token): NoteMeta {
  return token.meta as unknown as NoteMeta;
}

/** `env.docId` wrapped in `before`/`after`, or "" when there is none. */
function docPrefix(env: unknown, before: string, after: string): string {
  const docId = (env as NotesEnv | undefined)?.docId;
  return typeof docId === "string" && docId !== "" ? `${before}${docId}${after}` : "";
}

export const isFootnoteLabel = (label: string | undefined): boolean =>
  typeof label === "string" && label.startsWith(FOOTNOTE_PREFIX);

export default function notesPlugin(md: MarkdownIt, options: NotesPluginOptions = {}): void {
  const labels = (env: unknown) => labelsFor((env as NotesEnv | undefined)?.lang);
  const headingLevel = options.endnotesHeadingLevel ?? 2;
  if (!Number.isInteger(headingLevel) || headingLevel < 1 || headingLevel > 6) {
    throw new TypeError(`notesPlugin: option endnotesHeadingLevel must be 1..6, got ${headingLevel}`);
  }

  md.use(footnotePlugin);

  // Fresh state for every document even when the same env object is rendered twice.
  md.core.ruler.before("block", "notes_reset", (state) => {
    delete state.env.footnotes;
    state.env.noteErrors = [];
    delete state.env.notes;
  });
  // Definitions are dropped by footnote_tail: record them (label, line, body) first.
  md.core.ruler.before("footnote_tail", "notes_definitions", (state) => {
    state.env.noteDefinitions = collectDefinitions(state);
  });
  md.core.ruler.after("footnote_tail", "notes_streams", (state) => {
    const errors = validate(state);
    const offset = firstLineOf(state.env) - 1;
    (state.env.noteErrors as NoteError[]).push(
      ...errors.map((e) => ({ line: e.line + offset, message: e.message.replace(/\bon line (\d+)/g, (_m, n: string) => `on line ${Number(n) + offset}`) })),
    );
    delete state.env.noteDefinitions;
    arrangeStreams(state); // also with errors, so a preview still renders every note
    headingsInNotesAsRunIn(state);
    glueCallsToWords(state);
  });


  const rules = md.renderer.rules;
  const escape = md.utils.escapeHtml;

  rules.noteref_glue_open = () => '<span class="noteref-glue">';
  rules.note_heading_open = () => '<p class="note-heading"><strong>';
  rules.note_heading_close = () => "</strong></p>\n";
  rules.noteref_glue_close = () => "</span>";

  rules.footnote_anchor_name = (tokens, idx, _options, env) => {
    const meta = metaOf(tokens[idx]);
    return `${meta.stream === "footnote" ? "fn" : "en"}-${docPrefix(env, "", "-")}${meta.number}`;
  };

  rules.footnote_caption = (tokens, idx) => {
    const meta = metaOf(tokens[idx]);
    return meta.stream === "footnote" ? (meta.symbol ?? "") : String(meta.number);
  };

  rules.footnote_ref = (tokens, idx, opts, env, slf) => {
    const meta = metaOf(tokens[idx]);
    const id = slf.rules.footnote_anchor_name!(tokens, idx, opts, env, slf);
    const caption = slf.rules.footnote_caption!(tokens, idx, opts, env, slf);
    const refId = `${id.replace(/^(en|fn)-/, "$1ref-")}${meta.subId ? `-${meta.subId + 1}` : ""}`;
    // The name contains what the call shows (WCAG 2.5.3): "Note 4", "Footnote †".
    const name = meta.stream === "footnote" ? labels(env).footnote(meta.symbol ?? "") : labels(env).note(String(meta.number));
    const groupStarts = tokens[idx - 1]?.type !== "footnote_ref";
    const groupEnds = tokens[idx + 1]?.type !== "footnote_ref";
    return (
      (groupStarts ? '<sup class="noterefs">' : '<span class="noterefs-sep" aria-hidden="true">,</span>') +
      `<a href="#${id}" id="${refId}" class="noteref noteref--${meta.stream}" role="doc-noteref"` +
      ` aria-label="${name}">${escape(caption)}</a>` +
      (groupEnds ? "</sup>" : "")
    );
  };

  rules.footnote_block_open = (_tokens, _idx, _opts, env) => {
    const doc = docPrefix(env, "-", "");
    const h = `h${headingLevel}`;
    return (
      `<section class="endnotes" role="doc-endnotes" aria-labelledby="endnotes-title${doc}">\n` +
      `<${h} id="endnotes-title${doc}">${escape(options.endnotesTitle ?? labels(env).notes)}</${h}>\n<ol class="endnotes-list">\n`
    );
  };

  rules.footnote_block_close = () => "</ol>\n</section>\n";

  rules.footnote_open = (tokens, idx, opts, env, slf) => {
    const meta = metaOf(tokens[idx]);
    const id = slf.rules.footnote_anchor_name!(tokens, idx, opts, env, slf);
    if (meta.stream === "endnote") {
      return `<li id="${id}" class="endnote" tabindex="-1">`;
    }
    const label = meta.label ? ` data-label="${escape(meta.label)}"` : "";
    return `<aside id="${id}" class="footnote" role="doc-footnote" aria-label="${escape(labels(env).footnote(meta.symbol ?? ""))}"${label} tabindex="-1">\n`;
  };

  rules.footnote_close = (tokens, idx) => {
    const meta = metaOf(tokens[idx]);
    return meta.stream === "footnote" ? "</aside>\n" : "</li>\n";
  };

  // A footnote's marker is its back-link: the symbol before the body leads back to the call.
  rules.footnote_marker = (tokens, idx, _opts, env) => {
    const meta = metaOf(tokens[idx]);
    const href = `#fnref-${docPrefix(env, "", "-")}${meta.number}`;
    return (
      `<span class="footnote-marker"><a href="${href}" class="backlink" role="doc-backlink" aria-label="${escape(labels(env).backToFootnote(meta.symbol ?? ""))}">` +
      `${escape(meta.symbol ?? "")}</a></span> `
    );
  };

  rules.footnote_anchor = (tokens, idx, opts, env, slf) => {
    const meta = metaOf(tokens[idx]);
    if (meta.stream === "footnote") return ""; // the marker is the footnote's back-link
    const id = slf.rules.footnote_anchor_name!(tokens, idx, opts, env, slf);
    const subId = meta.subId ?? 0;
    const href = `#${id.replace(/^(en|fn)-/, "$1ref-")}${subId ? `-${subId + 1}` : ""}`;
    const several = meta.count > 1;
    const shown = `${meta.number}${several ? letterFor(subId) : ""}`;
    // The name contains what the link shows (WCAG 2.5.3); the arrow before it is drawn by CSS.
    const label = several ? labels(env).backToNoteCall(meta.number, subId + 1, shown) : labels(env).backToNote(shown);
    return ` <a href="${href}" class="backlink" role="doc-backlink" aria-label="${escape(label)}"><span class="backlink-label">${shown}</span></a>`;
  };
}

/**
 * A call never starts a line: the word before a group of calls and the group go into one
 * `span.noteref-glue` (white-space: nowrap in the web and print CSS), so no line breaks
 * between "retaliation.”" and "4,*". After emphasis (`*word*[^1]`), the emphasis is closed
 * before its last word, and that word, emphasized again, is glued with the calls (a line or
 * a page broke between "*sont?*" and its call: layout corpus seeds 1506 1623 1645 1744).
 * A one-word link or piece of code is glued whole; after a longer one, or nested emphasis,
 * the group stays as it is. Of a long word (a German compound, a URL) only its last
 * letter and the punctuation after it are glued (with any f before it): the rest keeps its
 * break chances on a phone's narrow column. In print every word longer than a few letters is
 * glued by its last letter only, so that it keeps its hyphenation points
 * (print/hyphenate.ts): a whole glued "coopération,8,‡" could not be hyphenated, and the
 * justified line before it was stretched.
 */
const LONG_WORD = 16;

export function gluedPart(word: string, longWord = LONG_WORD): string {
  if (word.length <= longWord) return word;
  // Never split after an f: the font's ligatures (ft, fi, ff...) drawn across the two pieces
  // lose their second letter in the PDF's text ("gesellschaf" for "gesellschaft").
  const tail = /f*[\p{L}\p{N}][\p{M}]*[^\p{L}\p{N}]*$/u.exec(word)?.[0] ?? word;
  return tail.length < word.length ? tail : word;
}

/**
 * The emphasis that ends right before `children[i]`, when it holds plain text only and ends
 * with a word: [index of its open token, its text token]. Of a long word, only its last letter
 * is glued (gluedPart), as in plain text.
 */
function emphasisBefore(children: Token[], i: number): [number, Token] | null {
  const closeToken = children[i - 1];
  if (i < 3 || (closeToken.type !== "em_close" && closeToken.type !== "strong_close" && closeToken.type !== "s_close")) return null;
  const text = children[i - 2];
  const openToken = children[i - 3];
  if (text.type !== "text" || openToken.type !== closeToken.type.replace("_close", "_open")) return null;
  return /\S$/.test(text.content) ? [i - 3, text] : null;
}

/**
 * Where a one-word link or piece of code that ends right before `children[i]` begins, when
 * it can be glued whole (at most LONG_WORD letters, no space), or null.
 */
function wholeBefore(children: Token[], i: number): number | null {
  const single = (text: string) => text.length > 0 && text.length <= LONG_WORD && !/\s/.test(text);
  const before = children[i - 1];
  if (before.type === "code_inline") return single(before.content) ? i - 1 : null;
  if (before.type === "link_close" && i >= 3 && children[i - 3].type === "link_open" && children[i - 2].type === "text") {
    return single(children[i - 2].content) ? i - 3 : null;
  }
  return null;
}

function glueCallsToWords(state: StateCore): void {
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type !== "inline" || !token.children) continue;
      const children = token.children;
      for (let i = children.length - 1; i > 0; i--) {
        if (children[i].type !== "footnote_ref") continue;
        // `**word**` leaves an empty text token (its delimiter run) before the call.
        while (i > 1 && children[i - 1].type === "text" && children[i - 1].content === "") children.splice(--i, 1);
        if (children[i - 1].type === "footnote_ref") continue;
        let end = i;
        while (end + 1 < children.length && children[end + 1].type === "footnote_ref") end++;
        const open = new state.Token("noteref_glue_open", "span", 1);
        const close = new state.Token("noteref_glue_close", "span", -1);
        const emphasis = emphasisBefore(children, i);
        if (emphasis) {
          // [em_open, text "a b", em_close, ref] → [em_open, text "a ", em_close, glue_open,
          // em_open, text "b", em_close, ref, glue_close]; the first three go when empty.
          const [start, text] = emphasis;
          const word = gluedPart(/\S+$/.exec(text.content)![0]);
          const inner = new state.Token("text", "", 0);
          inner.content = word;
          text.content = text.content.slice(0, text.content.length - word.length);
          const reopen = Object.assign(new state.Token(children[start].type, children[start].tag, 1), { markup: children[start].markup });
          const reclose = Object.assign(new state.Token(children[i - 1].type, children[i - 1].tag, -1), { markup: children[i - 1].markup });
          children.splice(end + 1, 0, close);
          children.splice(i, 0, open, reopen, inner, reclose);
          if (text.content === "") children.splice(start, 3);
          continue;
        }
        const whole = wholeBefore(children, i);
        if (whole !== null) {
          children.splice(end + 1, 0, close);
          children.splice(whole, 0, open);
          continue;
        }
        const before = children[i - 1];
        const word = before.type === "text" ? /\S+$/.exec(before.content) : null;
        if (!word) continue;
        const glued = gluedPart(word[0]);
        const text = new state.Token("text", "", 0);
        text.content = glued;
        before.content = before.content.slice(0, before.content.length - glued.length);
        children.splice(end + 1, 0, close);
        children.splice(i, 0, open, text);
        if (before.content === "") children.splice(i - 1, 1);
      }
    }
  };
  walk(state.tokens);
}

/* ------------------------------------------------------------------------------------ */
/* Definitions and validation                                                            */

function footnotesOf(state: StateCore): FootnoteEnvState {
  return (state.env.footnotes ?? {}) as FootnoteEnvState;
}

/** Definition lines come from the body's first block token, or from the source text. */
function collectDefinitions(state: StateCore): Definition[] {
  const definitions: Definition[] = [];
  const lines = state.src.split("\n");
  const seen = new Map<string, number>();
  const tokens = state.tokens;
  // Definitions nest when one starts on another's first line (`[^1]:[^2]: baz`): each is
  // recorded; the inner one names the outer.
  const open: Array<{ label: string; nth: number; empty: boolean; firstMap: [number, number] | null }> = [];
  const close = () => {
    const d = open.pop()!;
    const line = d.firstMap ? d.firstMap[0] + 1 : findDefinitionLine(lines, d.label, d.nth);
    const outer = open.at(-1);
    definitions.push({ label: d.label, line, empty: d.empty, depth: open.length, ...(outer ? { inside: outer.label } : {}) });
  };
  for (const token of tokens) {
    if (token.type === "footnote_reference_open") {
      const label = token.meta?.label as string;
      const nth = seen.get(label) ?? 0;
      seen.set(label, nth + 1);
      open.push({ label, nth, empty: true, firstMap: null });
    } else if (token.type === "footnote_reference_close") {
      if (open.length) close();
    } else {
      const current = open.at(-1);
      if (!current) continue;
      if (!current.firstMap && token.map) current.firstMap = token.map as [number, number];
      if (token.type !== "paragraph_open" && token.type !== "paragraph_close") {
        if (token.type !== "inline" || token.content.trim() !== "") current.empty = false;
      }
    }
  }
  while (open.length) close();
  // Inner definitions were closed first: back to source order.
  return definitions.sort((a, b) => a.line - b.line || a.depth - b.depth);
}

function findDefinitionLine(lines: string[], label: string, nth: number): number {
  // At the start of a line, also after other definitions begun on it (`[^1]:[^2]:`).
  const marker = new RegExp(`^\\s*(?:\\[\\^[^\\]\\s]+\\]:\\s*)*\\[\\^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\]:`);
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    if (marker.test(lines[i])) {
      if (found === nth) return i + 1;
      found++;
    }
  }
  return 1;
}

interface CallSite {
  label: string;
  line: number;
  token?: Token;
}

/** Every resolved call (footnote_ref) and every unresolved `[^label]` left as text. */
function collectCalls(state: StateCore): { resolved: CallSite[]; unresolved: CallSite[] } {
  const resolved: CallSite[] = [];
  const unresolved: CallSite[] = [];
  const visit = (inline: Token, baseLine: number) => {
    const content = inline.content;
    let searchFrom = 0;
    const lineAt = (needle: string): number => {
      const at = content.indexOf(needle, searchFrom);
      if (at < 0) return baseLine;
      searchFrom = at + needle.length;
      return baseLine + countNewlines(content, at);
    };
    // An image's description (a figure's caption) holds inline tokens of its own.
    const flat = (children: Token[]): Token[] => children.flatMap((c) => (c.type === "image" ? [c, ...flat(c.children ?? [])] : [c]));
    for (const child of flat(inline.children ?? [])) {
      if (child.type === "footnote_ref") {
        const label = child.meta?.label as string | undefined;
        if (label !== undefined) resolved.push({ label, line: lineAt(`[^${label}]`), token: child });
        else resolved.push({ label: "", line: lineAt("^["), token: child });
      } else if (child.type === "text") {
        for (const match of child.content.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
          unresolved.push({ label: match[1], line: lineAt(match[0]) });
        }
      }
    }
  };
  let lastLine = 1;
  for (const token of state.tokens) {
    if (token.map) lastLine = token.map[0] + 1;
    if (token.type === "inline") visit(token, token.map ? token.map[0] + 1 : lastLine);
  }
  // Inline notes (^[...]) keep their tokens on the list, outside the stream.
  for (const item of footnotesOf(state).list ?? []) {
    if (item.tokens) {
      for (const child of item.tokens) {
        if (child.type === "text") {
          for (const match of child.content.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
            unresolved.push({ label: match[1], line: lastLine });
          }
        }
      }
    }
  }
  return { resolved, unresolved };
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function validate(state: StateCore): NoteError[] {
  const errors: NoteError[] = [];
  const definitions = state.env.noteDefinitions as Definition[];
  const defined = new Map<string, Definition[]>();
  for (const d of definitions) defined.set(d.label, [...(defined.get(d.label) ?? []), d]);
  const { resolved, unresolved } = collectCalls(state);

  for (const call of unresolved) {
    const label = call.label;
    const other = isFootnoteLabel(label) ? label.slice(1) : FOOTNOTE_PREFIX + label;
    if (defined.has(other)) {
      const hint = isFootnoteLabel(label)
        ? `"[^${label}]" calls a footnote, but "${other}" is defined as an endnote ("[^${other}]: …"). Write [^${other}] to call the endnote, or rename its definition to [^${label}]: to make it a footnote.`
        : `"[^${label}]" calls an endnote, but "${label}" is defined as a footnote ("[^${other}]: …"). Write [^${other}] to call the footnote, or rename its definition to [^${label}]: to make it an endnote.`;
      errors.push({ line: call.line, message: hint });
    } else {
      errors.push({
        line: call.line,
        message: `undefined note "[^${label}]": add a definition "[^${label}]: text" or fix the label.`,
      });
    }
  }

  const sharesLine = (d: Definition) => d.inside !== undefined && defined.get(d.inside)?.some((o) => o.line === d.line);
  const outersOfSameLine = new Set(definitions.filter(sharesLine).map((d) => `${d.inside}@${d.line}`));
  for (const d of definitions.filter(sharesLine)) {
    errors.push({
      line: d.line,
      message: `the definitions of notes "[^${d.inside}]" and "[^${d.label}]" start on one line: "[^${d.inside}]:" gets no text, and the text after "[^${d.label}]:" goes to note "[^${d.label}]". Put each definition at the start of its own line, with its text after the colon.`,
    });
  }
  for (const [label, defs] of defined) {
    for (const dup of defs.slice(1)) {
      errors.push({
        line: dup.line,
        message: `duplicate definition of note "[^${label}]" (first defined on line ${defs[0].line}): keep one definition per label.`,
      });
    }
    for (const d of defs) {
      if (d.empty && !outersOfSameLine.has(`${label}@${d.line}`) && !sharesLine(d)) {
        errors.push({
          line: d.line,
          message:
            `note "[^${label}]" has an empty definition: a line that starts with "[^${label}]:" defines the note, and nothing follows it. ` +
            `If this is the note's definition, write its text after "[^${label}]:" on the same line. ` +
            `If it is a call in running text that a line break put at the start of a line, followed by a colon, join it to the end of the line before (or put a space before it), so it is not read as a definition.`,
        });
      }
    }
  }

  const refs = footnotesOf(state).refs ?? {};
  const brokenLabels = new Set(unresolved.map((c) => (isFootnoteLabel(c.label) ? c.label.slice(1) : FOOTNOTE_PREFIX + c.label)));
  for (const [label, defs] of defined) {
    if (refs[`:${label}`] === -1 && !brokenLabels.has(label)) {
      errors.push({
        line: defs[0].line,
        message: `note "[^${label}]" is defined but never called: call it with [^${label}] in the text, or delete the definition.`,
      });
    }
  }

  const footnoteCalls = new Map<string, CallSite[]>();
  for (const call of resolved) {
    if (isFootnoteLabel(call.label)) footnoteCalls.set(call.label, [...(footnoteCalls.get(call.label) ?? []), call]);
  }
  for (const [label, calls] of footnoteCalls) {
    for (const extra of calls.slice(1)) {
      errors.push({
        line: extra.line,
        message: `footnote "[^${label}]" is called more than once (first on line ${calls[0].line}): a footnote belongs to one place on the page. Use an endnote ([^${label.slice(1)}]) to cite the same source twice, or refer back to the footnote in words.`,
      });
    }
  }
  // `^[]`: an inline note with no text.
  const list = footnotesOf(state).list ?? [];
  for (const call of resolved) {
    const item = list[call.token?.meta?.id as number];
    if (call.label === "" && item && item.label === undefined && (item.content ?? "").trim() === "") {
      errors.push({ line: call.line, message: 'an inline note "^[]" has no text: write the note between the brackets, ^[like this], or delete it.' });
    }
  }
  errors.push(...labelsWithSpaces(state));
  return errors.sort((a, b) => a.line - b.line);
}

/**
 * `[^ foo]` or `[^foo bar]`: markdown-it-footnote takes no label with a space, so the text
 * stays as it is (or, with a definition, becomes a link): say so instead.
 */
function labelsWithSpaces(state: StateCore): NoteError[] {
  const errors: NoteError[] = [];
  const lines = state.src.split("\n");
  let fenced = false;
  lines.forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced || /^ {4}/.test(text)) return;
    for (const m of text.replace(/`[^`]*`/g, (c) => " ".repeat(c.length)).matchAll(/\[\^([^\]\n]*\s[^\]\n]*)\](:?)/g)) {
      const tidy = m[1].trim().replace(/\s+/g, "-");
      errors.push({
        line: i + 1,
        message: `"[^${m[1]}]" is not a note: a note label has no spaces. Write "[^${tidy}]"${m[2] ? " here and where it is called" : " here and in its definition"}.`,
      });
    }
  });
  return errors;
}


/** Headings in note bodies (endnotes and footnotes) become `note_heading` run-in lines. */
function headingsInNotesAsRunIn(state: StateCore): void {
  let depth = 0;
  for (const token of state.tokens) {
    if (token.type === "footnote_open") depth++;
    else if (token.type === "footnote_close") depth--;
    else if (depth > 0 && token.type === "heading_open") {
      token.type = "note_heading_open";
      token.tag = "p";
    } else if (depth > 0 && token.type === "heading_close") {
      token.type = "note_heading_close";
      token.tag = "p";
    }
  }
}

/* ------------------------------------------------------------------------------------ */
/* Arranging the two streams                                                             */

function arrangeStreams(state: StateCore): void {
  const list = footnotesOf(state).list;
  if (!list || list.length === 0) {
    state.env.notes = { endnotes: 0, footnotes: 0 } satisfies NotesSummary;
    return;
  }
  // Number each stream in order of first call (list order is first-call order).
  const metas: NoteMeta[] = [];
  let endnotes = 0;
  let footnotes = 0;
  list.forEach((item, id) => {
    const stream: NoteStream = isFootnoteLabel(item.label) ? "footnote" : "endnote";
    const number = stream === "footnote" ? ++footnotes : ++endnotes;
    metas[id] = {
      id,
      label: item.label,
      stream,
      number,
      symbol: stream === "footnote" ? symbolFor(number - 1) : undefined,
      count: item.count ?? 1,
    };
  });
  state.env.notes = { endnotes, footnotes } satisfies NotesSummary;

  const annotate = (token: Token) => {
    if (token.type === "footnote_ref" || token.type === "footnote_anchor" || token.type === "footnote_open") {
      const base = metas[token.meta?.id as number];
      token.meta = { ...base, subId: (token.meta?.subId as number | undefined) ?? 0 } as Token["meta"];
    }
  };
  const annotateAll = (token: Token) => {
    annotate(token);
    for (const child of token.children ?? []) annotateAll(child); // an image's caption too
  };
  for (const token of state.tokens) annotateAll(token);
  for (const item of list) for (const child of item.tokens ?? []) annotate(child);

  // Cut the footnote items out of the end block; give every close token its meta.
  const tokens = state.tokens;
  const blockStart = tokens.findIndex((t) => t.type === "footnote_block_open");
  const items = new Map<number, Token[]>();
  const kept: Token[] = tokens.slice(0, blockStart + 1);
  let current: Token[] | null = null;
  let currentMeta: NoteMeta | null = null;
  for (let i = blockStart + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === "footnote_open") {
      currentMeta = metaOf(token);
      current = currentMeta.stream === "footnote" ? [] : null;
    }
    if (token.type === "footnote_close" && currentMeta) token.meta = currentMeta as unknown as Token["meta"];
    if (current) current.push(token);
    else kept.push(token);
    if (token.type === "footnote_close") {
      if (current && currentMeta) items.set(currentMeta.id, current);
      current = null;
      currentMeta = null;
    }
  }
  let stream = kept;
  if (endnotes === 0) {
    stream = kept.filter((t) => t.type !== "footnote_block_open" && t.type !== "footnote_block_close");
  }

  // Put each footnote's marker at the start of its body.
  for (const itemTokens of items.values()) addMarker(state, itemTokens);

  // Place each footnote after the top-level block that calls it, in call order.
  for (const [id, itemTokens] of [...items.entries()].sort((a, b) => a[0] - b[0])) {
    stream = insertAfterCallingBlock(stream, id, itemTokens);
  }
  state.tokens = stream;
}

function addMarker(state: StateCore, itemTokens: Token[]): void {
  const open = itemTokens[0];
  const marker = new state.Token("footnote_marker", "", 0);
  marker.meta = open.meta;
  const first = itemTokens[1];
  const inline = itemTokens[2];
  if (first?.type === "paragraph_open" && inline?.type === "inline") {
    inline.children = [marker, ...(inline.children ?? [])];
  } else {
    // Body starts with a list or another block: the marker gets a paragraph of its own.
    const p = new state.Token("paragraph_open", "p", 1);
    const holder = new state.Token("inline", "", 0);
    holder.children = [marker];
    holder.content = "";
    const pc = new state.Token("paragraph_close", "p", -1);
    itemTokens.splice(1, 0, p, holder, pc);
  }
}

function callsNote(token: Token, id: number): boolean {
  return (token.children ?? []).some((c) => c.type === "footnote_ref" && c.meta?.id === id);
}

function insertAfterCallingBlock(stream: Token[], id: number, itemTokens: Token[]): Token[] {
  const at = stream.findIndex((t) => t.type === "inline" && callsNote(t, id));
  if (at < 0) return [...stream, ...itemTokens]; // called from an inline note: keep it, never lose it
  // Inside a note body (endnote or another footnote): stay inside that note.
  let depth = 0;
  for (let i = at; i < stream.length; i++) {
    const t = stream[i];
    if (t.type === "footnote_open") depth++;
    if (t.type === "footnote_close") {
      if (depth === 0) return [...stream.slice(0, i), ...itemTokens, ...stream.slice(i)];
      depth--;
    }
    if (t.type === "footnote_block_open") break;
  }
  // Otherwise: after the enclosing top-level block, and after footnotes already placed there
  // (so several footnotes of one paragraph keep their call order).
  for (let i = at + 1; i < stream.length; i++) {
    const t = stream[i];
    if (t.nesting === -1 && t.level === 0) {
      let end = i + 1;
      while (stream[end]?.type === "footnote_open") {
        while (stream[end].type !== "footnote_close") end++;
        end++;
      }
      return [...stream.slice(0, end), ...itemTokens, ...stream.slice(end)];
    }
  }
  return [...stream, ...itemTokens];
}

