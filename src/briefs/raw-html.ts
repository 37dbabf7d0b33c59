/**
 * What HTML a brief may publish: an allowlist checked with DOMPurify over jsdom (whose
 * parser is parse5, the WHATWG algorithm browsers use), on the HTML markdown-it renders,
 * the same string Eleventy publishes. Nothing is stripped: whatever DOMPurify would remove
 * is reported, with its offset in the HTML, and the build refuses the brief.
 *
 * Why this pair: DOMPurify is the most used and most audited HTML sanitizer, and it can walk
 * a DOM that is already parsed (IN_PLACE) and list what it removed (`DOMPurify.removed`);
 * jsdom parses with source locations, so each removal can be traced to a line of the brief.
 * sanitize-html (htmlparser2) does not parse as browsers do, and strips without telling.
 */
import type { JSDOM } from "jsdom";
import type { Config as PurifyConfig, DOMPurify } from "dompurify";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { findLongWord, MAX_WORD_LENGTH } from "./words.ts";
import { DOCUMENT_NAMES } from "../markdown/document-names.ts";

export { findLongWord, MAX_WORD_LENGTH };

/** Elements a brief may use (markdown-it and the notes plugin produce a subset of these). */
export const ALLOWED_ELEMENTS = [
  "a", "abbr", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
  "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
  "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
  "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
  "time", "tr", "u", "ul", "var", "wbr",
];

/** Attributes a brief may use, on any allowed element (plus aria-* and data-*). */
export const ALLOWED_ATTRIBUTES = [
  "abbr", "alt", "cite", "class", "colspan", "datetime", "dir", "headers", "height", "hidden", "href", "id", "lang",
  "open", "rel", "reversed", "role", "rowspan", "scope", "span", "src", "start", "style",
  "tabindex", "title", "translate", "type", "value", "width",
];

/** URLs in links: http(s), mailto, tel, or no scheme at all (relative, #fragment). */
const ALLOWED_URI = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** Whitespace and controls browsers ignore inside a URL's scheme ("java\tscript:"). */
const URL_IGNORED = /[\u0000-\u0020\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000]/g;

/** Deeper than this, the element tree is refused (layout and the PDF step slow down badly). */
export const MAX_ELEMENT_DEPTH = 100;

export interface HtmlProblem {
  /** Offset in the checked HTML where the problem starts. */
  offset: number;
  message: string;
}

export interface HtmlImage {
  offset: number;
  /** `src` or one `srcset` candidate, as written (entities decoded). */
  src: string;
}

export interface HtmlCheck {
  problems: HtmlProblem[];
  /** Every image the HTML uses that is not a data: URL, for the local-file checks. */
  images: HtmlImage[];
}

const ELEMENT_ADVICE: Record<string, string> = {
  script: "briefs are static documents; remove it",
  iframe: "briefs are self-contained; link to the content instead",
  frame: "briefs are self-contained; link to the content instead",
  object: "briefs are self-contained; link to the content instead",
  embed: "briefs are self-contained; link to the content instead",
  applet: "briefs are self-contained; link to the content instead",
  meta: "a brief cannot change the page's head (redirects, refresh, metadata); use the front matter",
  base: "a brief cannot change where the page's links point",
  link: "a brief cannot load stylesheets or other resources; the site's stylesheet styles every brief",
  style: "the site's stylesheet styles every brief; use class on a span or div",
  form: "briefs are documents, not forms",
  input: "briefs are documents, not forms",
  button: "briefs are documents, not forms",
  select: "briefs are documents, not forms",
  textarea: "its content would be shown as raw text, not as the brief",
  plaintext: "everything after it would be shown as raw text, not as the brief",
  xmp: "its content would be shown as raw text, not as the brief",
  listing: "its content would be shown as raw text, not as the brief",
  title: "its content would be shown as raw text, not as the brief; the title is set in the front matter",
  noscript: "its content would be dropped or shown as raw text",
  noembed: "its content would be dropped or shown as raw text",
  noframes: "its content would be dropped or shown as raw text",
  template: "its content would not be shown",
  svg: "save the figure as an .svg file beside the brief and use ![description](figure.svg)",
  math: "save the formula as an image beside the brief and use ![description](formula.svg)",
  video: "a PDF cannot play it; link to the recording instead",
  audio: "a PDF cannot play it; link to the recording instead",
  picture: "use one image: <img src=\"file.png\" alt=\"…\"> or ![description](file.png)",
  source: "use one image: <img src=\"file.png\" alt=\"…\"> or ![description](file.png)",
  html: "a brief is the body of a page, not a page",
  head: "a brief is the body of a page, not a page",
  body: "a brief is the body of a page, not a page",
};

