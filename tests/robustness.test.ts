/**
 * Bad input and faults through the real command line: every broken brief is named with its
 * line, the previous output stays byte-identical, Chromium never outlives the build
 * (success, failure, timeout, Ctrl-C), and nothing is fetched from outside.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInto, tempDir } from "./helpers/build.ts";
import { newRunTag, RUN_TAG_VAR, tagGone } from "./helpers/processes.ts";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder } from "../src/browser/static-server.ts";
import { renderPdf } from "../src/pdf/render-pdf.ts";
import { snapshot } from "./helpers/snapshot.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
// The command as `npm run build` runs it: tsx's loader in this one process, no wrapper (tsx's
// CLI relays Ctrl-C and SIGKILLs a child that has not answered within 30 ms, as under load).
const BIN = path.join(ROOT, "bin", "briefpress.js");

/** The CLI in a child process; `tag` marks it and every process it starts (see helpers/processes.ts). */
function runCli(args: string[], onStdout?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const tag = newRunTag();
  return new Promise<{ code: number | null; stdout: string; stderr: string; tag: string }>((resolve) => {
    // --no-cache: these builds must render (a timeout, Ctrl-C mid-render), whatever an earlier build cached.
    const child = spawn(process.execPath, [BIN, "build", "--no-cache", ...args], { cwd: ROOT, env: { ...process.env, [RUN_TAG_VAR]: tag } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr, tag }));
  });
}


const stagingLeft = (output: string) => readdirSync(path.dirname(output)).filter((n) => n.includes(".staging-"));

describe("broken briefs", () => {
  it("rejects each, with its file and line, and leaves the previous site byte-identical", async () => {
    const { output } = await buildInto(path.join(ROOT, "content"));
    const before = snapshot(output);
    const mtime = statSync(path.join(output, "index.html")).mtimeMs;

    const { code, stderr, tag } = await runCli(["--input", "tests/fixtures/broken-briefs", "--output", output]);
    expect(code).toBe(1);
    const expected = [
      "bad-date.md:3: date:",
      "bad-yaml.md:3: invalid YAML",
      "empty.md:1: the file is empty",
      "footnote-twice.md:8: footnote \"[^*f]\" is called more than once",
      "handler.md:6: event handler attribute \"onmouseover\"",
      "iframe.md:6: <iframe> is not allowed",
      "js-url.md:6: \"javascript:\" URLs are not allowed",
      "missing-image.md:6: image \"chart.png\" not found",
      "missing-title.md:1: title is required",
      "no-front-matter.md:1: missing front matter",
      "not-utf8.md:5: the file is not UTF-8",
      "remote-image.md:8: remote image",
      "script.md:8: <script> is not allowed",
      "two/same.md:1: two briefs have the slug \"same\"",
      "undefined-note.md:6: undefined note \"[^nowhere]\"",
      "unused-note.md:8: note \"[^lonely]\" is defined but never called",
    ];
    const lines = stderr.split("\n").filter((l) => l.startsWith("tests/fixtures/broken-briefs/"));
    expect(lines).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(lines[i]).toContain(`tests/fixtures/broken-briefs/${e}`));
    expect(stderr).toContain("was left as it was");

    expect(snapshot(output)).toEqual(before);
    expect(statSync(path.join(output, "index.html")).mtimeMs).toBe(mtime);
    expect(stagingLeft(output)).toEqual([]);
    expect(await tagGone(tag, 2000)).toEqual([]);
  }, 240_000);

  it("fails a render that times out, after one retry, naming the brief; Chromium is closed", async () => {
    const output = path.join(await tempDir(), "site");
    const { code, stderr, tag } = await runCli(["--input", "content", "--output", output, "--timeout", "0.05"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^content\/china-sony-attack\.md:1: PDF rendering failed: .*\(failed twice\)/m);
    expect(existsSync(output)).toBe(false);
    expect(stagingLeft(output)).toEqual([]);
    expect(await tagGone(tag, 2000)).toEqual([]);
  }, 240_000);

  it("stops on Ctrl-C with Chromium closed, no staging folder, and the output untouched", async () => {
    const output = path.join(await tempDir(), "site");
    await mkdir(output);
    await writeFile(path.join(output, "keep.txt"), "previous site");
    // A previous output of briefpress (an unmarked folder would be refused before the build starts).
    await writeFile(path.join(output, ".briefpress-output"), JSON.stringify({ generator: "briefpress", files: ["keep.txt"] }));
    let sent = false;
    const { code, stderr, tag } = await runCli(["--input", "content", "--output", output], (text, child) => {
      if (!sent && text.includes("site:")) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    expect(sent).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("SIGINT: stopping");
    expect(readdirSync(output).sort()).toEqual([".briefpress-output", "keep.txt"]);
    expect(stagingLeft(output)).toEqual([]);
    expect(await tagGone(tag, 2000)).toEqual([]);
  }, 240_000);
});

describe("the PDF renderer", () => {
  it("lets the page fetch only from the local server, blocking and reporting anything else", async () => {
    const dir = await tempDir();
    await cp(path.join(ROOT, "assets"), path.join(dir, "assets"), { recursive: true });
    // A page without our Content-Security-Policy, asking for a remote image and a remote script.
    await writeFile(
      path.join(dir, "index.html"),
      '<!doctype html><title>t</title><p>x</p><img src="http://192.0.2.1/chart.png" alt="chart"><script src="https://example.org/x.js"></script>' +
        "<script>window.briefpressLayout = { done: true, error: null, pages: 1, problems: [] };</script>",
    );
    const server = await serveFolder(dir);
    const browser = await launchBrowser();
    try {
      const result = await renderPdf(browser, `${server.origin}/`, { origin: server.origin, timeoutMs: 30_000 });
      expect(result.blockedRequests.sort()).toEqual(["http://192.0.2.1/chart.png", "https://example.org/x.js"]);
      expect(Buffer.from(result.pdf).subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
