import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../src/markdown/configure.ts";
import type { NotesEnv } from "../src/notes/notes-plugin.ts";

/** Cases of a fixture file: description, ".", input, ".", expected, "." (markdown-it style). */
function parseCases(file: string) {
  const lines = readFileSync(new URL(`./fixtures/notes/${file}`, import.meta.url), "utf8").split("\n");
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

const md = createMarkdown();

describe("notes: Markdown → HTML fixtures", () => {
  const cases = parseCases("notes.txt");
  it("has fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(14));
  for (const c of cases) {
    it(c.description, () => {
      const env: NotesEnv = c.description.startsWith("env.docId") ? { docId: "brief" } : {};
      expect(md.render(c.input, env)).toBe(c.expected);
      expect(env.noteErrors).toEqual([]);
    });
  }
});

describe("notes: errors", () => {
  const cases = parseCases("errors.txt");
  it("has fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const c of cases) {
    it(c.description, () => {
      const sourceLine = /^env\.sourceLine=(\d+)/.exec(c.description)?.[1];
      const env: NotesEnv = sourceLine ? { sourceLine: Number(sourceLine) } : {};
      md.render(c.input, env);
      const expected = c.expected.split("\n").filter(Boolean).map((line) => {
        const m = /^(\d+): (.*)$/.exec(line);
        if (!m) throw new Error(`bad expectation: ${line}`);
        return { line: Number(m[1]), start: m[2] };
      });
      const got = env.noteErrors ?? [];
      expect(got.map((e) => e.line)).toEqual(expected.map((e) => e.line));
      got.forEach((e, k) => expect(e.message.startsWith(expected[k].start), `${e.message}\n  should start with\n${expected[k].start}`).toBe(true));
    });
  }
});

describe("notes: env", () => {
  it("counts each stream and resets between renders of one env", () => {
    const env: NotesEnv = {};
    md.render("a[^1] b[^*x]\n\n[^1]: one\n[^*x]: ex\n", env);
    expect(env.notes).toEqual({ endnotes: 1, footnotes: 1 });
    md.render("plain text\n", env);
    expect(env.notes).toEqual({ endnotes: 0, footnotes: 0 });
    expect(env.noteErrors).toEqual([]);
  });
});