/** Why a URL may not be used, or null when it may. `image` URLs must be files beside the brief. */
export function urlProblem(value: string, use: "link" | "image"): string | null {
  const compact = value.replace(URL_IGNORED, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1].toLowerCase();
  if (scheme === "javascript" || scheme === "vbscript") return '"javascript:" URLs are not allowed in a brief: link to a page or file instead';
  if (use === "image") {
    if (scheme === "data") {
      return /^data:image\/(?:png|jpeg|gif|webp|avif)[;,]/i.test(compact) ? null : `data: URL "${short(value)}" is not an image (png, jpeg, gif, webp): save the image beside the brief`;
    }
    if (scheme || compact.startsWith("//")) {
      return `remote image "${short(value)}": briefs are self-contained; save the image beside the brief and link it by its file name`;
    }
    return null;
  }
  if (scheme === "data") return `data: URL "${short(value)}" is not allowed in a link: save the file beside the brief and link to it`;
  if (!ALLOWED_URI.test(compact)) return `URL "${short(value)}" is not allowed: use an http(s), mailto: or tel: URL, or a link to a file or section`;
  return null;
}

/** Why a `style` attribute may not be used, or null. Styles may set looks, not load things. */
export function styleProblem(value: string): string | null {
  if (value.includes("\\")) return "CSS escapes (\\) are not allowed in a style attribute";
  const css = value.replace(/\/\*[\s\S]*?\*\//g, "").toLowerCase();
  const loads = /(?:url|image|image-set|-webkit-image-set|src|element|expression)\s*\(|@import|behavior\s*:|-moz-binding/.exec(css);
  if (loads) return `style "${short(value)}" loads or runs something (${loads[0].replace(/\s*\($/, "(")}): styles in a brief may not refer to files or other sites; use an image`;
  return null;
}

/** The candidate URLs of a `srcset` attribute (HTML's parsing: URL, then descriptors up to a comma). */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i])) i++;
    const start = i;
    while (i < value.length && !/\s/.test(value[i])) i++;
    let url = value.slice(start, i);
    if (url.endsWith(",")) url = url.replace(/,+$/, "");
    else while (i < value.length && value[i] !== ",") i++;
    if (url) urls.push(url);
  }
  return urls;
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

const CODE_ELEMENTS = new Set(["CODE", "PRE", "KBD", "SAMP"]);

/**
 * jsdom and DOMPurify, loaded at the first check (jsdom alone takes ~1 s to import): a build
 * whose checks all come from the cache (build/check-cache.ts) never loads them. Both are
 * CommonJS, so they load synchronously and checkHtml stays synchronous.
 */
let domLibraries: { JSDOM: typeof import("jsdom").JSDOM; VirtualConsole: typeof import("jsdom").VirtualConsole; createDOMPurify: (window: Window & typeof globalThis) => DOMPurify } | undefined;
function loadDomLibraries(): NonNullable<typeof domLibraries> {
  if (!domLibraries) {
    const require = createRequire(import.meta.url);
    const jsdom = require("jsdom") as typeof import("jsdom");
    domLibraries = { JSDOM: jsdom.JSDOM, VirtualConsole: jsdom.VirtualConsole, createDOMPurify: require("dompurify") };
  }
  return domLibraries;
}

/** SHA-256 of HTML that passed checkHtml in this process (a check builds a DOM: ~0.1 s a brief). */
const passedChecks = new Set<string>();
const digest = (html: string) => createHash("sha256").update(html).digest("base64");

/**
 * The first problem of `html`, or undefined. HTML identical to HTML that already passed in this
 * process (the loader checked the very string Eleventy renders) is not checked twice.
 */
export function firstHtmlProblem(html: string): HtmlProblem | undefined {
  if (passedChecks.has(digest(html))) return undefined;
  return checkHtml(html).problems[0];
}

/** Records that `html` passed checkHtml (e.g. in an earlier build: see build/check-cache.ts), so firstHtmlProblem does not check it again. */
export function notePassedHtml(html: string): void {
  passedChecks.add(digest(html));
}

