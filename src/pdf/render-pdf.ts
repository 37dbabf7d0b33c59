/**
 * Renders one print page to PDF with Paged.js in an already running browser, allowing
 * requests to our local server only. After layout, the page's
 * own footnote check (assets/js/print-notes.js) reports misplaced notes; they fail the render.
 */
import type { Browser, BrowserContext, HTTPRequest, Page } from "puppeteer-core";
import { phaseDone } from "../build/timings.ts";

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
  /** The top of the first page as a 1200×630 PNG: the web page's og:image (PREVIEW). */
  preview: Uint8Array;
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
  problems: FootnoteProblem[];
  blockedRequests: string[];
}

export interface RenderOptions {
  /** Allowed origin, e.g. http://127.0.0.1:4123. Every other request is blocked. */
  origin: string;
  /** Milliseconds for load + layout + PDF. @default 60000 */
  timeoutMs?: number;
  /**
   * Called with Chromium's PDF as soon as it is printed, before the preview image is taken
   * (npm start shows it while the rest is done); awaited before the render returns.
   */
  onPdf?: (pdf: Uint8Array, report: Omit<RenderResult, "pdf" | "preview">) => Promise<void>;
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
  lostText?: RenderResult["lostText"];
  /** performance.now() marks set by the page scripts (assets/js/paged-config.js). */
  timings?: Record<string, number>;
}

/** Size of the preview image, Open Graph's recommended 1.91:1. */
export const PREVIEW = { width: 1200, height: 630 } as const;

/**
 * The top of the first page at PREVIEW's size. Through the DevTools protocol, whose clip may be
 * fractional (puppeteer's screenshot rounds it to whole CSS pixels: 1200×629 or ×631 for a
 * Letter page); should the image still differ in size, it is cut to size in the page (a canvas).
 */
let previewQueue: Promise<unknown> = Promise.resolve();

/**
 * One screenshot at a time, of the tab in front: two tabs of the pool captured at once, the
 * second waited 60 s for a frame (the other-briefs fixture took 65 s to build instead of 5).
 */
function previewImage(page: Page, first: { x: number; y: number; width: number }): Promise<Uint8Array> {
  const shot = previewQueue.then(async () => {
    await page.bringToFront();
    return capturePreview(page, first);
  });
  previewQueue = shot.catch(() => undefined);
  return shot;
}

async function capturePreview(page: Page, first: { x: number; y: number; width: number }): Promise<Uint8Array> {
  const scale = PREVIEW.width / first.width;
  const cdp = await page.createCDPSession();
  let shot: Buffer;
  try {
    const clip = { x: first.x, y: first.y, width: first.width, height: PREVIEW.height / scale, scale };
    const { data } = await cdp.send("Page.captureScreenshot", { format: "png", clip, captureBeyondViewport: true });
    shot = Buffer.from(data, "base64");
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  if (shot.readUInt32BE(16) === PREVIEW.width && shot.readUInt32BE(20) === PREVIEW.height) return shot; // PNG IHDR
  const cut = (await page.evaluate(
    `(async () => { const img = new Image(); img.src = "data:image/png;base64,${shot.toString("base64")}"; await img.decode();
      const c = document.createElement("canvas"); c.width = ${PREVIEW.width}; c.height = ${PREVIEW.height};
      c.getContext("2d").drawImage(img, 0, 0); return c.toDataURL("image/png").slice(22); })()`,
  )) as string;
  return Buffer.from(cut, "base64");
}

export class RenderFailed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderFailed";
  }
}

/**
 * A tab ready to render print pages: print media, every request outside `origin` blocked and
 * listed. The page pool (browser/page-pool.ts) reuses one across briefs: each render navigates
 * it afresh, so no script state survives from one document to the next, while Chromium's
 * memory cache keeps Paged.js and the fonts parsed between renders.
 */
export interface RenderPage {
  page: Page;
  origin: string;
  /** Requests blocked during the current render. */
  blocked: string[];
}

export async function prepareRenderPage(context: Browser | BrowserContext, origin: string): Promise<RenderPage> {
  const page = await context.newPage();
  const prepared: RenderPage = { page, origin, blocked: [] };
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    const target = request.url();
    if (target.startsWith(`${origin}/`) || target.startsWith("data:") || target.startsWith("blob:")) {
      void request.continue();
    } else {
      prepared.blocked.push(target);
      void request.abort("blockedbyclient");
    }
  });
  await page.emulateMediaType("print");
  return prepared;
}

/** One print page to PDF in a fresh browser context of `browser` (closed afterwards). */
export async function renderPdf(browser: Browser, url: string, options: RenderOptions): Promise<RenderResult> {
  const context = await browser.createBrowserContext();
  try {
    return await renderOnPage(await prepareRenderPage(context, options.origin), url, options);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** One print page to PDF on a prepared page (see prepareRenderPage). */
export async function renderOnPage(prepared: RenderPage, url: string, options: RenderOptions): Promise<RenderResult> {
  const timeout = options.timeoutMs ?? 60_000;
  const { page } = prepared;
  if (!url.startsWith(`${prepared.origin}/`) || options.origin !== prepared.origin) throw new Error(`${url} is not served by ${prepared.origin}`);
  let at = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    phaseDone(`pdf: ${name}`, at, now);
    at = now;
  };
  const blockedRequests: string[] = [];
  prepared.blocked = blockedRequests;
  page.setDefaultTimeout(timeout);
  const response = await page.goto(url, { waitUntil: "load", timeout });
  if (!response || !response.ok()) throw new RenderFailed(`could not load ${url} (HTTP ${response?.status() ?? "no response"})`);
  // The poller runs inside the page: a short interval costs no round trips.
  await page.waitForFunction("window.briefpressLayout && (window.briefpressLayout.done || window.briefpressLayout.error)", {
    timeout,
    polling: 10,
  });
  step("load, Paged.js layout, checks");
  const state = (await page.evaluate("window.briefpressLayout")) as LayoutState;
  if (state.error) throw new RenderFailed(`Paged.js failed: ${state.error}`);
  const t = state.timings;
  if (t?.layoutStart !== undefined && t.checksDone !== undefined) phaseDone("pdf: (in page) Paged.js layout + checks", at - (t.checksDone - t.layoutStart), at);
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: true,
    timeout,
  });
  step("page.pdf");
  const report = {
    pages: state.pages,
    footnotesPlaced: state.footnotesPlaced ?? 0,
    pageFill: state.pageFill ?? [],
    badBreaks: state.badBreaks ?? [],
    cutOffText: state.cutOffText ?? [],
    lostText: state.lostText ?? [],
    problems: state.problems,
    blockedRequests: [...blockedRequests],
  };
  const shown = options.onPdf?.(pdf, report);
  shown?.catch(() => undefined); // awaited below
  // After page.pdf, so that nothing the screenshot does can change the PDF.
  const first = (await page.evaluate(
    // The first page Paged.js laid out; a page that Paged.js did not lay out: its top.
    `(() => { const r = (document.querySelector(".pagedjs_page") || document.documentElement).getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width }; })()`,
  )) as { x: number; y: number; width: number };
  const preview = await previewImage(page, first);
  step("preview image (og:image)");
  await shown;
  return { pdf, preview, ...report };
}
