/**
 * `npm start` end to end, as an author uses it: start it on a copy of a brief, open the page in
 * a browser, save edits, and watch the page (over the dev server's websocket) and the PDF follow;
 * a broken note shows `file:line` in the terminal and on the page until the next good save;
 * Ctrl-C stops it and leaves no process behind.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { launchBrowser } from "../src/browser/chromium.ts";
import { tempDir } from "./helpers/build.ts";
import { pdfText } from "./helpers/pdf.ts";
import { isChromium, newRunTag, processesTagged, RUN_TAG_VAR, tagGone } from "./helpers/processes.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const SLUG = "china-sony-attack";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `check` passes, polling; rejects with `what` after `ms`. */
async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

describe("npm start", () => {
  it("serves, live-reloads the page, re-renders the PDF, shows a broken note's error and recovers, and stops cleanly", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "briefs");
    const output = path.join(dir, "site");
    await mkdir(input);
    const brief = path.join(input, `${SLUG}.md`);
    await cp(path.join(ROOT, "content", `${SLUG}.md`), brief);
    const original = await readFile(brief, "utf8");
    const pdf = path.join(output, "briefs", SLUG, `${SLUG}.pdf`);
    const port = await freePort();

    // Own process group, so Ctrl-C can be sent to the group as a terminal does; the tag marks
    // every process it starts (see helpers/processes.ts).
    const tag = newRunTag();
    const child = spawn(TSX, ["src/dev.ts", "--input", input, "--output", output, "--port", String(port)], {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, NO_COLOR: "1", [RUN_TAG_VAR]: tag },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const url = await until("the server address", () => /^serving (http:\/\/\S+)/m.exec(stdout)?.[1], 150_000);
      expect(url).toContain(String(port));
      expect(stdout).toMatch(/^pdf 1\/1: china-sony-attack\.pdf, \d+ pages/m);
      // No third-party lines without --verbose.
      expect(stdout + stderr).not.toMatch(/\[11ty\]|Benchmark/);

      browser = await launchBrowser();
      const page: Page = await browser.newPage();
      const frames: string[] = [];
      const cdp = await page.createCDPSession();
      await cdp.send("Network.enable");
      cdp.on("Network.webSocketFrameReceived", (e: { response: { payloadData: string } }) => frames.push(e.response.payloadData));
      await page.goto(`${url}briefs/${SLUG}/`, { waitUntil: "load" });
      await until("the live-reload websocket", () => frames.some((f) => f.includes('"eleventy.status"')));
      // The dev server patches the page in place or reloads it: read it again if it navigated meanwhile.
      const bodyText = () => page.evaluate(() => document.body.innerText).catch(() => "");
      const before = { pdf: await stat(pdf), frames: frames.length };

      // 1. A good edit: the page shows it without a manual reload; the PDF follows.
      await writeFile(brief, original.replace("## Background\n", "## Background\n\nFirst edit marker: saved from the test.\n"));
      await until("a reload message", () => frames.slice(before.frames).some((f) => f.includes('"eleventy.reload"')));
      await until("the new text in the open page", async () => (await bodyText()).includes("First edit marker")); // no page.reload()
      await until("the web timing line", () => /^web: .*china-sony-attack\.md reloaded \d+\.\d s after the save$/m.test(stdout));
      // Chromium's PDF first, then the tagged, final one.
      await until("the PDF timing line", () => /^pdf: china-sony-attack\.pdf updated \d+\.\d s after the save \(\d+ pages; tagging follows\)$/m.test(stdout));
      await until("the final PDF's timing line", () => /^pdf: china-sony-attack\.pdf tagged, final \d+\.\d s after the save \(\d+ pages\)$/m.test(stdout));
      const after = await stat(pdf);
      expect(after.mtimeMs).toBeGreaterThan(before.pdf.mtimeMs);
      expect(pdfText(pdf)).toContain("First edit marker");

      // 2. A bad edit (an undefined note): file:line in the terminal and on the page.
      const broken = original.replace("## Background\n", "## Background\n\nSecond edit with a broken note.[^nope]\n");
      const line = broken.split("\n").findIndex((l) => l.includes("[^nope]")) + 1;
      await writeFile(brief, broken);
      const where = `${brief}:${line}: undefined note "[^nope]"`;
      await until("the error in the terminal", () => stderr.includes(where));
      await until("the error on the open page", async () => (await bodyText()).includes(where));
      expect(await bodyText()).toContain("1 error in this brief");
      const served = await (await fetch(`${url}briefs/${SLUG}/`)).text();
      expect(served).toContain(`${brief}:${line}: undefined note &quot;[^nope]&quot;`);
      await until("the error's web line", () => /china-sony-attack\.md: 1 error shown on its page .* no new PDF until fixed$/m.test(stdout));

      // 3. The next good save recovers, without a restart.
      const pdfCount = (stdout.match(/^pdf: .* tagged, final /gm) ?? []).length;
      await writeFile(brief, original.replace("## Background\n", "## Background\n\nThird edit marker: fixed.\n"));
      await until("the error panel to go", async () => (await bodyText()).includes("Third edit marker") && !(await bodyText()).includes("error in this brief"));
      await until("the PDF after the fix", () => (stdout.match(/^pdf: .* tagged, final /gm) ?? []).length > pdfCount);
      expect(pdfText(pdf)).toContain("Third edit marker");
      expect(pdfText(pdf)).not.toContain("broken note");

      // 4. Ctrl-C (SIGINT to the process group, as a terminal sends it).
      expect(processesTagged(tag).filter(isChromium).length).toBeGreaterThan(0); // its warm Chromium
      process.kill(-child.pid!, "SIGINT");
      expect(await exited).toBe(0);
      expect(await tagGone(tag)).toEqual([]);
      await expect(fetch(url)).rejects.toThrow();
      expect(stdout).toContain("SIGINT: stopping");
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
      for (const p of processesTagged(tag)) process.kill(p.pid, "SIGKILL");
    }
  }, 400_000);
});
