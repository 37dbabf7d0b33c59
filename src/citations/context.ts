/**
 * What a brief needs to format its citations, from its front matter: the bibliography file,
 * the CSL style, the locale and the note stream. Files are read synchronously because
 * markdown-it renders synchronously (the loader and Eleventy both call this); a bibliography
 * is parsed once per content and a style compiled once per locale in a process (engine.ts).
 *
 * The bibliography and a brief's own `.csl` must be regular files inside the brief's folder,
 * checked as images are (src/briefs/asset-path.ts): briefs are untrusted.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { isInside } from "../briefs/find.ts";
import { BIBLIOGRAPHY_EXTENSIONS, MAX_BIBLIOGRAPHY_BYTES, parseBibliography, type Bibliography } from "./bibliography.ts";
import { compileFault, engineFor, type CitationEngine } from "./engine.ts";
import { BUNDLED_STYLES, DEFAULT_STYLE, bibliographyTitle, bundledStyle, describeStyle, localeFor, localeLabelTerms, styleFault, type StyleInfo } from "./style.ts";
import { withLocaleTerms, type LabelTerm } from "./syntax.ts";

/** The front matter fields this module reads (see src/briefs/front-matter.ts). */
export interface CitationSettings {
  bibliography?: string;
  csl?: string;
  /** Which note stream citations in the text go to. @default "endnotes" */
  citations?: "endnotes" | "footnotes";
  /** Heading of the list of works cited, or false for no list. @default per style and language */
  bibliography_title?: string | false;
  lang?: string;
}

export interface CitationProblem {
  message: string;
  /** 1-based line: in `file` when given, else in the brief's front matter (`field`) or body. */
  line: number;
  /** A file other than the brief (the .bib or .csl file). */
  file?: string;
  /** The front matter field the problem is about. */
  field?: string;
}

export interface CitationContext {
  bibliography: Bibliography;
  style: StyleInfo;
  engine: CitationEngine;
  /** Where a citation in the running text goes (note styles only). */
  stream: "endnote" | "footnote";
  /** Heading of the list of works cited, or null for none. */
  bibliographyTitle: string | null;
  /** Files the brief reads for its citations (not published). */
  files: string[];
  /** Locator labels an author may write (English and the brief's language). */
  labelTerms: LabelTerm[];
}

/**
 * Eleventy renders a copy of each checked brief from a private folder (src/build/eleventy-input.ts),
 * where the files beside the brief are not: the loader tells where each brief (by slug) really is.
 */
const briefFiles = new Map<string, string>();

export function rememberBriefFile(slug: string, file: string): void {
  briefFiles.set(slug, path.resolve(file));
}

/** The brief's real file for a render: by slug when the loader saw it, else the file rendered. */
export function briefFileFor(slug: string | undefined, inputPath: string | undefined): string | undefined {
  return (slug ? briefFiles.get(slug) : undefined) ?? (inputPath ? path.resolve(inputPath) : undefined);
}

/** Largest CSL style a brief may bring (the biggest styles in the CSL repository are ~300 KB). */
const MAX_STYLE_BYTES = 2 * 1024 * 1024;

/** A file beside the brief, resolved and checked; or what is wrong. */
function briefFile(briefFile: string, rel: string, field: string, extensions: string[], maxBytes: number): { real: string } | { problem: string } {
  const dir = path.dirname(path.resolve(briefFile));
  const abs = path.resolve(dir, rel);
  if (path.isAbsolute(rel) || !isInside(abs, dir) || abs === dir) {
    return { problem: `${field}: "${rel}" is outside the brief's folder: put the file beside the brief` };
  }
  if (!extensions.includes(path.extname(abs).toLowerCase())) {
    return { problem: `${field}: "${rel}" must be a ${extensions.join(" or ")} file` };
  }
  let real: string;
  let size: number;
  try {
    real = realpathSync(abs);
    const stat = statSync(real);
    if (!stat.isFile()) return { problem: `${field}: "${rel}" is not a file` };
    size = stat.size;
  } catch {
    return { problem: `${field}: "${rel}" not found (looked for ${abs}): check the file name or add the file` };
  }
  if (!isInside(real, realpathSync(dir))) {
    return { problem: `${field}: "${rel}" leads outside the brief's folder (a symbolic link to ${real}): put the file itself beside the brief` };
  }
  if (size > maxBytes) return { problem: `${field}: "${rel}" is ${(size / 1024 / 1024).toFixed(1)} MB: at most ${maxBytes / 1024 / 1024} MB` };
  return { real };
}

