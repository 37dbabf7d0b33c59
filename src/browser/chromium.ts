/**
 * Finding and launching an installed Chromium. briefpress never downloads a browser.
 */
import { existsSync } from "node:fs";
import type { Browser } from "puppeteer-core";
import { phaseDone } from "../build/timings.ts";

export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/lib/chromium/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

/** Flags for a headless Chromium that stays off the network and runs as root in CI. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

export class BrowserNotFound extends Error {
  constructor(tried: string[]) {
    super(
      `no Chromium or Chrome found (looked at ${tried.join(", ")}).\n` +
        "Install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) " +
        "or set CHROME_PATH to its executable.",
    );
    this.name = "BrowserNotFound";
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string {
  if (env.CHROME_PATH) {
    if (exists(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new BrowserNotFound([`CHROME_PATH=${env.CHROME_PATH} (does not exist)`]);
  }
  const found = CHROMIUM_CANDIDATES.find((p) => exists(p));
  if (!found) throw new BrowserNotFound(CHROMIUM_CANDIDATES);
  return found;
}

/** Browsers launched by this process and not yet closed, so a signal can close them all. */
const openBrowsers = new Set<Browser>();

export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...openBrowsers].map((b) => b.close().catch(() => b.process()?.kill("SIGKILL"))));
}

let early: Promise<Browser> | undefined;
let launched = 0;

/** How many Chromiums this process has started (a build whose PDFs all come from the cache starts none). */
export function launchCount(): number {
  return launched;
}

/**
 * Starts Chromium now, at process start, for the next launchBrowser() to take: the command
 * line calls it before importing the build, so Chromium starts while the rest loads and
 * Eleventy runs.
 */
export function launchEarly(): void {
  early ??= launchBrowser();
  early.catch(() => undefined); // the taker sees the error
}

/** Closes the browser launchEarly started if nothing took it (the build stopped before it needed one). */
export async function closeUntakenBrowser(): Promise<void> {
  const untaken = early;
  early = undefined;
  await untaken?.then((b) => b.close(), () => undefined).catch(() => undefined);
}

export async function launchBrowser(options: { executablePath?: string } = {}): Promise<Browser> {
  if (early && !options.executablePath) {
    const taken = early;
    early = undefined;
    return taken;
  }
  const start = performance.now();
  // Loaded here, not at the top: `--help`, and a build that needs no Chromium, never load it.
  const { default: puppeteer } = await import("puppeteer-core");
  launched++;
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    // DevTools over the process's stdio pipes, not a port: when the build dies in any way,
    // SIGKILL included, the pipe closes and Chromium exits with it.
    pipe: true,
    // We close the browser ourselves (finally blocks, signal handlers).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  phaseDone("chromium launch", start);
  openBrowsers.add(browser);
  browser.once("disconnected", () => openBrowsers.delete(browser));
  return browser;
}

/**
 * One browser for many renders. After a crash, everyone who asks gets the same new
 * browser (one relaunch, not one per worker), and the crashed one is closed.
 */
export class WarmBrowser {
  #browser: Browser;
  #relaunching: Promise<Browser> | undefined;

  constructor(browser: Browser) {
    this.#browser = browser;
  }

  get current(): Browser {
    return this.#browser;
  }

  /** The current browser if it is still connected, else a fresh one. */
  async usable(): Promise<Browser> {
    if (this.#browser.connected) return this.#browser;
    this.#relaunching ??= launchBrowser().then((fresh) => {
      const crashed = this.#browser;
      this.#browser = fresh;
      this.#relaunching = undefined;
      void crashed.close().catch(() => undefined);
      return fresh;
    });
    return this.#relaunching;
  }

  close(): Promise<void> {
    return this.#browser.close().catch(() => undefined);
  }
}
