/**
 * Finds the briefs under a folder and checks each before anything is written:
 * encoding, front matter, notes, raw HTML and the local files a brief uses.
 * Every problem becomes a BriefError with the file and line; all are returned.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, isMap, type Node as YamlNode } from "yaml";
import type { Token } from "markdown-it";
import { BriefError } from "../errors.ts";
import { frontMatterSchema, KNOWN_KEYS, type FrontMatter } from "./front-matter.ts";
import { createMarkdown } from "../markdown/configure.ts";
import { findInputFiles, type InputFiles } from "./find.ts";
import { slugKey, slugOf, slugProblem } from "./slug.ts";
import { resolveAsset } from "./asset-path.ts";
import type { NoteError, NotesSummary } from "../notes/notes-plugin.ts";

export interface Brief {
  /** Absolute path of the Markdown file. */
  file: string;
  /** URL segment: the file name, or the folder name for `index.md`, without a leading date (see slugOf). */
  slug: string;
  /** The text that was checked: what Eleventy renders (the file is not read again). */
  source: string;
  data: FrontMatter;
  /** 1-based line of the file where the Markdown body starts. */
  bodyLine: number;
  notes: NotesSummary;
  /** Local files the brief uses (images), relative to its folder. */
  assets: string[];
  /** Section headings as written (for the PDF's bookmarks). */
  headings: string[];
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

export async function loadBriefs(dir: string, options: { exclude?: string[] } = {}): Promise<LoadResult> {
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
  const md = createMarkdown();
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
    const brief = await loadBrief(file, slug, md, result);
    if (brief) result.briefs.push(brief);
  }
  const used = new Set(result.briefs.flatMap((b) => b.assets.map((a) => path.join(path.dirname(b.file), a))));
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

async function loadBrief(file: string, slug: string, md: ReturnType<typeof createMarkdown>, result: LoadResult): Promise<Brief | null> {
  const fail = (line: number, message: string) => {
    result.errors.push(new BriefError(file, line, message));
    return null;
  };
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(lineOfFirstBadByte(bytes), "the file is not UTF-8 text: save it with UTF-8 encoding");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return fail(1, "the file is empty: a brief needs front matter (--- title: … date: … ---) and text");

  const lines = text.split(/\r?\n/);
  if (lines[0].trim() !== "---") {
    return fail(1, 'missing front matter: start the file with a line "---", then "title: …" and "date: YYYY-MM-DD", then "---"');
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return fail(1, 'front matter is not closed: add a line "---" after the last field');
  const yamlText = lines.slice(1, end).join("\n");
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = 1 + (e.linePos?.[0].line ?? 1);
      result.errors.push(new BriefError(file, line, `invalid YAML in front matter: ${e.message.split("\n")[0]}`));
    }
    return null;
  }
  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return fail(2, "front matter must be a list of fields (key: value), starting with title and date");
  }
  const keyLine = (key: string | number | undefined): number => {
    if (key !== undefined && isMap(doc.contents)) {
      const pair = doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === key);
      const node = pair?.key as YamlNode | undefined;
      if (node?.range) return 1 + lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      result.warnings.push(new BriefError(file, keyLine(key), `unknown front matter key "${key}" is ignored (known keys: ${[...KNOWN_KEYS].join(", ")})`));
    }
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as string | undefined;
      const present = key !== undefined && key in (raw as Record<string, unknown>);
      const message = !present && key !== undefined
        ? `${key} is required: add "${key}: …" to the front matter${key === "date" ? " (YYYY-MM-DD)" : ""}`
        : `${key ?? "front matter"}: ${issue.message}`;
      result.errors.push(new BriefError(file, present ? keyLine(key) : 1, message));
    }
    return null;
  }

  const bodyLine = end + 2;
  const body = lines.slice(end + 1).join("\n");
  const env: { docId: string; noteErrors?: NoteError[]; notes?: NotesSummary; headings?: Array<{ text: string }> } = { docId: slug };
  const tokens = md.parse(body, env);
  const before = result.errors.length;
  for (const e of env.noteErrors ?? []) result.errors.push(new BriefError(file, bodyLine + e.line - 1, e.message));
  const assets = await checkContent(tokens, file, bodyLine, result);
  if (result.errors.length > before) return null;
  const headings = (env.headings ?? []).map((h) => h.text);
  return { file, slug, source: text, data: parsed.data, bodyLine, notes: env.notes ?? { endnotes: 0, footnotes: 0 }, assets, headings };
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

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** Raw HTML safety, remote resources and missing local files. Returns local assets used. */
async function checkContent(tokens: Token[], file: string, bodyLine: number, result: LoadResult): Promise<string[]> {
  const assets = new Set<string>();
  const pending: Array<{ line: number; src: string }> = [];
  const report = (line: number, message: string) => result.errors.push(new BriefError(file, line, message));
  const visit = (token: Token, line: number) => {
    if (token.type === "html_block" || token.type === "html_inline") checkRawHtml(token.content, line, report, pending);
    if (token.type === "image") {
      const src = String(token.attrGet("src") ?? "");
      if (REMOTE.test(src)) report(line, `remote image "${src}": briefs are self-contained; save the image beside the brief and link it by its file name`);
      else if (src && !src.startsWith("data:")) pending.push({ line, src });
    }
    for (const child of token.children ?? []) visit(child, line);
  };
  let line = bodyLine;
  for (const token of tokens) {
    if (token.map) line = bodyLine + token.map[0];
    visit(token, line);
  }
  for (const { line, src } of pending) {
    const outcome = await resolveAsset(file, src);
    if ("problem" in outcome) report(line, outcome.problem);
    else assets.add(outcome.asset);
  }
  return [...assets].sort();
}

function checkRawHtml(html: string, line: number, report: (line: number, message: string) => void, images: Array<{ line: number; src: string }>): void {
  const at = (index: number) => line + (html.slice(0, index).match(/\n/g)?.length ?? 0);
  for (const m of html.matchAll(/<\s*(script|iframe|object|embed)\b/gi)) {
    report(at(m.index), `<${m[1].toLowerCase()}> is not allowed in a brief: briefs are static documents; remove it${m[1].toLowerCase() === "script" ? "" : " and link to the content instead"}`);
  }
  for (const m of html.matchAll(/\s(on[a-z]+)\s*=/gi)) {
    report(at(m.index), `event handler attribute "${m[1]}" is not allowed in a brief: remove it`);
  }
  for (const m of html.matchAll(/javascript\s*:/gi)) {
    report(at(m.index), `"javascript:" URLs are not allowed in a brief: link to a page or file instead`);
  }
  for (const m of html.matchAll(/<\s*link\b[^>]*>/gi)) {
    const href = /href\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1] ?? "";
    if (REMOTE.test(href)) report(at(m.index), `remote stylesheet "${href}": briefs are self-contained and load nothing from other sites`);
  }
  for (const m of html.matchAll(/<\s*img\b[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)/gi) as IterableIterator<RegExpExecArray>) {
    if (REMOTE.test(m[1])) report(at(m.index), `remote image "${m[1]}": briefs are self-contained; save the image beside the brief and link it by its file name`);
    else if (!m[1].startsWith("data:")) images.push({ line: at(m.index), src: m[1] });
  }
}
