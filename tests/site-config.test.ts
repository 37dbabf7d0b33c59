/**
 * The site configuration (briefpress.yml) and the brand, without a browser: reading and
 * checking with file:line, the command line winning over the file, defaults for briefs,
 * WCAG contrast of the palette, logo and font files as data, the theme folder's trust rules.
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSiteConfig, NO_CONFIG } from "../src/config/load.ts";
import { briefDefaults, siteData } from "../src/config/site.ts";
import { contrastFailures, defaultPalette, resolveBrand } from "../src/config/brand.ts";
import { contrastRatio } from "../src/config/contrast.ts";
import { loadBriefs } from "../src/briefs/load.ts";
import { tempDir } from "./helpers/build.ts";
import { execFileSync } from "node:child_process";
import { cp, readFile } from "node:fs/promises";

const ROOT = path.resolve(import.meta.dirname, "..");
const BRANDED = path.join(ROOT, "tests/fixtures/branded");

/** A content folder with `briefpress.yml` holding `yaml`, and files beside it. */
async function configured(yaml: string, files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = path.join(await tempDir(), "content");
  await mkdir(dir);
  await writeFile(path.join(dir, "briefpress.yml"), yaml);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function errorsOf(yaml: string, files?: Record<string, string | Buffer>): Promise<string[]> {
  const dir = await configured(yaml, files);
  const { errors } = await loadSiteConfig(dir);
  return errors.map((e) => `${path.basename(e.file)}:${e.line}: ${e.message}`);
}

describe("briefpress.yml", () => {
  it("is optional: a folder without it gets briefpress's defaults", async () => {
    const dir = await tempDir();
    const { config, errors } = await loadSiteConfig(dir);
    expect(errors).toEqual([]);
    expect(config.file).toBeUndefined();
    expect(siteData(config)).toMatchObject({ title: "Briefs", lang: "en-US", search: true, citationStyles: ["chicago", "apa"], stylesheets: [] });
    expect(siteData(config).baseUrl).toBeUndefined();
  });

  it("reads the branded fixture; the command line wins over it", async () => {
    const { config, errors } = await loadSiteConfig(BRANDED);
    expect(errors.map((e) => e.format())).toEqual([]);
    const site = siteData(config);
    expect(site).toMatchObject({
      title: "Harbor Policy Institute — Briefs",
      baseUrl: "https://briefs.harbor-policy.example/",
      lang: "en-GB",
      citationStyles: ["apa", "chicago"],
      publisher: { name: "Harbor Policy Institute", address: "12 Quay Street, Portsmouth" },
      logo: { src: "assets/brand/logo.svg", srcDark: "assets/brand/logo-dark.svg", alt: "Harbor Policy Institute" },
      stylesheets: ["assets/css/brand-fonts.css"],
      printStylesheets: ["assets/css/brand.css"],
    });
    expect(site.brandStyle).toContain("--accent: #0f5e63;");
    expect(site.brandStyle).not.toContain("@font-face");
    const overridden = siteData(config, { siteTitle: "Given on the command line", baseUrl: "https://other.example/" });
    expect(overridden.title).toBe("Given on the command line");
    expect(overridden.baseUrl).toBe("https://other.example/");
    expect(config.files.map((f) => path.basename(f)).sort()).toEqual(["briefpress.yml", "fonts-sans-bold.woff2", "fonts-sans-regular.woff2", "logo-dark.svg", "logo.svg"]);
  });

  it("gives every brief its defaults; a brief's own field wins", async () => {
    const dir = await configured("publisher:\n  name: The Institute\ndefaults:\n  series: Working Paper\n  page: a4\n  lang: de-DE\n", {
      "a.md": "---\ntitle: A\ndate: 2024-01-02\n---\n\nText.\n",
      "b.md": "---\ntitle: B\ndate: 2024-01-02\nseries: Own Series\npage: letter\npublisher: Someone Else\n---\n\nText.\n",
    });
    const { config } = await loadSiteConfig(dir);
    const { briefs, errors, warnings } = await loadBriefs(dir, { defaults: briefDefaults(config), configFiles: config.files });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]); // briefpress.yml is not "skipped: not a brief"
    const [a, b] = briefs;
    expect(a.data).toMatchObject({ series: "Working Paper", paper: "a4", lang: "de-DE", publisher: "The Institute" });
    expect(b.data).toMatchObject({ series: "Own Series", paper: "letter", lang: "de-DE", publisher: "Someone Else" });
  });

  it("names the line of a YAML error, a wrong value, an unknown field and a duplicate key", async () => {
    expect(await errorsOf("title: Briefs\npublisher:\n  name: [unclosed\n")).toEqual([expect.stringMatching(/^briefpress\.yml:3: invalid YAML in briefpress\.yml/)]);
    expect(await errorsOf("title: Briefs\nsearch: perhaps\n")).toEqual(["briefpress.yml:2: search must be something else, got \"perhaps\""]);
    expect(await errorsOf("title: Briefs\nbase_url: example.org\n")).toEqual([expect.stringMatching(/^briefpress\.yml:2: base_url.*absolute http\(s\) URL/)]);
    expect(await errorsOf("title: Briefs\n\ncolour: red\n")).toEqual([expect.stringMatching(/^briefpress\.yml:3: briefpress\.yml has an unknown field "colour" \(known fields: title, base_url/)]);
    expect(await errorsOf("title: A\ndefaults:\n  page: legal\n")).toEqual([expect.stringMatching(/^briefpress\.yml:3: defaults\.page.*"letter" or "a4"|^briefpress\.yml:3: defaults\.page/)]);
    expect(await errorsOf("title: A\ndefaults:\n  lang: not a tag\n")).toEqual([expect.stringMatching(/^briefpress\.yml:3: .*BCP 47/)]);
    expect(await errorsOf("title: A\nsearch: true\ntitle: B\n")).toEqual(['briefpress.yml:3: invalid YAML in briefpress.yml: "title" is given twice (first on line 1): keep one']);
    expect(await errorsOf("- a list\n- of things\n")).toEqual([expect.stringMatching(/^briefpress\.yml:1: briefpress\.yml must be a list of fields/)]);
    expect(await errorsOf("a: &x [1]\nb: *x\n")).toEqual([expect.stringMatching(/^briefpress\.yml:2: YAML aliases/)]);
    expect(await errorsOf("title: \"bad \u0007 bell\"\n")).toEqual([expect.stringMatching(/^briefpress\.yml:1: title holds the control character U\+0007/)]);
    // A family name is written into CSS that pages inline: nothing that could close a <style>.
    expect(await errorsOf("brand:\n  fonts:\n    text:\n      family: \"X</style><script>\"\n      files: [{ file: a.woff2 }]\n")).toEqual(["briefpress.yml:4: brand.fonts.text.family must be a font family name: letters, digits, spaces and hyphens"]);
  });
});

