/**
 * Tabs for rendering, reused across briefs: one browser context per browser, up to `size` tabs
 * (one per core), each prepared once (print media, request blocking). Opening a context and a
 * tab per brief cost ~0.3 s; a reused tab also keeps Paged.js and the fonts in Chromium's
 * memory cache (the local server lets it cache `/assets/`). Every render navigates its tab
 * afresh, so no script state crosses from one document to the next. A tab whose render failed
 * is closed, not reused; after a crash the pool follows WarmBrowser to the new browser.
 *
 * A tab is also closed, and a fresh one opened, after `maxRenders` renders or when its page's
 * JavaScript heap has grown past `maxHeapBytes`: a renderer process keeps memory it once used
 * (Blink's caches, the V8 heap's high-water mark), so a tab reused across a 100-brief
 * collection made the build's peak memory grow with the collection.
 */
import type { Browser, BrowserContext } from "puppeteer-core";
import type { WarmBrowser } from "./chromium.ts";
import { prepareRenderPage, type RenderPage } from "../pdf/render-pdf.ts";

export interface PagePoolOptions {
  /** Renders before a tab is replaced by a fresh one. @default 10 */
  maxRenders?: number;
  /** A tab whose page's JS heap is larger than this when it is taken again is replaced. @default 192 MiB */
  maxHeapBytes?: number;
}

export class PagePool {
  readonly #warm: WarmBrowser;
  readonly #origin: string;
  readonly #maxRenders: number;
  readonly #maxHeapBytes: number;
  #idle: RenderPage[] = [];
  #context: { browser: Browser; context: Promise<BrowserContext> } | undefined;
  readonly #renders = new WeakMap<RenderPage, number>();
  /** Tabs closed to free their memory (for tests and the timings). */
  recycled = 0;

  constructor(warm: WarmBrowser, origin: string, options: PagePoolOptions = {}) {
    this.#warm = warm;
    this.#origin = origin;
    this.#maxRenders = options.maxRenders ?? 10;
    this.#maxHeapBytes = options.maxHeapBytes ?? 192 * 1024 * 1024;
    if (!(this.#maxRenders >= 1)) throw new Error(`PagePool: maxRenders must be at least 1, got ${options.maxRenders}`);
  }

  get origin(): string {
    return this.#origin;
  }

  /** A prepared tab of the current browser (relaunched if it crashed). */
  async acquire(): Promise<RenderPage> {
    const browser = await this.#warm.usable();
    this.#idle = this.#idle.filter((p) => !p.page.isClosed() && p.page.browser() === browser);
    for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) {
      const heap = await idle.page.metrics().then((m) => m.JSHeapUsedSize ?? 0, () => Infinity);
      if (heap <= this.#maxHeapBytes) return idle;
      this.#retire(idle);
    }
    if (this.#context?.browser !== browser) {
      const context = browser.createBrowserContext();
      context.catch(() => undefined);
      this.#context = { browser, context };
    }
    return prepareRenderPage(await this.#context.context, this.#origin);
  }

  /** Back to the pool after a good render; closed after a failed one. */
  release(page: RenderPage, reusable: boolean): void {
    const renders = (this.#renders.get(page) ?? 0) + 1;
    this.#renders.set(page, renders);
    if (reusable && renders >= this.#maxRenders) this.#retire(page);
    else if (reusable && !page.page.isClosed() && page.page.browser().connected) this.#idle.push(page);
    else void page.page.close().catch(() => undefined);
  }

  #retire(page: RenderPage): void {
    this.recycled++;
    void page.page.close().catch(() => undefined);
  }

  /** Closes the tabs (the browser stays open: it belongs to its WarmBrowser). */
  async close(): Promise<void> {
    const context = this.#context;
    this.#idle = [];
    this.#context = undefined;
    if (context) await (await context.context.catch(() => undefined))?.close().catch(() => undefined);
  }
}
