/**
 * Where a build's time goes: named phases in milliseconds since the process started
 * (`performance.now()` counts from Node's start). Off unless BRIEFPRESS_TIMINGS is set; then
 * `npm run build` prints them (stderr), or writes them as JSON to the file it names
 * (`BRIEFPRESS_TIMINGS=/tmp/t.json`). The bench reads that file: a profile per phase that
 * holds however noisy the machine is.
 */
import { writeFileSync } from "node:fs";

export interface Phase {
  name: string;
  /** ms since the process started */
  start: number;
  end: number;
}

const phases: Phase[] = [];
export const timingsEnabled = Boolean(process.env.BRIEFPRESS_TIMINGS);

/** Records a phase that started at `start` (a performance.now() value) and ends now. */
export function phaseDone(name: string, start: number, end = performance.now()): void {
  if (timingsEnabled) phases.push({ name, start, end });
}

/** Runs `fn` as the phase `name`. */
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    phaseDone(name, start);
  }
}

export function recordedPhases(): readonly Phase[] {
  return phases;
}

/** Prints or writes the phases (see above); a no-op when timings are off. */
export function flushTimings(): void {
  const target = process.env.BRIEFPRESS_TIMINGS;
  if (!target) return;
  if (target === "1" || target === "true") {
    const lines = phases.map((p) => `${p.name.padEnd(40)} ${(p.start / 1000).toFixed(3).padStart(8)} → ${(p.end / 1000).toFixed(3).padStart(8)} s  ${((p.end - p.start) / 1000).toFixed(3).padStart(7)} s`);
    process.stderr.write(`timings (s since process start):\n${lines.join("\n")}\n`);
  } else {
    writeFileSync(target, JSON.stringify(phases, null, 1));
  }
}
