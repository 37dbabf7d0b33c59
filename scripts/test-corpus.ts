/**
 * `npm run test:corpus -- --count N --seed S [--named] [--case NAME] [--seeds A,B,…] [--keep DIR]`
 *   `[--batch N] [--json FILE] [--write-known-failures]`
 *
 * Generates briefs from seeds S..S+N-1 (and, with --named, the issue's reproductions; with
 * --seeds, exactly the seeds listed, e.g. the failing seeds of an earlier run), builds
 * them in batches, checks the layout invariants on every PDF, and prints a table per
 * invariant and each failing brief with the command that reproduces it. Exit code 1 when
 * anything fails, 2 on a usage error.
 */
import { parseArgs } from "node:util";
import { generateBrief, namedCases, type GeneratedBrief } from "../tests/corpus/generate.ts";
import { INVARIANTS } from "../tests/corpus/check-pdf.ts";
import { reproduceCommand, runCorpus, summarize } from "../tests/corpus/run-corpus.ts";

const usage = "usage: npm run test:corpus -- [--count N] [--seed S] [--named] [--case NAME]… [--seeds A,B,…] [--keep DIR] [--batch N] [--json FILE] [--write-known-failures]";

function main(): Promise<number> | number {
  let args;
  try {
    args = parseArgs({
      options: {
        count: { type: "string" },
        seed: { type: "string", default: "1" },
        named: { type: "boolean", default: false },
        case: { type: "string", multiple: true },
        seeds: { type: "string" },
        keep: { type: "string" },
        batch: { type: "string", default: "8" },
        json: { type: "string" },
        "write-known-failures": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const listed = args.seeds === undefined ? [] : args.seeds.split(/[\s,]+/).filter(Boolean).map(Number);
  if (listed.some((n) => !Number.isInteger(n))) {
    console.error(`--seeds takes integers separated by commas\n${usage}`);
    return 2;
  }
  // Without --count: 20 briefs, or none when cases or seeds are named.
  const count = Number(args.count ?? (args.case || args.seeds !== undefined ? 0 : 20));
  const seed = Number(args.seed);
  const batch = Number(args.batch);
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || !Number.isInteger(batch) || batch < 1) {
    console.error(`--count, --seed and --batch take integers\n${usage}`);
    return 2;
  }
  const named = namedCases();
  const unknown = (args.case ?? []).filter((c) => !named.some((n) => n.seed === c));
  if (unknown.length > 0) {
    console.error(`unknown case ${unknown.join(", ")}: the cases are ${named.map((n) => n.seed).join(", ")}\n${usage}`);
    return 2;
  }
  const briefs: GeneratedBrief[] = [
    ...named.filter((n) => args.named || (args.case ?? []).includes(n.seed as string)),
    ...Array.from({ length: count }, (_, i) => generateBrief(seed + i)),
    ...listed.map((n) => generateBrief(n)),
  ];
  if (args["write-known-failures"] && !(count === 60 && seed === 1 && args.named)) {
    console.error(`--write-known-failures records the CI corpus: use it with --count 60 --seed 1 --named\n${usage}`);
    return 2;
  }
  return run(briefs, { keep: args.keep, batch, json: args.json, writeKnown: args["write-known-failures"] });
}

async function run(briefs: GeneratedBrief[], opts: { keep?: string; batch: number; json?: string; writeKnown?: boolean }): Promise<number> {
  const started = Date.now();
  console.log(`layout corpus: ${briefs.length} brief${briefs.length === 1 ? "" : "s"}, ${opts.batch} per build${opts.keep ? `, kept in ${opts.keep}` : ""}`);
  let done = 0;
  const results = await runCorpus(briefs, {
    batchSize: opts.batch,
    keepDir: opts.keep,
    log: (line) => console.log(`  ${line}`),
    onResult: (r) => {
      done++;
      const inv = [...new Set(r.failures.map((f) => f.invariant))];
      console.log(`  [${done}/${briefs.length}] ${r.brief.slug} (${r.brief.expected.page}, ${r.brief.expected.lang}): ${inv.length ? `FAIL ${inv.join(", ")}` : "ok"}`);
    },
  });
  const by = summarize(results);
  const failing = results.filter((r) => r.failures.length > 0);
  console.log(`\n| invariant | failing briefs | of ${results.length} |`);
  console.log("| --- | --- | --- |");
  for (const inv of INVARIANTS) {
    const list = by.get(inv)!;
    console.log(`| ${inv} | ${list.length} | ${list.map((r) => r.brief.seed).join(" ")} |`);
  }
  if (failing.length > 0) {
    console.log(`\n${failing.length} of ${results.length} briefs fail:`);
    for (const r of failing) {
      console.log(`\n${r.brief.slug}: ${reproduceCommand(r)}`);
      for (const f of r.failures) console.log(`  ${f.invariant}${f.page ? ` p${f.page}` : ""}: ${f.detail}`);
    }
  }
  if (opts.json) {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(opts.json, JSON.stringify(results.map((r) => ({ slug: r.brief.slug, seed: r.brief.seed, page: r.brief.expected.page, lang: r.brief.expected.lang, failures: r.failures })), null, 1));
  }
  if (opts.writeKnown) {
    const file = new URL("../tests/corpus/known-failures.ts", import.meta.url);
    const { readFile, writeFile } = await import("node:fs/promises");
    let text = await readFile(file, "utf8");
    for (const inv of INVARIANTS) {
      const list = by.get(inv)!.map((r) => Number(String(r.brief.seed))).filter((n) => Number.isInteger(n)).sort((a, b) => a - b);
      const line = new RegExp(`^(  "${inv}": )seeds\\([^)]*\\),$`, "m");
      if (!line.test(text)) throw new Error(`known-failures.ts has no line for ${inv}`);
      text = text.replace(line, `$1seeds(${list.join(", ")}),`);
    }
    await writeFile(file, text);
    const namedFailing = failing.filter((r) => !Number.isInteger(Number(String(r.brief.seed))));
    console.log(`\nwrote tests/corpus/known-failures.ts${namedFailing.length ? ` (the named reproductions must pass, and these do not: ${namedFailing.map((r) => r.brief.slug).join(", ")})` : ""}`);
  }
  console.log(`\n${results.length - failing.length} of ${results.length} briefs pass every invariant (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return failing.length > 0 ? 1 : 0;
}

const code = await main();
process.exitCode = code;
