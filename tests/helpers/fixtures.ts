/**
 * Fixture files in markdown-it's style (tests/fixtures/notes/, tests/fixtures/markdown/):
 * a description, ".", the Markdown, ".", the expected output, ".".
 */
import { readFileSync } from "node:fs";

/** The cases of `file` (relative to tests/fixtures/). */
export function parseCases(file: string) {
  const lines = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), "utf8").split("\n");
  const cases: Array<{ description: string; input: string; expected: string }> = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].trim() === "" || lines[i].startsWith("# ")) {
      i++;
      continue;
    }
    const description = lines[i++];
    const take = () => {
      if (lines[i] !== ".") throw new Error(`${file}: expected "." before line ${i + 1}`);
      i++;
      const start = i;
      while (i < lines.length && lines[i] !== ".") i++;
      return lines.slice(start, i).join("\n") + (i > start ? "\n" : "");
    };
    const input = take();
    const expected = take();
    i++; // closing "."
    cases.push({ description, input, expected });
  }
  return cases;
}


/** Expected errors, one a line: "LINE: start of the message". */
export function parseExpectedErrors(expected: string): Array<{ line: number; start: string }> {
  return expected.split("\n").filter(Boolean).map((line) => {
    const m = /^(\d+): (.*)$/.exec(line);
    if (!m) throw new Error(`bad expectation: ${line}`);
    return { line: Number(m[1]), start: m[2] };
  });
}
