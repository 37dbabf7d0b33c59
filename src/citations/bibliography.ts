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
  return problems.length > 0 ? { problems } : { bibliography: { file, items: result.items, lines: result.lines }, problems };
}

interface Parsed {
  items: Map<string, CslItem>;
  lines: Map<string, number>;
  problems: BibliographyProblem[];
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

function parseBibtex(text: string, file: string): Parsed {
  const problems: BibliographyProblem[] = [];
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
    items.set(key, { ...item, id: key });
  }
  return { items, lines, problems };
}

/** citation.js says "invalid syntax at line 15 col 1: …": name the entry that is broken. */
function bibtexSyntaxProblem(text: string, file: string, entries: Array<{ key: string; line: number }>, message: string): BibliographyProblem {
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
    items.set(key, { ...(item as CslItem), id: key });
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
