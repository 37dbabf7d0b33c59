/** Chromium processes started by puppeteer (their profile folder names them), by pid. */
import { readdirSync, readFileSync } from "node:fs";

export function puppeteerChromiumPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (/chrom/i.test(cmd) && cmd.includes("puppeteer_dev_chrome_profile")) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids.sort((a, b) => a - b);
}
