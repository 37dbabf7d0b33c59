/**
 * Finds the briefs under a folder and checks each before anything is written:
 * encoding, front matter, notes, raw HTML and the local files a brief uses.
 * Every problem becomes a BriefError with the file and line; all are returned.
 */
import { open, readFile } from "node:fs/promises";
import path from "node:path";
import type { MarkdownIt, Token } from "markdown-it";
import { BriefError } from "../errors.ts";
import { CONTROL_CHARACTER, describeIssue, frontMatterSchema, KNOWN_KEYS, type FrontMatter } from "./front-matter.ts";
import { createMarkdown } from "../markdown/configure.ts";
import { findInputFiles, type InputFiles } from "./find.ts";
import { slugKey, slugOf, slugProblem } from "./slug.ts";
import { builtFileProblem, imageContentProblem, resolveAsset } from "./asset-path.ts";
import { renderWithLines } from "../markdown/render-with-lines.ts";
import { checkHtml, type HtmlCheck } from "./raw-html.ts";
import { checkSvg } from "./svg.ts";
import { readYamlFields } from "../yaml/read-fields.ts";
import type { NoteError, NotesSummary } from "../notes/notes-plugin.ts";
import { rememberBriefFile, type CitationProblem } from "../citations/context.ts";
import type { CslItem } from "../citations/bibliography.ts";
import type { MarkdownProblem } from "../markdown/problems.ts";

export interface Brief {
  /** Absolute path of the Markdown file. */
  file: string;
  /** URL segment: the file name, or the folder name for `index.md`, without a leading date (see slugOf). */
  slug: string;
  /** The Markdown body that was checked: what Eleventy renders (the file is not read again). */
  body: string;
  /** The checked front matter: parsed here once; Eleventy gets it as data, not as YAML. */
  data: FrontMatter;
  /** 1-based line of the file where the Markdown body starts. */
  bodyLine: number;
  notes: NotesSummary;
  /** Local files the brief uses (images), relative to its folder. */
  assets: string[];
  /** Section headings as written (for the PDF's bookmarks). */
  headings: string[];
  /** Files the brief's citations are read from (bibliography, CSL style): used, not published. */
  citationFiles: string[];
  /** The works the brief cites (CSL JSON), for the page's metadata. */
  references: CslItem[];
}

export interface LoadResult {
  briefs: Brief[];
  errors: BriefError[];
  warnings: BriefError[];
}

/** Every brief file under `dir` (see findInputFiles), sorted. */
export async function findBriefFiles(dir: string, exclude: string[] = []): Promise<string[]> {
  return (await findInputFiles(dir, exclude)).markdown;
}

export { slugOf };

export interface LoadOptions {
  /** Folders not to look in (the output folder). */
  exclude?: string[];
  /** The markdown-it instance that will render the briefs (see src/markdown/configure.ts). @default a new one */
  markdown?: MarkdownIt;
  /** Front matter every brief starts from (the site configuration's defaults, already checked); its own fields win. */
  defaults?: Record<string, unknown>;
  /** Files of the site configuration (briefpress.yml, logo, fonts): not briefs, and not reported as skipped. */
  configFiles?: string[];
  /** How the published HTML is checked. @default checkHtml (a build passes one that remembers earlier builds' results: build/check-cache.ts) */
  checkHtml?: (html: string) => HtmlCheck;
  /** Briefs an earlier build loaded from the very same inputs, taken as they were (build/brief-cache.ts). @default none */
  reuse?: BriefReuse;
}

/** A store of loaded briefs (build/brief-cache.ts): `get` answers only when the brief's inputs are unchanged. */
export interface BriefReuse {
  get(file: string, slug: string): Promise<{ brief: Brief; warnings: BriefError[] } | undefined>;
  /** A brief loaded without errors, its warnings, and the HTML strings its check passed. */
  put(file: string, slug: string, brief: Brief, warnings: BriefError[], checkedHtml: string[]): Promise<void>;
}

