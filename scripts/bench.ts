/**
 * `npm run bench`: times whole processes on this machine, in one run, alternating the tools
 * within each round, and writes bench/results.md (medians, min–max, ratios to baselines
 * measured in the same run: absolute times are noisy on a shared machine, ratios much less;
 * the load average at the start of each run is recorded beside it).
 *
 * Rows (issue #15):
 *   - the brief, cold (site + PDF, `--no-cache`), beside pagedjs-cli 0.4.3 on the same print
 *     HTML and Chromium's own --print-to-pdf of it (the floor; no Paged.js, no footnotes), and
 *     WeasyPrint on it where installed;
 *   - a ~200-page document (the brief's body 30 times, note labels made unique), the same way;
 *   - collections of 25 and 50 briefs (the brief under N slugs), cold, `--no-cache`, and the
 *     largest (100) cold with an empty cache (the build that fills it), with peak memory (PSS
 *     of the build and its Chromium);
 *   - 100 briefs, nothing changed: the output folder up to date; and into a fresh output folder
 *     with the cache kept (a CI runner);
 *   - 100 briefs, one changed;
 *   - `npm start`: from saving the brief to its updated PDF (a warm Chromium tab).
 * Then one build of the brief with BRIEFPRESS_TIMINGS: where its time goes, phase by phase.
 *
 * `--quick`: every kind of row, one collection size (25), fewer rounds (a few minutes).
 * Options: --runs N (rounds for the brief: 5, quick 3), --long-runs N (the long document: 3,
 * quick 1), --collection-runs N (the cache rows: 3), --sizes 25,50,100, --saves N (5, quick 3),
 * --skip-collection, --skip-dev, --skip-long.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CHROMIUM_ARGS, findChromium } from "../src/browser/chromium.ts";
import type { Phase } from "../src/build/timings.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const WORK = path.join(ROOT, "bench", "work");
const BIN = path.join(ROOT, "bin", "briefpress.js");
const PAGEDJS_CLI = path.join(ROOT, "node_modules", ".bin", "pagedjs-cli");
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    "long-runs": { type: "string" },
    "collection-runs": { type: "string" },
    sizes: { type: "string" },
    saves: { type: "string" },
    "skip-collection": { type: "boolean", default: false },
    "skip-dev": { type: "boolean", default: false },
    "skip-long": { type: "boolean", default: false },
  },
});
/** --quick: every kind of row, fewer rounds and one collection size (25); the full run measures every row of issue #15. */
const QUICK = values.quick;
const RUNS = Number(values.runs ?? (QUICK ? 3 : 5));
const LONG_RUNS = Number(values["long-runs"] ?? (QUICK ? 1 : 3));
const COLLECTION_RUNS = Number(values["collection-runs"] ?? 3);
const SIZES = (values.sizes ?? (QUICK ? "25" : "25,50,100")).split(",").map(Number);
const SAVES = Number(values.saves ?? (QUICK ? 3 : 5));
const LARGEST = Math.max(...SIZES);
const chromium = findChromium();
const weasyprint = (() => {
  try {
    return execFileSync("sh", ["-c", "command -v weasyprint"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
})();

// ---------------------------------------------------------------- inputs
const SOURCE = readFileSync(path.join(ROOT, "content", "china-sony-attack.md"), "utf8");

function prepareInputs(): void {
  rmSync(WORK, { recursive: true, force: true });
  const [, frontMatter, ...rest] = SOURCE.split(/^---$/m);
  const body = rest.join("---");
  mkdirSync(path.join(WORK, "brief"), { recursive: true });
  writeFileSync(path.join(WORK, "brief", "china-sony-attack.md"), SOURCE);

  // The long document: the body 30 times, each copy's note labels suffixed (reproducible).
  const copies = Array.from({ length: 30 }, (_, i) =>
    body.replace(/\[\^(\*?)([^\]]+)\]/g, (_m, star: string, label: string) => `[^${star}${label}-r${i + 1}]`).replace(/^## /gm, `## Part ${i + 1}: `),
  );
  mkdirSync(path.join(WORK, "long"), { recursive: true });
  writeFileSync(path.join(WORK, "long", "long-document.md"), `---${frontMatter.replace(/^title: .*$/m, 'title: "Long document: the brief 30 times"')}---\n${copies.join("\n")}`);

  for (const size of SIZES) {
    const dir = path.join(WORK, `collection-${size}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 1; i <= size; i++) writeFileSync(path.join(dir, `brief-${String(i).padStart(3, "0")}.md`), SOURCE);
  }
}

// ---------------------------------------------------------------- measuring
interface Sample {
  seconds: number;
  /** CPU seconds (user + system) of the process and the children it waited for (Chromium). */
  cpu?: number;
  peakMiB?: number;
  /** The 1-minute load average when the run started (the machine is shared). */
  load?: number;
}

/** Proportional set size (KiB) of a process and all its descendants. */
function treePssKiB(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** GNU time, for CPU seconds: on a loaded machine they vary far less than wall time. */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const CPU_MARK = "briefpress-bench-cpu";

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}, measureMemory = false): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const load = os.loadavg()[0];
    const [cmd, argv] = GNU_TIME ? [GNU_TIME, ["-f", `${CPU_MARK} %U %S`, command, ...args]] : [command, args];
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const sampler = measureMemory ? setInterval(() => (peak = Math.max(peak, treePssKiB(child.pid!))), 200) : undefined;
    child.on("close", (code) => {
      if (sampler) clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const cpu = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(stderr);
      if (code !== 0) reject(new Error(`${path.basename(command)} ${args.join(" ")} exited ${code}\n${stderr.slice(-2000)}`));
      else resolve({ seconds, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined, peakMiB: measureMemory ? peak / 1024 : undefined, load });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------- tools
/** briefpress as a user runs it: `npx briefpress build` (node bin/briefpress.js, the bundle). */
const ours = (input: string, output: string, options: { cacheDir?: string; memory?: boolean; env?: NodeJS.ProcessEnv } = {}) =>
  // --timeout 600: on a loaded machine the 136-page document took more than the default 60 s to lay out.
  time(process.execPath, [BIN, "build", "--input", input, "--output", output, "--timeout", "600", ...(options.cacheDir ? ["--cache-dir", options.cacheDir] : ["--no-cache"])], options.env, options.memory);

/** The print HTML without our scripts, for tools that bring their own layout. */
function plainPrintHtml(site: string, slug: string): string {
  const file = path.join(site, "briefs", slug, "print", "index.html");
  const plain = path.join(site, "briefs", slug, "print", "plain.html");
  writeFileSync(plain, readFileSync(file, "utf8").replace(/<script[^>]*><\/script>\n?/g, "").replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""));
  return plain;
}

const pagedjsCli = (html: string, out: string) =>
  time(PAGEDJS_CLI, [html, "-o", out, "--browserArgs", CHROMIUM_ARGS.join(",")], { PUPPETEER_EXECUTABLE_PATH: chromium });

const chromiumFloor = (html: string, out: string) =>
  time(chromium, ["--headless", ...CHROMIUM_ARGS, "--no-pdf-header-footer", `--print-to-pdf=${out}`, `file://${html}`]);

// ---------------------------------------------------------------- rows
interface Row {
  tool: string;
  input: string;
  samples: Sample[];
  /** Divide the median by this for a per-brief figure. */
  perBrief?: number;
}
const rows: Row[] = [];
const row = (tool: string, input: string, perBrief?: number) => {
  let r = rows.find((x) => x.tool === tool && x.input === input);
  if (!r) rows.push((r = { tool, input, samples: [], perBrief }));
  return r;
};
const OURS = "briefpress build (site + PDF)";
const FLOOR = "Chromium --print-to-pdf (floor)";
const PAGEDJS = "pagedjs-cli 0.4.3";

// ---------------------------------------------------------------- npm start: save to PDF
/** Per save: seconds to Chromium's PDF (written before tagging) and to the final, tagged PDF. */
async function devSaves(saves: number): Promise<Array<{ shown: number; final: number }>> {
  const input = path.join(WORK, "dev-input");
  const output = path.join(WORK, "dev-site");
  rmSync(input, { recursive: true, force: true });
  rmSync(output, { recursive: true, force: true });
  mkdirSync(input, { recursive: true });
  const brief = path.join(input, "china-sony-attack.md");
  writeFileSync(brief, SOURCE);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [BIN, "start", "--input", input, "--output", output, "--port", String(port)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) if (w.re.test(out)) waiters.splice(waiters.indexOf(w), 1), w.resolve();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const waitFor = (re: RegExp, ms = 300_000) =>
    new Promise<void>((resolve, reject) => {
      if (re.test(out)) return resolve();
      const timer = setTimeout(() => reject(new Error(`npm start: no ${re} within ${ms / 1000} s\n${out.slice(-2000)}`)), ms);
      waiters.push({ re, resolve: () => (clearTimeout(timer), resolve()) });
    });
  const times: Array<{ shown: number; final: number }> = [];
  try {
    // The first save the instant "watching" is printed (it was once lost there: src/dev/rebuilds.ts).
    await waitFor(/watching /);
    for (let i = 1; i <= saves + 1; i++) {
      out = "";
      const saved = performance.now();
      writeFileSync(brief, SOURCE.replace(/\n\n([A-Z])/, `\n\nSave ${i}. $1`));
      await waitFor(/pdf: china-sony-attack\.pdf updated/);
      const shown = (performance.now() - saved) / 1000;
      await waitFor(/pdf: china-sony-attack\.pdf tagged, final/);
      if (i > 1) times.push({ shown, final: (performance.now() - saved) / 1000 }); // the first save warms the tab
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    child.kill("SIGINT");
    await new Promise((r) => child.once("close", r));
  }
  return times;
}
// ---------------------------------------------------------------- report
let phases: Phase[] = [];
const pending: string[] = [];
const startedAt = { time: new Date(), load: os.loadavg() };
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");

/** Each target of issue #15 against the rows of this run: wall time, and CPU time where the machine is loaded. */
function targetLines(): string[] {
  const find = (tool: string, input: string) => rows.find((r) => r.tool === tool && r.input.startsWith(input) && r.samples.length);
  const med = (r: Row | undefined, of: (s: Sample) => number | undefined) => {
    const xs = r?.samples.map(of).filter((x): x is number => x !== undefined) ?? [];
    return xs.length ? median(xs) : undefined;
  };
  const wall = (s: Sample) => s.seconds;
  const cpu = (s: Sample) => s.cpu;
  const out: string[] = ["| target | measured (wall) | measured (CPU) | met (wall) |", "| --- | --- | --- | --- |"];
  const verdict = (x: number | undefined, limit: number) => (x === undefined ? "not measured" : x <= limit ? "yes" : "no");
  const ratioTarget = (input: string, base: string, limit: number, what: string) => {
    const ours = find(OURS, input);
    const theirs = find(base, input);
    const w = med(ours, wall) !== undefined && med(theirs, wall) ? med(ours, wall)! / med(theirs, wall)! : undefined;
    const c = med(ours, cpu) !== undefined && med(theirs, cpu) ? med(ours, cpu)! / med(theirs, cpu)! : undefined;
    out.push(`| ${what} ≤ ${limit}× ${base} | ${w === undefined ? "–" : `${w.toFixed(2)}×`} | ${c === undefined ? "–" : `${c.toFixed(2)}×`} | ${verdict(w, limit)} |`);
  };
  const absTarget = (r: Row | undefined, limit: number, what: string, per = 1) => {
    const w = med(r, wall);
    const c = med(r, cpu);
    out.push(`| ${what} ≤ ${limit} s | ${w === undefined ? "–" : `${(w / per).toFixed(2)} s`} | ${c === undefined ? "–" : `${(c / per).toFixed(2)} s`} | ${verdict(w === undefined ? undefined : w / per, limit)} |`);
  };
  ratioTarget("the brief, cold", FLOOR, 1.3, "the brief, cold:");
  ratioTarget("the brief, cold", PAGEDJS, 0.5, "the brief, cold:");
  ratioTarget("200-page document", FLOOR, 1.8, "200-page document:");
  ratioTarget("200-page document", PAGEDJS, 0.7, "200-page document:");
  const cold = find(OURS, `${LARGEST} briefs, cold (filling`);
  absTarget(cold, 0.5, `${LARGEST} briefs, cold, a brief`, LARGEST);
  const peaks = SIZES.map((n) => [n, Math.max(0, ...(find(OURS, `${n} briefs, cold`)?.samples.map((s) => s.peakMiB ?? 0) ?? [0]))] as const);
  out.push(`| peak memory ≤ 1024 MiB, flat (${peaks.map(([n]) => n).join(" / ")} briefs) | ${peaks.map(([, m]) => (m ? `${Math.round(m)}` : "–")).join(" / ")} MiB | | ${peaks.every(([, m]) => m > 0) ? (peaks.every(([, m]) => m <= 1024) ? "yes" : "no") : "not measured"} |`);
  absTarget(find(OURS, `${LARGEST} briefs, nothing changed (output up to date)`), 5, `${LARGEST} briefs, nothing changed (output up to date)`);
  absTarget(find(OURS, `${LARGEST} briefs, nothing changed (fresh output`), 5, `${LARGEST} briefs, nothing changed (fresh output folder, CI)`);
  absTarget(find(OURS, `${LARGEST} briefs, one changed`), 2, `one brief changed in ${LARGEST}`);
  absTarget(find("npm start: save → updated PDF (warm tab)", "the brief"), 0.6, "npm start: save → updated PDF (Chromium's PDF, shown before tagging)");
  absTarget(find("npm start: save → final PDF, tagged (warm tab)", "the brief"), 0.6, "npm start: save → final PDF (tagged)");
  return out;
}
/** Writes bench/results.md with the rows so far (after every section: a long run that is cut short still reports). */
function writeReport(final: boolean): string {
  const fmt = (x: number) => x.toFixed(2);
  const lines = [
    "# briefpress benchmark",
    "",
    `Measured ${startedAt.time.toISOString().slice(0, 16).replace("T", " ")}–${new Date().toISOString().slice(11, 16)} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${execFileSync(chromium, ["--version"], { encoding: "utf8" }).trim()}.`,
    `**Load average** (1, 5, 15 min; the machine is shared by other developers' builds and tests): ${fmtLoad(startedAt.load)} at the start, ${fmtLoad(os.loadavg())} at the end; each row gives the median 1-minute load at the start of its runs. On 2 cores a load near 2 is an idle machine; above that, wall times stretch with the load and CPU times much less.`,
    `Command: \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\`${QUICK ? " (quick: fewer rounds, one collection size; not every row of the issue at full size)" : ""}.`,
    `Whole processes, alternating tools in each round; ${RUNS} rounds for the brief, ${LONG_RUNS} for the long document${values["skip-collection"] ? "" : `, one run for each cold collection (sizes ${SIZES.join(", ")}) and ${COLLECTION_RUNS} for each cache row`}. Median, min–max, ratios of medians to the floor and to pagedjs-cli measured in the same rounds.`,
    "briefpress runs as `node bin/briefpress.js build` (the bundle of the current sources), `--no-cache` except in the cache rows.",
    ...(final ? [] : ["", `**Incomplete run**: still to measure: ${pending.join("; ")}.`]),
    "",
    "Wall time is what a user waits; on a shared, loaded machine it mostly measures the load. CPU time (user + system of the process and the Chromium it waited for) is the steadier measure: ratios are given for both.",
    "",
    "| tool | input | runs | median s | min–max s | × floor | × pagedjs-cli | per brief s | CPU s (median) | CPU × floor | CPU × pagedjs-cli | CPU per brief s | peak memory (PSS) | load |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const secs = r.samples.map((s) => s.seconds);
    if (secs.length === 0) continue;
    const cpus = r.samples.map((s) => s.cpu ?? NaN).filter((c) => !Number.isNaN(c));
    const ratio = (tool: string, of: (s: Sample) => number | undefined = (s) => s.seconds) => {
      const base = rows.find((x) => x.input === r.input && x.tool === tool);
      const mine = r.samples.map(of).filter((x): x is number => x !== undefined);
      const theirs = base?.samples.map(of).filter((x): x is number => x !== undefined) ?? [];
      return mine.length && theirs.length ? `${(median(mine) / median(theirs)).toFixed(2)}×` : "";
    };
    const mem = r.samples.some((s) => s.peakMiB) ? `${Math.round(Math.max(...r.samples.map((s) => s.peakMiB ?? 0)))} MiB` : "";
    const per = r.perBrief ? fmt(median(secs) / r.perBrief) : "";
    const cpu = cpus.length ? fmt(median(cpus)) : "";
    const cpuPer = cpus.length && r.perBrief ? fmt(median(cpus) / r.perBrief) : "";
    const loads = r.samples.map((s) => s.load).filter((l): l is number => l !== undefined);
    lines.push(`| ${r.tool} | ${r.input} | ${secs.length} | ${fmt(median(secs))} | ${fmt(Math.min(...secs))}–${fmt(Math.max(...secs))} | ${ratio(FLOOR)} | ${ratio(PAGEDJS)} | ${per} | ${cpu} | ${ratio(FLOOR, (s) => s.cpu)} | ${ratio(PAGEDJS, (s) => s.cpu)} | ${cpuPer} | ${mem} | ${loads.length ? median(loads).toFixed(1) : ""} |`);
  }
  if (!weasyprint) lines.push("", "WeasyPrint is not installed here: no WeasyPrint rows.");
  lines.push(
    "",
    "pagedjs-cli's CPU seconds are too low: it calls its browser's close() without awaiting it and then process.exit (node_modules/pagedjs-cli/src/printer.js, src/cli.js), so GNU time does not count its Chromium. Compare with pagedjs-cli by wall time; the CPU ratios to it are not comparable.",
  );
  lines.push("", "## The targets of issue #15", "", ...targetLines());
  if (phases.length)
    lines.push(
      "",
      "## Where the time goes: one build of the brief, cold (BRIEFPRESS_TIMINGS)",
      "",
      "Seconds since the process started; phases overlap where they run side by side (Chromium starts with the process; Pagefind runs beside the last PDFs, or from the first PDF the cache gives).",
      "",
      "| phase | start s | end s | duration s |",
      "| --- | ---: | ---: | ---: |",
      ...phases.map((p) => `| ${p.name} | ${fmt(p.start / 1000)} | ${fmt(p.end / 1000)} | ${fmt((p.end - p.start) / 1000)} |`),
    );
  const report = lines.join("\n") + "\n";
  writeFileSync(path.join(ROOT, "bench", "results.md"), report);
  return report;
}

async function coldSingle(input: { name: string; dir: string; slug: string }, runs: number): Promise<void> {
  const site = path.join(WORK, `site-${input.slug}`);
  await ours(input.dir, site); // warm the disk cache; also gives the print HTML for the peers
  const label = `${input.name} (${pagesOf(path.join(site, "briefs", input.slug, `${input.slug}.pdf`))} pages)`;
  const plain = plainPrintHtml(site, input.slug);
  for (let i = 0; i < runs; i++) {
    console.log(`${label}: round ${i + 1}/${runs}`);
    row(FLOOR, label).samples.push(await chromiumFloor(plain, path.join(WORK, "floor.pdf")));
    row(OURS, label).samples.push(await ours(input.dir, path.join(WORK, `site-run-${input.slug}`)));
    row(PAGEDJS, label).samples.push(await pagedjsCli(plain, path.join(WORK, "pagedjs-cli.pdf")));
    if (weasyprint) row("WeasyPrint (same print HTML)", label).samples.push(await time(weasyprint, [plain, path.join(WORK, "weasyprint.pdf")]));
  }
}

async function coldCollection(size: number): Promise<void> {
  console.log(`${size} briefs, cold`);
  row(OURS, `${size} briefs, cold`, size).samples.push(await ours(path.join(WORK, `collection-${size}`), path.join(WORK, `site-collection-${size}`), { memory: true }));
}

/**
 * The cache rows. The cold build that fills an empty cache is the largest cold row; then, in
 * each round, nothing changed (output up to date), nothing changed into a fresh output folder
 * (CI: only the cache kept), and one brief changed (a different edit each round).
 */
async function cachedCollection(size: number): Promise<void> {
  const collection = path.join(WORK, `collection-${size}`);
  const cacheDir = path.join(WORK, "cache");
  const site = path.join(WORK, "site-cached");
  rmSync(cacheDir, { recursive: true, force: true });
  writeFileSync(path.join(collection, "brief-001.md"), SOURCE);
  console.log(`${size} briefs, cold, filling an empty cache`);
  row(OURS, `${size} briefs, cold (filling an empty cache)`, size).samples.push(await ours(collection, site, { cacheDir, memory: true }));
  for (let round = 0; round < COLLECTION_RUNS; round++) {
    console.log(`${size} briefs, nothing changed: round ${round + 1}/${COLLECTION_RUNS}`);
    row(OURS, `${size} briefs, nothing changed (output up to date)`, size).samples.push(await ours(collection, site, { cacheDir, memory: true }));
    const fresh = path.join(WORK, `site-ci-${round}`);
    rmSync(fresh, { recursive: true, force: true });
    row(OURS, `${size} briefs, nothing changed (fresh output folder, cache kept: CI)`, size).samples.push(await ours(collection, fresh, { cacheDir, memory: true }));
    rmSync(fresh, { recursive: true, force: true });
    writeFileSync(path.join(collection, "brief-001.md"), SOURCE.replace(/\n\n([A-Z])/, `\n\nChanged in round ${round + 1}. $1`));
    console.log(`${size} briefs, one changed: round ${round + 1}/${COLLECTION_RUNS}`);
    row(OURS, `${size} briefs, one changed`).samples.push(await ours(collection, site, { cacheDir, memory: true }));
  }
  writeFileSync(path.join(collection, "brief-001.md"), SOURCE);
}

async function profile(): Promise<void> {
  console.log("profile: one build of the brief with BRIEFPRESS_TIMINGS");
  const timingsFile = path.join(WORK, "timings.json");
  await ours(path.join(WORK, "brief"), path.join(WORK, "site-profile"), { env: { BRIEFPRESS_TIMINGS: timingsFile } });
  phases = JSON.parse(readFileSync(timingsFile, "utf8")) as Phase[];
}

// Sections in order of what the issue needs most, results written after each one.
prepareInputs();
const pagesOf = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
const sections: Array<[string, () => Promise<void>]> = [
  ["the brief, cold", () => coldSingle({ name: "the brief, cold", dir: path.join(WORK, "brief"), slug: "china-sony-attack" }, RUNS)],
  ["the profile", profile],
];
if (!values["skip-collection"]) sections.push([`${LARGEST} briefs with the cache`, () => cachedCollection(LARGEST)]);
if (!values["skip-dev"]) {
  sections.push(["npm start saves", async () => {
    console.log("npm start: saves");
    const times = await devSaves(SAVES).catch((error: Error) => {
      console.error(`npm start: ${error.message}`); // the other rows are still measured
      return [];
    });
    row("npm start: save → updated PDF (warm tab)", "the brief").samples.push(...times.map((t) => ({ seconds: t.shown, load: os.loadavg()[0] })));
    row("npm start: save → final PDF, tagged (warm tab)", "the brief").samples.push(...times.map((t) => ({ seconds: t.final, load: os.loadavg()[0] })));
  }]);
}
if (!values["skip-collection"]) {
  for (const size of SIZES.filter((n) => n !== LARGEST).sort((a, b) => a - b)) sections.push([`${size} briefs cold`, () => coldCollection(size)]);
}
if (!values["skip-long"]) sections.push(["the 200-page document", () => coldSingle({ name: "200-page document, cold", dir: path.join(WORK, "long"), slug: "long-document" }, LONG_RUNS)]);
pending.push(...sections.map(([name]) => name));
for (const [name, run] of sections) {
  await run();
  pending.splice(pending.indexOf(name), 1);
  writeReport(pending.length === 0);
}
console.log(`\n${writeReport(true)}`);
