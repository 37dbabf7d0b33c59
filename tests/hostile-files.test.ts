/**
 * Hostile and careless file-system input through the real command line (issue #12, the
 * file-system and process half): output folders that would destroy something, an input
 * folder that is an Eleventy project, symbolic links out of the input, file names that break
 * URLs or collide, and builds killed mid-PDF.
 *
 * Every case runs in a "world" folder of its own (input, output, anything else it needs) and
 * checks: the exit code, the message (file:line for brief errors), the previous output
 * byte-identical, the input untouched, no file written or removed anywhere in the world
 * outside the output, and no process left of those the case started (an environment tag that
 * Chromium inherits; other processes on the machine are never counted).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { cp, mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/build.ts";
import { isChromium, newRunTag, processesTagged, RUN_TAG_VAR, tagGone } from "./helpers/processes.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "src/cli.ts");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

// ------------------------------------------------------------------ helpers

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  tag: string;
  pid: number;
}

/**
 * `briefpress build ARGS` as its own node process (so `pid` is the build itself), or under
 * the tsx wrapper (`wrapper: true`, the build is then its child). `onOutput` may act mid-run.
 * (Phases go to stdout; warnings and errors to stderr.)
 */
function runCli(args: string[], options: { cwd?: string; wrapper?: boolean; onOutput?: (run: { stdout: string; pid: number; tag: string; kill: (s: NodeJS.Signals) => void }) => void } = {}): Promise<Run> {
  const tag = newRunTag();
  // --no-cache: builds killed mid-render must really render, whatever an earlier build cached.
  const [command, argv] = options.wrapper ? [TSX_BIN, [CLI, "build", "--no-cache", ...args]] : [process.execPath, ["--import", TSX_LOADER, CLI, "build", "--no-cache", ...args]];
  const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: { ...process.env, [RUN_TAG_VAR]: tag } });
  let stdout = "";
  let stderr = "";
  return new Promise((resolve) => {
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      options.onOutput?.({ stdout, pid: child.pid!, tag, kill: (s) => child.kill(s) });
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, tag, pid: child.pid! }));
  });
}

/** Every entry under `dir` (not following links): file hash, link target, or kind. */
function tree(dir: string, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (skip.includes(full)) continue;
      const s = lstatSync(full);
      const rel = path.relative(dir, full);
      if (s.isSymbolicLink()) out[rel] = `link:${readlinkSync(full)}`;
      else if (s.isDirectory()) {
        out[rel] = "dir";
        walk(full);
      } else if (s.isFile()) out[rel] = createHash("sha256").update(readFileSync(full)).digest("hex");
      else out[rel] = "special";
    }
  };
  if (!existsSync(dir)) return out;
  if (!lstatSync(dir).isDirectory()) return { "": createHash("sha256").update(readFileSync(dir)).digest("hex") };
  walk(dir);
  return out;
}

const VALID = (title = "A brief", body = "Text of the brief.\n") => `---\ntitle: ${title}\ndate: 2024-01-02\n---\n${body}`;

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

type FileSpec = string | Buffer | { link: string } | { fifo: true };

async function writeTree(dir: string, files: Record<string, FileSpec>): Promise<void> {
  for (const [name, spec] of Object.entries(files)) {
    const full = path.join(dir, name);
    await mkdir(path.dirname(full), { recursive: true });
    if (typeof spec === "string" || Buffer.isBuffer(spec)) await writeFile(full, spec);
    else if ("link" in spec) await symlink(spec.link, full);
    else execFileSync("mkfifo", [full]);
  }
}

interface World {
  dir: string;
  input: string;
  /** Deep, so that `../../..` from it stays inside the world and is seen. */
  output: string;
}

async function newWorld(files: Record<string, FileSpec>, previousOutput?: string): Promise<World> {
  const dir = await tempDir("briefpress-hostile-");
  const world = { dir, input: path.join(dir, "in"), output: path.join(dir, "a", "b", "c", "d", "out") };
  await mkdir(world.input, { recursive: true });
  await mkdir(path.dirname(world.output), { recursive: true });
  await writeTree(world.input, files);
  if (previousOutput) await cp(previousOutput, world.output, { recursive: true });
  return world;
}

