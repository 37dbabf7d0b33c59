/**
 * `npm start`: which saved briefs a rebuild of Eleventy's watch mode has put on the pages, so
 * that their PDFs follow.
 *
 * A save is `staged` when its checked text is written to Eleventy's private input. The next
 * rebuild that starts (`eleventy.beforeWatch`) takes every staged save; the rebuild's end
 * (`eleventy.afterwatch`) hands them on, as built if Eleventy wrote the pages
 * (`eleventy.after`), else as failed.
 *
 * Eleventy 3.1 also emits `eleventy.afterwatch` for a change that arrives while a rebuild
 * runs: that change is only queued (Eleventy rebuilds again once the running rebuild ends) but
 * its `afterwatch` comes at once, before the running rebuild has written anything. Such an
 * `afterwatch` is ignored here: the saves stay with the running rebuild and its re-run, and are
 * handed on by the `afterwatch` that comes after both. (Taken as the end of the rebuild, it
 * reported the save's pages as not built and forgot the save, so the page was rebuilt by the
 * re-run but no PDF followed: seen with a save made the instant `npm start` began watching.)
 */
import type { EleventyConfig } from "../eleventy/types.ts";

/** Saved briefs: file -> time of the save (ms since the epoch). */
export type Saves = Map<string, number>;

export interface RebuildTrackerOptions {
  /** Whether Eleventy's rebuild is still running (its watch manager's `isBuildRunning`). */
  isBuildRunning: () => boolean;
  /** A rebuild ended: the saves it covered, and whether it wrote the pages. */
  onRebuilt: (saves: Saves, pagesBuilt: boolean) => void | Promise<void>;
}

export class RebuildTracker {
  /** Staged, not yet taken by a rebuild. */
  #staged: Saves = new Map();
  /** Taken by the running rebuild (and the re-runs Eleventy chains to it). */
  #building: Saves = new Map();
  #pagesBuilt = false;
  readonly #options: RebuildTrackerOptions;

  constructor(options: RebuildTrackerOptions) {
    this.#options = options;
  }

  /** A save whose checked text is in Eleventy's input (or whose errors changed the pages). */
  stage(file: string, savedAt: number): void {
    this.#staged.set(file, savedAt);
  }

  isStaged(file: string): boolean {
    return this.#staged.has(file);
  }

  get stagedCount(): number {
    return this.#staged.size;
  }

  /** Forgets the staged saves (the first build made their pages). */
  clearStaged(): void {
    this.#staged = new Map();
  }

  /** Listens to Eleventy's watch events; `onRebuildStart` runs when a rebuild starts. */
  attach(eleventyConfig: EleventyConfig, onRebuildStart?: () => void): void {
    eleventyConfig.on("eleventy.beforeWatch", () => {
      onRebuildStart?.();
      for (const [file, savedAt] of this.#staged) this.#building.set(file, savedAt);
      this.#staged = new Map();
      this.#pagesBuilt = false;
    });
    eleventyConfig.on("eleventy.after", () => {
      this.#pagesBuilt = true;
    });
    eleventyConfig.on("eleventy.afterwatch", async () => {
      if (this.#options.isBuildRunning()) return; // a change queued behind the running rebuild (see above)
      const saves = this.#building;
      this.#building = new Map();
      await this.#options.onRebuilt(saves, this.#pagesBuilt);
    });
  }
}

/**
 * Whether Eleventy's rebuild is running, from its watch manager (which it does not type, and
 * replaces when it reloads its configuration: looked up on every call). Checked at once, so
 * that an upgrade that renames it fails at start (call after `init()`).
 */
export function buildRunningOf(eleventy: unknown): () => boolean {
  type Manager = { isBuildRunning?: unknown };
  const manager = () => (eleventy as { watchManager?: Manager }).watchManager;
  const running = () => {
    const current = manager();
    if (typeof current?.isBuildRunning !== "function") throw new Error("npm start: Eleventy has no watchManager.isBuildRunning() (was it upgraded?)");
    return Boolean((current.isBuildRunning as () => unknown).call(current));
  };
  running();
  return running;
}
