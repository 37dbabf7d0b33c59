/**
 * YAML data (a brief's front matter, the site configuration) read with the line of every
 * value, so each problem can be reported as `file:line`. Refused: YAML errors, duplicate keys
 * (both lines named), aliases (`*name`: nested they grow without bound, the "billion laughs";
 * data files never need them), and anything but a mapping of fields at the top.
 */
import { LineCounter, parseDocument, isMap, isNode, visit, type Node as YamlNode } from "yaml";

export interface YamlFields {
  /** The fields as plain values (a mapping). */
  value: Record<string, unknown>;
  /** The file's line of the value at `path`, else of the closest field above it that exists. */
  lineOf(path: ReadonlyArray<PropertyKey>): number;
}

export interface YamlProblem {
  line: number;
  message: string;
}

/**
 * Reads `text`, whose first line is line `firstLine` of its file. `what` names the data in
 * messages ("front matter", "the site configuration"); `notAMapping` is the message when the
 * text is not a set of `key: value` fields.
 */
export function readYamlFields(
  text: string,
  options: { firstLine: number; what: string; notAMapping: string },
): { fields: YamlFields } | { problems: YamlProblem[] } {
  const { firstLine, what } = options;
  const lines = text.split("\n");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const fileLine = (offset: number) => firstLine + lineCounter.linePos(offset).line - 1;
  // An error found at the end of the text (an unclosed bracket) is shown on its last written line.
  const lastLine = firstLine + Math.max(0, lines.findLastIndex((l) => l.trim() !== ""));
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const line = Math.min(lastLine, e.pos ? fileLine(e.pos[0]) : firstLine - 1 + (e.linePos?.[0].line ?? 1));
        // The yaml library names lines of the YAML alone; say nothing of them, the file's line is given.
        let message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        if (e.code === "DUPLICATE_KEY") {
          const at = line - firstLine;
          const key = /^\s*([^:#]+?)\s*:/.exec(lines[at] ?? "")?.[1];
          const escaped = key?.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          const first = key ? lines.slice(0, at).findIndex((l) => new RegExp(`^\\s*${escaped}\\s*:`).test(l)) : -1;
          message = `"${key ?? "this key"}" is given twice${first >= 0 ? ` (first on line ${first + firstLine})` : ""}: keep one`;
        }
        return { line, message: `invalid YAML in ${what}: ${message}` };
      }),
    };
  }
  let aliasOffset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      aliasOffset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  if (aliasOffset !== undefined) {
    return { problems: [{ line: fileLine(aliasOffset), message: `YAML aliases (*name) are not allowed in ${what}: write the value out` }] };
  }
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { problems: [{ line: firstLine, message: options.notAMapping }] };
  }
  const keyLine = (key: PropertyKey | undefined): number => {
    if (key !== undefined && isMap(doc.contents)) {
      const pair = doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === key);
      const node = pair?.key as YamlNode | undefined;
      if (node?.range) return fileLine(node.range[0]);
    }
    return Math.max(1, firstLine - 1);
  };
  const lineOf = (path: ReadonlyArray<PropertyKey>): number => {
    for (let n = path.length; n > 1; n--) {
      const node = doc.getIn(path.slice(0, n) as Array<string | number>, true);
      if (isNode(node) && node.range) return fileLine(node.range[0]);
    }
    return keyLine(path[0]);
  };
  return { fields: { value: value as Record<string, unknown>, lineOf } };
}
