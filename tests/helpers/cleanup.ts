/**
 * Removes the temporary folders a test file made with tempDir once the file is done
 * (vitest.config.ts: setupFiles). Each run of the suite left about 1 GB in the system's
 * temporary folder: 7,800 folders here after a day. BRIEFPRESS_KEEP_TEMP=1 keeps them, to
 * look at what a failing test built.
 */
import { rm } from "node:fs/promises";
import { afterAll } from "vitest";
import { madeTempDirs } from "./build.ts";

afterAll(async () => {
  if (process.env.BRIEFPRESS_KEEP_TEMP === "1") return;
  const dirs = madeTempDirs.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
});
