/**
 * `npm run bench`: times whole processes, alternating tools within each round, on this
 * machine, in one run, and writes bench/results.md.
 *
 *   - briefpress: `tsx src/cli.ts build` from a cold process (site + PDF, footnote checks);
 *   - pagedjs-cli 0.4.3 on the same print HTML (our scripts removed, its own Paged.js);
 *   - Chromium's own --print-to-pdf of the same HTML (no Paged.js, no footnotes): the floor.
 *
 * Inputs (generated into bench/work/): the brief; a ~200-page document (the brief's body 30
 * times, labels made unique); a collection of 100 briefs (the brief under 100 slugs).
 * Options: --runs N (default 5), --collection-runs N (default 2), --skip-collection.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CHROMIUM_ARGS, findChromium } from "../src/browser/chromium.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const WORK = path.join(ROOT, "bench", "work");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const PAGEDJS_CLI = path.join(ROOT, "node_modules", ".bin", "pagedjs-cli");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "collection-runs": { type: "string", default: "2" },
    "skip-collection": { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const chromium = findChromium();

// ---------------------------------------------------------------- inputs
function prepareInputs(): void {
  rmSync(WORK, { recursive: true, force: true });
  const source = readFileSync(path.join(ROOT, "content", "china-sony-attack.md"), "utf8");
  const [, frontMatter, ...rest] = source.split(/^---$/m);
  const body = rest.join("---");
  mkdirSync(path.join(WORK, "brief"), { recursive: true });
  writeFileSync(path.join(WORK, "brief", "china-sony-attack.md"), source);

  // The long document: the body 30 times, each copy's note labels suffixed.
  const copies = Array.from({ length: 30 }, (_, i) =>
    body.replace(/\[\^(\*?)([^\]]+)\]/g, (_m, star: string, label: string) => `[^${star}${label}-r${i + 1}]`).replace(/^## /gm, `## Part ${i + 1}: `),
  );
  mkdirSync(path.join(WORK, "long"), { recursive: true });
  writeFileSync(path.join(WORK, "long", "long-document.md"), `---${frontMatter.replace(/^title: .*$/m, 'title: "Long document: the brief 30 times"')}---\n${copies.join("\n")}`);

  mkdirSync(path.join(WORK, "collection"), { recursive: true });
  for (let i = 1; i <= 100; i++) writeFileSync(path.join(WORK, "collection", `brief-${String(i).padStart(3, "0")}.md`), source);
}

// ---------------------------------------------------------------- measuring
interface Sample {
  seconds: number;
  peakMiB?: number;
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

function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}, measureMemory = false): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const sampler = measureMemory ? setInterval(() => (peak = Math.max(peak, treePssKiB(child.pid!))), 100) : undefined;
    child.on("close", (code) => {
      if (sampler) clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${path.basename(command)} ${args.join(" ")} exited ${code}\n${stderr.slice(-2000)}`));
      else resolve({ seconds, peakMiB: measureMemory ? peak / 1024 : undefined });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---------------------------------------------------------------- tools
const ours = (input: string, output: string, memory = false) =>
  time(TSX, [path.join(ROOT, "src/cli.ts"), "build", "--input", input, "--output", output], {}, memory);

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

// ---------------------------------------------------------------- run
interface Row {
  tool: string;
  input: string;
  samples: Sample[];
}
const rows: Row[] = [];
const row = (tool: string, input: string) => {
  let r = rows.find((x) => x.tool === tool && x.input === input);
  if (!r) rows.push((r = { tool, input, samples: [] }));
  return r;
};

prepareInputs();
const inputs = [
  { name: "7-page brief", dir: path.join(WORK, "brief"), slug: "china-sony-attack" },
  { name: "200-page document", dir: path.join(WORK, "long"), slug: "long-document" },
];
for (const input of inputs) {
  const site = path.join(WORK, `site-${input.slug}`);
  await ours(input.dir, site); // warm the disk cache; also gives the print HTML for the peers
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [path.join(site, "briefs", input.slug, `${input.slug}.pdf`)], { encoding: "utf8" }))![1]);
  const plain = plainPrintHtml(site, input.slug);
  const label = `${input.name} (${pages} pages)`;
  for (let i = 0; i < RUNS; i++) {
    console.log(`${label}: round ${i + 1}/${RUNS}`);
    row("Chromium --print-to-pdf (floor)", label).samples.push(await chromiumFloor(plain, path.join(WORK, "floor.pdf")));
    row("briefpress build (site + PDF)", label).samples.push(await ours(input.dir, path.join(WORK, `site-run-${input.slug}`)));
    row("pagedjs-cli 0.4.3", label).samples.push(await pagedjsCli(plain, path.join(WORK, "pagedjs-cli.pdf")));
  }
}

let collectionNote = "";
if (!values["skip-collection"]) {
  const label = "100-brief collection";
  for (let i = 0; i < Number(values["collection-runs"]); i++) {
    console.log(`${label}: round ${i + 1}`);
    row("briefpress build (site + PDF)", label).samples.push(await ours(path.join(WORK, "collection"), path.join(WORK, "site-collection"), true));
  }
  // Launch and Eleventy cost, from the one-brief build: per brief after launch ≈ (collection − brief) / 99.
  const one = median(row("briefpress build (site + PDF)", inputs[0].name + ` (${rows.find((r) => r.input.startsWith("7-page"))!.input.match(/\((\d+) pages\)/)![1]} pages)`).samples.map((s) => s.seconds));
  const all = median(row("briefpress build (site + PDF)", label).samples.map((s) => s.seconds));
  collectionNote = `Per brief after the first: ${((all - one) / 99).toFixed(2)} s (collection median ${all.toFixed(1)} s, one brief ${one.toFixed(1)} s).`;
}

// ---------------------------------------------------------------- report
const fmt = (x: number) => x.toFixed(2);
const lines = [
  "# briefpress benchmark",
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${execFileSync(chromium, ["--version"], { encoding: "utf8" }).trim()}.`,
  `Whole processes, alternating tools in each round; ${RUNS} rounds${values["skip-collection"] ? "" : ` (collection: ${values["collection-runs"]})`}. Median, min–max, ratio of medians to the floor.`,
  "",
  "| tool | input | median s | min–max s | × floor | peak memory (PSS) |",
  "| --- | --- | ---: | ---: | ---: | ---: |",
];
for (const r of rows) {
  const secs = r.samples.map((s) => s.seconds);
  const floor = rows.find((x) => x.input === r.input && x.tool.includes("floor"));
  const ratio = floor ? `${(median(secs) / median(floor.samples.map((s) => s.seconds))).toFixed(2)}×` : "";
  const mem = r.samples.some((s) => s.peakMiB) ? `${Math.round(Math.max(...r.samples.map((s) => s.peakMiB ?? 0)))} MiB` : "";
  lines.push(`| ${r.tool} | ${r.input} | ${fmt(median(secs))} | ${fmt(Math.min(...secs))}–${fmt(Math.max(...secs))} | ${ratio} | ${mem} |`);
}
if (collectionNote) lines.push("", collectionNote);
const report = lines.join("\n") + "\n";
writeFileSync(path.join(ROOT, "bench", "results.md"), report);
console.log(`\n${report}`);
if (!existsSync(path.join(ROOT, "bench", "results.md"))) process.exit(1);
