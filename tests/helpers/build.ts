/** Runs the real build into a fresh temporary folder. */
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build, type BuildReport } from "../../src/build.ts";

/** The folders tempDir made in this test file: tests/helpers/cleanup.ts removes them after it. */
export const madeTempDirs: string[] = [];

export async function tempDir(prefix = "briefpress-test-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  madeTempDirs.push(dir);
  return dir;
}

export async function buildInto(input: string, output?: string): Promise<{ output: string; report: BuildReport }> {
  const out = output ?? path.join(await tempDir(), "site");
  const report = await build({ input, output: out });
  return { output: out, report };
}

/** Relative path -> bytes of every file under `dir`. */
export async function tree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) files.set(path.relative(dir, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name)));
  }
  return files;
}

/** The files whose bytes differ, or that only one tree has. */
export function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => !a.has(n) || !b.has(n) || Buffer.compare(a.get(n)!, b.get(n)!) !== 0).sort();
}
