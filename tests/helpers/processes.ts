/**
 * Processes a test started, and only those: the test gives its child an environment variable
 * with a value of its own (`RUN_TAG_VAR=<tag>`); every descendant (Chromium and its helpers)
 * inherits it, and keeps it after being re-parented when the build dies. Other processes on
 * the machine (other builds, other developers' browsers) are never counted.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

export const RUN_TAG_VAR = "BRIEFPRESS_TEST_RUN";

export function newRunTag(): string {
  return randomUUID();
}

export interface TaggedProcess {
  pid: number;
  ppid: number;
  command: string;
}

/** Live processes (not zombies) whose environment holds the tag. */
export function processesTagged(tag: string): TaggedProcess[] {
  const out: TaggedProcess[] = [];
  const needle = `${RUN_TAG_VAR}=${tag}\0`;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, "latin1").includes(needle)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "latin1").split("\0").filter(Boolean).join(" ");
      out.push({ pid: Number(entry), ppid: Number(fields[1]), command });
    } catch {
      // the process ended meanwhile
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}

export const isChromium = (p: TaggedProcess) => /chrom/i.test(p.command);

/** Waits up to `ms` for every tagged process to end; returns those still there. */
export async function tagGone(tag: string, ms = 10_000): Promise<TaggedProcess[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = processesTagged(tag);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}
