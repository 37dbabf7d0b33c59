/**
 * A brief's bibliography file, read into CSL JSON items keyed by citation key.
 *
 * - BibTeX / BibLaTeX (`.bib`): converted by citation.js's BibTeX plugin (LaTeX accents and
 *   commands, BibLaTeX types and dates, name parsing). Its parser stops at the first syntax
 *   error with the line and column; we name the entry that is broken and its line.
 * - CSL JSON (`.json`, Zotero's and Better BibTeX's "CSL JSON" export): read with the yaml
 *   package (JSON is YAML), which gives every parse error and every item a line.
 *
 * Problems are values with the bibliography's file and line.
 */
import { createRequire } from "node:module";
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from "yaml";
import { cslItemProblems, normalizeCslItem } from "./csl-item.ts";

/** A CSL JSON item (the fields briefpress reads; citeproc reads the rest). */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  URL?: string;
  DOI?: string;
  [field: string]: unknown;
}

type CitationJs = typeof import("@citation-js/core");
let citationJs: CitationJs | undefined;

/** citation.js with its BibTeX plugin, loaded for the first .bib file (not by a brief without one). */
function bibtexInput(): CitationJs["plugins"]["input"] {
  if (!citationJs) {
    const require = createRequire(import.meta.url);
    citationJs = require("@citation-js/core") as CitationJs;
    require("@citation-js/plugin-bibtex");
  }
  return citationJs.plugins.input;
}

export interface BibliographyProblem {
  file: string;
  line: number;
  message: string;
}

export interface Bibliography {
  file: string;
  items: Map<string, CslItem>;
  /** Line of each entry in the file. */
  lines: Map<string, number>;
  /** BibLaTeX sets: the keys of their members, cited in their place. */
  sets: Map<string, string[]>;
}

/** Largest bibliography file: about 20,000 entries. */
export const MAX_BIBLIOGRAPHY_BYTES = 10 * 1024 * 1024;

export const BIBLIOGRAPHY_EXTENSIONS = [".bib", ".bibtex", ".json"];

export function parseBibliography(text: string, file: string): { bibliography?: Bibliography; problems: BibliographyProblem[] } {
  const json = /\.json$/i.test(file);
  const result = json ? parseCslJson(text, file) : parseBibtex(text, file);
  if (result.problems.length > 0) return { problems: result.problems };
  const problems: BibliographyProblem[] = [];
  for (const [key, item] of result.items) {
    const line = result.lines.get(key) ?? 1;
    if (typeof item.URL === "string" && !/^https?:\/\//i.test(item.URL.trim())) {
      problems.push({ file, line, message: `entry "${key}": url "${clip(item.URL)}" is not a web address: it must start with https:// or http://` });
    }
  }
  return problems.length > 0 ? { problems } : { bibliography: { file, items: result.items, lines: result.lines, sets: result.sets ?? new Map() }, problems };
}

interface Parsed {
  items: Map<string, CslItem>;
  lines: Map<string, number>;
  sets?: Map<string, string[]>;
  problems: BibliographyProblem[];
}

/**
 * BibLaTeX's `@set{key, entryset = {a,b,c}}`: citing the set cites its members, as BibLaTeX
 * does (citation.js makes the set an item with nothing in it, printed "N.d.").
 */
function bibtexSets(text: string, file: string, entries: Array<{ key: string; type: string; line: number }>, problems: BibliographyProblem[]): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  const known = new Set(entries.map((e) => e.key));
  const lineStart = (line: number) => {
    let at = 0;
    for (let n = 1; n < line && at >= 0; n++) at = text.indexOf("\n", at) + 1;
    return at;
  };
  entries.forEach((entry, i) => {
    if (entry.type !== "set") return; // rare: the lines are walked for sets only
    const next = entries[i + 1];
    const members = /\bentryset\s*=\s*(?:\{([^{}]*)\}|"([^"]*)")/i.exec(text.slice(lineStart(entry.line), next ? lineStart(next.line) : text.length));
    const keys = (members?.[1] ?? members?.[2] ?? "").split(",").map((k) => k.trim()).filter(Boolean);
    if (keys.length === 0) {
      problems.push({ file, line: entry.line, message: `set "${entry.key}" has no members: give them as entryset = {key1,key2}` });
      return;
    }
    for (const key of keys) {
      if (!known.has(key) || key === entry.key) problems.push({ file, line: entry.line, message: `set "${entry.key}": "${key}" is not an entry of this bibliography` });
    }
    sets.set(entry.key, keys);
  });
  return sets;
}