/** The digest notePassedHtml keeps, for a cache that keeps it (build/brief-cache.ts). */
export const passedHtmlDigest = digest;

/** notePassedHtml for HTML known by its passedHtmlDigest (checked in an earlier build). */
export function notePassedHtmlDigest(htmlDigest: string): void {
  passedChecks.add(htmlDigest);
}

/**
 * Checks an HTML fragment as it will be published (the body of a brief): every element,
 * attribute and URL against the allowlist, comments closed, depth and word length sane.
 * Pure; the result lists problems in document order. HTML that certainly passes is answered
 * from parse5's tree (certainPass); anything else gets the full check, over a DOM.
 */
export function checkHtml(html: string): HtmlCheck {
  const passed = certainPass(html);
  if (passed) {
    passedChecks.add(digest(html));
    return passed;
  }
  return checkHtmlWithDom(html);
}

/** The page the fragment is parsed in, as the body of a document (both checks use it). */
const PAGE_PREFIX = "<!DOCTYPE html><html><head></head><body>";

/** The full check: DOMPurify over jsdom, with each problem's offset (see the top of this file). */
export function checkHtmlWithDom(html: string): HtmlCheck {
  const deep = tooDeepForDom(html);
  if (deep) return { problems: [deep], images: [] };
  const { JSDOM, VirtualConsole, createDOMPurify } = loadDomLibraries();
  const prefix = PAGE_PREFIX;
  // A silent console: jsdom would print CSS parse errors of the (refused) <style> elements.
  let dom: JSDOM;
  try {
    dom = new JSDOM(prefix + html, { includeNodeLocations: true, virtualConsole: new VirtualConsole() });
  } catch (error) {
    // jsdom 29 fails to record where text is that the parser moves out of a table
    // (`<table>text</table>`: TypeError in getNodeSourceCodeLocation, during parse5's foster parenting).
    const table = html.search(/<table\b/i);
    if (table < 0 || !String((error as Error).stack).includes("InTable")) throw error;
    return {
      problems: [{ offset: table, message: "text or markup directly inside this <table> (outside its cells) would be moved out of the table by the browser: put it in a cell, or before or after the table" }],
      images: [],
    };
  }
  const { document } = dom.window;
  const problems: HtmlProblem[] = [];
  const images: HtmlImage[] = [];
  const offsetOf = (node: Node, attribute?: string): number => {
    let location: ReturnType<JSDOM["nodeLocation"]> | null = null;
    try {
      location = dom.nodeLocation(node);
    } catch {
      location = null;
    }
    if (!location) return 0;
    const attrs = (location as { attrs?: Record<string, { startOffset: number }> }).attrs;
    const at = (attribute ? attrs?.[attribute]?.startOffset : undefined) ?? location.startOffset;
    if (at >= prefix.length) return at - prefix.length;
    // Attributes of a stray <body> or <html> tag are merged into the page's own element,
    // whose location is in our prefix: point at the author's tag instead.
    const tag = /^(?:body|html)$/i.test((node as Element).localName ?? "") ? html.search(new RegExp(`<${(node as Element).localName}\\b`, "i")) : -1;
    return Math.max(0, tag);
  };
  const problem = (node: Node, message: string, attribute?: string) => problems.push({ offset: offsetOf(node, attribute), message });

  // Anything the parser put outside the body (attributes merged onto <html>, elements moved to <head>).
  if (document.documentElement.attributes.length > 0 || document.head.childNodes.length > 0) {
    problem(document.documentElement, "<html> and <head> tags are not allowed: a brief is the body of a page, not a page");
  }

  // Comments are inert once closed; an unclosed one hides everything after it. They are
  // checked and taken out here, so DOMPurify judges only what is shown.
  const walker = document.createTreeWalker(document.body, dom.window.NodeFilter.SHOW_COMMENT);
  const comments: Comment[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode as Comment);
  for (const comment of comments) {
    const location = dom.nodeLocation(comment);
    if (location) {
      const source = (prefix + html).slice(location.startOffset, location.endOffset);
      if (!/--!?>$/.test(source)) problem(comment, "this <!-- comment is never closed: everything after it would be hidden; close it with -->");
    }
    comment.remove();
  }

  // Depth, long words: walked before DOMPurify changes the tree.
  let deepReported = false;
  const walk = (node: Node, depth: number, inCode: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 1) {
        if (depth + 1 > MAX_ELEMENT_DEPTH && !deepReported) {
          deepReported = true;
          problem(child, `elements are nested more than ${MAX_ELEMENT_DEPTH} deep here: simplify the structure`);
          continue;
        }
        walk(child, depth + 1, inCode || CODE_ELEMENTS.has((child as Element).tagName));
      } else if (child.nodeType === 3 && !inCode) {
        const long = findLongWord(child.textContent ?? "");
        if (long) {
          problems.push({
            offset: offsetOf(child) + long.index,
            message: `a word of ${long.length} characters: words longer than ${MAX_WORD_LENGTH} characters (outside code and URLs) cannot be hyphenated or broken across lines; add spaces or put it in \`code\``,
          });
        }
      }
    }
  };
  walk(document.body, 0, false);

  const purify = createDOMPurify(dom.window as unknown as Window & typeof globalThis);
  const reasons = new Map<Element, Map<string, string>>();
  purify.addHook("uponSanitizeAttribute", (node, data) => {
    const element = node as Element;
    let reason: string | null = null;
    if (data.attrName === "style") reason = styleProblem(data.attrValue);
    else if (data.attrName === "src" && element.tagName === "IMG") reason = urlProblem(data.attrValue, "image");
    else if (data.attrName === "srcset" || data.attrName === "sizes") {
      for (const url of data.attrName === "srcset" ? srcsetUrls(data.attrValue) : []) reason ??= urlProblem(url, "image");
      reason ??= `attribute "${data.attrName}" is not supported: give one image in src (the page and the PDF use the same file)`;
    } else if (data.attrName === "src" && element.tagName !== "IMG") {
      reason = `attribute "${data.attrName}" is only allowed on <img>`;
    }
    if (reason) {
      data.keepAttr = false;
      if (!reasons.has(element)) reasons.set(element, new Map());
      reasons.get(element)!.set(data.attrName, reason);
    }
  });
  const config: PurifyConfig = {
    ALLOWED_TAGS: [...ALLOWED_ELEMENTS, "body"],
    ALLOWED_ATTR: ALLOWED_ATTRIBUTES,
    ALLOW_DATA_ATTR: true,
    ALLOW_ARIA_ATTR: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    IN_PLACE: true,
  };
  // Images are collected before DOMPurify (which leaves allowed ones where they are).
  for (const img of Array.from(document.body.querySelectorAll("img"))) {
    const src = img.getAttribute("src");
    if (src && !/^data:/i.test(src.replace(URL_IGNORED, "")) && !urlProblem(src, "image")) images.push({ offset: offsetOf(img, "src"), src });
  }
  purify.sanitize(document.body, config);
  for (const entry of purify.removed as Array<{ element?: Node; attribute?: Attr | null; from?: Element }>) {
    if (entry.element) {
      const node = entry.element;
      if (node.nodeType !== 1) {
        problem(node, "text or markup here would be changed by the browser's parser (a known script-injection pattern); rewrite it");
        continue;
      }
      const tag = (node as Element).localName;
      const advice = ELEMENT_ADVICE[tag];
      problem(
        node,
        advice
          ? `<${tag}> is not allowed in a brief: ${advice}`
          : ALLOWED_ELEMENTS.includes(tag)
            ? `<${tag}> here holds markup that browsers would parse differently (a known script-injection pattern); rewrite it`
            : `<${tag}> is not an element a brief may use (allowed: ${ALLOWED_ELEMENTS.join(", ")})`,
      );
    } else if (entry.from) {
      const name = entry.attribute?.name ?? "?";
      const value = entry.attribute?.value ?? "";
      const tag = entry.from.localName;
      const reason =
        reasons.get(entry.from)?.get(name.toLowerCase()) ??
        (/^on/i.test(name)
          ? `event handler attribute "${name}" is not allowed in a brief: remove it`
          : !ALLOWED_ATTRIBUTES.includes(name.toLowerCase()) && !/^(?:aria|data)-/i.test(name)
            ? `attribute "${name}" is not allowed on <${tag}> (allowed: ${ALLOWED_ATTRIBUTES.join(", ")}, aria-*, data-*)`
            : (name === "id" || name === "name") && !urlProblem(value, "link")
              ? `${name}="${short(value)}" would clash with a name the browser's document uses: choose another`
              : (urlProblem(value, "link") ?? `attribute ${name}="${short(value)}" on <${tag}> is not allowed: it looks like markup or a script`));
      problem(entry.from, reason, name.toLowerCase());
    }
  }
  dom.window.close();
  problems.sort((a, b) => a.offset - b.offset);
  if (problems.length === 0) passedChecks.add(digest(html));
  return { problems, images };
}

