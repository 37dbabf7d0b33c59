/** Runs the real build into a fresh temporary folder. */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build, type BuildReport } from "../../src/build.ts";

export async function tempDir(prefix = "briefpress-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function buildInto(input: string, output?: string): Promise<{ output: string; report: BuildReport }> {
  const out = output ?? path.join(await tempDir(), "site");
  const report = await build({ input, output: out });
  return { output: out, report };
}
