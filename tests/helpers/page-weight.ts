/** What a page costs to load in Chromium: every response's body size, by URL. */
import type { Browser } from "puppeteer-core";

export interface PageWeight {
  total: number;
  requests: Array<{ url: string; bytes: number; type: string }>;
  /** Stylesheets in the head that block the first render. */
  blockingStylesheets: string[];
}

export async function pageWeight(browser: Browser, url: string, width = 1440): Promise<PageWeight> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 900 });
    const requests: PageWeight["requests"] = [];
    page.on("response", async (response) => {
      try {
        const body = await response.buffer();
        requests.push({ url: response.url(), bytes: body.length, type: response.request().resourceType() });
      } catch {
        requests.push({ url: response.url(), bytes: Number(response.headers()["content-length"] ?? 0), type: response.request().resourceType() });
      }
    });
    await page.goto(url, { waitUntil: "networkidle0" });
    await page.evaluate("document.fonts.ready");
    const blockingStylesheets = (await page.evaluate(
      `Array.from(document.head.querySelectorAll('link[rel~="stylesheet"]')).filter((l) => !l.media || l.media === "all" || matchMedia(l.media).matches).map((l) => l.getAttribute("href"))`,
    )) as string[];
    return { total: requests.reduce((n, r) => n + r.bytes, 0), requests, blockingStylesheets };
  } finally {
    await page.close();
  }
}
