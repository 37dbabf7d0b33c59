/**
 * Builds generated briefs in batches (several briefs per `build()`: one Eleventy run, one
 * warm Chromium) and checks every PDF with the layout invariants. A brief that makes the
 * build fail is reported as a `build` failure and the batch is built again without it.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "../../src/build.ts";
import { BuildFailed } from "../../src/errors.ts";
import { checkPdf, INVARIANTS, type CheckOptions, type Failure, type Invariant } from "./check-pdf.ts";
import type { GeneratedBrief } from "./generate.ts";

export interface BriefResult {
  brief: GeneratedBrief;
  failures: Failure[];
  pages?: number;
}

export interface RunOptions {
  /** Briefs per build. @default 8 */
  batchSize?: number;
  /** Keep each brief's Markdown and PDF here. */
  keepDir?: string;
  check?: CheckOptions;
  /** Called after each brief is checked. */
  onResult?: (result: BriefResult) => void;
  log?: (line: string) => void;
}

/** Builds and checks `briefs`; results in the order given. */
export async function runCorpus(briefs: GeneratedBrief[], options: RunOptions = {}): Promise<BriefResult[]> {
  const batchSize = Math.max(1, options.batchSize ?? 8);
  const log = options.log ?? (() => undefined);
  const work = await mkdtemp(path.join(os.tmpdir(), "briefpress-corpus-"));
  const results: BriefResult[] = [];
  try {
    if (options.keepDir) await mkdir(options.keepDir, { recursive: true });
    for (let b = 0; b < briefs.length; b += batchSize) {
      const batch = briefs.slice(b, b + batchSize);
      const batchResults = await runBatch(batch, path.join(work, `batch-${b / batchSize}`), options, log);
      for (const r of batchResults) {
        results.push(r);
        options.onResult?.(r);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return results;
}

async function runBatch(batch: GeneratedBrief[], dir: string, options: RunOptions, log: (line: string) => void): Promise<BriefResult[]> {
  const input = path.join(dir, "content");
  const output = path.join(dir, "site");
  await mkdir(input, { recursive: true });
  const fileOf = (b: GeneratedBrief) => path.join(input, `${b.slug}.md`);
  for (const b of batch) {
    await writeFile(fileOf(b), b.markdown);
    if (options.keepDir) await writeFile(path.join(options.keepDir, `${b.slug}.md`), b.markdown);
  }
  const buildErrors = new Map<string, Failure[]>();
  let remaining = [...batch];
  while (remaining.length > 0) {
    try {
      const started = Date.now();
      // BRIEFPRESS_CORPUS_CACHE_DIR: the same corpus with the PDF cache on (filled, then hit).
      await build({ input, output, timeoutMs: 120_000, cacheDir: process.env.BRIEFPRESS_CORPUS_CACHE_DIR || false });
      log(`built ${remaining.length} brief${remaining.length === 1 ? "" : "s"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      break;
    } catch (error) {
      const blamed = new Set<GeneratedBrief>();
      if (error instanceof BuildFailed) {
        for (const e of error.errors) {
          const brief = remaining.find((b) => fileOf(b) === e.file);
          if (!brief) continue;
          blamed.add(brief);
          const list = buildErrors.get(brief.slug) ?? [];
          list.push({ invariant: "build", page: pageIn(e.message), detail: `${path.basename(e.file)}:${e.line}: ${e.message}` });
          buildErrors.set(brief.slug, list);
        }
      }
      if (blamed.size === 0) {
        // Not attributable to one brief: build each alone so that one bad brief cannot hide the others.
        if (remaining.length === 1) {
          buildErrors.set(remaining[0].slug, [{ invariant: "build", page: 0, detail: `build failed: ${(error as Error).message}` }]);
          blamed.add(remaining[0]);
        } else {
          const alone: BriefResult[] = [];
          for (const b of remaining) alone.push(...(await runBatch([b], path.join(dir, `alone-${b.slug}`), options, log)));
          const done = new Map(alone.map((r) => [r.brief.slug, r]));
          return batch.map((b) => done.get(b.slug) ?? { brief: b, failures: buildErrors.get(b.slug) ?? [] });
        }
      }
      log(`build failed for ${[...blamed].map((b) => b.slug).join(", ")}; building the other ${remaining.length - blamed.size} again`);
      for (const b of blamed) await rm(fileOf(b), { force: true });
      remaining = remaining.filter((b) => !blamed.has(b));
    }
  }
  const results: BriefResult[] = [];
  for (const brief of batch) {
    const errors = buildErrors.get(brief.slug);
    if (errors) {
      results.push({ brief, failures: errors });
      continue;
    }
    const pdf = path.join(output, "briefs", brief.slug, `${brief.slug}.pdf`);
    if (options.keepDir) await cp(pdf, path.join(options.keepDir, `${brief.slug}.pdf`));
    let failures: Failure[];
    try {
      failures = checkPdf(pdf, brief.expected, options.check);
    } catch (error) {
      failures = [{ invariant: "words", page: 0, detail: `the checker could not read the PDF: ${(error as Error).message}` }];
    }
    results.push({ brief, failures });
  }
  return results;
}

function pageIn(message: string): number {
  const m = /page (\d+)/.exec(message);
  return m ? Number(m[1]) : 0;
}

/** Per invariant: how many briefs fail it, and which. */
export function summarize(results: BriefResult[]): Map<Invariant, BriefResult[]> {
  const by = new Map<Invariant, BriefResult[]>(INVARIANTS.map((i) => [i, []]));
  for (const r of results) {
    for (const inv of new Set(r.failures.map((f) => f.invariant))) by.get(inv)!.push(r);
  }
  return by;
}

/** The command that builds and checks this brief alone. */
export function reproduceCommand(r: BriefResult): string {
  return typeof r.brief.seed === "number" ? `npm run test:corpus -- --count 1 --seed ${r.brief.seed}` : `npm run test:corpus -- --case ${r.brief.seed}`;
}
