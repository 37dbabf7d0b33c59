/** The `briefpress` bin (package.json "bin"): the npm scripts' commands, each with --help. */
import { spawnSync } from "node:child_process";
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
