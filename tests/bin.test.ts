/** The `briefpress` bin (package.json "bin"): the npm scripts' commands, each with --help. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, "bin/briefpress.js"), ...args], { cwd: ROOT, encoding: "utf8" });

describe("briefpress", () => {
  it("lists its commands, and refuses an unknown one with exit code 2", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    for (const command of ["build", "start", "new", "check"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    const wrong = run("publish");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('unknown command "publish"');
  });

  it.each([
    ["build", "--base-url URL"],
    ["start", "--port N"],
    ["new", "--author"],
    ["check", "--site DIR"],
  ])("%s --help prints that command's options", (command, option) => {
    const result = run(command, "--help");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`usage: briefpress ${command}`);
    expect(result.stdout).toContain(option);
  });

  it("passes options and exit codes through (a usage error is 2)", () => {
    const result = run("start", "--port", "nope");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a port number (0-65535), got "nope"');
  });
});

describe("briefpress runs without compiling TypeScript at run time", () => {
  // A copy of briefpress (its own node_modules folder, packages linked), so that its sources
  // can be edited and its bundle (node_modules/.cache/briefpress/compiled) made apart.
  const copy = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "briefpress-bin-"));
    for (const part of ["bin", "src", "scripts", "layouts", "assets", "package.json", "tsconfig.json"]) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
    mkdirSync(path.join(dir, "node_modules"));
    for (const name of readdirSync(path.join(ROOT, "node_modules"))) if (name !== ".cache") symlinkSync(path.join(ROOT, "node_modules", name), path.join(dir, "node_modules", name));
    return dir;
  };
  const runIn = (dir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(dir, "bin/briefpress.js"), ...args], { cwd: dir, encoding: "utf8" });
  const current = (dir: string) => JSON.parse(readFileSync(path.join(dir, "node_modules/.cache/briefpress/compiled/current.json"), "utf8")) as { dir: string; inputs: Record<string, string> };

  it("runs a bundle of the current sources, made again when a source changes (a stale one never runs)", () => {
    const dir = copy();
    try {
      const first = runIn(dir, "build", "--help");
      expect(first.status, first.stderr).toBe(0);
      const made = current(dir);
      expect(Object.keys(made.inputs)).toEqual(expect.arrayContaining(["src/cli.ts", "src/build.ts", "src/pdf/render-pdf.ts", "bin/compile.js"]));
      expect(existsSync(path.join(dir, "node_modules/.cache/briefpress/compiled", made.dir, "cli.js"))).toBe(true);
      // Unchanged sources: the same bundle.
      expect(runIn(dir, "build", "--help").stdout).toBe(first.stdout);
      expect(current(dir).dir).toBe(made.dir);
      // An edited source: a new bundle, and the edit shows.
      const cli = path.join(dir, "src/cli.ts");
      writeFileSync(cli, readFileSync(cli, "utf8").replace("folder of briefs (*.md, searched recursively)", "folder of briefs (edited)"));
      const edited = runIn(dir, "build", "--help");
      expect(edited.status, edited.stderr).toBe(0);
      expect(edited.stdout).toContain("folder of briefs (edited)");
      expect(current(dir).dir).not.toBe(made.dir);
      // An edit to a module the command imports (not the entry itself) counts too.
      const report = path.join(dir, "src/errors.ts");
      writeFileSync(report, `${readFileSync(report, "utf8")}\nexport const EDITED_MARK = 1;\n`);
      runIn(dir, "build", "--help");
      expect(current(dir).inputs["src/errors.ts"]).not.toBe(made.inputs["src/errors.ts"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs from the sources through tsx when no bundle can be made", () => {
    const dir = copy();
    try {
      writeFileSync(path.join(dir, "node_modules/.cache"), "a file where the cache folder would go\n");
      const cli = path.join(dir, "src/cli.ts");
      writeFileSync(cli, readFileSync(cli, "utf8").replace("folder of briefs (*.md, searched recursively)", "folder of briefs (from source)"));
      const result = runIn(dir, "build", "--help");
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain("folder of briefs (from source)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
