import { describe, expect, it } from "vitest";
import { createMarkdown } from "../src/markdown/configure.ts";
import type { NotesEnv } from "../src/notes/notes-plugin.ts";
import { parseCases as parseFixtureCases, parseExpectedErrors } from "./helpers/fixtures.ts";

const parseCases = (file: string) => parseFixtureCases(`notes/${file}`);

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
      const expected = parseExpectedErrors(c.expected);
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
