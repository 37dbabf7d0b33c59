/**
 * Accessibility gate: pa11y (axe + HTML_CodeSniffer, WCAG 2 AA) on every page of a built
 * site, print pages included (after Paged.js has laid them out), sharing one Chromium.
 * Any error or warning fails the gate.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pa11y from "pa11y";
import type { Browser } from "puppeteer-core";
import { launchBrowser } from "../browser/chromium.ts";
import { serveFolder } from "../browser/static-server.ts";

export interface A11yIssue {
  type: "error" | "warning" | "notice";
  code: string;
  message: string;
  selector: string;
  runner: string;
}

export interface A11yPageResult {
  /** Site-relative path, e.g. /briefs/x/print/ */
  path: string;
  issues: A11yIssue[];
}

export interface A11yConfig {
  defaults?: Record<string, unknown>;
}

/** Every page of the site as a URL path, print pages included ("/", "/briefs/x/", …). */
export async function sitePages(site: string): Promise<string[]> {
  const pages: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "assets") await walk(full);
      else if (entry.isFile() && entry.name.endsWith(".html")) {
        const rel = `/${path.relative(site, full).split(path.sep).join("/")}`;
        pages.push(rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel);
      }
    }
  }
  await walk(path.resolve(site));
  return pages.sort();
}

export const isPrintPage = (p: string): boolean => /\/print\/$/.test(p);

export async function readA11yConfig(file: string): Promise<A11yConfig> {
  return JSON.parse(await readFile(file, "utf8")) as A11yConfig;
}

export async function checkSite(
  site: string,
  config: A11yConfig,
  options: { onPage?: (result: A11yPageResult) => void; browser?: Browser } = {},
): Promise<A11yPageResult[]> {
  const server = await serveFolder(site);
  const browser = options.browser ?? (await launchBrowser());
  const results: A11yPageResult[] = [];
  try {
    for (const pagePath of await sitePages(site)) {
      // Web pages are checked in the light and the dark colour scheme; print pages are paper.
      const schemes = isPrintPage(pagePath) ? (["light"] as const) : (["light", "dark"] as const);
      for (const scheme of schemes) {
        const actions = isPrintPage(pagePath) ? ["wait for element html[data-layout=done] to be added"] : [];
        const defaults = config.defaults ?? {};
        const page = await browser.newPage();
        try {
          await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
          const run = await pa11y(`${server.origin}${pagePath}`, {
            ...defaults,
            actions: [...((defaults.actions as string[] | undefined) ?? []), ...actions],
            browser,
            page,
            log: { debug: () => undefined, error: () => undefined, info: () => undefined },
          });
          const result: A11yPageResult = {
            path: scheme === "dark" ? `${pagePath} (dark)` : pagePath,
            issues: run.issues.map((i: A11yIssue) => ({ type: i.type, code: i.code, message: i.message, selector: i.selector, runner: i.runner })),
          };
          results.push(result);
          options.onPage?.(result);
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    if (!options.browser) await browser.close();
    await server.close();
  }
  return results;
}

export function formatA11yResult(result: A11yPageResult): string {
  const failing = result.issues.filter((i) => i.type !== "notice");
  if (failing.length === 0) return `ok    ${result.path}`;
  const lines = failing.map((i) => `        ${i.type} [${i.runner}] ${i.code}\n          ${i.message}\n          at ${i.selector}`);
  return `FAIL  ${result.path}: ${failing.length} issue${failing.length === 1 ? "" : "s"}\n${lines.join("\n")}`;
}
