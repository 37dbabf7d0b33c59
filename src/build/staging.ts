/**
 * The staging folder beside the output: the build writes there and swaps it in only on
 * success. Its name carries the owner's pid (`.<output>.staging-<pid>-<random>`), so the next
 * build can remove what a killed build left, and never a folder whose build is still running.
 */
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { assertReplaceable } from "./output-guard.ts";

export interface Staging {
  /** The folder beside the output that holds everything below. */
  root: string;
  /** Where the site is written (becomes the output). */
  site: string;
  /** Eleventy's input: the checked briefs only (see eleventy-input.ts). */
  input: string;
}

const prefixOf = (output: string) => `.${path.basename(output)}.staging-`;

export async function createStaging(output: string): Promise<Staging> {
  await mkdir(path.dirname(output), { recursive: true });
  const root = await mkdtemp(path.join(path.dirname(output), `${prefixOf(output)}${process.pid}-`));
  const staging = { root, site: path.join(root, "site"), input: path.join(root, "input") };
  await mkdir(staging.site);
  await mkdir(staging.input);
  return staging;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // running, under another user
  }
}

/** Removes the staging folders of this output whose build process is gone. Returns their names. */
export async function removeStaleStaging(output: string): Promise<string[]> {
  const prefix = prefixOf(output);
  const names = await readdir(path.dirname(output)).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(path.join(path.dirname(output), name), { recursive: true, force: true })));
  return stale;
}

/** Swaps the staged site in for the output (checked again first), then removes the staging folder. */
export async function swapIn(staging: Staging, output: string): Promise<void> {
  await assertReplaceable(output);
  const previous = path.join(staging.root, "previous");
  const hadOutput = await rename(output, previous).then(() => true, (error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return false;
    throw error;
  });
  try {
    await rename(staging.site, output);
  } catch (error) {
    if (hadOutput) await rename(previous, output);
    throw error;
  }
  await rm(staging.root, { recursive: true, force: true });
}
