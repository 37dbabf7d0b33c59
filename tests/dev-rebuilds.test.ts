/**
 * `npm start` hands each save that a rebuild of Eleventy's watch mode put on the pages on to its
 * PDF (src/dev/rebuilds.ts). Run on a real Eleventy in watch mode, with its watcher's callback
 * called directly (Eleventy returns it from `watch()` for tests), so that the order of events is
 * fixed, not timed: a second change arrives while the save's rebuild runs. Eleventy then emits
 * `eleventy.afterwatch` for that change before the running rebuild has written anything; taken
 * as the end of the rebuild, it reported the save as not built and forgot it, and the re-run
 * rebuilt the page with no PDF to follow (the save lost the instant `npm start` began watching).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type Eleventy from "@11ty/eleventy";
import { loadBriefs } from "../src/briefs/load.ts";
import { createEleventy, eleventyFileName, writeEleventyInput } from "../src/build/eleventy-input.ts";
import { NO_CONFIG } from "../src/config/load.ts";
import { siteData } from "../src/config/site.ts";
import { buildRunningOf, RebuildTracker, type Saves } from "../src/dev/rebuilds.ts";
import { tempDir } from "./helpers/build.ts";

type WatchRun = (changed: string) => Promise<void>;

let running: Eleventy | undefined;
afterEach(async () => {
  await running?.stopWatch();
  running = undefined;
});

/** A brief in Eleventy's private input, as `npm start` writes it, and an Eleventy watching it. */
async function watchingEleventy(onRebuildStart: (rebuild: number) => Promise<void> | void) {
  const root = await tempDir();
  const content = path.join(root, "content");
  await mkdir(content);
  const brief = path.join(content, "a.md");
  await writeFile(brief, `---\ntitle: "A"\ndate: 2024-01-02\n---\n\nText.\n`);
  const loaded = await loadBriefs(content);
  expect(loaded.errors).toEqual([]);
  const input = path.join(root, "staging", "input");
  await writeEleventyInput(input, loaded.briefs);
  const ended: Array<{ saves: Saves; pagesBuilt: boolean; stillRunning: boolean }> = [];
  let isBuildRunning = () => false;
  const tracker = new RebuildTracker({
    isBuildRunning: () => isBuildRunning(),
    onRebuilt: (saves, pagesBuilt) => void ended.push({ saves, pagesBuilt, stillRunning: isBuildRunning() }),
  });
  let rebuilds = 0;
  const eleventy = createEleventy(input, path.join(root, "site"), {
    site: siteData(NO_CONFIG, { siteTitle: "Test site" }),
    runMode: "serve",
    configure(eleventyConfig) {
      tracker.attach(eleventyConfig);
      eleventyConfig.on("eleventy.beforeWatch", () => onRebuildStart(++rebuilds));
    },
  });
  await eleventy.init();
  isBuildRunning = buildRunningOf(eleventy);
  const watchRun = (await eleventy.watch()) as unknown as WatchRun;
  running = eleventy;
  return { brief, staged: path.join(input, eleventyFileName(loaded.briefs[0]!)), tracker, watchRun, ended, rebuilds: () => rebuilds };
}

describe("npm start: saves through Eleventy's rebuilds", () => {
  it("hands a save on as built when another change arrives while its rebuild runs", async () => {
    let second: Promise<void> | undefined;
    const eleventy = await watchingEleventy(async (rebuild) => {
      if (rebuild !== 1) return;
      // While the save's rebuild runs (Eleventy awaits this listener), another watched file
      // changes: Eleventy queues it, and emits its afterwatch before this rebuild goes on.
      second = eleventy.watchRun(eleventy.staged.replace(/\.md$/, ".json"));
      await second;
    });
    eleventy.tracker.stage(eleventy.brief, 1);
    await eleventy.watchRun(eleventy.staged); // ends after the re-run Eleventy chains for the second change
    await second;
    expect(eleventy.rebuilds()).toBe(2); // the save's rebuild, and the re-run for the second change
    // The save is handed on once, as built, after both.
    expect(eleventy.ended).toEqual([{ saves: new Map([[eleventy.brief, 1]]), pagesBuilt: true, stillRunning: false }]);
    expect(eleventy.tracker.stagedCount).toBe(0);
  }, 120_000);

  it("hands a save on as built after a rebuild with no other change", async () => {
    const eleventy = await watchingEleventy(() => undefined);
    eleventy.tracker.stage(eleventy.brief, 1);
    await eleventy.watchRun(eleventy.staged);
    expect(eleventy.rebuilds()).toBe(1);
    expect(eleventy.ended).toEqual([{ saves: new Map([[eleventy.brief, 1]]), pagesBuilt: true, stillRunning: false }]);
  }, 120_000);
});
