/**
 * Tabs for rendering, reused across briefs: one browser context per browser, up to `size` tabs
 * (one per core), each prepared once (print media, request blocking). Opening a context and a
 * tab per brief cost ~0.3 s; a reused tab also keeps Paged.js and the fonts in Chromium's
 * memory cache (the local server lets it cache `/assets/`). Every render navigates its tab
 * afresh, so no script state crosses from one document to the next. A tab whose render failed
 * is closed, not reused; after a crash the pool follows WarmBrowser to the new browser.
 */
import type { Browser, BrowserContext } from "puppeteer-core";
import type { WarmBrowser } from "./chromium.ts";
import { prepareRenderPage, type RenderPage } from "../pdf/render-pdf.ts";

export class PagePool {
  readonly #warm: WarmBrowser;
  readonly #origin: string;
  #idle: RenderPage[] = [];
  #context: { browser: Browser; context: Promise<BrowserContext> } | undefined;

  constructor(warm: WarmBrowser, origin: string) {
    this.#warm = warm;
    this.#origin = origin;
  }

  get origin(): string {
    return this.#origin;
  }

  /** A prepared tab of the current browser (relaunched if it crashed). */
  async acquire(): Promise<RenderPage> {
    const browser = await this.#warm.usable();
    this.#idle = this.#idle.filter((p) => !p.page.isClosed() && p.page.browser() === browser);
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#context?.browser !== browser) {
      const context = browser.createBrowserContext();
      context.catch(() => undefined);
      this.#context = { browser, context };
    }
    return prepareRenderPage(await this.#context.context, this.#origin);
  }

  /** Back to the pool after a good render; closed after a failed one. */
  release(page: RenderPage, reusable: boolean): void {
    if (reusable && !page.page.isClosed() && page.page.browser().connected) this.#idle.push(page);
    else void page.page.close().catch(() => undefined);
  }

  /** Closes the tabs (the browser stays open: it belongs to its WarmBrowser). */
  async close(): Promise<void> {
    const context = this.#context;
    this.#idle = [];
    this.#context = undefined;
    if (context) await (await context.context.catch(() => undefined))?.close().catch(() => undefined);
  }
}
