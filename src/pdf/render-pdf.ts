/**
 * Renders one print page to PDF with Paged.js in an already running browser, in a fresh
 * browser context, allowing requests to our local server only. After layout, the page's
 * own footnote check (assets/js/print-notes.js) reports misplaced notes; they fail the render.
 */
import type { Browser, HTTPRequest } from "puppeteer-core";

export interface FootnoteProblem {
  label: string;
  /** 1-based page; 0 when the note never reached a page. */
  page: number;
  message: string;
}

export interface BadBreak {
  page: number;
  kind: string;
  text: string;
}

export interface RenderResult {
  pdf: Uint8Array;
  pages: number;
  footnotesPlaced: number;
  /** Per page: the share of the page area used by text and notes (0..1). */
  pageFill: number[];
  /** Headings left at a page foot, widows and orphans, as seen after layout. */
  badBreaks: BadBreak[];
  /** Text drawn below a page's content area (cut off on paper). */
  cutOffText: Array<{ page: number; text: string }>;
  /** Text of the brief missing from the pages, or on them twice, after layout. */
  lostText: Array<{ page: number; text: string; what: "lost" | "repeated"; note?: string }>;
  /** Blocks that keep their soft hyphens: settling them after layout would move their lines. */
  relaidText: Array<{ page: number; text: string }>;
  problems: FootnoteProblem[];
  blockedRequests: string[];
}

export interface RenderOptions {
  /** Allowed origin, e.g. http://127.0.0.1:4123. Every other request is blocked. */
  origin: string;
  /** Milliseconds for load + layout + PDF. @default 60000 */
  timeoutMs?: number;
}

interface LayoutState {
  done: boolean;
  error: string | null;
  pages: number;
  problems: FootnoteProblem[];
  footnotesPlaced?: number;
  pageFill?: number[];
  badBreaks?: BadBreak[];
  cutOffText?: Array<{ page: number; text: string }>;
  relaidText?: Array<{ page: number; text: string }>;
  lostText?: RenderResult["lostText"];
}

export class RenderFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderFailed";
  }
}

export async function renderPdf(browser: Browser, url: string, options: RenderOptions): Promise<RenderResult> {
  const timeout = options.timeoutMs ?? 60_000;
  const context = await browser.createBrowserContext();
  const blockedRequests: string[] = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setRequestInterception(true);
    page.on("request", (request: HTTPRequest) => {
      const target = request.url();
      if (target.startsWith(`${options.origin}/`) || target.startsWith("data:") || target.startsWith("blob:")) {
        void request.continue();
      } else {
        blockedRequests.push(target);
        void request.abort("blockedbyclient");
      }
    });
    await page.emulateMediaType("print");
    const response = await page.goto(url, { waitUntil: "load", timeout });
    if (!response || !response.ok()) throw new RenderFailed(`could not load ${url} (HTTP ${response?.status() ?? "no response"})`);
    await page.waitForFunction("window.briefpressLayout && (window.briefpressLayout.done || window.briefpressLayout.error)", {
      timeout,
      polling: 50,
    });
    const state = (await page.evaluate("window.briefpressLayout")) as LayoutState;
    if (state.error) throw new RenderFailed(`Paged.js failed: ${state.error}`);
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout,
    });
    return {
      pdf,
      pages: state.pages,
      footnotesPlaced: state.footnotesPlaced ?? 0,
      pageFill: state.pageFill ?? [],
      badBreaks: state.badBreaks ?? [],
      cutOffText: state.cutOffText ?? [],
      relaidText: state.relaidText ?? [],
      lostText: state.lostText ?? [],
      problems: state.problems,
      blockedRequests,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}