function readStyle(brief: string, csl: string | undefined): { style: StyleInfo; file?: string } | CitationProblem {
  const name = csl ?? DEFAULT_STYLE;
  if (Object.hasOwn(BUNDLED_STYLES, name)) return { style: bundledStyle(name) };
  if (!/\.csl$/i.test(name)) {
    return { field: "csl", line: 1, message: `csl: "${name}" is neither a bundled style (${Object.keys(BUNDLED_STYLES).join(", ")}) nor a .csl file beside the brief` };
  }
  const found = briefFile(brief, name, "csl", [".csl"], MAX_STYLE_BYTES);
  if ("problem" in found) return { field: "csl", line: 1, message: found.problem };
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(found.real));
  } catch {
    return { field: "csl", line: 1, message: `csl: "${name}" is not UTF-8 text` };
  }
  const info = describeStyle(xml);
  if ("problem" in info) return { file: found.real, line: 1, message: `this style ${info.problem}` };
  const fault = styleFault(xml);
  if (fault) return { file: found.real, line: fault.line, message: `this style cannot be used: ${fault.message}` };
  return { style: info, file: found.real };
}

/**
 * Parsed bibliographies by content (a hash of the file's bytes): the loader and Eleventy both
 * render each brief, and briefs often share one exported library. A file that changes is
 * parsed again however close its edits are in time; one that does not is never parsed twice.
 */
const parsedFiles = new Map<string, ReturnType<typeof parseBibliography>>();
const PARSED_FILES_KEPT = 16;

/** The parse of `text`, with problems and the bibliography naming `file`. */
function parsedFor(text: string, file: string): ReturnType<typeof parseBibliography> {
  const hash = createHash("sha256").update(text).digest("hex");
  let parsed = parsedFiles.get(hash);
  if (parsed) {
    parsedFiles.delete(hash); // most recently used last
  } else {
    parsed = parseBibliography(text, file);
  }
  parsedFiles.set(hash, parsed);
  while (parsedFiles.size > PARSED_FILES_KEPT) parsedFiles.delete(parsedFiles.keys().next().value as string);
  if (parsed.bibliography?.file === file || parsed.problems[0]?.file === file) return parsed;
  // The same content in another file: the same items, told by this file's name.
  return {
    bibliography: parsed.bibliography && { ...parsed.bibliography, file },
    problems: parsed.problems.map((problem) => ({ ...problem, file })),
  };
}

function readBibliography(real: string, asWritten: string): ReturnType<typeof parseBibliography> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(real));
  } catch (cause) {
    const unreadable = (cause as NodeJS.ErrnoException).code;
    const message = unreadable ? `bibliography: cannot read "${asWritten}" (${unreadable})` : `bibliography: "${asWritten}" is not UTF-8 text: export it as UTF-8`;
    return { problems: [{ file: real, line: 1, message }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parsedFor(text, real);
}

/**
 * The brief's citation setup, or the problems that prevent it. No `bibliography:` means no
 * citations (and no problems: a brief without one publishes `@handles` as written).
 */
export function loadCitationContext(brief: string, settings: CitationSettings): { context?: CitationContext; problems: CitationProblem[]; files?: string[] } {
  if (!settings.bibliography) {
    return settings.csl ? { problems: [{ field: "csl", line: 1, message: 'csl: is set but there is no "bibliography:" to cite from: add one (e.g. bibliography: references.bib)' }] } : { problems: [] };
  }
  const problems: CitationProblem[] = [];
  const found = briefFile(brief, settings.bibliography, "bibliography", BIBLIOGRAPHY_EXTENSIONS, MAX_BIBLIOGRAPHY_BYTES);
  const styled = readStyle(brief, settings.csl);
  if ("problem" in found) problems.push({ field: "bibliography", line: 1, message: found.problem });
  if ("message" in styled) problems.push(styled);
  // The files found, also when one of them is wrong (they are the brief's, not stray files).
  const files = [...("real" in found ? [found.real] : []), ...(styled.file ? [styled.file] : [])];
  if ("problem" in found || "message" in styled) return { problems, files };

  const parsed = readBibliography(found.real, settings.bibliography);
  if (!parsed.bibliography) return { problems: parsed.problems, files };

  const lang = settings.lang ?? "en-US";
  const locale = localeFor(lang) ?? "en-US";
  if (styled.file) {
    // A brief's own style is compiled now (once per locale, kept for citing) so that what
    // citeproc-js refuses is told at the style's line, not as a failed render.
    const fault = compileFault(styled.style, locale);
    if (fault) return { problems: [{ file: styled.file, ...fault }], files };
  }
  const engine = engineFor(styled.style, locale, parsed.bibliography.items);
  const title = settings.bibliography_title === false || !styled.style.hasBibliography ? null : (settings.bibliography_title ?? bibliographyTitle(lang, styled.style.kind));
  return {
    context: {
      bibliography: parsed.bibliography,
      style: styled.style,
      engine,
      stream: settings.citations === "footnotes" ? "footnote" : "endnote",
      bibliographyTitle: title,
      files: [found.real, ...(styled.file ? [styled.file] : [])],
      labelTerms: withLocaleTerms(localeLabelTerms(locale)),
    },
    problems,
  };
}
