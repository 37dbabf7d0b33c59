/**
 * SVG images beside a brief are published as files, and a reader can open one directly:
 * then its scripts run. An SVG may not hold scripts, event handlers, foreignObject, entity
 * declarations, or references to anything outside itself (href/xlink:href other than `#id`
 * or an image data: URL, `@import`, `url(…)` other than `url(#id)`). Parsed with saxes,
 * the XML parser jsdom uses; problems come with the SVG's own line.
 */
import { SaxesParser } from "saxes";

export interface SvgProblem {
  /** 1-based line in the SVG file. */
  line: number;
  message: string;
}

const FORBIDDEN_ELEMENTS = new Set(["script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video", "html", "body"]);
const ANIMATIONS = new Set(["set", "animate", "animatetransform", "animatemotion"]);
const LOCAL_REFERENCE = /^(?:#|data:image\/(?:png|jpeg|gif|webp);)/i;

/** Why a piece of CSS inside an SVG may not be used, or null. */
export function svgCssProblem(css: string): string | null {
  if (css.includes("\\")) return "CSS escapes (\\) are not allowed in an SVG's styles";
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, "");
  if (/@import/i.test(clean)) return "@import loads a stylesheet from elsewhere";
  for (const m of clean.matchAll(/(?:url|image|image-set|src)\s*\(\s*(['"]?)\s*([^'")\s]*)/gi)) {
    if (!m[2].startsWith("#")) return `${m[0].replace(/\s+/g, "")}… refers to a file or site outside the SVG (only url(#id) is allowed)`;
  }
  return null;
}

/** Problems of an SVG document's text (empty when it is safe to publish as it is). */
export function checkSvg(text: string): SvgProblem[] {
  const problems: SvgProblem[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  const add = (message: string) => problems.push({ line: parser.line, message });
  const open: string[] = [];
  let styleText = "";
  let styleLine = 0;

  parser.on("doctype", (doctype) => {
    if (doctype.includes("[")) add("the DOCTYPE declares entities: remove the DOCTYPE (entities can expand without bound or read files)");
  });
  parser.on("processinginstruction", (pi) => {
    if (pi.target.toLowerCase() === "xml-stylesheet") add("<?xml-stylesheet?> loads a stylesheet from elsewhere: remove it");
  });
  parser.on("opentag", (tag) => {
    const local = tag.name.replace(/^.*:/, "").toLowerCase();
    open.push(local);
    if (FORBIDDEN_ELEMENTS.has(local)) add(`<${tag.name}> is not allowed in an SVG image (scripts and embedded documents run when the file is opened)`);
    if (local === "style") {
      styleText = "";
      styleLine = parser.line;
    }
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
      const attr = name.replace(/^.*:/, "").toLowerCase();
      if (/^on/.test(attr)) add(`event handler attribute "${name}" on <${tag.name}>: remove it`);
      else if (attr === "href" || attr === "src") {
        if (!LOCAL_REFERENCE.test(value.trim())) add(`${name}="${value.length > 60 ? `${value.slice(0, 57)}…` : value}" on <${tag.name}> refers to something outside the SVG (only #id and image data: URLs are allowed)`);
      } else if (attr === "attributename" && ANIMATIONS.has(local) && /href/i.test(value)) {
        add(`<${tag.name}> animates ${value}: links may not be changed by animation`);
      } else if (/url\s*\(|@import|\\/i.test(value)) {
        const problem = svgCssProblem(attr === "style" ? value : `x{${attr}:${value}}`);
        if (problem) add(`${name} on <${tag.name}>: ${problem}`);
      }
    }
  });
  parser.on("text", (t) => {
    if (open.at(-1) === "style") styleText += t;
  });
  parser.on("cdata", (t) => {
    if (open.at(-1) === "style") styleText += t;
  });
  parser.on("closetag", () => {
    if (open.pop() === "style") {
      const problem = svgCssProblem(styleText);
      if (problem) problems.push({ line: styleLine, message: `<style>: ${problem}` });
    }
  });
  let malformed = false;
  parser.on("error", (error) => {
    if (malformed) return;
    malformed = true;
    problems.push({ line: parser.line, message: `not well-formed XML (${error.message.replace(/^\d+:\d+: /, "")}): save it again from the drawing program` });
  });
  try {
    parser.write(text).close();
  } catch {
    // reported through "error"
  }
  const root = problems.length === 0 && !/<svg[\s>]/i.test(text) ? [{ line: 1, message: "the file has no <svg> element" }] : [];
  return [...root, ...problems];
}
