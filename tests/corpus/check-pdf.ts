/**
 * Layout invariants read from the PDF alone (poppler's `pdftotext -bbox-layout`), against
 * what the generator knows the brief says. Independent of the renderer's own checks: nothing
 * here reads the HTML, Paged.js or briefpress's reports.
 *
 * | invariant      | what must hold |
 * | -------------- | -------------- |
 * | `words`        | every word of the running text and the Notes list, in order, nothing lost, nothing doubled |
 * | `footnote-words` | every footnote's words, in order of the calls, nothing lost or doubled |
 * | `soft-hyphens` | no U+00AD in the PDF's text |
 * | `footnote-page`| each footnote begins at the foot of its call's page, below the running text, with at least two lines there when it continues |
 * | `symbols`      | footnote symbols restart at * on every page, markers match calls, endnote numbers right |
 * | `glued-calls`  | a call sits right after its word: never at the start of a line or after a space |
 * | `split-words`  | an ordinary word of the running text broken at a line or page end ends that part with a hyphen |
 * | `stretched`    | no justified line with a word gap beyond the justification limit |
 * | `fill`         | pages at least 60% full, except the last and a page before a heading |
 *
 * How the page is read: the running head and page number lie outside the page's content
 * area; footnote lines are told apart by their type size (8.5 pt: word boxes 11.65 pt high,
 * the running text's 11 pt ones 15.07 pt); a note call is a raised, smaller word (call
 * marks only) right after its word.
 */
import type { ExpectedBrief, ExpectedCall, ExpectedWord } from "./generate.ts";
import { contentAreaOf, readPdfLayout, readPdfText, type ContentArea, type PdfLine, type PdfPage, type PdfWord } from "./pdf-layout.ts";

export type Invariant = "build" | "words" | "footnote-words" | "soft-hyphens" | "footnote-page" | "symbols" | "glued-calls" | "split-words" | "stretched" | "fill";

export const INVARIANTS: Invariant[] = ["build", "words", "footnote-words", "soft-hyphens", "footnote-page", "symbols", "glued-calls", "split-words", "stretched", "fill"];

export interface Failure {
  invariant: Invariant;
  /** 1-based PDF page, or 0 when the failure is not on one page. */
  page: number;
  detail: string;
}

/** Limits, calibrated on content/china-sony-attack.md (which looks right). */
export interface CheckOptions {
  /**
   * A word gap wider than this many times the usual gap is stretched. The usual gap is the
   * median word gap of the first brief's justified lines: 3.38 pt at 11 pt (0.307 em); its
   * widest is 6.9 pt (0.63 em). @default 3
   */
  maxGapRatio?: number;
  /** Least share of the content area a page must use. @default 0.6 */
  minFill?: number;
  /** At most this many failures per invariant are reported (the count is still given). @default 8 */
  maxPerInvariant?: number;
}

/** Source Serif 4: a word box is 1.3705 times the font size high. */
const BOX_PER_PT = 1.3705;
const FOOTNOTE_PT = 8.5;
const CALL_MARKS = /^[\d,*†‡§‖¶]+$/;
const SYMBOL_CHARS = /^[*†‡§‖¶]+/;
/** A footnote marker and nothing else ("*", "††"). */
const isMarker = (text: string): boolean => SYMBOL_CHARS.test(text) && text.replace(SYMBOL_CHARS, "") === "";
const FOOTNOTE_SYMBOLS = ["*", "†", "‡", "§", "‖", "¶"];
const BULLETS = new Set(["•", "◦", "▪", "‣", "·"]);
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** Median word gap of justified lines in content/china-sony-attack.md, in em. */
export const USUAL_GAP_EM = 3.38 / 11;
/**
 * Widest gap between a word and its call (or within a call group) that still reads as glued.
 * In the first brief a call in Source Serif ("*", digits) touches its word (0.0 pt); one in
 * the note-symbols font ("†") sits 1.4 pt from it. A space is at least 2.2 pt.
 */
const MAX_CALL_GAP = 2;
const LINE_END_HYPHEN = /[-\u2010\u2011]$/;
/** Characters a part of a note shorter than four words must hold to be recognized (a URL is enough). */
const MIN_SHORT_PART = 24;

export function footnoteSymbol(index: number): string {
  return FOOTNOTE_SYMBOLS[index % 6].repeat(Math.floor(index / 6) + 1);
}

/** A word of the PDF in reading order, with the call marks printed right after it. */
interface Token {
  text: string;
  page: number;
  line: PdfLine;
  word: PdfWord;
  /** Last word of its line (a hyphenated or broken word may continue on the next line). */
  lineEnd: boolean;
  lineStart: boolean;
  /** First word after "(continued)": it begins the rest of a note, never goes on the part before it. */
  continues?: boolean;
  /** Call marks printed after this word ("4,*"), if any. */
  calls?: string;
  /** The call marks were not glued to the word. */
  callDetached?: string;
  /** Page where the call marks are printed (a detached call may be on the next page). */
  callPage?: number;
  /** Right edge including the call marks. */
  xRight: number;
}