// ---------------------------------------------------------------- without a DOM

/**
 * parse5, the parser jsdom uses (the same version: jsdom's dependency range is ours), with
 * jsdom's options: the same tree and the same source offsets. ~0.05 s to load against ~1 s for
 * jsdom, and a tree of plain objects instead of a DOM.
 */
let parse5: typeof import("parse5") | undefined;
const loadParse5 = () => (parse5 ??= createRequire(import.meta.url)("parse5") as typeof import("parse5"));

type P5Node = {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  attrs?: Array<{ name: string; value: string; namespace?: string; prefix?: string }>;
  childNodes?: P5Node[];
  value?: string;
  sourceCodeLocation?: { startOffset: number; endOffset: number; attrs?: Record<string, { startOffset: number }> } | null;
};

const HTML_NS = "http://www.w3.org/1999/xhtml";
const ALLOWED_ELEMENT_SET = new Set(ALLOWED_ELEMENTS);
const ALLOWED_ATTRIBUTE_SET = new Set(ALLOWED_ATTRIBUTES);
/** DOMPurify 3.4's own patterns and lists (dist/purify.cjs.js), for what it keeps without looking at the value. */
const PURIFY_DATA_ATTR = /^data-[\-\w.\u00B7-\uFFFF]+$/;
const PURIFY_ARIA_ATTR = /^aria-[\-\w]+$/;
const PURIFY_URI_SAFE = new Set(["alt", "class", "for", "id", "label", "name", "pattern", "placeholder", "role", "summary", "title", "value", "style", "xmlns"]);
const PURIFY_VALUE_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;
const PURIFY_MARKUP_PROBE = /<[/\w!]/;