/**
 * Runs the CLI in `world` and checks what every case must hold: nothing outside the output
 * changed (input included), the output byte-identical when the build failed, no process left.
 */
async function runInWorld(world: World, args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<Run> {
  const outside = tree(world.dir, [world.output]);
  const output = tree(world.output);
  const run = await runCli(args, options);
  expect(await tagGone(run.tag), "processes left").toEqual([]);
  expect(tree(world.dir, [world.output]), "nothing changes outside the output").toEqual(outside);
  if (run.code !== 0) expect(tree(world.output), "previous output byte-identical").toEqual(output);
  return run;
}

const stagingNear = (output: string) => readdirSync(path.dirname(output)).filter((n) => n.includes(".staging-"));

// ------------------------------------------------------------------ a valid but hostile input, built once

/** Side effects any of these would have if Eleventy ran the input folder as a project. */
const PWN = (name: string) => `import { writeFileSync } from "node:fs";\nwriteFileSync(new URL("./PWNED-${name}", import.meta.url), "ran");\nexport default {};\n`;

const HOSTILE_BUT_VALID: Record<string, FileSpec> = {
  // Blog-style date prefix: URL /briefs/sony/ (it was an HTTP 404 at line 1).
  "2015-01-14-sony.md": `---\ntitle: Sony\ndate: 2015-01-14\npermalink: ../../../../../../outside-fm.html\nlayout: false\neleventyExcludeFromCollections: true\n---\nText with a chart.\n\n![A chart](chart.png)\n`,
  // A date inside the name is part of the slug (Eleventy would strip it: /briefs/final/).
  "report-2015-01-14-final.md": VALID("Final report"),
  "chart.png": PNG,
  "unused.png": PNG,
  "evil.njk": "---\npermalink: evil.html\n---\nNJK-RAN {{ 6 * 7 }}\n",
  "_data/pwn.js": PWN("data"),
  "2015-01-14-sony.11tydata.js": PWN("11tydata"),
  "2015-01-14-sony.11tydata.json": JSON.stringify({ permalink: "../../../../../../outside-data.html", layout: false }),
  "report-2015-01-14-final.11tydata.json": JSON.stringify({ permalink: "../../../../../../outside-data2.html" }),
  ".eleventy.js": PWN("config"),
  "eleventy.config.js": PWN("config2"),
  "page.html": "<p>RAW-HTML-PAGE</p><script>alert(1)</script>",
  "notes.txt": "private notes",
  "etc-link": { link: "/etc" },
  "pipe.md": { fifo: true },
  "README.md": "# not a brief\n",
};

describe("a valid input folder full of things that are not briefs", () => {
  let world: World;
  let first: Run;
  let site: Record<string, string>;
  const read = (rel: string) => readFileSync(path.join(world.output, rel), "utf8");

  beforeAll(async () => {
    world = await newWorld(HOSTILE_BUT_VALID);
    await mkdir(world.output); // an empty folder may be the output
    first = await runInWorld(world, ["--input", world.input, "--output", world.output, "--timeout", "120"]);
    site = tree(world.output);
  }, 240_000);

  it("builds (exit 0) with no file outside the output, and leaves no staging folder or process", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(stagingNear(world.output)).toEqual([]);
    // runInWorld compared the whole world outside the output: no outside-*.html, no PWNED-*.
  });

  it("publishes a date-prefixed brief at its name without the date, PDF included", () => {
    expect(site["briefs/sony/index.html"]).toBeDefined();
    expect(site["briefs/sony/sony.pdf"]).toBeDefined();
    expect(read("index.html")).toContain('href="briefs/sony/"');
  });

  it("keeps a date inside a name in the URL (Eleventy alone would cut it to 'final')", () => {
    expect(site["briefs/report-2015-01-14-final/index.html"]).toBeDefined();
    expect(site["briefs/report-2015-01-14-final/report-2015-01-14-final.pdf"]).toBeDefined();
    expect(site["briefs/final/index.html"]).toBeUndefined();
  });

  it("runs no _data/*.js, *.11tydata.js or .eleventy.js of the input", () => {
    const all = Object.keys(tree(world.dir));
    expect(all.filter((f) => f.includes("PWNED"))).toEqual([]);
  });

  it("ignores permalink and layout from 11tydata.json and from front matter: pages where they belong, with their CSP", () => {
    expect(Object.keys(tree(world.dir)).filter((f) => f.includes("outside"))).toEqual([]);
    const page = read("briefs/sony/index.html");
    expect(page).toContain('http-equiv="Content-Security-Policy"');
    expect(read("briefs/report-2015-01-14-final/index.html")).toContain('http-equiv="Content-Security-Policy"');
    expect(first.stderr).toMatch(/2015-01-14-sony\.md:4: unknown front matter key "permalink" is ignored/);
    expect(first.stderr).toMatch(/2015-01-14-sony\.md:5: unknown front matter key "layout" is ignored/);
  });

  it("renders no template and publishes no HTML of the input", () => {
    const texts = Object.keys(site).filter((f) => /\.(html|xml|json)$/.test(f)).map(read);
    expect(texts.filter((t) => t.includes("NJK-RAN") || t.includes("RAW-HTML-PAGE"))).toEqual([]);
    expect(Object.keys(site).filter((f) => /evil|page\.html|notes\.txt|README/.test(f))).toEqual([]);
  });

  it("copies the image a brief uses, not the unused one, and nothing through a linked folder", () => {
    expect(site["briefs/sony/chart.png"]).toBe(createHash("sha256").update(PNG).digest("hex"));
    expect(Object.keys(site).filter((f) => /unused|etc-link|hostname|passwd/.test(f))).toEqual([]);
  });

  it("lists what it skipped as warnings, and does not hang on a named pipe called pipe.md", () => {
    for (const name of ["evil.njk", "_data/pwn.js", "2015-01-14-sony.11tydata.js", "2015-01-14-sony.11tydata.json", "page.html", "notes.txt", "unused.png", "etc-link", "pipe.md", "eleventy.config.js"]) {
      expect(first.stderr).toMatch(new RegExp(`in/${name.replace(/[.]/g, "\\.")}:1: skipped: .*\\(warning\\)`));
    }
    expect(first.stderr).toMatch(/etc-link:1: skipped: a symbolic link to a folder/);
    expect(first.stderr).not.toMatch(/chart\.png:1: skipped/);
  });

  it("marks its output with a list of exactly the files it wrote", () => {
    const marker = JSON.parse(read(".briefpress-output")) as { generator: string; files: string[] };
    expect(marker.generator).toBe("briefpress");
    expect(marker.files).toEqual(Object.keys(site).filter((f) => site[f] !== "dir" && f !== ".briefpress-output").sort());
  });

  it("accepts an output inside the input, replaces a marked output, and never reads its own output as briefs", async () => {
    const inner = path.join(world.input, "_out");
    await cp(world.output, inner, { recursive: true });
    const outside = tree(world.dir, [inner]);
    const run = await runCli(["--input", world.input, "--output", inner, "--timeout", "120"]);
    expect(run.code, run.stderr).toBe(0);
    expect(await tagGone(run.tag)).toEqual([]);
    expect(tree(world.dir, [inner])).toEqual(outside);
    expect(run.stdout + run.stderr).not.toMatch(/_out\//); // no skipped-file warning from inside it
    expect(existsSync(path.join(inner, "briefs/sony/sony.pdf"))).toBe(true);
  }, 240_000);
});

/**
 * A real previous output of one valid brief, for the cases that need one: built once for the
 * whole file (never changed: each case copies it into its own world).
 */
let previousBuild: Promise<string> | undefined;
function previousOutput(): Promise<string> {
  previousBuild ??= (async () => {
    const w = await newWorld({ "ok.md": VALID() });
    const run = await runCli(["--input", w.input, "--output", w.output]);
    expect(run.code, run.stderr).toBe(0);
    return w.output;
  })();
  return previousBuild;
}

// ------------------------------------------------------------------ output folders that must be refused (exit 2)

describe("output folders whose replacement would destroy something", () => {
  let previous: string;
  beforeAll(async () => {
    previous = await previousOutput();
  }, 240_000);

  const usage = async (world: World, args: string[], message: RegExp, cwd?: string) => {
    const run = await runInWorld(world, args, { cwd });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/nothing was changed/);
    expect(run.stdout).not.toMatch(/pdf|site:/);
  };

  it("output equal to the input", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await usage(w, ["--input", w.input, "--output", w.input], /--output \S+\/in is the input folder/);
  });

  it("output that contains the input", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await usage(w, ["--input", w.input, "--output", w.dir], /contains the input folder/);
  });

  it("--output . in a project root (input content/)", async () => {
    const w = await newWorld({});
    await writeTree(w.dir, { "content/ok.md": VALID(), "package.json": "{}" });
    await usage(w, ["--output", "."], /contains the input folder/, w.dir);
  });

  it("--output .. (holds the current folder)", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await usage(w, ["--input", w.input, "--output", ".."], /contains the current folder/, path.dirname(w.output));
  });

  it("--output /", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await usage(w, ["--input", w.input, "--output", "/"], /--output \/ is the root of the file system/);
  });

  it("output that is an existing file", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await writeFile(w.output, "my thesis");
    await usage(w, ["--input", w.input, "--output", w.output], /is a file, not a folder/);
  });

  it("output that is a non-empty folder briefpress did not make", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await writeTree(w.output, { "thesis.docx": "years of work", "photos/a.jpg": PNG });
    await usage(w, ["--input", w.input, "--output", w.output], /did not make \(it holds photos, thesis\.docx, and no \.briefpress-output\)/);
  });

  it("a marked output with a file added by hand", async () => {
    const w = await newWorld({ "ok.md": VALID() }, previous);
    await writeFile(path.join(w.output, "briefs", "my-notes.txt"), "mine");
    await usage(w, ["--input", w.input, "--output", w.output], /holds files that briefpress did not write \(briefs\/my-notes\.txt\)/);
  });

  it("a forged marker does not hide files it does not list", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await writeTree(w.output, { ".briefpress-output": JSON.stringify({ generator: "briefpress", files: [] }), "important.txt": "x" });
    await usage(w, ["--input", w.input, "--output", w.output], /did not write \(important\.txt\)/);
  });

  it("output that is a symbolic link to a briefpress output", async () => {
    const w = await newWorld({ "ok.md": VALID() }, previous);
    const link = path.join(w.dir, "site-link");
    await symlink(w.output, link);
    await usage(w, ["--input", w.input, "--output", link], /is a symbolic link/);
  });

  it("input that does not exist, and input that is a file", async () => {
    const w = await newWorld({ "ok.md": VALID() });
    await usage(w, ["--input", path.join(w.dir, "nowhere"), "--output", w.output], /--input \S+nowhere: no such folder/);
    await usage(w, ["--input", path.join(w.input, "ok.md"), "--output", w.output], /is not a folder/);
  });
});