function isFootnoteLine(line: PdfLine): boolean {
  return Math.abs(line.height / BOX_PER_PT - FOOTNOTE_PT) < 0.25;
}

function isRaised(word: PdfWord, line: PdfLine): boolean {
  return word.yMax - word.yMin < 0.8 * line.height;
}

function clean(text: string): string {
  return typeset(text.replace(/\u00ad/g, "").normalize("NFC"));
}

/**
 * A word as it is typeset (src/markdown/typography.ts): the source's "--", "---" and "..."
 * are printed as – — …, and its straight quotes as the language's marks, so quotation marks
 * of any kind compare as straight ones (on both sides: the words must still match).
 */
export function typeset(text: string): string {
  return text
    .replace(/---/g, "\u2014")
    .replace(/--/g, "\u2013")
    .replace(/\.\.\./g, "\u2026")
    .replace(/[“”„‟«»‹›「」『』"]/g, '"')
    .replace(/[‘’‚‛']/g, "'")
    .replace(/[\u00a0\u202f]/g, "");
}

interface PageParts {
  page: PdfPage;
  area: ContentArea;
  body: PdfLine[];
  foot: PdfLine[];
}

function splitPage(page: PdfPage): PageParts {
  const area = contentAreaOf(page);
  const inside = page.lines.filter((l) => l.yMax > area.top && l.yMin < area.bottom);
  return { page, area, body: inside.filter((l) => !isFootnoteLine(l)), foot: inside.filter(isFootnoteLine) };
}

/** Words of lines as tokens; raised call marks are attached to the word before them. */
/** What print.css prints before the rest of a footnote continued from an earlier page. */
const CONTINUED = "(continued)";

function tokensOf(lines: PdfLine[], opts: { footnoteArea: boolean }): Token[] {
  const out: Token[] = [];
  for (const line of lines) {
    const words = line.words;
    words.forEach((word, i) => {
      const text = word.text;
      const prev = out[out.length - 1];
      if (!opts.footnoteArea && isRaised(word, line) && CALL_MARKS.test(text)) {
        if (prev) {
          const gap = word.xMin - prev.xRight;
          const detached =
            i === 0 || prev.line !== line
              ? "starts a line"
              : gap <= MAX_CALL_GAP
                ? undefined
                : prev.calls
                  ? `is split: ${gap.toFixed(1)} pt between "${prev.calls}" and "${text}"`
                  : `is ${gap.toFixed(1)} pt after its word`;
          prev.calls = (prev.calls ?? "") + text;
          prev.callPage ??= line.page;
          if (detached) prev.callDetached = detached;
          prev.xRight = Math.max(prev.xRight, word.xMax);
          if (i === words.length - 1) prev.lineEnd = true;
          return;
        }
      }
      if (i === 0 && !opts.footnoteArea && BULLETS.has(text)) return; // list bullets
      if (i === 0 && opts.footnoteArea && text === CONTINUED) return; // print.css marks a continued note: the next word starts the line
      const lineStart = i === 0 || (i === 1 && opts.footnoteArea && words[0].text === CONTINUED);
      const token: Token = { text, page: line.page, line, word, lineEnd: i === words.length - 1, lineStart, xRight: word.xMax };
      if (i === 1 && opts.footnoteArea && words[0].text === CONTINUED) token.continues = true;
      if (opts.footnoteArea && i === 0) {
        // A marker glued to the note's first word: split it off.
        const m = SYMBOL_CHARS.exec(text);
        if (m && m[0] !== text) {
          out.push({ ...token, text: m[0], lineEnd: false, xRight: word.xMin });
          out.push({ ...token, text: text.slice(m[0].length), lineStart: false });
          return;
        }
      }
      out.push(token);
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Alignment of expected words with the PDF's tokens

interface Wanted {
  text: string;
  /** Any footnote symbol matches (a footnote marker whose call was not found). */
  anySymbol?: boolean;
}

/** How many tokens from `j` spell `want` (joining words broken at line ends), or 0. */
function matchAt(want: Wanted, tokens: Token[], j: number): number {
  if (j >= tokens.length) return 0;
  const w = typeset(want.text.normalize("NFC"));
  let acc = clean(tokens[j].text);
  if (want.anySymbol) return isMarker(acc) ? 1 : 0;
  let k = 1;
  for (;;) {
    if (acc === w) return k;
    const last = tokens[j + k - 1];
    const next = tokens[j + k];
    if (!next) return 0;
    const hyphenated = LINE_END_HYPHEN.test(acc) && w.startsWith(acc.slice(0, -1)) && !w.startsWith(acc);
    if (!hyphenated && !(w.startsWith(acc) && acc.length < w.length)) return 0;
    if (last.calls) return 0; // a call inside a word
    const joinable = last.lineEnd || (next.line === last.line && next.word.xMin - last.xRight < 1) || (CJK.test(acc) && CJK.test(next.text));
    if (!joinable) return 0;
    acc = (hyphenated ? acc.slice(0, -1) : acc) + clean(next.text);
    k++;
  }
}

interface Alignment {
  /** For each expected index, the index of its last token, or -1 when not found. */
  tokenOf: number[];
  problems: Array<{ page: number; detail: string }>;
  /** Index after the last token consumed. */
  end: number;
}

function quote(words: string[], max = 8): string {
  const shown = words.slice(0, max).join(" ");
  return `"${shown.length > 90 ? shown.slice(0, 90) + "…" : shown}${words.length > max ? " …" : ""}"`;
}

/**
 * Where a replaced stretch first differs (a line break counts as a space or, inside a broken
 * word, as nothing; a hyphen before it may be a hyphenation hyphen): `; first difference:
 * "…ngs national…" printed as "…ngsnational…"`. Shows a lost space, a lost letter or a stray
 * hyphen at a glance.
 */
function firstDifference(expected: string[], tokens: Token[]): string {
  const want = expected.join(" ");
  const have = tokens.map((t) => clean(t.text) + (t.lineEnd ? "\n" : " ")).join("").trimEnd();
  let a = 0;
  let b = 0;
  while (a < want.length && b < have.length) {
    if (want[a] === have[b]) {
      a++;
      b++;
    } else if (have[b] === "\n") {
      // A line break is a space, or nothing inside a broken word.
      if (want[a] === " ") a++;
      b++;
    } else if (/[-\u2010\u2011]/.test(have[b]) && have[b + 1] === "\n") b++;
    else break;
  }
  if (a >= want.length && b >= have.length) return "";
  const around = (text: string, at: number) => `"${at > 12 ? "…" : ""}${text.slice(Math.max(0, at - 12), at + 12).replace(/\n/g, " ")}${at + 12 < text.length ? "…" : ""}"`;
  return `; first difference: ${around(want, a)} printed as ${around(have, b)}`;
}

/** Aligns expected words with tokens from `start`: strict, with a resynchronisation after each difference. */
function align(expected: Wanted[], tokens: Token[], start: number): Alignment {
  const tokenOf = new Array<number>(expected.length).fill(-1);
  const problems: Alignment["problems"] = [];
  let i = 0;
  let j = start;
  const RUN = 4;
  const runMatches = (i0: number, j0: number): boolean => {
    let jj = j0;
    for (let n = 0; n < RUN && i0 + n < expected.length; n++) {
      const k = matchAt(expected[i0 + n], tokens, jj);
      if (!k) return false;
      jj += k;
    }
    return true;
  };
  while (i < expected.length) {
    const k = matchAt(expected[i], tokens, j);
    if (k) {
      j += k;
      tokenOf[i] = j - 1;
      i++;
      continue;
    }
    // Difference: find the nearest point where a run of words matches again.
    let found: [number, number] | null = null;
    for (let d = 1; d <= 600 && !found; d++) {
      for (let di = 0; di <= d; di++) {
        const dj = d - di;
        if (i + di > expected.length || j + dj > tokens.length) continue;
        if (i + di === expected.length ? j + dj === tokens.length : runMatches(i + di, j + dj)) {
          found = [di, dj];
          break;
        }
      }
    }
    const page = tokens[Math.min(j, tokens.length - 1)]?.page ?? 0;
    const missing = expected.slice(i, i + (found ? found[0] : expected.length - i)).map((w) => w.text);
    const extra = tokens.slice(j, j + (found ? found[1] : 12)).map((t) => t.text);
    const context = tokens.slice(Math.max(0, j - 4), j).map((t) => t.text);
    if (!found) {
      problems.push({ page, detail: `from here on the text differs: expected ${quote(missing)}, the PDF has ${quote(extra)} after ${quote(context)}` });
      break;
    }
    const [di, dj] = found;
    if (dj === 0) problems.push({ page, detail: `${di} word${di === 1 ? "" : "s"} missing: ${quote(missing)} after ${quote(context)}` });
    else if (di === 0) problems.push({ page, detail: `${dj} word${dj === 1 ? "" : "s"} not in the brief: ${quote(extra)} after ${quote(context)}` });
    else problems.push({ page, detail: `expected ${quote(missing)}, the PDF has ${quote(extra)} after ${quote(context)}${firstDifference(missing, tokens.slice(j, j + dj))}` });
    i += di;
    j += dj;
  }
  return { tokenOf, problems, end: j };
}

/** A word of letters only (and the punctuation after it): not a URL, a number or CJK. */
const ORDINARY_WORD = /^[\p{L}\p{M}'’]+[\p{P}]*$/u;

/**
 * Ordinary words printed in parts on two lines (or pages) whose first part does not end with
 * a hyphen: "deterrenc" / "e". Hyphenation ends a line's part with "-"; an explicit hyphen
 * ("porte-" / "parole") does too. URLs and CJK text may break anywhere and are not counted.
 */
function splitWords(expected: Wanted[], tokens: Token[], tokenOf: number[]): Array<{ page: number; detail: string }> {
  const found: Array<{ page: number; detail: string }> = [];
  for (let i = 1; i < expected.length; i++) {
    const first = tokenOf[i - 1] + 1;
    const last = tokenOf[i];
    if (tokenOf[i - 1] < 0 || last < 0 || last === first) continue;
    const word = typeset(expected[i].text.normalize("NFC"));
    if (!ORDINARY_WORD.test(word) || CJK.test(word)) continue;
    for (let t = first; t < last; t++) {
      const part = clean(tokens[t].text);
      if (!tokens[t].lineEnd || LINE_END_HYPHEN.test(part)) continue;
      const where = tokens[t + 1].page !== tokens[t].page ? `at the foot of page ${tokens[t].page}` : "at a line end";
      found.push({ page: tokens[t].page, detail: `"${word}" is broken ${where} without a hyphen: "${part}" / "${clean(tokens[t + 1].text)}"` });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// The check

function parseCalls(marks: string): string[] {
  return marks.split(",").filter(Boolean);
}

function expectedCallText(calls: ExpectedCall[]): string {
  return calls.map((c) => (c.kind === "endnote" ? String(c.number) : "◊")).join(",");
}

/** Gaps between the words of a printed line (call marks belong to the word before them; not after a list marker). */
export function wordGaps(line: PdfLine): number[] {
  const gaps: number[] = [];
  let prevRight: number | undefined;
  let n = 0;
  let afterMarker = false;
  for (const w of line.words) {
    if (isRaised(w, line) && CALL_MARKS.test(w.text)) {
      if (prevRight !== undefined) prevRight = Math.max(prevRight, w.xMax);
      continue;
    }
    if (prevRight !== undefined && !afterMarker) gaps.push(w.xMin - prevRight);
    afterMarker = n === 0 && (BULLETS.has(w.text) || /^\d+\.$/.test(w.text));
    prevRight = w.xMax;
    n++;
  }
  return gaps;
}

/**
 * Lines of justified running text (11 pt, and the 10.5 pt quotes); lines that share a
 * baseline (pdftotext splits a widely spaced line) are joined into the printed line.
 */
export function justifiedLines(pages: PdfPage[]): PdfLine[] {
  const printed = new Map<string, PdfLine>();
  for (const p of pages.map(splitPage)) {
    for (const l of p.body) {
      const pt = l.height / BOX_PER_PT;
      if (!(Math.abs(pt - 11) < 0.3 || Math.abs(pt - 10.5) < 0.2)) continue;
      const key = `${l.page}:${Math.round(l.yMax)}`;
      const seen = printed.get(key);
      if (seen) printed.set(key, { ...seen, xMin: Math.min(seen.xMin, l.xMin), xMax: Math.max(seen.xMax, l.xMax), words: [...seen.words, ...l.words].sort((a, b) => a.xMin - b.xMin) });
      else printed.set(key, l);
    }
  }
  return [...printed.values()];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Checks one PDF against what its brief says. */
export function checkPdf(file: string, expected: ExpectedBrief, options: CheckOptions = {}): Failure[] {
  return checkLayout(readPdfLayout(file), readPdfText(file), expected, options);
}

/** The same check on an already read layout and text (for tests). */
export function checkLayout(pages: PdfPage[], plainText: string, expected: ExpectedBrief, options: CheckOptions = {}): Failure[] {
  const maxGapRatio = options.maxGapRatio ?? 3;
  const minFill = options.minFill ?? 0.6;
  const maxPer = options.maxPerInvariant ?? 8;
  const failures: Failure[] = [];
  const fail = (invariant: Invariant, page: number, detail: string) => failures.push({ invariant, page, detail });

  // (b) soft hyphens in the text layer
  const softHyphens = (plainText.match(/\u00ad/g) ?? []).length;
  if (softHyphens > 0) {
    const perPage = plainText.split("\f").map((t) => (t.match(/\u00ad/g) ?? []).length);
    const first = perPage.findIndex((n) => n > 0) + 1;
    fail("soft-hyphens", first, `${softHyphens} soft hyphens (U+00AD) in the PDF's text, on ${perPage.filter((n) => n > 0).length} pages (first on page ${first})`);
  }

  const parts = pages.map(splitPage);
  const areaName = parts[0]?.area.name;
  if (areaName && areaName !== expected.page) fail("fill", 1, `page size is ${areaName}, the brief asks for ${expected.page}`);

  // (a) running text, in order. A table's header row at the top of a page after the first is
  // the header repeated on a page the table continues on (assets/js/print-table-headers.js).
  const headers = new Set((expected.tableHeaders ?? []).map((h) => h.map(typeset).join(" ")));
  const lineText = (line: PdfLine) => line.words.map((w) => typeset(clean(w.text))).join(" ");
  const seen = new Set<string>();
  const bodyLines = parts.flatMap((p) => {
    const first = p.body[0];
    const repeated = first !== undefined && headers.has(lineText(first)) && seen.has(lineText(first));
    for (const line of p.body) if (headers.has(lineText(line))) seen.add(lineText(line));
    return repeated ? p.body.slice(1) : p.body;
  });
  const body = tokensOf(bodyLines, { footnoteArea: false });
  const wanted: Wanted[] = expected.body.map((w) => ({ text: w.text }));
  // The running text starts after the title block: at the first run of its opening words.
  let start = -1;
  for (let j = 0; j < body.length && start < 0; j++) {
    let jj = j;
    let ok = true;
    for (let n = 0; n < Math.min(4, wanted.length) && ok; n++) {
      const k = matchAt(wanted[n], body, jj);
      ok = k > 0;
      jj += k;
    }
    if (ok) start = j;
  }
  if (start < 0) {
    fail("words", 1, `the running text's first words ${quote(wanted.slice(0, 6).map((w) => w.text))} are nowhere in the PDF`);
    return failures;
  }
  const bodyAlign = align(wanted, body, start);
  for (const p of bodyAlign.problems) fail("words", p.page, p.detail);
  for (const s of splitWords(wanted, body, bodyAlign.tokenOf)) fail("split-words", s.page, s.detail);
  if (bodyAlign.end < body.length && bodyAlign.problems.length === 0) {
    const extra = body.slice(bodyAlign.end);
    fail("words", extra[0].page, `text after the end of the brief: ${quote(extra.map((t) => t.text))}`);
  }

  // Calls: endnote numbers, footnote symbols, glued to their words.
  const callPage = new Map<string, number>();
  const callSymbol = new Map<string, string>();
  const symbolsByPage = new Map<number, string[]>();
  expected.body.forEach((w: ExpectedWord, i) => {
    const t = bodyAlign.tokenOf[i];
    if (t < 0) return;
    const token = body[t];
    if (w.calls.length === 0) {
      if (token.calls) fail("symbols", token.page, `a call "${token.calls}" after "${w.text}", where the brief has none`);
      return;
    }
    if (!token.calls) {
      fail("symbols", token.page, `no call after "${w.text}" (expected ${expectedCallText(w.calls)})`);
      return;
    }
    const callOn = token.callPage ?? token.page;
    if (token.callDetached) fail("glued-calls", callOn, `call "${token.calls}" of "${w.text}" ${token.callDetached}${callOn !== token.page ? ` on page ${callOn}, its word on page ${token.page}` : ""}`);
    const printed = parseCalls(token.calls);
    if (printed.length !== w.calls.length) {
      fail("symbols", token.page, `calls after "${w.text}" print "${token.calls}", expected ${w.calls.length} (${expectedCallText(w.calls)})`);
      return;
    }
    w.calls.forEach((c, n) => {
      const mark = printed[n];
      if (c.kind === "endnote") {
        if (mark !== String(c.number)) fail("symbols", token.page, `endnote call after "${w.text}" prints "${mark}", expected ${c.number}`);
      } else {
        if (!/^[*†‡§‖¶]+$/.test(mark)) {
          fail("symbols", token.page, `footnote call after "${w.text}" prints "${mark}", not a symbol`);
          return;
        }
        callPage.set(c.label, callOn);
        callSymbol.set(c.label, mark);
        const list = symbolsByPage.get(callOn) ?? [];
        list.push(mark);
        symbolsByPage.set(callOn, list);
      }
    });
  });
  // (d) symbols restart on every page
  for (const [page, symbols] of symbolsByPage) {
    const want = symbols.map((_, i) => footnoteSymbol(i));
    if (symbols.join(" ") !== want.join(" ")) fail("symbols", page, `footnote calls on the page print ${symbols.join(" ")}, expected ${want.join(" ")}`);
  }

  // Footnotes: each one's marker and words at the page feet, begun on its call's page and
  // continued on the next page(s), where a continuation may come before or after that page's
  // own notes. Every word at the feet belongs to exactly one footnote.
  const foot = tokensOf(
    parts.flatMap((p) => p.foot),
    { footnoteArea: true },
  );
  const used = new Array<boolean>(foot.length).fill(false);
  const free = (j: number, n: number) => {
    for (let k = j; k < j + n; k++) if (k >= foot.length || used[k]) return false;
    return true;
  };
  /** Whether the tokens from `j` spell wanted[k..k+run), all unused (a word may be broken across a page break). */
  const runAt = (wanted: Wanted[], k: number, j: number, run: number): boolean => {
    let jj = j;
    let brokenLast = false;
    let matched = 0; // characters matched so far
    for (let n = 0; n < run && k + n < wanted.length; n++) {
      const c = matchAt(wanted[k + n], foot, jj);
      if (c && free(jj, c)) {
        jj += c;
        brokenLast = false;
        matched += wanted[k + n].text.length;
        continue;
      }
      const broken = acrossPages(wanted, k + n, jj);
      if (broken) {
        jj = broken[broken.length - 1] + 1;
        brokenLast = true;
        matched += wanted[k + n].text.length;
        continue;
      }
      // The run may be cut short where a part of the note ends: right after a word broken
      // across pages (seed 1874: a URL's rest is the note's only line on page 21), or after
      // enough text not to be taken for another note's words (seed 2068: a part of the note
      // on page 17 is a URL over two lines and two words).
      return (brokenLast || matched >= MIN_SHORT_PART) && partEnds(jj);
    }
    return true;
  };
  /** Whether a part of a note ends before token `j`: the page's feet end, or another note or part begins. */
  const partEnds = (j: number): boolean =>
    j >= foot.length || foot[j].page !== foot[j - 1].page || foot[j].continues === true || (foot[j].lineStart && isMarker(foot[j].text));
  /** First unused token (a line start, unless told otherwise) on pages [from, to] where wanted[k..] goes on (a run of 4 words). */
  const findRun = (wanted: Wanted[], k: number, from: number, to: number, opts: { lineStart?: boolean; fromIndex?: number } = {}): number => {
    const run = Math.min(4, wanted.length - k);
    for (let jj = opts.fromIndex ?? 0; jj < foot.length; jj++) {
      const t = foot[jj];
      if (t.page >= from && t.page <= to && (t.lineStart || opts.lineStart === false) && !used[jj] && runAt(wanted, k, jj, run)) return jj;
    }
    return -1;
  };
  /**
   * A word of a continued footnote broken across the page break ("state-" at the foot of one
   * page, "owned," at the head of the note's rest on the next, which may come after that
   * page's own notes): the tokens it takes, head first, or null. The head is one or more
   * tokens ending a line at `j`; the rest starts a line on the next page and is followed
   * there by the next words.
   */
  const acrossPages = (wanted: Wanted[], k: number, j: number): number[] | null => {
    const w = typeset(wanted[k].text.normalize("NFC"));
    let head = "";
    for (let n = j; n < foot.length && !used[n] && foot[n].page === foot[j].page; n++) {
      const t = clean(foot[n].text);
      head = LINE_END_HYPHEN.test(head) && !w.startsWith(head) ? head.slice(0, -1) + t : head + t;
      const rests = [w.startsWith(head) ? w.slice(head.length) : "", LINE_END_HYPHEN.test(head) && w.startsWith(head.slice(0, -1)) ? w.slice(head.length - 1) : ""].filter(Boolean);
      if (rests.length === 0) return null;
      if (!foot[n].lineEnd) continue;
      for (const rest of rests) {
        const tail = restOn(wanted, k, rest, n + 1, foot[n].page + 1, 0);
        if (tail) return [...Array.from({ length: n - j + 1 }, (_, i) => j + i), ...tail];
      }
    }
    return null;
  };
  /**
   * The rest of a word broken across a page break: unused tokens that begin a line on `page`
   * (searched from token `from`) and spell `rest`, followed there by the next words; or, for a
   * long word such as a URL broken over three pages (seed 1892: a note's only line on a
   * crowded page), a beginning of `rest` that ends its line and goes on on the page after.
   */
  const restOn = (wanted: Wanted[], k: number, rest: string, from: number, page: number, depth: number): number[] | null => {
    if (depth > 8) return null;
    for (let jj = from; jj < foot.length && foot[jj].page <= page; jj++) {
      if (foot[jj].page !== page || !foot[jj].lineStart || used[jj]) continue;
      const c = matchAt({ text: rest }, foot, jj);
      const run = Math.min(3, wanted.length - k - 1);
      // Followed by the next words, there or (the rest and at most `run` words being the note's
      // part on its page, seeds 1874 and 3450) at a line start on the page after.
      const followed = () => {
        if (run === 0 || runAt(wanted, k + 1, jj + c, run)) return true;
        let at = jj + c;
        for (let kk = k + 1; kk <= k + 1 + run && kk < wanted.length; kk++) {
          if (partEnds(at)) return findRun(wanted, kk, page + 1, page + 1) >= 0;
          const m = matchAt(wanted[kk], foot, at);
          if (!m) return false;
          at += m;
        }
        return false;
      };
      if (c && free(jj, c) && followed()) return Array.from({ length: c }, (_, i) => jj + i);
      let piece = "";
      for (let m = jj; m < foot.length && !used[m] && foot[m].page === page; m++) {
        piece += clean(foot[m].text);
        if (!rest.startsWith(piece) || piece.length >= rest.length) break;
        if (!foot[m].lineEnd) continue;
        const more = restOn(wanted, k, rest.slice(piece.length), m + 1, page + 1, depth + 1);
        if (more) return [...Array.from({ length: m - jj + 1 }, (_, i) => jj + i), ...more];
      }
    }
    return null;
  };
  for (const f of expected.footnotes) {
    const symbol = callSymbol.get(f.label);
    const wanted: Wanted[] = [symbol ? { text: symbol } : { text: "*", anySymbol: true }, ...f.words.map((text) => ({ text }))];
    const calledOn = callPage.get(f.label);
    const label = `footnote [^*${f.label}] ${quote(f.words, 5)}`;
    const start = (calledOn !== undefined ? findRun(wanted, 0, calledOn, calledOn) : -1) >= 0 ? findRun(wanted, 0, calledOn!, calledOn!) : findRun(wanted, 0, 1, pages.length);
    if (start < 0) {
      fail("footnote-words", calledOn ?? 0, `${label}: its marker and first words are at no page foot`);
      continue;
    }
    const begins = foot[start].page;
    if (calledOn === undefined) fail("footnote-page", begins, `${label}: its call is not found in the running text`);
    else if (begins !== calledOn) fail("footnote-page", begins, `${label} begins on page ${begins}, its call "${symbol}" is on page ${calledOn}`);
    const linesOn = new Map<number, Set<PdfLine>>();
    const take = (n: number) => {
      used[n] = true;
      const set = linesOn.get(foot[n].page) ?? new Set<PdfLine>();
      set.add(foot[n].line);
      linesOn.set(foot[n].page, set);
    };
    let k = 0;
    let j = start;
    let partStart = start; // where the note begins or goes on (a part of it found by findRun)
    while (k < wanted.length) {
      // A word after "(continued)" begins another part of a note: never the next word of the
      // part before it (seed 1677: footnote f22 ended a page's feet, and the same word began
      // f23's rest on the next line; f22 took it and both were reported short of a word).
      const c = j < foot.length && !(foot[j].continues && j !== partStart) ? matchAt(wanted[k], foot, j) : 0;
      if (c && free(j, c)) {
        for (let n = j; n < j + c; n++) take(n);
        k++;
        j += c;
        continue;
      }
      const broken = j < foot.length ? acrossPages(wanted, k, j) : null;
      if (broken) {
        broken.forEach(take);
        k++;
        j = broken[broken.length - 1] + 1;
        continue;
      }
      const lastPage = foot[j - 1].page;
      // Continued on a following page?
      const next = findRun(wanted, k, lastPage + 1, pages.length);
      if (next >= 0) {
        if (foot[next].page > lastPage + 1) fail("footnote-page", lastPage + 1, `${label} continues on page ${foot[next].page}, not on page ${lastPage + 1} after page ${lastPage}`);
        j = next;
        partStart = next;
        continue;
      }
      // Words lost: find where the rest goes on.
      let resumed = false;
      for (let skip = 1; skip <= 300 && k + skip < wanted.length && !resumed; skip++) {
        const at = findRun(wanted, k + skip, lastPage, lastPage + 2, { lineStart: false, fromIndex: j });
        if (at >= 0) {
          fail("footnote-words", lastPage, `${label}: ${skip} word${skip === 1 ? "" : "s"} missing: ${quote(wanted.slice(k, k + skip).map((w) => w.text))} after ${quote(foot.slice(Math.max(0, j - 4), j).map((t) => t.text))}`);
          k += skip;
          j = at;
          partStart = at;
          resumed = true;
        }
      }
      if (!resumed) {
        fail("footnote-words", lastPage, `${label}: the rest (${wanted.length - k} words) is at no page foot: ${quote(wanted.slice(k).map((w) => w.text))}, after ${quote(foot.slice(Math.max(0, j - 4), j).map((t) => t.text))} on page ${lastPage}`);
        break;
      }
    }
    // At least two lines at the foot of the call's page when it continues.
    const here = linesOn.get(begins)?.size ?? 0;
    if (linesOn.size > 1 && here < 2) fail("footnote-page", begins, `${label} has only ${here} line at the foot of its call's page before it continues`);
  }
  // Text at the feet that belongs to no footnote (printed twice, or never called).
  for (let j = 0; j < foot.length; ) {
    if (used[j]) {
      j++;
      continue;
    }
    let e = j;
    while (e < foot.length && !used[e] && foot[e].page === foot[j].page) e++;
    fail("footnote-words", foot[j].page, `${e - j} word${e - j === 1 ? "" : "s"} at the page foot belong to no footnote (printed twice?): ${quote(foot.slice(j, e).map((t) => t.text))}`);
    j = e;
  }
  // Footnote lines must lie below the running text of their page.
  for (const p of parts) {
    if (p.foot.length === 0 || p.body.length === 0) continue;
    const footTop = Math.min(...p.foot.map((l) => l.yMin));
    const bodyBottom = Math.max(...p.body.map((l) => l.yMax));
    if (footTop < bodyBottom) fail("footnote-page", p.page.number, `footnote text at y=${footTop.toFixed(0)} pt is above running text that ends at y=${bodyBottom.toFixed(0)} pt`);
  }

  // (e) stretched lines: word gaps of justified running text (11 pt and the 10.5 pt quotes).
  const urlText = expected.body
    .filter((w) => /^https?:\/\//.test(w.text))
    .map((w) => w.text)
    .join(" ");
  for (const line of justifiedLines(pages)) {
    const fontSize = Math.round((line.height / BOX_PER_PT) * 2) / 2; // 11 or 10.5
    const usual = USUAL_GAP_EM * fontSize;
    const limit = maxGapRatio * usual;
    const widest = Math.max(0, ...wordGaps(line));
    if (widest <= limit) continue;
    const part = parts[line.page - 1];
    const lastOnPage = line.yMax >= Math.max(...part.body.map((l) => l.yMax)) - 0.5;
    const next = part.body.filter((l) => l.yMin > line.yMax - 1).sort((a, b) => a.yMin - b.yMin)[0];
    const url = (w: PdfWord) => {
      const t = clean(w.text).replace(/[-\u2010\u2011]$/, "");
      return /https?:\/\/|^[\w.-]+\/[\w./-]/.test(t) || (t.length >= 6 && urlText.includes(t));
    };
    const why = lastOnPage
      ? " on the last line of the page"
      : next && url(next.words[0])
        ? " before a URL that starts the next line"
        : line.words.some(url)
          ? " in a line that holds a URL"
          : "";
    fail(
      "stretched",
      line.page,
      `word gap of ${widest.toFixed(1)} pt (limit ${limit.toFixed(1)} pt: ${maxGapRatio}× the usual ${usual.toFixed(1)} pt)${why}: ${quote(line.words.map((w) => w.text), 10)}`,
    );
  }

  // (f) page fill: running text and footnotes against the content area.
  const headingFirst = new Set<number>();
  expected.body.forEach((w, i) => {
    if (w.headingStart && bodyAlign.tokenOf[i] >= 0) {
      const t = body[bodyAlign.tokenOf[i]];
      if (t.lineStart && t.line === parts[t.page - 1].body.find((l) => l.words.length > 0 && l.yMax > parts[t.page - 1].area.top)) headingFirst.add(t.page);
    }
  });
  for (const p of parts) {
    if (p.page.number === parts.length) continue;
    if (headingFirst.has(p.page.number + 1)) continue;
    const height = p.area.bottom - p.area.top;
    const bodyBottom = p.body.length ? Math.max(...p.body.map((l) => l.yMax)) : p.area.top;
    const footTop = p.foot.length ? Math.min(...p.foot.map((l) => l.yMin)) : p.area.bottom;
    const used = Math.min(height, bodyBottom - p.area.top + (p.area.bottom - footTop));
    const fill = used / height;
    if (fill < minFill) fail("fill", p.page.number, `page ${(fill * 100).toFixed(0)}% full (text ends at ${(((bodyBottom - p.area.top) / height) * 100).toFixed(0)}% of the page${p.foot.length ? `, footnotes from ${(((footTop - p.area.top) / height) * 100).toFixed(0)}%` : ""}); the next page does not start with a heading`);
  }

  // Keep the report readable: at most maxPer failures of each invariant, with a count.
  const out: Failure[] = [];
  const counts = new Map<Invariant, number>();
  for (const f of failures) counts.set(f.invariant, (counts.get(f.invariant) ?? 0) + 1);
  const shown = new Map<Invariant, number>();
  for (const f of failures) {
    const n = (shown.get(f.invariant) ?? 0) + 1;
    shown.set(f.invariant, n);
    if (n <= maxPer) out.push(f);
    else if (n === maxPer + 1) out.push({ invariant: f.invariant, page: 0, detail: `… and ${counts.get(f.invariant)! - maxPer} more` });
  }
  return out;
}
