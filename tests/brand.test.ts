/**
 * A second, differently branded collection (tests/fixtures/branded: its own briefpress.yml,
 * logo, palette and headings font) built with the plain command line, no flags but --input
 * and --output: its pages and PDFs carry its brand, it writes feed and sitemap from its
 * base_url, and the accessibility gate passes on it. A palette below WCAG AA fails the build
 * naming the pair. The trust line: templates, CSS and scripts in a content folder never run;
 * only a declared theme folder outside it is loaded.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSite, formatA11yResult, readA11yConfig } from "../src/a11y/check.ts";
import { tempDir } from "./helpers/build.ts";
import { pdfFonts, pdfInfo, pdfText } from "./helpers/pdf.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "tests/fixtures/branded");
const CLI = path.join(ROOT, "src/cli.ts");
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** `briefpress build ARGS` as the user runs it; never throws, gives the exit code and output. */
async function runBuild(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", TSX_LOADER, CLI, "build", ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A copy of the branded fixture to change. */
async function fixtureCopy(): Promise<string> {
  const dir = path.join(await tempDir(), "content");
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

describe("a second, differently branded collection", () => {
  let site: string;
  let build: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    site = path.join(await tempDir(), "site");
    build = await runBuild(["--input", FIXTURE, "--output", site]);
  }, 300_000);

  const page = (p: string) => readFileSync(path.join(site, p), "utf8");

  it("builds with no flags beyond --input and --output, and writes feed and sitemap from its base_url", () => {
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    expect(page("feed.xml")).toContain("<id>https://briefs.harbor-policy.example/briefs/tidal-ports/</id>");
    expect(page("sitemap.xml")).toContain("<loc>https://briefs.harbor-policy.example/briefs/coastal-housing/</loc>");
    expect(page("briefs/tidal-ports/index.html")).toContain('<link rel="canonical" href="https://briefs.harbor-policy.example/briefs/tidal-ports/">');
  });

  it("its web pages show its brand: logo with alt text, palette and fonts, publisher, defaults", () => {
    const index = page("index.html");
    const brief = page("briefs/tidal-ports/index.html");
    for (const html of [index, brief]) {
      // The dark scheme's logo (light lettering) on dark pages, the light one elsewhere.
      expect(html).toMatch(/<picture><source srcset="(\.\/|(\.\.\/)+)assets\/brand\/logo-dark\.svg" media="\(prefers-color-scheme: dark\)"><img class="brand-logo" src="(\.\/|(\.\.\/)+)assets\/brand\/logo\.svg" alt="Harbor Policy Institute"><\/picture>/);
      // Its colours inline (site.css stays the one render-blocking stylesheet of briefpress's own), its own fonts linked.
      expect(html).toMatch(/<style>:root \{[^<]*--accent: #0f5e63;/);
      expect(html).toMatch(/<link rel="stylesheet" href="(\.\/|(\.\.\/)+)assets\/css\/brand-fonts\.css">/);
      expect(html).toContain('<a href="https://harbor-policy.example/" rel="noopener noreferrer">Harbor Policy Institute</a><br><span class="site-address">12 Quay Street, Portsmouth</span>');
    }
    expect(index).toContain("<h1>Harbor Policy Institute — Briefs</h1>");
    expect(index).toMatch(/<html lang="en-GB">/);
    // Defaults from briefpress.yml: series, language, paper, disclaimer, publisher.
    expect(brief).toMatch(/<html lang="en-GB">/);
    expect(brief).toContain('<p class="brief-kicker">Harbor Policy Institute · Harbor Brief</p>');
    expect(brief).toContain("The views expressed are the authors’ own");
    // Citation styles in the configured order: APA first.
    expect(brief.indexOf("<h3>APA</h3>")).toBeGreaterThan(0);
    expect(brief.indexOf("<h3>APA</h3>")).toBeLessThan(brief.indexOf("<h3>Chicago</h3>"));
    const css = readFileSync(path.join(site, "assets/css/brand.css"), "utf8");
    expect(css).toContain("--accent: #0f5e63;");
    expect(css).toContain('font-family: "Harbor Sans";');
    expect(readFileSync(path.join(site, "assets/brand/logo.svg"))).toEqual(readFileSync(path.join(FIXTURE, "logo.svg")));
    expect(readFileSync(path.join(site, "assets/brand/fonts/headings-700-normal.woff2"))).toEqual(readFileSync(path.join(FIXTURE, "fonts-sans-bold.woff2")));
    // The files of the configuration are not published as a brief's files, nor is briefpress.yml.
    expect(existsSync(path.join(site, "briefpress.yml"))).toBe(false);
    expect(build.stderr).not.toMatch(/skipped/);
  });

  it("its PDFs show its brand: the logo and publisher in the title block, its headings font, A4 from its defaults", () => {
    const pdf = path.join(site, "briefs/tidal-ports/tidal-ports.pdf");
    const first = pdfText(pdf, 1);
    expect(first).toMatch(/HARBOR POLICY INSTITUTE/);
    expect(first).toMatch(/Harbor Brief HB-2024-03/);
    expect(first).toMatch(/The views expressed are the authors’ own/);
    expect(pdfText(pdf, 2)).toMatch(/Tidal Ports and Trade Resilience/); // running head
    expect(pdfFonts(pdf).map((f) => f.name).join(" ")).toMatch(/KaTeX_SansSerif-Bold/); // the publisher's headings font, embedded
    expect(pdfInfo(pdf)["Page size"]).toMatch(/^59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const print = page("briefs/tidal-ports/print/index.html");
    expect(print).toMatch(/<p class="title-block-logo">(<picture>.*?>)?<img class="brand-logo" src="\.\.\/\.\.\/\.\.\/assets\/brand\/logo\.svg" alt="Harbor Policy Institute">/);
    expect(print).toMatch(/<link rel="stylesheet" href="\.\.\/\.\.\/\.\.\/assets\/css\/brand\.css">/);
  });

  it("passes the accessibility gate, web pages in light and dark, print pages", async () => {
    const config = await readA11yConfig(path.join(ROOT, ".pa11yci.json"));
    const results = await checkSite(site, config);
    expect(results.map((r) => r.path)).toEqual(expect.arrayContaining(["/", "/briefs/tidal-ports/", "/briefs/tidal-ports/ (dark)", "/briefs/tidal-ports/print/"]));
    for (const r of results) expect(r.issues.filter((i) => i.type !== "notice"), formatA11yResult(r)).toEqual([]);
  }, 300_000);
});

describe("a palette below WCAG AA", () => {
  it("fails the build naming the pair and the line, and leaves the previous output as it was", async () => {
    const content = await fixtureCopy();
    const output = path.join(path.dirname(content), "site");
    await mkdir(output);
    const config = await readFile(path.join(content, "briefpress.yml"), "utf8");
    await writeFile(path.join(content, "briefpress.yml"), config.replace('link: "#ffb27a"', 'link: "#a0522d"'));
    const run = await runBuild(["--input", content, "--output", output]);
    expect(run.code).toBe(1);
    const line = config.split("\n").findIndex((l) => l.includes('link: "#ffb27a"')) + 1;
    expect(run.stderr).toContain(`briefpress.yml:${line}: brand.palette: link #a0522d on background #0e1a1c in the dark scheme has a contrast of`);
    expect(run.stderr).toMatch(/WCAG AA needs 4\.5:1 for text/);
    expect(existsSync(path.join(output, "index.html"))).toBe(false);
  }, 120_000);
});

describe("the trust line: content is data, a declared theme outside it is code", () => {
  it("never runs or publishes templates, CSS or scripts found among the briefs, configuration or not", async () => {
    const content = await fixtureCopy();
    await mkdir(path.join(content, "layouts/partials"), { recursive: true });
    await writeFile(path.join(content, "layouts/base.njk"), "PLANTED-LAYOUT {{ content | safe }}");
    await writeFile(path.join(content, "layouts/partials/logo.njk"), "PLANTED-PARTIAL");
    await mkdir(path.join(content, "_includes"));
    await writeFile(path.join(content, "_includes/base.njk"), "PLANTED-INCLUDE");
    await writeFile(path.join(content, "theme.css"), "body { background: red } /* PLANTED-CSS */");
    await writeFile(path.join(content, "brand.js"), "document.title = 'PLANTED-JS'");
    await writeFile(path.join(content, ".eleventy.js"), "throw new Error('PLANTED-CONFIG')");
    const output = path.join(path.dirname(content), "site");
    const run = await runBuild(["--input", content, "--output", output]);
    expect(run.code, run.stderr).toBe(0);
    for (const name of ["layouts/base.njk", "layouts/partials/logo.njk", "_includes/base.njk", "theme.css", "brand.js"]) {
      expect(run.stderr).toContain(`${path.join(content, name)}:1: skipped:`);
    }
    const published = [readSite(output, "index.html"), readSite(output, "briefs/tidal-ports/index.html"), readSite(output, "briefs/tidal-ports/print/index.html")].join("\n");
    expect(published).not.toMatch(/PLANTED/);
    expect(existsSync(path.join(output, "assets/css/theme.css"))).toBe(false);
    expect(existsSync(path.join(output, "brand.js"))).toBe(false);
  }, 180_000);

  it("loads a declared theme outside the content folder: its CSS and its template overrides", async () => {
    const content = await fixtureCopy();
    const theme = path.join(path.dirname(content), "theme");
    await mkdir(path.join(theme, "layouts/partials"), { recursive: true });
    await writeFile(path.join(theme, "theme.css"), ".site-header { border-bottom-width: 6px; } /* THEME-CSS */");
    await writeFile(path.join(theme, "layouts/partials/logo.njk"), '{%- if site.logo %}<img class="brand-logo theme-logo" src="{{ root }}{{ site.logo.src }}" alt="{{ site.logo.alt }}">{% endif -%}');
    const config = await readFile(path.join(content, "briefpress.yml"), "utf8");
    await writeFile(path.join(content, "briefpress.yml"), `${config}theme: ../theme\n`);
    const output = path.join(path.dirname(content), "site");
    const run = await runBuild(["--input", content, "--output", output]);
    expect(run.code, run.stderr).toBe(0);
    expect(readSite(output, "assets/css/theme.css")).toContain("THEME-CSS");
    expect(readSite(output, "index.html")).toMatch(/<link rel="stylesheet" href="\.\/assets\/css\/theme\.css">/);
    expect(readSite(output, "index.html")).toContain('class="brand-logo theme-logo"');
    expect(readSite(output, "briefs/tidal-ports/print/index.html")).toContain('class="brand-logo theme-logo"');
  }, 180_000);

  it("refuses a theme inside the content folder with the line of the field, before anything is built", async () => {
    const content = await fixtureCopy();
    await mkdir(path.join(content, "theme"));
    const config = await readFile(path.join(content, "briefpress.yml"), "utf8");
    await writeFile(path.join(content, "briefpress.yml"), `${config}theme: theme\n`);
    const output = path.join(path.dirname(content), "site");
    const run = await runBuild(["--input", content, "--output", output]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`briefpress.yml:${config.split("\n").length}: theme: "theme" is inside the content folder, where briefs are untrusted`);
    expect(existsSync(output)).toBe(false);
  }, 60_000);

  it("a malformed configuration is an error at its line", async () => {
    const content = await fixtureCopy();
    await writeFile(path.join(content, "briefpress.yml"), "title: Harbor\nsearch: maybe\npublisher:\n  nme: Harbor Policy Institute\n");
    const run = await runBuild(["--input", content, "--output", path.join(path.dirname(content), "site")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/briefpress\.yml:2: search must be/);
    expect(run.stderr).toMatch(/briefpress\.yml:4: publisher has an unknown field "nme"/);
  }, 60_000);
});

function readSite(site: string, p: string): string {
  return readFileSync(path.join(site, p), "utf8");
}
