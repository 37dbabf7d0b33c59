/**
 * `npm run new -- "Title" [--dir content] [--author "Name"]`: a new brief with valid front
 * matter (today's date), in its own folder so images can sit beside it. The defaults the brief
 * will get (from the folder's briefpress.yml, else briefpress's own) are listed in it as
 * comments, so the author sees them and can override one for this brief.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { slugify } from "../src/markdown/heading-ids.ts";
import { findInputFiles } from "../src/briefs/find.ts";
import { slugKey, slugOf } from "../src/briefs/slug.ts";
import { loadSiteConfig } from "../src/config/load.ts";
import { briefDefaults } from "../src/config/site.ts";
import { CONFIG_FILE } from "../src/config/schema.ts";
import { DEFAULT_LANG, DEFAULT_PAPER } from "../src/briefs/front-matter.ts";

const USAGE = `usage: briefpress new "Title of the brief" [--dir DIR] [--author "Name"]
  (npm run new -- "Title" [options])  writes DIR/<slug>/index.md with valid front matter
  --dir DIR        folder of briefs (its ${CONFIG_FILE} gives the defaults)   default: content
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
const { config, errors } = await loadSiteConfig(values.dir);
if (errors.length > 0) {
  for (const e of errors) console.error(e.format());
  process.exit(1);
}
const slug = slugify(title);
const folder = path.join(values.dir, slug);
const file = path.join(folder, "index.md");
if (existsSync(folder)) {
  console.error(`${folder} already exists: choose another title or edit that brief`);
  process.exit(1);
}
// One URL per brief: a brief elsewhere in the folder (`x.md`, `2019/x/index.md`, `X.md`) may have the slug.
const existing = existsSync(values.dir) ? (await findInputFiles(values.dir)).markdown : [];
const same = existing.find((f) => slugKey(slugOf(f)) === slugKey(slug));
if (same) {
  console.error(`${path.relative(process.cwd(), same) || same} already has the slug "${slugOf(same)}" (its URL /briefs/${slugOf(same)}/): choose another title or edit that brief`);
  process.exit(1);
}
const yaml = (text: string) => JSON.stringify(text);
const defaults: Record<string, unknown> = { lang: DEFAULT_LANG, page: DEFAULT_PAPER, ...briefDefaults(config) };
const source = config.file ? path.relative(folder, config.file) : "briefpress's defaults";
const inherited = Object.entries(defaults)
  .map(([key, value]) => `# ${key}: ${typeof value === "string" && !/^[\w-]+$/.test(value) ? yaml(value) : String(value)}`)
  .join("\n");
mkdirSync(folder, { recursive: true });
writeFileSync(
  file,
  `---
title: ${yaml(title)}
${values.author ? `author:\n  - name: ${yaml(values.author)}\n` : ""}date: ${new Date().toISOString().slice(0, 10)}
# summary: "One sentence that says what the brief finds."
# This brief gets these from ${source}; uncomment a line to change it for this brief only:
${inherited}
---

## Introduction

Write the brief here. An endnote is called like this.[^source] A footnote, printed at the
foot of the page, like this.[^*remark]

[^source]: The citation.
[^*remark]: The remark.
`,
);
console.log(`${file}: a new brief with valid front matter${config.file ? ` and the defaults of ${path.relative(process.cwd(), config.file) || config.file}` : ""}. Write it, then npm run build.`);
