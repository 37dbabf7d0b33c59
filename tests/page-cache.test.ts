/**
 * The per-brief page cache (build/page-cache.ts) and brief cache (build/brief-cache.ts): when one
 * brief of several changes, only it is loaded and checked and only its pages are rendered again, and the site written is byte for byte the site a build without any
 * cache writes (every file of the output: pages, print pages, citation files, collection page,
 * feed, sitemap, search index, PDFs); a change to what every page shares (a theme's template,
 * its CSS, the site title) renders every brief's pages again.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.ts";
import { differences, tempDir, tree } from "./helpers/build.ts";

const FIXTURES = path.resolve(import.meta.dirname, "fixtures");

/** The build's page cache line: how many briefs' pages were taken from the cache. */
function pagesTaken(lines: string[]): string | undefined {
  return lines.find((l) => l.startsWith("page cache: "))?.replace(/, taken from .*/, "");
}

/** Inserts a sentence before the first paragraph that starts with a capital letter after a blank line. */
async function edit(file: string, sentence: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const edited = text.replace(/\n\n([A-Z][a-z])/, `\n\n${sentence} $1`);
  expect(edited).not.toBe(text);
  await writeFile(file, edited);
}

function makeRun(work: string, input: () => string, cacheDir: string, extra: { baseUrl?: string; siteTitle?: string } = {}) {
  return async (name: string, cache: boolean, more: { siteTitle?: string } = {}) => {
    const lines: string[] = [];
    const output = path.join(work, name);
    await build({ input: input(), output, cacheDir: cache ? cacheDir : false, log: (l) => lines.push(l), ...extra, ...more });
    return { site: output, lines, tree: await tree(output) };
  };
}

describe("one brief changed among several", () => {
  let work: string;
  let input: string;
  let run: ReturnType<typeof makeRun>;
  let cold: Awaited<ReturnType<typeof run>>;
  let changed: Awaited<ReturnType<typeof run>>;
  let clean: Awaited<ReturnType<typeof run>>;
  let retitled: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    work = await tempDir();
    input = path.join(work, "briefs");
    await cp(path.join(FIXTURES, "other-briefs"), input, { recursive: true });
    // A third brief: the second one's text under another name and title.
    const second = await readFile(path.join(input, "notes/second-brief.md"), "utf8");
    await writeFile(path.join(input, "notes/third-brief.md"), second.replace(/^title: .*$/m, "title: A third brief"));
    run = makeRun(work, () => input, path.join(work, "cache"));
    cold = await run("site", true);
    await edit(path.join(input, "notes/second-brief.md"), "A sentence added since the last build.");
    changed = await run("site", true);
    clean = await run("clean", false);
    retitled = await run("site", true, { siteTitle: "Another site title" });
  }, 900_000);

  it("renders only the changed brief's pages", () => {
    expect(pagesTaken(cold.lines)).toBe("page cache: 0 of 3 briefs' pages unchanged");
    expect(pagesTaken(changed.lines)).toBe("page cache: 2 of 3 briefs' pages unchanged");
    expect(pagesTaken(clean.lines)).toBeUndefined(); // --no-cache: no page cache either
    // Nor are the unchanged briefs parsed and checked again (build/brief-cache.ts).
    expect(changed.lines).toContain("brief cache: 2 of 3 briefs unchanged, not parsed or checked again");
    expect(clean.lines.filter((l) => l.startsWith("brief cache"))).toEqual([]);
  });

  it("writes the very bytes of a build without any cache, every file of the site", () => {
    expect(clean.tree.size).toBeGreaterThan(15);
    for (const f of ["index.html", "briefs/second-brief/index.html", "briefs/second-brief/print/index.html", "briefs/third-brief/third-brief.bib"]) expect(clean.tree.has(f), f).toBe(true);
    expect([...clean.tree.keys()].some((f) => f.startsWith("pagefind/"))).toBe(true);
    expect(differences(changed.tree, clean.tree)).toEqual([]);
    // The edit is in the changed brief's pages and nowhere else.
    // (Print pages carry soft hyphens inside words.)
    const withEdit = [...changed.tree].filter(([, body]) => body.toString().replaceAll("\u00ad", "").includes("A sentence added since the last build.")).map(([f]) => f);
    expect(withEdit).toEqual(expect.arrayContaining(["briefs/second-brief/index.html", "briefs/second-brief/print/index.html"]));
    expect(withEdit.filter((f) => f.startsWith("briefs/") && !f.startsWith("briefs/second-brief/"))).toEqual([]);
  });

  it("renders every brief's pages again when the site title (shared by every page) changes", () => {
    expect(pagesTaken(retitled.lines)).toBe("page cache: 0 of 3 briefs' pages unchanged");
    for (const slug of ["chart-brief", "second-brief", "third-brief"]) {
      expect(retitled.tree.get(`briefs/${slug}/index.html`)!.toString()).toContain("Another site title");
    }
  });
});