/**
 * Whether an `id` or `name` certainly names no property of the document or a form (DOMPurify
 * drops one that does). Those properties are JavaScript identifiers; the lowercase ones are
 * DOCUMENT_NAMES (jsdom's list, kept in step by tests/heading-ids-dom.test.ts). A value with a
 * capital letter or `$` may name one (`URL`, `getElementById`): the full check decides.
 */
function cannotClobber(value: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(value)) return true; // not an identifier: no property has that name
  return /^[a-z_][a-z0-9_]*$/.test(value) && !DOCUMENT_NAMES.has(value);
}

/** Whether checkHtmlWithDom certainly keeps this attribute (no hook reason, DOMPurify keeps it). */
function certainlyKept(tag: string, name: string, raw: string): boolean {
  const value = name === "value" ? raw : raw.trim(); // as DOMPurify hands it to our hook and checks it
  if (PURIFY_VALUE_BREAKOUT.test(value) || value.includes("/>")) return false;
  if (name === "srcset" || name === "sizes") return false;
  if (name === "src" && (tag !== "img" || urlProblem(value, "image"))) return false;
  if (name === "style" && styleProblem(value)) return false;
  if ((name === "id" || name === "name") && !cannotClobber(value)) return false;
  if (PURIFY_DATA_ATTR.test(name) || PURIFY_ARIA_ATTR.test(name)) return true;
  if (!ALLOWED_ATTRIBUTE_SET.has(name) || name === "for") return false;
  if (PURIFY_URI_SAFE.has(name)) return true;
  if (ALLOWED_URI.test(value.replace(URL_IGNORED, ""))) return true;
  if (name === "src" && value.startsWith("data:")) return true; // an image's data: URL (urlProblem passed it)
  return value === "";
}

/** Deeper than this, jsdom's recursive tree code overflows the stack (about 10,000 <span>s did). */
const DOM_SAFE_DEPTH = 1000;

/**
 * The depth problem of HTML nested deeper than jsdom can take (DOM_SAFE_DEPTH), found in
 * parse5's tree without recursion, at the first element deeper than MAX_ELEMENT_DEPTH; or
 * undefined. The full check then reports only this (the author flattens it first).
 */