export async function loadBriefs(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const result: LoadResult = { briefs: [], errors: [], warnings: [] };
  let input: InputFiles;
  try {
    input = await findInputFiles(dir, options.exclude);
  } catch (cause) {
    result.errors.push(new BriefError(path.resolve(dir), 1, `cannot read the input folder: ${(cause as Error).message}`));
    return result;
  }
  result.errors.push(...input.errors);
  const files = input.markdown;
  if (files.length === 0 && input.errors.length === 0) {
    result.errors.push(new BriefError(path.resolve(dir), 1, "no briefs found: add a Markdown file (*.md) with front matter to this folder"));
  }
  const md = options.markdown ?? createMarkdown();
  // Bibliographies and styles named by briefs, also by a brief that failed: not "skipped" files.
  const citationFiles = new Set<string>();
  // One URL per brief, also on case-insensitive and normalizing file systems (macOS, Windows).
  const slugs = new Map<string, { slug: string; file: string }>();
  for (const file of files) {
    const slug = slugOf(file);
    const problem = slugProblem(slug);
    if (problem) {
      result.errors.push(new BriefError(file, 1, `${problem}; rename the ${path.basename(file) === "index.md" ? "folder" : "file"}`));
      continue;
    }
    const other = slugs.get(slugKey(slug));
    if (other) {
      const where = shownPath(other.file);
      const message = other.slug === slug
        ? `two briefs have the slug "${slug}" (this one and ${where}), so one URL /briefs/${slug}/`
        : `two briefs have slugs that differ only in letter case or Unicode form ("${slug}" here, "${other.slug}" in ${where}): they would be one folder on macOS and Windows`;
      result.errors.push(new BriefError(file, 1, `${message}; rename one file or folder so each brief has its own URL`));
      continue;
    }
    slugs.set(slugKey(slug), { slug, file });
    const reused = await options.reuse?.get(file, slug);
    if (reused) {
      rememberBriefFile(slug, file); // as loadBrief does: the citations' renders find the brief's file
      for (const f of reused.brief.citationFiles) citationFiles.add(f);
      result.briefs.push(reused.brief);
      result.warnings.push(...reused.warnings);
      continue;
    }
    const before = { errors: result.errors.length, warnings: result.warnings.length };
    const check = options.checkHtml ?? checkHtml;
    const checked: string[] = [];
    const brief = await loadBrief(file, slug, md, result, options.defaults ?? {}, options.reuse ? (html) => (checked.push(html), check(html)) : check, citationFiles);
    if (brief) result.briefs.push(brief);
    if (brief && result.errors.length === before.errors) await options.reuse?.put(file, slug, brief, result.warnings.slice(before.warnings), checked);
  }
  const used = new Set([
    ...result.briefs.flatMap((b) => b.assets.map((a) => path.join(path.dirname(b.file), a))),
    ...citationFiles,
    ...(options.configFiles ?? []),
  ]);
  for (const file of input.others) {
    if (!used.has(file)) input.skipped.push({ file, reason: "not a brief and not an image a brief uses" });
  }
  for (const { file, reason } of input.skipped.sort((a, b) => a.file.localeCompare(b.file))) {
    result.warnings.push(new BriefError(file, 1, `skipped: ${reason}; it is not published`));
  }
  return result;
}

/** A path as messages show it: relative to the current folder when inside it. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Largest brief file: 2 MB of Markdown is about 300,000 words, 1,000 printed pages, and
 * Paged.js lays out about 20 pages a second: past that the PDF step would run into its
 * timeout. Split longer reports into several briefs.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Longest line in the front matter (a title is at most 500 characters, a summary 2,000). */
const MAX_FRONT_MATTER_LINE = 10_000;
/**
 * Deepest nesting of blockquotes and lists. markdown-it stops reading at 100 levels and
 * drops the rest of the brief without a word; no real document comes near 20.
 */
export const MAX_BLOCK_NESTING = 20;

