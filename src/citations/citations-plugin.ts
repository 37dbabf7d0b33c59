/**
 * Citations as notes: a markdown-it plugin that reads pandoc's `[@key]` syntax and formats
 * it with the brief's CSL style (see context.ts).
 *
 * - Note styles (Chicago notes, the default): a citation in the running text becomes a note
 *   of its own, in the endnote stream (numbered with the hand-written endnotes) or, with
 *   `citations: footnotes`, in the footnote stream. It is an inline note (`^[…]`) as far as
 *   markdown-it-footnote and the notes plugin are concerned, so numbering, back-links and
 *   placement are theirs. A citation inside a hand-written note is formatted in place.
 * - In-text styles (APA): the citation is formatted in place, "(Smith 2016, 33)".
 * - Narrative `@key says`: the author's name in the text, the citation in a note (note
 *   styles) or "Smith (2016)" (in-text styles).
 * - The works cited follow the notes, under "Bibliography" (or the style's and language's
 *   equivalent) when the style defines a bibliography.
 *
 * Must be used after the notes plugin (it relies on markdown-it-footnote's rules and state).
 * Problems are values on `env.citationErrors` / `env.citationWarnings` (lines relative to
 * the Markdown source, like `env.noteErrors`); nothing is thrown here.
 */
import path from "node:path";
import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";
import { briefFileFor, loadCitationContext, type CitationContext, type CitationProblem, type CitationSettings } from "./context.ts";
import { closestKeys } from "./closest-keys.ts";
import type { CslItem } from "./bibliography.ts";
import { rememberCitedWorks } from "./metadata.ts";
import { parseBracketedCitation, parseNarrativeCitation, type CiteItem } from "./syntax.ts";

/** One citation as written: its items, where it is, and the tokens that will show it. */
interface Cluster {
  items: CiteItem[];
  narrative: boolean;
  /** The source text, shown as written when the citation cannot be formatted. */
  raw: string;
  /** 1-based line in the Markdown source. */
  line: number;
  /** Parse order, for sorting. */
  seq: number;
  /** Note-list id of the note the citation is in or stands for; undefined in the running text. */
  noteId?: number;
  /** Label of the hand-written (block) note the citation is in. */
  inNoteLabel?: string;
  /** Token that shows the citation in place (in-text, inside a note, or a narrative author). */
  inPlace?: Token;
  /** The tokens `inPlace` is among (the text after it may take the style's punctuation). */
  siblings?: Token[];
  /** Body tokens of the note the citation became. */
  noteBody?: Token[];
}

interface Run {
  context?: CitationContext;
  clusters: Cluster[];
  /** Label of the block note whose text is being parsed. */
  noteLabel?: string;
  /** Inline notes (^[…]) being parsed: the id each will get. */
  inlineNotes: number[];
  /** First line of the inline token being parsed. */
  line: number;
}

const RUN = Symbol("citations");

interface FootnoteList {
  list?: Array<{ content?: string; tokens?: Token[]; label?: string; count?: number }>;
  refs?: Record<string, number>;
}

/** Front matter fields as Eleventy passes them (page data) or the loader does. */
function settingsOf(env: Record<string, unknown>): CitationSettings {
  return {
    bibliography: typeof env.bibliography === "string" ? env.bibliography : undefined,
    csl: typeof env.csl === "string" ? env.csl : undefined,
    citations: env.citations === "footnotes" ? "footnotes" : "endnotes",
    bibliography_title: typeof env.bibliography_title === "string" || env.bibliography_title === false ? env.bibliography_title : undefined,
    lang: typeof env.lang === "string" ? env.lang : undefined,
  };
}

function briefFileOf(env: Record<string, unknown>): string | undefined {
  const input = (env.page as { inputPath?: unknown } | undefined)?.inputPath;
  return briefFileFor(typeof env.docId === "string" ? env.docId : undefined, typeof input === "string" ? input : undefined);
}