const clip = (text: string, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Every `@type{key,` with its line; @string, @preamble and @comment are not entries. */
function bibtexEntries(text: string): Array<{ key: string; type: string; line: number }> {
  const entries: Array<{ key: string; type: string; line: number }> = [];
  const re = /@([A-Za-z]+)\s*[{(]\s*([^,\s{}()"#%'=]+)\s*,/g;
  // Lines counted on from the previous entry: counting from the start for each entry made a
  // 3,000-entry library (2.7 MB, a Zotero export) take 12 s here, against 0.7 s for citation.js.
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(re)) {
    for (; counted < m.index; counted++) if (text.charCodeAt(counted) === 10) line++;
    const type = m[1].toLowerCase();
    if (type === "string" || type === "preamble" || type === "comment") continue;
    entries.push({ key: m[2], type, line });
  }
  return entries;
}

/**
 * The .bib text as citation.js should read it, with the same lines and columns:
 * - a `%` comment outside the braces of a field's value (between entries, or between the
 *   fields of one) is blanked, as BibLaTeX (biber) and pandoc read it: citation.js takes
 *   "% @misc{old," for the start of an entry, so an entry commented out line by line was
 *   "not closed". A `%` inside a value ("5% of", a URL's "%20") is text and stays.
 * - a starred command (`\enquote*{…}`, BibLaTeX's inner quotation marks) loses its star, which
 *   citation.js cannot read (its value parser stops: "expected lbrace").
 * - BibLaTeX's own text commands citation.js does not know (it prints them as written:
 *   "Methodology\hyphen Independent") become their text: \hyphen and \nbhyphen a hyphen,
 *   \bibrangedash and \bibdatedash an en dash, \hyphenate and \allowbreak nothing, \TeX and its
 *   kin their names ("{\TeX book}" is "TeXbook": TeX drops the spaces after a command). Only
 *   columns move, never lines.
 */
export function bibtexForParsing(text: string): string {
  const blanks: Array<[number, number]> = [];
  let depth = 0; // braces (or the parenthesis of an @entry(…)) around the current character
  let quoted = false; // inside a "…" value (at depth 1)
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++; // an escaped character (\%, \{, \") is text
      continue;
    }
    if (c === "%" && depth <= 1 && !quoted) {
      const end = text.indexOf("\n", i);
      blanks.push([i, end < 0 ? text.length : end]);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (c === '"' && depth === 1) quoted = !quoted;
    else if (c === "(" && depth === 0 && /@[A-Za-z]+\s*$/.test(text.slice(Math.max(0, i - 40), i))) depth = 1;
    else if (c === ")" && depth === 1 && !quoted) depth = 0;
  }
  let kept = "";
  let from = 0;
  for (const [start, end] of blanks) {
    kept += text.slice(from, start) + " ".repeat(end - start);
    from = end;
  }
  kept += text.slice(from);
  return kept
    .replace(/(\\[A-Za-z]+)\*(?=\s*\{)/g, "$1 ")
    .replace(/\\(?:hyphen|nbhyphen)(?![A-Za-z])[ \t]*/g, "-")
    .replace(/\\(?:bibrangedash|bibdatedash)(?![A-Za-z])[ \t]*/g, "–")
    .replace(/\\(?:hyphenate|allowbreak)(?![A-Za-z])[ \t]*/g, "")
    .replace(/\\(TeX|LaTeX|LaTeXe|BibTeX|XeTeX|LuaTeX|ConTeXt)(?![A-Za-z])[ \t]*/g, (_m, name: string) => (name === "LaTeXe" ? "LaTeX2e" : name));
}

function parseBibtex(source: string, file: string): Parsed {
  const problems: BibliographyProblem[] = [];
  const text = bibtexForParsing(source);
  const entries = bibtexEntries(text);
  const lines = new Map<string, number>();
  for (const entry of entries) {
    const first = lines.get(entry.key);
    if (first !== undefined) {
      problems.push({ file, line: entry.line, message: `duplicate key "${entry.key}" (first on line ${first}): give each entry its own key` });
    } else {
      lines.set(entry.key, entry.line);
    }
  }
  problems.push(...bibtexDateProblems(text, file, entries));
  const sets = bibtexSets(text, file, entries, problems);
  if (problems.length > 0) return { items: new Map(), lines, problems };
  let data: CslItem[];
  try {
    data = bibtexInput().chain(text, { forceType: "@biblatex/text", generateGraph: false, maxChainLength: 10, strict: true, target: "@csl/list+object" }) as unknown as CslItem[];
  } catch (cause) {
    problems.push(bibtexSyntaxProblem(text, file, entries, (cause as Error).message));
    return { items: new Map(), lines, problems };
  }
  const items = new Map<string, CslItem>();
  for (const item of data) {
    const key = String(item["citation-key"] ?? item.id);
    if (!sets.has(key)) items.set(key, normalizeCslItem({ ...item, id: key }));
  }
  return { items, lines, sets, problems };
}

/**
 * A BibLaTeX date field as biber reads it (the BibLaTeX manual, 2.3.8: ISO 8601-2 level 1):
 * YYYY, YYYY-MM or YYYY-MM-DD (a season as month 21–24, unknown digits as X, a time for
 * urldate), ending in ?, ~ or % when uncertain or approximate, or a range of them with "/"
 * (open at either end: "1988/", "/1992", "../1992", "1988/..").
 */
const BIBLATEX_DATE = (() => {
  const year = String.raw`(?:-?\d{4}|\d{3}X|\d{2}XX|Y-?\d{5,})`;
  const month = "(?:0[1-9]|1[0-2]|2[1-4]|XX)";
  const day = "(?:0[1-9]|[12]\\d|3[01]|XX)";
  const time = String.raw`(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
  const one = `${year}(?:-${month}(?:-${day}${time})?)?[?~%]?`;
  return new RegExp(`^(?:${one}|${one}/(?:${one}|\\.\\.)?|(?:\\.\\.)?/${one})$`);
})();

/**
 * BibLaTeX date fields biber would refuse: citation.js reads "19XXX-XX-XX" as the year 19000
 * and "2012-13" as spring 2012, without a word.
 */
function bibtexDateProblems(text: string, file: string, entries: Array<{ key: string; line: number }>): BibliographyProblem[] {
  const problems: BibliographyProblem[] = [];
  const field = /(^|[\s,{(])(date|urldate|eventdate|origdate)\s*=\s*(?:\{([^{}]*)\}|"([^"{}]*)"|(\d[^\s,}]*))/gim;
  // Lines and entries counted on from the previous field: a library holds thousands of dates.
  let line = 1;
  let counted = 0;
  let entryIndex = -1;
  for (const m of text.matchAll(field)) {
    for (const at = m.index + m[1].length; counted < at; counted++) if (text.charCodeAt(counted) === 10) line++;
    while (entryIndex + 1 < entries.length && entries[entryIndex + 1].line <= line) entryIndex++;
    const value = (m[3] ?? m[4] ?? m[5] ?? "").trim();
    const openStart = /^(?:\.\.)?\//.test(value);
    if (value === "" || (BIBLATEX_DATE.test(value) && !openStart)) continue;
    const entry = entries[entryIndex];
    problems.push({
      file,
      line,
      message:
        `${entry ? `entry "${entry.key}": ` : ""}${m[2].toLowerCase()} "${clip(value)}" ` +
        (openStart
          ? "is a range without a start, which a citation cannot give (citation.js stops on it): write its first year too, as in 1988/1992"
          : "is not a date BibLaTeX reads: write YYYY, YYYY-MM or YYYY-MM-DD (2014, 2014-12, 2014-12-19), or a range such as 2012/2013"),
    });
  }
  return problems;
}

/**
 * citation.js parses each field's value on its own, and its message then gives lines and
 * columns within the value ('expected "lbrace", got "text" at line 1 col 23:', then the value's
 * lines, numbered, and the parser's rules: "(String->Text->Command->BracketString)"). Find the
 * value in the file by its text and name its entry, field and line.
 */
function valueProblem(text: string, file: string, entries: Array<{ key: string; line: number }>, message: string): BibliographyProblem | undefined {
  // The file's own syntax errors start "invalid syntax at line …"; a value's, with what was wrong.
  if (/^invalid syntax/.test(message) || !/ at line \d+ col \d+:?\s*$/.test(message.split("\n")[0])) return undefined;
  const shown = message
    .split("\n")
    .slice(1)
    .map((l) => /^\d+ {2}(.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined)
    .map((l) => l.replace(/\s*\((?:\w+->)+\w+\)\s*$/, "").trim())
    .filter((l) => l !== "");
  if (shown.length === 0) return undefined;
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = new RegExp(shown.map((l) => l.split(/\s+/).map(escape).join("\\s+")).join("\\s+")).exec(text);
  if (!found) return undefined;
  const line = lineAt(text, found.index);
  const entry = entries.filter((e) => e.line <= line).at(-1);
  const field = /(\w+)\s*=\s*[{"]?\s*$/.exec(text.slice(Math.max(0, found.index - 80), found.index))?.[1];
  const reason = message.split("\n")[0].replace(/\s*at line \d+ col \d+:?\s*$/, "");
  return {
    file,
    line,
    message: `${entry ? `entry "${entry.key}": ` : ""}cannot read ${field ? `the ${field}` : "this field"} ("${clip(shown.join(" "), 50)}"): ${reason}${/^expected/.test(reason) ? " (a LaTeX command without its {argument}?)" : ""}`,
  };
}

/** citation.js says "invalid syntax at line 15 col 1: …": name the entry that is broken. */
function bibtexSyntaxProblem(text: string, file: string, entries: Array<{ key: string; line: number }>, message: string): BibliographyProblem {
  const inValue = valueProblem(text, file, entries, message);
  if (inValue) return inValue;
  const at = /line (\d+) col (\d+)/.exec(message);
  if (!at) return { file, line: 1, message: `cannot read the BibTeX: ${clip(message.split("\n")[0], 200)}` };
  const line = Number(at[1]);
  const column = Number(at[2]);
  const textLine = text.split("\n")[line - 1] ?? "";
  const startsEntry = /^\s*@/.test(textLine) && textLine.indexOf("@") + 1 === column;
  const before = entries.filter((e) => e.line < line || (!startsEntry && e.line === line));
  const entry = before.at(-1);
  if (startsEntry && entry) {
    return {
      file,
      line: entry.line,
      message: `entry "${entry.key}" is not closed: a } or a quote is missing before the next entry on line ${line} (check the braces of its fields)`,
    };
  }
  const shown = textLine.trim() === "" ? "end of file" : `"${clip(textLine.trim(), 50)}"`;
  return {
    file,
    line,
    message: `${entry ? `entry "${entry.key}" (line ${entry.line}): ` : ""}invalid BibTeX at column ${column} (${shown}): check the braces, quotes and commas of this field`,
  };
}

function parseCslJson(text: string, file: string): Parsed {
  const problems: BibliographyProblem[] = [];
  const lines = new Map<string, number>();
  const items = new Map<string, CslItem>();
  try {
    JSON.parse(text);
  } catch (cause) {
    const position = /at position (\d+)/.exec((cause as Error).message);
    const offset = position ? Number(position[1]) : jsonErrorOffset(text);
    const near = text.slice(offset, offset + 20).split("\n")[0];
    const what = offset >= text.trimEnd().length ? "the file ends too early (a ], } or quote is missing)" : `unexpected "${near}"`;
    problems.push({ file, line: lineAt(text, offset), message: `invalid JSON: ${what}` });
    return { items, lines, problems };
  }
  // Valid JSON is valid YAML: the yaml package gives every item its line.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const root = doc.contents;
  // Zotero exports a list; some tools wrap it as { "items": [...] }.
  const wrapped = isMap(root) ? root.get("items", true) : undefined;
  const seq = isSeq(root) ? root : isSeq(wrapped) ? wrapped : null;
  if (!seq) {
    problems.push({ file, line: lineOf(root as YamlNode), message: "a CSL JSON bibliography is a list of entries ([{ \"id\": …, \"type\": …, \"title\": … }, …]): export it from Zotero as CSL JSON" });
    return { items, lines, problems };
  }
  for (const node of seq.items) {
    const line = lineOf(node as YamlNode);
    const value = (node as YamlNode).toJSON?.() as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      problems.push({ file, line, message: "each entry must be an object with \"id\" and \"type\"" });
      continue;
    }
    const item = value as Record<string, unknown>;
    const id = item.id;
    if (typeof id !== "string" && typeof id !== "number") {
      problems.push({ file, line, message: "this entry has no \"id\": give it the key you cite it with (\"id\": \"smith2016\")" });
      continue;
    }
    const key = citationKeyOf(item) ?? String(id);
    const idLine = isMap(node) ? lineOf(node.get("id", true) as YamlNode) : line;
    if (typeof item.type !== "string") {
      problems.push({ file, line: idLine, message: `entry "${key}" has no "type" (book, report, article-newspaper, webpage, interview…)` });
      continue;
    }
    const first = lines.get(key);
    if (first !== undefined) {
      problems.push({ file, line: idLine, message: `duplicate id "${key}" (first on line ${first}): give each entry its own id` });
      continue;
    }
    lines.set(key, idLine);
    const wrong = cslItemProblems(item);
    for (const { field, message } of wrong) {
      const fieldLine = isMap(node) ? lineOf(node.get(field, true) as YamlNode) : idLine;
      problems.push({ file, line: fieldLine, message: `entry "${key}": ${message}` });
    }
    if (wrong.length === 0) items.set(key, normalizeCslItem({ ...(item as CslItem), id: key }));
  }
  return { items, lines, problems };
}

/**
 * The key an author cites a CSL JSON entry by, when it is not its `id`: plain Zotero exports
 * ids such as "http://zotero.org/users/local/Ab3dE/items/QW7K2Z9P", and keeps a key given in the
 * item's Extra field ("Citation Key: smith2016") as `citation-key` (CSL 1.0.2) or as a line of
 * `note`. Better CSL JSON writes the same key in both `id` and `citation-key`.
 */
function citationKeyOf(item: Record<string, unknown>): string | undefined {
  const key = item["citation-key"];
  if (typeof key === "string" && key.trim() !== "") return key.trim();
  const note = typeof item.note === "string" ? /^\s*citation key:\s*(\S+)\s*$/im.exec(item.note)?.[1] : undefined;
  return note;
}

/**
 * Where JSON.parse gave up (Node 20 does not say): the end of the longest prefix that is still
 * the start of some valid JSON, found by bisection (a prefix of a valid start is a valid start).
 */
export function jsonErrorOffset(text: string): number {
  const validStart = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      return /^(Unexpected end|Unterminated string)/.test((e as Error).message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validStart(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Skip the whitespace before the offending character.
  while (lo < text.length && /\s/.test(text[lo])) lo++;
  return lo;
}