async function loadBrief(file: string, slug: string, md: MarkdownIt, result: LoadResult, defaults: Record<string, unknown>, check: (html: string) => HtmlCheck, citationFiles: Set<string>): Promise<Brief | null> {
  const fail = (line: number, message: string) => {
    result.errors.push(new BriefError(file, line, message));
    return null;
  };
  const bytes = await readFile(file);
  const tooBig = () =>
    fail(1, `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB: a brief may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB (about 1,000 printed pages); split it into several briefs`);
  // Far too big to be worth reading line by line for a better line number.
  if (bytes.length > 16 * MAX_FILE_BYTES) return tooBig();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(lineOfFirstBadByte(bytes), "the file is not UTF-8 text: save it with UTF-8 encoding");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return fail(1, "the file is empty: a brief needs front matter (--- title: … date: … ---) and text");

  const lines = text.split(/\r?\n/);
  // Control characters (tab and line ends aside) are invisible, make XML outputs invalid, and NUL is silently replaced.
  for (let i = 0, found = 0; i < lines.length && found < 10; i++) {
    const m = CONTROL_CHARACTER.exec(lines[i]);
    if (m) {
      found++;
      const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
      result.errors.push(new BriefError(file, i + 1, `invisible control character ${code} at column ${m.index + 1}: delete it${code === "U+000D" ? " (a lone carriage return: save the file with LF or CRLF line endings)" : ""}`));
    }
  }
  if (result.errors.some((e) => e.file === file)) return null;
  if (lines[0].trim() !== "---") {
    return fail(1, 'missing front matter: start the file with a line "---", then "title: …" and "date: YYYY-MM-DD", then "---"');
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return fail(1, 'front matter is not closed: add a line "---" after the last field');
  const longLine = lines.slice(1, end).findIndex((l) => l.length > MAX_FRONT_MATTER_LINE);
  if (longLine >= 0) {
    return fail(longLine + 2, `this front matter line is ${lines[longLine + 1].length.toLocaleString("en-US")} characters long: fields are short (a title at most 500 characters, a summary 2,000)`);
  }
  if (bytes.length > MAX_FILE_BYTES) return tooBig();
  const read = readYamlFields(lines.slice(1, end).join("\n"), {
    firstLine: 2,
    what: "front matter",
    notAMapping: "front matter must be a list of fields (key: value), starting with title and date",
  });
  if ("problems" in read) {
    for (const p of read.problems) result.errors.push(new BriefError(file, p.line, p.message));
    return null;
  }
  const { value: own, lineOf } = read.fields;
  for (const key of Object.keys(own)) {
    if (!KNOWN_KEYS.has(key)) {
      result.warnings.push(new BriefError(file, lineOf([key]), `unknown front matter key "${key}" is ignored (known keys: ${[...KNOWN_KEYS].join(", ")})`));
    }
  }
  const raw = { ...defaults, ...own };
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      result.errors.push(new BriefError(file, lineOf(issue.path), describeIssue(issue as Parameters<typeof describeIssue>[0], raw)));
    }
    return null;
  }

  const bodyLine = end + 2;
  const body = lines.slice(end + 1).join("\n");
  // The front matter is part of the env, as in Eleventy (the citations plugin reads its fields,
  // figures their language).
  rememberBriefFile(slug, file);
  const env: BodyEnv = { ...parsed.data, docId: slug, sourceLine: bodyLine, page: { inputPath: file } };
  const tokens = md.parse(body, env);
  const before = result.errors.length;
  // Lines of the file (env.sourceLine), in order.
  const found = [...(env.noteErrors ?? []), ...(env.markdownErrors ?? [])].sort((a, b) => a.line - b.line);
  for (const e of found) result.errors.push(new BriefError(file, e.line, e.message));
  const citationLine = (p: CitationProblem) => (p.file ? p.line : p.field ? lineOf([p.field]) : bodyLine + p.line - 1);
  for (const p of env.citationErrors ?? []) result.errors.push(new BriefError(p.file ?? file, citationLine(p), p.message));
  for (const p of env.citationWarnings ?? []) result.warnings.push(new BriefError(p.file ?? file, citationLine(p), p.message));
  for (const f of env.citationFiles ?? []) citationFiles.add(f);
  const assets = await checkContent(md, tokens, env, file, slug, bodyLine, result, check);
  if (result.errors.length > before) return null;
  const headings = (env.headings ?? []).map((h) => h.text);
  const citations = { citationFiles: env.citationFiles ?? [], references: env.citedItems ?? [] };
  return { file, slug, body, data: parsed.data, bodyLine, notes: env.notes ?? { endnotes: 0, footnotes: 0 }, assets, headings, ...citations };
}

/** What markdown-it leaves on the env of a brief's body (notes, headings, citations). */
interface BodyEnv extends Record<string | symbol, unknown> {
  docId: string;
  sourceLine: number;
  noteErrors?: NoteError[];
  markdownErrors?: MarkdownProblem[];
  notes?: NotesSummary;
  headings?: Array<{ text: string }>;
  citationErrors?: CitationProblem[];
  citationWarnings?: CitationProblem[];
  citationFiles?: string[];
  citedItems?: CslItem[];
}

function lineOfFirstBadByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

/**
 * The body as it will be published: rendered once with the shared markdown-it, the HTML
 * checked against the allowlist (raw HTML and what markdown-it made of the Markdown alike),
 * nesting, links markdown-it refused, and the local files (images) the brief uses.
 * Returns the local assets used.
 */