function docPrefix(env: Record<string, unknown>, before: string): string {
  return typeof env.docId === "string" && env.docId !== "" ? `${before}${env.docId}` : "";
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export default function citationsPlugin(md: MarkdownIt): void {
  // Load the brief's bibliography and style before the text is parsed.
  md.core.ruler.before("inline", "citations_setup", (state) => {
    const env = state.env as Record<string | symbol, unknown>;
    const errors: CitationProblem[] = [];
    env.citationErrors = errors;
    env.citationWarnings = [];
    env.citedItems = [];
    if (typeof env.docId === "string") rememberCitedWorks(env.docId, []);
    const file = briefFileOf(env);
    const settings = settingsOf(env);
    let context: CitationContext | undefined;
    if (file && settings.bibliography) {
      const loaded = loadCitationContext(file, settings);
      context = loaded.context;
      errors.push(...loaded.problems);
      env.citationFiles = context?.files ?? loaded.files ?? [];
    }
    env[RUN] = { context, clusters: [], inlineNotes: [], line: 1 } satisfies Run;
  });

  // markdown-it's own "inline" core rule, which also tells the citation rules whether the
  // text being parsed belongs to a hand-written note (and to which).
  md.core.ruler.at("inline", (state) => {
    const run = state.env[RUN] as Run | undefined;
    let label: string | undefined;
    for (const token of state.tokens) {
      if (token.type === "footnote_reference_open") label = token.meta?.label as string;
      else if (token.type === "footnote_reference_close") label = undefined;
      else if (token.type === "inline") {
        if (run) {
          run.noteLabel = label;
          if (token.map) run.line = token.map[0] + 1;
        }
        state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
      }
    }
  });

  // An inline note (^[…]) parses its text before it takes its id: remember the id it will take.
  const inlineRules = (md.inline.ruler as unknown as { __rules__: Array<{ name: string; fn: (s: StateInline, silent: boolean) => boolean }> }).__rules__;
  const inlineNote = inlineRules.find((r) => r.name === "footnote_inline");
  if (!inlineNote) throw new TypeError("citationsPlugin: use the notes plugin (markdown-it-footnote) first");
  const footnoteInline = inlineNote.fn;
  md.inline.ruler.at("footnote_inline", (state, silent) => {
    const run = state.env[RUN] as Run | undefined;
    if (!run || silent) return footnoteInline(state, silent);
    run.inlineNotes.push(((state.env.footnotes as FootnoteList | undefined)?.list ?? []).length);
    try {
      return footnoteInline(state, silent);
    } finally {
      run.inlineNotes.pop();
    }
  });

  md.inline.ruler.before("link", "citation", (state, silent) => {
    const run = state.env[RUN] as Run | undefined;
    // Not inside a link's text: a note call there would be a link inside a link.
    if (!run || state.linkLevel > 0 || state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
    const parsed = parseBracketedCitation(state.src, state.pos, state.posMax, run.context?.labelTerms);
    if (!parsed) return false;
    const moved = silent ? 0 : addCluster(state, run, parsed.items, false, state.src.slice(state.pos, parsed.end), parsed.end);
    state.pos = parsed.end + moved;
    return true;
  });

  md.inline.ruler.after("link", "citation_narrative", (state, silent) => {
    const run = state.env[RUN] as Run | undefined;
    // Without a bibliography, "@name" is a handle or an address, not a citation.
    if (!run?.context || state.linkLevel > 0 || state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
    const parsed = parseNarrativeCitation(state.src, state.pos, state.posMax, run.context.labelTerms);
    if (!parsed) return false;
    const key = parsed.items[0].key;
    if (!run.context.bibliography.items.has(key) && !run.context.bibliography.sets.has(key)) {
      if (!silent) warnUnknownNarrative(state, run, key);
      return false;
    }
    const moved = silent ? 0 : addCluster(state, run, parsed.items, true, state.src.slice(state.pos, parsed.end), parsed.end);
    state.pos = parsed.end + moved;
    return true;
  });

  md.core.ruler.after("inline", "citations_format", (state) => {
    const run = state.env[RUN] as Run | undefined;
    if (run) formatClusters(state, run);
  });

  md.core.ruler.push("citations_bibliography", (state) => {
    const run = state.env[RUN] as Run | undefined;
    if (run) appendBibliography(state, run);
    delete state.env[RUN];
  });

  const rules = md.renderer.rules;
  rules.citation = (tokens, idx) => tokens[idx].content;
  rules.citations_bibliography_open = (tokens, idx, _opts, env) => {
    const doc = docPrefix((env ?? {}) as Record<string, unknown>, "-");
    return (
      `<section class="bibliography" role="doc-bibliography" aria-labelledby="bibliography-title${doc}">\n` +
      `<h2 id="bibliography-title${doc}">${md.utils.escapeHtml(tokens[idx].content)}</h2>\n<ul class="bibliography-list">\n`
    );
  };
  rules.citations_bibliography_entry = (tokens, idx) => `<li class="csl-entry">${tokens[idx].content}</li>\n`;
  rules.citations_bibliography_close = () => "</ul>\n</section>\n";
}

function lineOf(state: StateInline, run: Run): number {
  return run.line + countNewlines(state.src, state.pos);
}

/** Punctuation a note call goes after, as pandoc places it ("text [@key]." → "text.¹"). */
const NOTE_CALL_PUNCTUATION = /^[.,;:!?]+/;

/** Drops the space (or line break) written before a citation that becomes a note call. */
function trimBeforeCall(state: StateInline): void {
  state.pending = state.pending.replace(/[ \t\u00a0]+$/, "");
  if (state.pending !== "") return;
  const last = state.tokens.at(-1);
  if (last?.type === "softbreak") state.tokens.pop();
  else if (last?.type === "text") last.content = last.content.replace(/[ \t\u00a0]+$/, "");
}

/**
 * Adds a citation written at `state.pos` and ending at `end`; returns how many characters
 * after `end` it took: the punctuation a note call moves behind.
 */
function addCluster(state: StateInline, run: Run, items: CiteItem[], narrative: boolean, raw: string, end: number): number {
  const env = state.env as Record<string | symbol, unknown>;
  const cluster: Cluster = { items, narrative, raw, line: lineOf(state, run), seq: run.clusters.length };
  run.clusters.push(cluster);
  const inNote = run.noteLabel !== undefined || run.inlineNotes.length > 0;
  if (inNote) {
    cluster.inNoteLabel = run.noteLabel;
    cluster.noteId = run.inlineNotes.at(-1);
  }
  const asNote = run.context?.style.kind === "note" && !inNote;
  // A note call sits right after the word or the punctuation before which the citation is written.
  if (asNote && !narrative) trimBeforeCall(state);
  if (!asNote || narrative) {
    cluster.inPlace = state.push("citation", "", 0);
    cluster.inPlace.content = md_escape(raw);
    cluster.siblings = state.tokens;
  }
  if (!asNote) return 0;
  const punctuation = NOTE_CALL_PUNCTUATION.exec(state.src.slice(end, state.posMax))?.[0] ?? "";
  state.pending += punctuation;
  // The citation becomes a note of its own: an inline note to markdown-it-footnote.
  const footnotes = (env.footnotes ??= {}) as FootnoteList;
  const list = (footnotes.list ??= []);
  const id = list.length;
  const body = new state.Token("html_inline", "", 0);
  body.content = md_escape(raw);
  cluster.noteBody = [body];
  cluster.noteId = id;
  list[id] = { content: raw, tokens: cluster.noteBody };
  if (run.context?.stream === "footnote") {
    // A label no author can write (it has a space) that puts the note in the footnote stream.
    list[id].label = `*citation ${id + 1}`;
    list[id].count = 1;
  }
  const ref = state.push("footnote_ref", "", 0);
  ref.meta = { id, ...(list[id].label ? { label: list[id].label } : {}) };
  return punctuation.length;
}

function md_escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function warnUnknownNarrative(state: StateInline, run: Run, key: string): void {
  const keys = [...(run.context?.bibliography.items.keys() ?? [])];
  const close = closestKeys(key, keys, 2);
  if (close.length === 0) return; // a handle or a name, not a mistyped key
  (state.env.citationWarnings as CitationProblem[]).push({
    line: lineOf(state, run),
    message: `"@${key}" is published as written: it is not a key of the bibliography (did you mean ${close.map((k) => `@${k}`).join(" or ")}?)`,
  });
}

/**
 * citeproc-js stopped on data it cannot cite (checks before it let nothing through that is
 * known to stop it; this is the net under them): name the entry, at its line in the
 * bibliography, found by citing each work alone.
 */
function citeFailure(context: CitationContext, clusters: Cluster[], thrown: unknown): CitationProblem {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const keys = [...new Set(clusters.flatMap((c) => c.items.map((i) => i.key)))];
  const culprit = keys.find((key) => {
    try {
      context.engine.cite([{ items: [{ key, prefix: "", suffix: "", suppressAuthor: false }], noteIndex: 1 }]);
      return false;
    } catch {
      return true;
    }
  });
  const { file, lines } = context.bibliography;
  if (culprit) return { file, line: lines.get(culprit) ?? 1, message: `entry "${culprit}": ${message}` };
  return { line: clusters[0]?.line ?? 1, message };
}

/** A BibLaTeX set's members in its place: the prefix before the first, the locator and suffix after the last. */
function expandSet(item: CiteItem, sets: Map<string, string[]>): CiteItem[] {
  const members = sets.get(item.key);
  if (!members) return [item];
  return members.map((key, i) => ({
    ...item,
    key,
    prefix: i === 0 ? item.prefix : "",
    locator: i === members.length - 1 ? item.locator : undefined,
    label: i === members.length - 1 ? item.label : undefined,
    suffix: i === members.length - 1 ? item.suffix : "",
  }));
}

/** Note order: a citation stands in (or is inside) a note; its number is the note's place in the list. */
function noteIndexOf(cluster: Cluster, refs: Record<string, number>): number {
  if (cluster.inNoteLabel !== undefined) {
    const id = refs[`:${cluster.inNoteLabel}`];
    return typeof id === "number" && id >= 0 ? id + 1 : Number.MAX_SAFE_INTEGER;
  }
  return cluster.noteId !== undefined ? cluster.noteId + 1 : 0;
}

function formatClusters(state: StateCore, run: Run): void {
  const env = state.env as Record<string, unknown>;
  const errors = env.citationErrors as CitationProblem[];
  const context = run.context;
  if (run.clusters.length === 0) return;
  if (!context) {
    // A citation without a bibliography is published as written, with a warning (or the
    // errors about the bibliography itself, when it could not be read).
    if (errors.length === 0) {
      const first = run.clusters[0];
      (env.citationWarnings as CitationProblem[]).push({
        line: first.line,
        message: `${first.raw} looks like a citation, but the brief has no bibliography: add "bibliography: references.bib" to the front matter, or write \\[@ to publish it as written`,
      });
    }
    return;
  }
  const { items, sets } = context.bibliography;
  const known = [...items.keys(), ...sets.keys()];
  const usable: Cluster[] = [];
  for (const cluster of run.clusters) {
    if (sets.size > 0) cluster.items = cluster.items.flatMap((item) => expandSet(item, sets));
    const unknown = cluster.items.filter((item) => !items.has(item.key));
    for (const item of unknown) {
      const close = closestKeys(item.key, known, 3);
      errors.push({
        line: cluster.line,
        message: `unknown citation key "@${item.key}" (not in ${path.basename(context.bibliography.file)})${close.length ? `: did you mean ${close.map((k) => `@${k}`).join(", ")}?` : ""}`,
      });
    }
    if (unknown.length === 0) usable.push(cluster);
  }
  const refs = ((env.footnotes as FootnoteList | undefined)?.refs ?? {}) as Record<string, number>;
  const inText = context.style.kind === "in-text";
  // Citations reach the processor in reading order of the notes they are in.
  const ordered = usable
    .map((cluster) => ({ cluster, noteIndex: inText ? 0 : noteIndexOf(cluster, refs) }))
    .sort((a, b) => (inText ? a.cluster.seq - b.cluster.seq : a.noteIndex - b.noteIndex || a.cluster.seq - b.cluster.seq));
  let html: string[];
  try {
    html = context.engine.cite(
      ordered.map(({ cluster, noteIndex }) => ({
        items: cluster.narrative && inText ? cluster.items.map((i) => ({ ...i, suppressAuthor: true })) : cluster.items,
        noteIndex,
      })),
    );
  } catch (thrown) {
    errors.push(citeFailure(context, ordered.map((o) => o.cluster), thrown));
    return;
  }
  ordered.forEach(({ cluster }, i) => {
    const text = html[i] ?? md_escape(cluster.raw);
    if (cluster.narrative && cluster.inPlace && (cluster.noteBody || inText)) {
      // "Zadie Smith" in the text and the citation in the note, or "Smith (2016, 33)".
      const author = context.engine.authorOnly(cluster.items[0].key);
      cluster.inPlace.content = cluster.noteBody ? author : `${author} ${text}`;
    } else if (cluster.inPlace) {
      // In the author's sentence (inside a note): the sentence's own punctuation ends it.
      cluster.inPlace.content = endInSentence(text, cluster.siblings?.[cluster.siblings.indexOf(cluster.inPlace) + 1]);
    }
    // A note of its own starts a sentence ("see Smith" → "See Smith").
    if (cluster.noteBody) cluster.noteBody[0].content = capitalizeFirst(text);
  });
  const cited = new Set(usable.flatMap((c) => c.items.map((i) => i.key)));
  env.citedItems = [...cited].map((key) => items.get(key)).filter((item): item is CslItem => item !== undefined);
  if (typeof env.docId === "string") rememberCitedWorks(env.docId, env.citedItems as CslItem[]);
}

/** The style's closing period, before any closing tags ("…privacy/</a>." → "…privacy/</a>"). */
export function dropFinalPeriod(html: string): string {
  return html.replace(/\.((?:<\/[a-z]+>)*)$/, "$1");
}

/**
 * A citation ending mid-sentence, where the author's text goes on. The style's closing period
 * goes; where the style put it inside closing quotation marks (American usage, the locale's
 * punctuation-in-quote), the comma or period the author wrote next goes inside them instead:
 * "…“Update on Sony Investigation.”" then ", and" gives "…“Update on Sony Investigation,” and".
 */
export function endInSentence(html: string, next?: Token): string {
  const quoted = /\.([”’])((?:<\/[a-z]+>)*)$/.exec(html);
  if (!quoted) return dropFinalPeriod(html);
  const head = html.slice(0, quoted.index);
  const mark = next?.type === "text" ? /^[.,]/.exec(next.content)?.[0] : undefined;
  if (mark && next) next.content = next.content.slice(1);
  return `${head}${mark ?? ""}${quoted[1]}${quoted[2]}`;
}

/** First letter of the text (outside tags and entities) in upper case. */
export function capitalizeFirst(html: string): string {
  return html.replace(/^((?:<[^>]*>)*)(\p{Ll})/u, (_m, tags: string, letter: string) => tags + letter.toUpperCase());
}

function appendBibliography(state: StateCore, run: Run): void {
  const context = run.context;
  const cited = state.env.citedItems as CslItem[];
  if (!context?.bibliographyTitle || cited.length === 0) return;
  const entries = context.engine.bibliography();
  warnUnlisted(state, run, cited, new Set(entries.flatMap((e) => e.keys)));
  if (entries.length === 0) return;
  const open = new state.Token("citations_bibliography_open", "section", 1);
  open.content = context.bibliographyTitle;
  open.block = true;
  state.tokens.push(open);
  for (const { html } of entries) {
    const entry = new state.Token("citations_bibliography_entry", "li", 0);
    // citeproc wraps each entry in <div class="csl-entry">: the list item is the entry.
    entry.content = html.replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "");
    entry.block = true;
    state.tokens.push(entry);
  }
  const close = new state.Token("citations_bibliography_close", "section", -1);
  close.block = true;
  state.tokens.push(close);
}

/**
 * A work cited in the notes that the style leaves out of the list of works cited is said, at
 * its first citation: Chicago lists no unpublished interview or personal communication a reader
 * cannot consult (one without an archive, publisher, URL or the like).
 */
function warnUnlisted(state: StateCore, run: Run, cited: CslItem[], listed: Set<string>): void {
  const context = run.context!;
  for (const item of cited) {
    if (listed.has(item.id)) continue;
    const first = run.clusters.filter((c) => c.items.some((i) => i.key === item.id)).sort((a, b) => a.line - b.line)[0];
    const personal = (item.type === "interview" || item.type === "personal_communication") && /chicago/i.test(context.style.title);
    (state.env.citationWarnings as CitationProblem[]).push({
      line: first?.line ?? 1,
      message:
        `"@${item.id}" is cited but not listed under "${context.bibliographyTitle}": ` +
        (personal
          ? "Chicago lists an interview or personal communication only when a reader can consult it (give its archive, publisher or URL)"
          : `the style "${context.style.title}" lists no entry for it`),
    });
  }
}
