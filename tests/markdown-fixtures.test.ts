/**
 * Authoring constructs (issue 14), as fixtures: tests/fixtures/markdown/*.txt. In
 * "errors" files the expected output is one "LINE: start of message" a line.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../src/markdown/configure.ts";
import type { MarkdownProblem } from "../src/markdown/problems.ts";
import { parseCases, parseExpectedErrors } from "./helpers/fixtures.ts";

const md = createMarkdown();
const files = readdirSync(new URL("./fixtures/markdown/", import.meta.url)).filter((f) => f.endsWith(".txt"));

for (const file of files.filter((f) => !f.includes("errors"))) {
  describe(`markdown: ${file}`, () => {
    for (const c of parseCases(`markdown/${file}`)) {
      it(c.description, () => {
        const env: { markdownErrors?: MarkdownProblem[]; noteErrors?: unknown[]; lang?: string } = {};
        const lang = /\blang=([\w-]+)/.exec(c.description)?.[1];
        if (lang) env.lang = lang;
        expect(md.render(c.input, env)).toBe(c.expected);
        expect(env.markdownErrors).toEqual([]);
        expect(env.noteErrors).toEqual([]);
      });
    }
  });
}

for (const file of files.filter((f) => f.includes("errors"))) {
  describe(`markdown: ${file}`, () => {
    for (const c of parseCases(`markdown/${file}`)) {
      it(c.description, () => {
        const env: { markdownErrors?: MarkdownProblem[] } = {};
        md.render(c.input, env);
        const expected = parseExpectedErrors(c.expected);
        const got = env.markdownErrors ?? [];
        expect(got.map((e) => e.line)).toEqual(expected.map((e) => e.line));
        got.forEach((e, k) => expect(e.message.startsWith(expected[k].start), `${e.message}\n  should start with\n${expected[k].start}`).toBe(true));
      });
    }
  });
}