// ------------------------------------------------------------------ briefs refused at load time (exit 1, file:line)

describe("links out of the input, and file names", () => {
  let previous: string;
  beforeAll(async () => {
    previous = await previousOutput();
  }, 240_000);

  /** Fails at load time: exit 1, each expected message, Chromium never started. */
  const refused = async (files: Record<string, FileSpec>, expected: RegExp[], extra: (w: World, run: Run) => void = () => undefined) => {
    const w = await newWorld(files, previous);
    const run = await runInWorld(w, ["--input", w.input, "--output", w.output]);
    expect(run.code, run.stderr).toBe(1);
    for (const e of expected) expect(run.stderr).toMatch(e);
    expect(run.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
    expect(run.stderr).toMatch(/was left as it was/);
    extra(w, run);
  };

  it("ln -s /etc img, then ![x](img/hostname)", () =>
    refused({ "a.md": VALID("A", "Text.\n\n![x](img/hostname)\n"), img: { link: "/etc" } }, [/in\/a\.md:7: image "img\/hostname" leads outside the brief's folder \(a symbolic link to \/etc\/hostname\)/]));

  it("the same link through raw HTML <img src>", () =>
    refused({ "a.md": VALID("A", "Text.\n\n<img src=\"img/hostname\" alt=\"x\">\n"), img: { link: "/etc" } }, [/in\/a\.md:7: image "img\/hostname" leads outside/]));

  it("an image file that is a link to a file outside", () =>
    refused({ "a.md": VALID("A", "![x](chart.png)\n"), "chart.png": { link: "/etc/hostname" } }, [/in\/a\.md:5: image "chart\.png" leads outside the brief's folder/]));

  it("a folder brief's image in a sibling folder (../)", () =>
    refused({ "one/index.md": VALID("A", "![x](../two/chart.png)\n"), "two/chart.png": PNG }, [/in\/one\/index\.md:5: image "\.\.\/two\/chart\.png" is outside the brief's folder/]));

  it("an absolute image path", () => refused({ "a.md": VALID("A", "![x](/etc/hostname)\n") }, [/in\/a\.md:5: image "\/etc\/hostname" is outside/]));

  it("a local file that is not an image (it would be published unchecked)", () =>
    refused({ "a.md": VALID("A", "![x](index.html)\n"), "index.html": "<script>alert(1)</script>" }, [/in\/a\.md:5: "index\.html" is not an image file/]));

  it("a brief that is a symbolic link to a file outside the input", async () => {
    const elsewhere = await tempDir("briefpress-elsewhere-");
    await writeFile(path.join(elsewhere, "secret.md"), VALID("Secret"));
    await refused({ "ok.md": VALID(), "b.md": { link: path.join(elsewhere, "secret.md") } }, [/in\/b\.md:1: this brief is a symbolic link to \S+secret\.md, outside the input folder/]);
  });

  it("a link loop named loop.md is skipped, not followed forever", () =>
    refused({ "loop.md": { link: "loop.md" }, "bad.md": "no front matter\n" }, [/in\/bad\.md:1: missing front matter/], (_w, run) => expect(run.stderr).toMatch(/loop\.md:1: skipped: a symbolic link to nothing/)));

  it("Brief.md and brief.md (one file on macOS and Windows)", () =>
    refused({ "Brief.md": VALID("One"), "brief.md": VALID("Two") }, [/in\/brief\.md:1: two briefs have slugs that differ only in letter case or Unicode form \("brief" here, "Brief" in \S+in\/Brief\.md\)/]));

  it("café.md in NFC and in NFD (one file on macOS)", () =>
    refused({ "caf\u00e9.md": VALID("One"), "cafe\u0301.md": VALID("Two") }, [/two briefs have slugs that differ only in letter case or Unicode form/]));

  it("two date-prefixed files with the same ending", () =>
    refused({ "2015-01-14-sony.md": VALID("One"), "2016-02-02-sony.md": VALID("Two") }, [/in\/2016-02-02-sony\.md:1: two briefs have the slug "sony" \(this one and \S+2015-01-14-sony\.md\)/]));

  it("a file and a folder brief with one slug", () =>
    refused({ "x.md": VALID("One"), "x/index.md": VALID("Two") }, [/two briefs have the slug "x"/]));

  it.each([
    ["a#b.md", '"#"'],
    ["a?b.md", '"\\?"'],
    ["100%.md", '"%"'],
    ["my brief.md", "a space"],
    ["tab\tname.md", "U\\+0009"],
    ["new\nline.md", "U\\+000A"],
    ["esc\u001b[31mred.md", "U\\+001B"],
    ["quote\".md", '"""'],
    ["2015-01-14-.md", "empty URL segment"],
  ])("a name that breaks URLs: %j", (name, why) =>
    refused({ [name]: VALID() }, [new RegExp(`:1: (the name .* cannot be a URL segment \\(.*${why}|the name gives an ${why})`)], (_w, run) => {
      expect(run.stderr).not.toContain("\u001b"); // no escape sequence reaches the terminal
    }));

  it("a folder brief whose folder name breaks URLs", () => refused({ "my report/index.md": VALID() }, [/in\/my report\/index\.md:1: the name "my report" cannot be a URL segment .*rename the folder/]));

  it("front matter as JavaScript (---js) is not run", () =>
    refused({ "a.md": `---js\n{ title: require("node:fs").writeFileSync("/tmp/PWNED-js-front-matter", "x") }\n---\nText.\n` }, [/in\/a\.md:1: missing front matter/], () =>
      expect(existsSync("/tmp/PWNED-js-front-matter")).toBe(false)));
});

// ------------------------------------------------------------------ builds killed mid-PDF

describe("a build killed while Chromium renders", () => {
  let previous: string;
  beforeAll(async () => {
    previous = await previousOutput();
  }, 240_000);

  /** Runs a build of a valid brief and calls `act` once its Chromium runs (child of the build). */
  const killedMidRender = async (act: (run: { pid: number; tag: string; kill: (s: NodeJS.Signals) => void }) => void, wrapper = false) => {
    const w = await newWorld({ "ok.md": VALID("A brief", "Text.\n".repeat(200)) }, previous);
    const before = tree(w.output);
    const outside = tree(w.dir, [w.output]);
    let acted = false;
    let sawChromium = false;
    const run = await runCli(["--input", w.input, "--output", w.output], {
      wrapper,
      onOutput: (r) => {
        if (acted || !r.stdout.includes("site:")) return;
        acted = true;
        const poll = setInterval(() => {
          const procs = processesTagged(r.tag);
          const build = wrapper ? procs.find((p) => p.ppid === r.pid && !isChromium(p)) : procs.find((p) => p.pid === r.pid);
          if (build && procs.some((p) => isChromium(p) && p.ppid === build.pid)) {
            sawChromium = true;
            clearInterval(poll);
            act({ ...r, pid: build.pid });
          }
        }, 20);
      },
    });
    expect(acted, run.stdout + run.stderr).toBe(true);
    expect(sawChromium).toBe(true);
    expect(await tagGone(run.tag, 15_000), "Chromium outlived the build").toEqual([]);
    expect(tree(w.output)).toEqual(before);
    return { w, run, outside };
  };

  it("SIGKILL of the build: Chromium exits with it (pipe transport); the next build removes the stale staging folder", async () => {
    const { w, run } = await killedMidRender((r) => process.kill(r.pid, "SIGKILL"));
    expect(run.signal).toBe("SIGKILL");
    const stale = stagingNear(w.output);
    expect(stale).toHaveLength(1); // nothing can clean up after SIGKILL but the next build
    // A staging folder of a running build (this test process) and one of another output stay.
    const live = `.out.staging-${process.pid}-live`;
    const other = `.other.staging-999999-x`;
    await mkdir(path.join(path.dirname(w.output), live));
    await mkdir(path.join(path.dirname(w.output), other));
    await writeFile(path.join(w.input, "bad.md"), "no front matter\n");
    const next = await runCli(["--input", w.input, "--output", w.output]);
    expect(next.code).toBe(1);
    expect(next.stdout).toContain(`removed ${stale[0]}, left by an interrupted build`);
    expect(stagingNear(w.output).sort()).toEqual([live, other].sort());
  });

  it("SIGHUP (a closed terminal): exit 129, Chromium closed, staging removed, output as it was", async () => {
    const { w, run, outside } = await killedMidRender((r) => process.kill(r.pid, "SIGHUP"));
    expect(run.code, run.stderr).toBe(129);
    expect(run.stderr).toContain("SIGHUP: stopping");
    expect(stagingNear(w.output)).toEqual([]);
    expect(tree(w.dir, [w.output])).toEqual(outside);
  });

  it("SIGTERM: exit 143, Chromium closed, staging removed, output as it was", async () => {
    const { w, run } = await killedMidRender((r) => process.kill(r.pid, "SIGTERM"));
    expect(run.code, run.stderr).toBe(143);
    expect(stagingNear(w.output)).toEqual([]);
  });

  it("SIGKILL of the tsx wrapper (npm run build killed): the orphaned build stops, closes Chromium and cleans up", async () => {
    const { w } = await killedMidRender((r) => r.kill("SIGKILL"), true);
    // the build notices its parent is gone within half a second and stops like SIGTERM
    expect(stagingNear(w.output)).toEqual([]);
  });
});
