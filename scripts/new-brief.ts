/**
 * `npm run new -- "Title" [--dir content] [--author "Name"]`: a new brief with valid front
 * matter (today's date), in its own folder so images can sit beside it.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { slugify } from "../src/markdown/heading-ids.ts";

const USAGE = `usage: briefpress new "Title of the brief" [--dir DIR] [--author "Name"]
  (npm run new -- "Title" [options])  writes DIR/<slug>/index.md with valid front matter
  --dir DIR        folder of briefs                default: content
  --author "Name"  the author`;
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { dir: { type: "string", default: "content" }, author: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const title = positionals.join(" ").trim();
if (!title) {
  console.error(USAGE);
  process.exit(2);
}
const slug = slugify(title);
const folder = path.join(values.dir, slug);
const file = path.join(folder, "index.md");
if (existsSync(folder)) {
  console.error(`${folder} already exists: choose another title or edit that brief`);
  process.exit(1);
}
const yaml = (text: string) => JSON.stringify(text);
mkdirSync(folder, { recursive: true });
writeFileSync(
  file,
  `---
title: ${yaml(title)}
${values.author ? `author:\n  - name: ${yaml(values.author)}\n` : ""}date: ${new Date().toISOString().slice(0, 10)}
lang: en-US
page: letter
# summary: "One sentence that says what the brief finds."
---

## Introduction

Write the brief here. An endnote is called like this.[^source] A footnote, printed at the
foot of the page, like this.[^*remark]

[^source]: The citation.
[^*remark]: The remark.
`,
);
console.log(`${file}: a new brief with valid front matter. Write it, then npm run build.`);