function tooDeepForDom(html: string): HtmlProblem | undefined {
  const document = loadParse5().parse(PAGE_PREFIX + html, { sourceCodeLocationInfo: true, scriptingEnabled: false }) as unknown as P5Node;
  let first: P5Node | undefined;
  let deepest = 0;
  const stack: Array<[P5Node, number]> = [[document, -2]]; // <html> and <body> are not the brief's
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const child of node.childNodes ?? []) {
      if (!child.tagName && !child.childNodes) continue;
      const d = depth + 1;
      if (d > MAX_ELEMENT_DEPTH && (!first || (child.sourceCodeLocation?.startOffset ?? Infinity) < (first.sourceCodeLocation?.startOffset ?? Infinity))) first = child;
      deepest = Math.max(deepest, d);
      stack.push([child, d]);
    }
  }
  if (deepest <= DOM_SAFE_DEPTH || !first) return undefined;
  return {
    offset: Math.max(0, (first.sourceCodeLocation?.startOffset ?? PAGE_PREFIX.length) - PAGE_PREFIX.length),
    message: `elements are nested more than ${MAX_ELEMENT_DEPTH} deep here: simplify the structure`,
  };
}

/**
 * checkHtmlWithDom's result for HTML that certainly passes it, found in parse5's tree, or
 * undefined when anything might be a problem (then the full check runs and says what). It
 * accepts only what the full check lets through untouched: allowed elements in the HTML
 * namespace, nothing outside the body, no comment, allowed attributes whose values the hook
 * and DOMPurify keep, no element of text alone that holds markup, no deep nesting, no long
 * word. tests/raw-html-fast.test.ts compares it with the full check on hostile and generated HTML.
 */
export function certainPass(html: string): HtmlCheck | undefined {
  const document = loadParse5().parse(PAGE_PREFIX + html, { sourceCodeLocationInfo: true, scriptingEnabled: false }) as unknown as P5Node;
  const top = document.childNodes ?? [];
  if (top.length !== 2 || top[0].nodeName !== "#documentType" || top[1].nodeName !== "html") return undefined;
  const root = top[1];
  const [head, body, ...rest] = root.childNodes ?? [];
  if (rest.length > 0 || root.attrs?.length || head?.nodeName !== "head" || head.childNodes?.length || body?.nodeName !== "body" || body.attrs?.length) return undefined;
  const images: HtmlImage[] = [];
  // Nodes in tree order are in source order: the parser moved nothing (text or markup out of a
  // table, copies of a misnested tag), which the full check handles, or fails on.
  // Text moved before a table joins the text node there, which then ends after the table's start.
  let lastStart = PAGE_PREFIX.length - 1;
  let textEnd = 0;
  const inOrder = (node: P5Node): boolean => {
    const location = node.sourceCodeLocation;
    if (!location || location.startOffset <= lastStart || location.startOffset < textEnd) return false;
    lastStart = location.startOffset;
    if (node.nodeName === "#text") textEnd = location.endOffset;
    return true;
  };
  const walk = (node: P5Node, depth: number, inCode: boolean): boolean => {
    const children = node.childNodes ?? [];
    let text = "";
    let elements = 0;
    for (let i = 0; i <= children.length; i++) {
      const child = children[i];
      if (child?.nodeName === "#text") {
        if (!inOrder(child)) return false;
        text += child.value ?? "";
        continue;
      }
      if (text && !inCode && findLongWord(text)) return false; // adjacent text nodes read as one
      if (text && elements === 0 && i === children.length && PURIFY_MARKUP_PROBE.test(text)) return false;
      text = "";
      if (!child) break;
      if (child.nodeName === "#comment" || child.namespaceURI !== HTML_NS || depth + 1 > MAX_ELEMENT_DEPTH || !inOrder(child)) return false;
      const tag = child.tagName ?? "";
      if (!ALLOWED_ELEMENT_SET.has(tag)) return false;
      elements++;
      for (const attr of child.attrs ?? []) {
        if (attr.namespace || attr.prefix || !certainlyKept(tag, attr.name, attr.value)) return false;
      }
      if (tag === "img") {
        const src = child.attrs?.find((a) => a.name === "src")?.value;
        const at = child.sourceCodeLocation?.attrs?.src?.startOffset;
        if (src && !/^data:/i.test(src.replace(URL_IGNORED, "")) && !urlProblem(src, "image")) {
          if (at === undefined || at < PAGE_PREFIX.length) return false;
          images.push({ offset: at - PAGE_PREFIX.length, src });
        }
      }
      if (!walk(child, depth + 1, inCode || CODE_ELEMENTS.has(tag.toUpperCase()))) return false;
    }
    return true;
  };
  return walk(body, 0, false) ? { problems: [], images } : undefined;
}
