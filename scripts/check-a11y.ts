/**
 * `npm run check:a11y [-- --site DIR] [--config FILE]`: the accessibility gate over a built
 * site (default _site, config .pa11yci.json): pa11y on every page, and the PDF check
 * (src/a11y/pdf-check.ts) on every brief's PDF. Exit 1 on any error or warning.
 * `--pdf FILE` checks one PDF only; `--dump FILE` prints a PDF's structure tree.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { PDFDocument } from "pdf-lib";
import { checkSite, formatA11yResult, readA11yConfig } from "../src/a11y/check.ts";
import { checkPdfFile, formatPdfProblem } from "../src/a11y/pdf-check.ts";
import { dumpStructureTree, readStructureTree } from "../src/pdf/structure-tree.ts";

const USAGE = `usage: briefpress check [--site DIR] [--config FILE] [--pdf FILE] [--dump FILE]
  (npm run check:a11y -- [options])  the accessibility gate over a built site; exit 1 on any error or warning
  --site DIR      the built site        default: _site
  --config FILE   pa11y-ci style JSON   default: .pa11yci.json
  --pdf FILE      check this PDF only (PDF/UA-1 conditions)
  --dump FILE     print this PDF's structure tree and exit`;
let parsed;
try {
  parsed = parseArgs({
    options: {
      site: { type: "string", default: "_site" },
      config: { type: "string", default: ".pa11yci.json" },
      pdf: { type: "string" },
      dump: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.dump) {
  const tree = readStructureTree(await PDFDocument.load(await readFile(values.dump), { updateMetadata: false }));
  console.log(tree ? dumpStructureTree(tree) : `${values.dump}: no structure tree (not a tagged PDF)`);
  process.exit(tree ? 0 : 1);
}

/** The notes of a brief, counted in its print page beside the PDF (footnotes and endnotes). */
async function notesBeside(pdf: string): Promise<number | undefined> {
  try {
    const html = await readFile(path.join(path.dirname(pdf), "print", "index.html"), "utf8");
    return (html.match(/role="doc-footnote"/g) ?? []).length + (html.match(/<li id="[^"]*" class="endnote"/g) ?? []).length;
  } catch {
    return undefined;
  }
}

async function checkPdfs(files: string[]): Promise<number> {
  let failing = 0;
  for (const file of files) {
    const { problems, counts } = await checkPdfFile(file, { expectedNotes: await notesBeside(file) });
    console.log(`${problems.length ? "✗" : "✓"} ${file}: ${counts.Note ?? 0} notes, ${counts.Link ?? 0} links, ${problems.length} problems`);
    for (const p of problems) console.log(`  ${formatPdfProblem(p)}`);
    if (problems.length) failing++;
  }
  return failing;
}

if (values.pdf) process.exit((await checkPdfs([values.pdf])) > 0 ? 1 : 0);

const config = await readA11yConfig(values.config);
const results = await checkSite(values.site, config, { onPage: (r) => console.log(formatA11yResult(r)) });
const failing = results.filter((r) => r.issues.some((i) => i.type !== "notice"));
console.log(`${results.length} pages checked (pa11y: ${(config.defaults?.runners as string[] | undefined)?.join(" + ") ?? "default runners"}, ${config.defaults?.standard ?? "WCAG2AA"}): ${failing.length} with issues`);
const pdfs: string[] = [];
const briefs = path.join(values.site, "briefs");
for (const slug of await readdir(briefs).catch(() => [] as string[])) {
  for (const f of await readdir(path.join(briefs, slug)).catch(() => [] as string[])) if (f.endsWith(".pdf")) pdfs.push(path.join(briefs, slug, f));
}
const failingPdfs = await checkPdfs(pdfs.sort());
console.log(`${pdfs.length} PDFs checked (PDF/UA-1, Matterhorn conditions): ${failingPdfs} with problems`);
process.exit(failing.length > 0 || failingPdfs > 0 ? 1 : 0);