describe("a theme's template and CSS, a feed with every brief's text", () => {
  let work: string;
  let content: string;
  let theme: string;
  let run: ReturnType<typeof makeRun>;
  const runs: Record<string, Awaited<ReturnType<ReturnType<typeof makeRun>>>> = {};

  beforeAll(async () => {
    work = await tempDir();
    content = path.join(work, "content");
    theme = path.join(work, "theme");
    await cp(path.join(FIXTURES, "branded"), content, { recursive: true });
    await mkdir(path.join(theme, "layouts/partials"), { recursive: true });
    await writeFile(path.join(theme, "theme.css"), ".site-header { border-bottom-width: 6px; } /* THEME-CSS */");
    const logo = '{%- if site.logo %}<img class="brand-logo MARK" src="{{ root }}{{ site.logo.src }}" alt="{{ site.logo.alt }}">{% endif -%}';
    await writeFile(path.join(theme, "layouts/partials/logo.njk"), logo.replace("MARK", "theme-one"));
    const config = await readFile(path.join(content, "briefpress.yml"), "utf8");
    await writeFile(path.join(content, "briefpress.yml"), `${config}theme: ../theme\n`);
    run = makeRun(work, () => content, path.join(work, "cache"));
    runs.cold = await run("site", true);
    await writeFile(path.join(theme, "layouts/partials/logo.njk"), logo.replace("MARK", "theme-two"));
    runs.template = await run("site", true);
    await writeFile(path.join(theme, "theme.css"), ".site-header { border-bottom-width: 7px; } /* THEME-CSS */");
    runs.css = await run("site", true);
    await edit(path.join(content, "briefs/coastal-housing.md"), "A sentence added since the last build.");
    runs.changed = await run("site", true);
    runs.clean = await run("clean", false);
  }, 900_000);

  it("renders every brief's pages again when a shared template or the theme's CSS changes", () => {
    expect(pagesTaken(runs.cold.lines)).toBe("page cache: 0 of 2 briefs' pages unchanged");
    expect(pagesTaken(runs.template.lines)).toBe("page cache: 0 of 2 briefs' pages unchanged");
    for (const slug of ["tidal-ports", "coastal-housing"]) {
      expect(runs.cold.tree.get(`briefs/${slug}/print/index.html`)!.toString()).toContain("theme-one");
      expect(runs.template.tree.get(`briefs/${slug}/print/index.html`)!.toString()).toContain("theme-two");
      expect(runs.template.tree.get(`briefs/${slug}/print/index.html`)!.toString()).not.toContain("theme-one");
    }
    expect(pagesTaken(runs.css.lines)).toBe("page cache: 0 of 2 briefs' pages unchanged");
  });

  it("after one brief changed, writes the very bytes of a build without any cache (feed included)", () => {
    expect(pagesTaken(runs.changed.lines)).toBe("page cache: 1 of 2 briefs' pages unchanged");
    expect(runs.changed.lines).toContain("brief cache: 1 of 2 briefs unchanged, not parsed or checked again");
    const feed = runs.changed.tree.get("feed.xml")!.toString();
    expect(feed).toContain("A sentence added since the last build.");
    expect(feed.match(/<content type="html">/g)).toHaveLength(2);
    expect(differences(runs.changed.tree, runs.clean.tree)).toEqual([]);
  });
});