async function checkContent(md: MarkdownIt, tokens: Token[], env: Record<string, unknown>, file: string, slug: string, bodyLine: number, result: LoadResult, check: (html: string) => HtmlCheck): Promise<string[]> {
  const assets = new Set<string>();
  const report = (line: number, message: string) => result.errors.push(new BriefError(file, line, message));
  let line = bodyLine;
  let nestingReported = false;
  const visitToken = (token: Token) => {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text") checkRefusedLinks(md, child.content, line, report);
      }
    }
  };
  for (const token of tokens) {
    if (token.map) line = bodyLine + token.map[0];
    if (token.level > MAX_BLOCK_NESTING && !nestingReported) {
      nestingReported = true;
      report(line, `blockquotes or lists are nested more than ${MAX_BLOCK_NESTING} levels deep here: flatten them (markdown-it would drop text below 100 levels)`);
    }
    visitToken(token);
  }
  if (nestingReported) return [];
  const rendered = renderWithLines(md, tokens, env);
  const checked = check(rendered.html);
  const lineOf = (offset: number) => bodyLine + rendered.lineAt(offset);
  for (const p of checked.problems) report(lineOf(p.offset), p.message);
  for (const link of brokenInternalLinks(rendered.html)) {
    report(lineOf(link.offset), `link to "#${link.target}" goes nowhere: no heading or element in this brief has the id "${link.target}" (give a heading one with ## Heading {#${link.target}}, or fix the link)`);
  }

  for (const { offset, src } of checked.images) {
    const at = lineOf(offset);
    const outcome = await resolveAsset(file, src);
    if ("problem" in outcome) {
      report(at, outcome.problem);
      continue;
    }
    const built = builtFileProblem(outcome.asset, slug);
    if (built) {
      report(at, `image "${src}" ${built}`);
      continue;
    }
    const handle = await open(path.join(path.dirname(file), outcome.asset), "r");
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0).finally(() => handle.close());
    const content = imageContentProblem(outcome.asset, head);
    if (content) {
      report(at, `image "${src}" ${content}`);
      continue;
    }
    if (/\.svg$/i.test(outcome.asset)) {
      for (const p of checkSvg(await readFile(path.join(path.dirname(file), outcome.asset), "utf8"))) {
        report(at, `image "${src}" is not safe to publish: ${path.basename(outcome.asset)}:${p.line}: ${p.message}`);
      }
    }
    assets.add(outcome.asset);
  }
  return [...assets].sort();
}

/**
 * markdown-it leaves a link whose URL it refuses (javascript:, vbscript:, file:, most data:)
 * as plain text; the author should hear about it rather than find brackets in the PDF.
 */
function checkRefusedLinks(md: MarkdownIt, text: string, line: number, report: (line: number, message: string) => void): void {
  for (const m of text.matchAll(/\]\(\s*<?([^\s)>]+)/g)) {
    const url = md.normalizeLink(m[1]);
    if (!md.validateLink(url)) {
      report(line, `link "${m[1].length > 60 ? `${m[1].slice(0, 57)}…` : m[1]}" is refused (javascript:, vbscript:, file: and data: links are not allowed in a brief): link to a page or a file beside the brief`);
    }
  }
}

const ATTRIBUTE_VALUE = String.raw`\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`;

/** Links within the page (`href="#…"`) whose target id is not in the brief (the page's own ids differ between web and print). */
export function brokenInternalLinks(html: string): Array<{ offset: number; target: string }> {
  const decode = (v: string) => v.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const ids = new Set<string>();
  for (const m of html.matchAll(new RegExp(String.raw`<[a-zA-Z][^>]*?\sid${ATTRIBUTE_VALUE}`, "g"))) ids.add(decode(m[1] ?? m[2] ?? m[3]));
  const broken: Array<{ offset: number; target: string }> = [];
  for (const m of html.matchAll(new RegExp(String.raw`<a\s[^>]*?href${ATTRIBUTE_VALUE}`, "gi"))) {
    const href = decode(m[1] ?? m[2] ?? m[3]);
    if (!href.startsWith("#") || href === "#") continue;
    let target = href.slice(1);
    try {
      target = decodeURIComponent(target);
    } catch {
      // a stray % stays as written
    }
    if (!ids.has(target)) broken.push({ offset: m.index, target });
  }
  return broken;
}
