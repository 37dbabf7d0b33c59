/**
 * The rendering tabs are replaced after a number of renders or when their page's JS heap has
 * grown (src/browser/page-pool.ts), so a long collection does not grow the build's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, WarmBrowser } from "../src/browser/chromium.ts";
import { PagePool } from "../src/browser/page-pool.ts";

describe("the page pool", () => {
  let warm: WarmBrowser;
  beforeAll(async () => {
    warm = new WarmBrowser(await launchBrowser());
  }, 120_000);
  afterAll(async () => {
    await warm?.close();
  });

  it("reuses a tab until its renders reach maxRenders, then opens a fresh one", async () => {
    const pool = new PagePool(warm, "http://127.0.0.1:9", { maxRenders: 2 });
    const first = await pool.acquire();
    pool.release(first, true);
    const again = await pool.acquire();
    expect(again).toBe(first);
    pool.release(again, true); // its second render: retired
    const fresh = await pool.acquire();
    expect(fresh).not.toBe(first);
    expect(fresh.page).not.toBe(first.page);
    expect(pool.recycled).toBe(1);
    pool.release(fresh, true);
    await pool.close();
  }, 60_000);

  it("replaces a tab whose JS heap is over maxHeapBytes, and closes a tab whose render failed", async () => {
    const pool = new PagePool(warm, "http://127.0.0.1:9", { maxHeapBytes: 1 });
    const first = await pool.acquire();
    pool.release(first, true);
    const next = await pool.acquire();
    expect(next).not.toBe(first);
    expect(pool.recycled).toBe(1);
    pool.release(next, false);
    const third = await pool.acquire();
    expect(third).not.toBe(next);
    expect(pool.recycled).toBe(1); // a failed render's tab is closed, not counted as recycled
    await pool.close();
  }, 60_000);

  it("refuses a maxRenders below 1", () => {
    expect(() => new PagePool(warm, "http://127.0.0.1:9", { maxRenders: 0 })).toThrow(/maxRenders/);
  });
});