describe("the palette", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#fff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#0b4f8a", "#fdfdfb")).toBeGreaterThan(4.5);
  });

  it("briefpress's own palette (read from site.css) passes AA in both schemes", () => {
    const palettes = defaultPalette();
    expect(palettes.light.text).toBe("#1b1b1b");
    expect(palettes.dark.background).toBe("#16171a");
    expect(contrastFailures(palettes)).toEqual([]);
  });

  it("a pair below AA fails, naming both colours, the scheme and the line of the brand's colour", async () => {
    const errors = await errorsOf("title: A\nbrand:\n  palette:\n    light:\n      link: \"#7a9cc6\"\n    dark:\n      text: \"#555555\"\n");
    expect(errors).toEqual([
      "briefpress.yml:5: brand.palette: link #7a9cc6 on background #fdfdfb in the light scheme has a contrast of 2.78:1; WCAG AA needs 4.5:1 for text: make one of the two darker or lighter",
      "briefpress.yml:5: brand.palette: link #7a9cc6 on note_background #f3f2ec in the light scheme has a contrast of 2.53:1; WCAG AA needs 4.5:1 for text: make one of the two darker or lighter",
      // The dark text is the brand's; the backgrounds it is drawn on are briefpress's defaults.
      "briefpress.yml:7: brand.palette: text #555555 on background #16171a in the dark scheme has a contrast of 2.4:1; WCAG AA needs 4.5:1 for text: make one of the two darker or lighter",
      "briefpress.yml:7: brand.palette: text #555555 on note_background #222429 in the dark scheme has a contrast of 2.08:1; WCAG AA needs 4.5:1 for text: make one of the two darker or lighter",
    ]);
  });

  it("a colour that is not #rrggbb is refused at its line", async () => {
    expect(await errorsOf("brand:\n  palette:\n    light:\n      text: red\n")).toEqual([expect.stringMatching(/^briefpress\.yml:4: brand\.palette\.light\.text.*#rrggbb/)]);
  });
});

describe("logo and font files", () => {
  it("refuses an SVG logo with a script, naming the SVG's line", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n';
    const errors = await errorsOf("brand:\n  logo:\n    file: logo.svg\n    alt: Logo\n", { "logo.svg": svg });
    expect(errors).toEqual([expect.stringMatching(/^briefpress\.yml:3: the logo is not safe to publish: logo\.svg:2: /)]);
  });

  it("refuses a logo outside the configuration's folder, by path or by symbolic link, and a PNG that is not one", async () => {
    expect(await errorsOf("brand:\n  logo:\n    file: ../logo.png\n    alt: Logo\n")).toEqual([expect.stringMatching(/^briefpress\.yml:3: the logo "\.\.\/logo\.png" must be a file beside briefpress\.yml/)]);
    const dir = await configured("brand:\n  logo:\n    file: logo.png\n    alt: Logo\n");
    await symlink("/etc/hostname", path.join(dir, "logo.png"));
    expect((await loadSiteConfig(dir)).errors.map((e) => e.message)).toEqual([expect.stringMatching(/leads outside the configuration's folder/)]);
    expect(await errorsOf("brand:\n  logo:\n    file: logo.png\n    alt: Logo\n", { "logo.png": "GIF89a not a png" })).toEqual([expect.stringMatching(/^briefpress\.yml:3: the logo "logo\.png" is not a PNG image/)]);
    expect(await errorsOf("brand:\n  logo:\n    file: logo.svg\n", { "logo.svg": "<svg/>" })).toEqual([expect.stringMatching(/^briefpress\.yml:2: brand\.logo\.alt is required|^briefpress\.yml:\d: .*alt/)]);
  });

  it("refuses a font file that is not woff2", async () => {
    const errors = await errorsOf("brand:\n  fonts:\n    text:\n      family: Own\n      files:\n        - file: own.woff2\n", { "own.woff2": "not a font" });
    expect(errors).toEqual([expect.stringMatching(/^briefpress\.yml:6: "own\.woff2" is not a woff2 font/)]);
  });

  it("writes brand.css with the brand's colours and fonts, nothing for briefpress's own look", async () => {
    expect((await resolveBrand(undefined, BRANDED)).brand.css).toBe("");
    const { config } = await loadSiteConfig(BRANDED);
    expect(config.brand.css).toContain("--accent: #0f5e63;");
    expect(config.brand.css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root \{[^}]*--bg: #0e1a1c;/);
    expect(config.brand.css).toContain('--brand-headings-font: "Harbor Sans"');
    expect(config.brand.css).toContain("src: url(../brand/fonts/headings-700-normal.woff2) format('woff2')");
    expect([...config.brand.files.keys()].sort()).toEqual(["fonts/headings-400-normal.woff2", "fonts/headings-700-normal.woff2", "logo-dark.svg", "logo.svg"]);
  });
});

describe("the theme folder (trusted code) and the content folder (untrusted)", () => {
  it("accepts a theme beside the content folder", async () => {
    const dir = await configured("theme: ../theme\n");
    await mkdir(path.join(dir, "..", "theme"));
    const { config, errors } = await loadSiteConfig(dir);
    expect(errors).toEqual([]);
    expect(config.theme).toBe(path.join(path.dirname(dir), "theme"));
    expect(siteData(config).stylesheets).toEqual(["assets/css/theme.css"]);
  });

  it("refuses a theme inside the content folder, one that holds it, and one that is missing", async () => {
    expect(await errorsOf("title: A\ntheme: my-theme\n", { "my-theme/theme.css": "body{}" })).toEqual([expect.stringMatching(/^briefpress\.yml:2: theme: "my-theme" is inside the content folder, where briefs are untrusted/)]);
    expect(await errorsOf("theme: .\n")).toEqual([expect.stringMatching(/^briefpress\.yml:1: theme: "\." is inside the content folder/)]);
    expect(await errorsOf("theme: ..\n")).toEqual([expect.stringMatching(/^briefpress\.yml:1: theme: "\.\." holds the content folder itself/)]);
    expect(await errorsOf("theme: ../nowhere\n")).toEqual([expect.stringMatching(/^briefpress\.yml:1: theme: the folder "\.\.\/nowhere" was not found/)]);
  });

  it("refuses a theme reached through a symbolic link into the content folder", async () => {
    const dir = await configured("theme: ../theme-link\n", { "inner/theme.css": "body{}" });
    await symlink(path.join(dir, "inner"), path.join(dir, "..", "theme-link"));
    expect((await loadSiteConfig(dir)).errors.map((e) => e.message)).toEqual([expect.stringMatching(/is inside the content folder/)]);
  });

  it("NO_CONFIG is briefpress's defaults", () => {
    expect(briefDefaults(NO_CONFIG)).toEqual({});
  });
});

describe("npm run new with a configured folder", () => {
  it("lists the configuration's defaults in the new brief, which builds with them", async () => {
    const dir = await tempDir();
    await cp(BRANDED, path.join(dir, "content"), { recursive: true });
    const out = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/new-brief.ts"), "Ferry Subsidies Reconsidered"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    expect(out).toContain("content/ferry-subsidies-reconsidered/index.md: a new brief with valid front matter and the defaults of content/briefpress.yml");
    const text = await readFile(path.join(dir, "content/ferry-subsidies-reconsidered/index.md"), "utf8");
    expect(text).toMatch(/^# lang: en-GB$/m);
    expect(text).toMatch(/^# page: a4$/m);
    expect(text).toMatch(/^# series: "Harbor Brief"$/m);
    const content = path.join(dir, "content");
    const { config } = await loadSiteConfig(content);
    const { briefs, errors } = await loadBriefs(content, { defaults: briefDefaults(config), configFiles: config.files });
    expect(errors).toEqual([]);
    expect(briefs.find((b) => b.slug === "ferry-subsidies-reconsidered")!.data).toMatchObject({ series: "Harbor Brief", paper: "a4", lang: "en-GB", publisher: "Harbor Policy Institute" });
  });
});
