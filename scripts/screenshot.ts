/**
 * Screenshots of built pages, for looking at what readers see.
 * usage: tsx scripts/screenshot.ts SITE_DIR URL_PATH OUT.png [WIDTH] [--dark] [--full]
 */
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder } from "../src/browser/static-server.ts";

const [site, urlPath, out, width = "1400", ...flags] = process.argv.slice(2);
if (!site || !urlPath || !out) {
  console.error("usage: tsx scripts/screenshot.ts SITE_DIR URL_PATH OUT.png [WIDTH] [--dark] [--full]");
  process.exit(2);
}
const server = await serveFolder(site);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(width), height: 900 });
  if (flags.includes("--dark")) await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  await page.goto(server.origin + urlPath, { waitUntil: "networkidle0" });
  await page.screenshot({ path: out as `${string}.png`, fullPage: flags.includes("--full") });
  const overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth");
  console.log(`${out}: ${width}px wide${overflow ? ", SCROLLS HORIZONTALLY" : ""}`);
} finally {
  await browser.close();
  await server.close();
}
