/**
 * `build`: briefs in a folder → a site with one page, one print page and one PDF per brief.
 *
 * 0. Refuse an output folder whose replacement could destroy anything (output-guard.ts);
 *    remove staging folders that killed builds left.
 * 1. Load and check every brief (nothing is written if any is wrong; all errors are reported).
 * 2. Eleventy (in-process) writes the site into a staging folder beside the output, while
 *    Chromium starts. Eleventy's input is a private folder with the checked briefs only
 *    (eleventy-input.ts): nothing else in the input folder is run or published.
 * 3. Each brief's print page is served on 127.0.0.1 and rendered to PDF with Paged.js;
 *    footnote placement is verified; metadata is set.
 * 4. The staging folder replaces the output folder only when everything succeeded; it is
 *    marked as briefpress's (`.briefpress-output`).
 */
import { createHash } from "node:crypto";
import { cp, readdir, readFile, rename, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ThirdPartyConsole } from "@11ty/eleventy";
import { BriefError, BuildFailed } from "./errors.ts";
import type { Brief } from "./briefs/load.ts";
import { checkFolders, writeOutputMarker } from "./build/output-guard.ts";
import { createStaging, removeStaleStaging, swapIn } from "./build/staging.ts";
import { closeAllBrowsers, launchBrowser, WarmBrowser } from "./browser/chromium.ts";
import { PagePool } from "./browser/page-pool.ts";
import { serveFolder } from "./browser/static-server.ts";
import { renderOnPage, RenderFailed, type BadBreak, type RenderOptions, type RenderResult } from "./pdf/render-pdf.ts";
import { briefpressCodeHash, hashTree, pdfCacheKey, PdfCache } from "./pdf/cache.ts";
import { CheckCache } from "./build/check-cache.ts";
import { chromiumVersion, type Previous, inputSnapshot, previousBuild, pruneStore, recordBuild, recordOptionsOf, restoreOutput } from "./build/build-record.ts";
import type { PdfMetadata } from "./pdf/metadata.ts";
import type { TaggingReport } from "./pdf/tagging.ts";
import { namesOf } from "./eleventy/filters-plugin.ts";
import { labelsFor } from "./site/labels.ts";
import { previewFileName } from "./site/preview-image.ts";
import { phaseDone, timed } from "./build/timings.ts";

export interface BuildOptions {
  /** Folder of briefs (searched recursively for *.md). @default "content" */
  input: string;
  /** Output folder, replaced on success. @default "_site" */
  output: string;
  /** Per-brief render timeout in milliseconds. @default 60000 */
  timeoutMs?: number;
  /** How many briefs render at once. @default number of CPU cores */
  concurrency?: number;
  /** Site title for the collection page. @default briefpress.yml's `title`, else "Briefs" */
  siteTitle?: string;
  /** Where the site will be published, e.g. https://example.org/briefs/ (canonical URLs, feed, sitemap). @default briefpress.yml's `base_url` */
  baseUrl?: string;
  /** Crop marks and 3 mm bleed in the PDFs. @default false */
  printMarks?: boolean;
  /** Render only this share of the PDFs (1-based index of count), for a CI matrix. */
  shard?: { index: number; count: number };
  /** One line per finished step. */
  log?: (line: string) => void;
  /** Each finished PDF: `done` of `total`, and what was made. @default a `log` line */
  progress?: (done: number, total: number, what: string) => void;
  /** Other tools' console lines (Eleventy's). @default dropped */
  thirdParty?: ThirdPartyConsole;
  /** Folder of the PDF cache (see pdf/cache.ts), or false to render every PDF. @default false */
  cacheDir?: string | false;
  /** A running browser to render with, left open (npm start keeps it for later saves). @default one launched and closed by the build */
  browser?: Promise<WarmBrowser>;
}

export interface BuiltBrief {
  slug: string;
  file: string;
  pdf: string;
  pages: number;
  bytes: number;
  footnotes: number;
  endnotes: number;
  /** Per page: share of the page used by text and notes (0..1), measured after layout. */
  pageFill: number[];
  /** Headings at a page foot, widows, orphans that remained after layout (reported, not fatal). */
  badBreaks: BadBreak[];
}

export interface BuildReport {
  briefs: BuiltBrief[];
  warnings: BriefError[];
}

/** Staging folders of builds in progress, removed if the process is interrupted. */
const stagingFolders = new Set<string>();
/** Search indexes being written (Pagefind, beside the PDFs) into those folders. */
const searchIndexes = new Set<Promise<unknown>>();

/** For Ctrl-C: close every browser and remove every staging folder; the output stays as it was. */
export async function abortBuilds(): Promise<void> {
  const folders = [...stagingFolders]; // taken first: a build that fails when its browser closes forgets its folder
  await closeAllBrowsers();
  // Pagefind writes from a process of its own: removed before it is done, the folder came
  // back with its files (seen on CI, where a loaded machine makes Pagefind slow).
  await Promise.allSettled([...searchIndexes]);
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function build(options: BuildOptions): Promise<BuildReport> {
  const input = path.resolve(options.input);
  const output = path.resolve(options.output);
  const log = options.log ?? (() => undefined);
  await checkFolders(input, output); // UsageError: nothing touched
  for (const name of await removeStaleStaging(output)) log(`removed ${name}, left by an interrupted build`);
  const cacheStore = options.cacheDir ? new PdfCache(options.cacheDir) : undefined;
  const recordOptions = recordOptionsOf(options);
  // Taken before anything is read: a file saved during the build makes the record stale, never wrong.
  const snapshot = cacheStore ? timed("input snapshot", () => inputSnapshot(input, output)) : undefined;
  snapshot?.catch(() => undefined); // awaited when the build is recorded
  const previous = cacheStore
    ? await timed("compare with the last build", () => previousBuild<BuiltBrief>(cacheStore.dir, input, output, recordOptions, (key) => cacheStore.has(key)))
    : { pdfsUnchanged: false };
  if (previous.upToDate) {
    log(`nothing changed since the last build: ${options.output} is up to date`);
    return { briefs: previous.upToDate.briefs, warnings: previous.upToDate.warnings.map((w) => new BriefError(w.file, w.line, w.message)) };
  }
  if (cacheStore && previous.restorable) {
    const restored = await timed("restore the last build's output", () => restoreBuild(cacheStore.dir, input, output, recordOptions, previous.restorable!));
    if (restored) {
      log(`nothing changed since the last build: ${options.output} written from the cache (${cacheStore.dir})`);
      return restored;
    }
  }
  // Chromium starts now, beside the checks and Eleventy, unless every PDF will come from the cache;
  // then only a PDF that misses after all starts it (see pagePool below).
  let browserStarting: Promise<WarmBrowser> | undefined = options.browser;
  const startBrowser = () => (browserStarting ??= launchBrowser().then((b) => new WarmBrowser(b)));
  if (!previous.pdfsUnchanged) startBrowser().catch(() => undefined); // awaited when a PDF needs it
  const { createMarkdown, loadSiteConfig, loadBriefs, briefDefaults, siteData, writeEleventyInput, createEleventy, copyBriefAssets } = await timed("import the site generator", () => import("./build/generate.ts"));
  const markdown = createMarkdown(); // checks the briefs, then Eleventy renders with it
  const { config, errors: configErrors } = await timed("site configuration", () => loadSiteConfig(input));
  const checks = cacheStore ? new CheckCache(path.join(cacheStore.dir, "checks"), await briefpressCodeHash()) : undefined;
  const reuse = cacheStore ? new (await import("./build/brief-cache.ts")).BriefCache(path.join(cacheStore.dir, "briefs"), await briefpressCodeHash(), briefDefaults(config)) : undefined;
  const loaded = await timed("load and check briefs", () =>
    loadBriefs(input, { exclude: [output], markdown, defaults: briefDefaults(config), configFiles: config.files, checkHtml: checks?.check, reuse }),
  );
  if (reuse) log(`brief cache: ${reuse.hits} of ${reuse.hits + reuse.misses} briefs unchanged, not parsed or checked again`);
  for (const w of loaded.warnings) log(`${w.format()} (warning)`);
  if (configErrors.length + loaded.errors.length > 0) {
    await closeBrowser(options, browserStarting);
    throw new BuildFailed([...configErrors, ...loaded.errors]);
  }

  const stagingFolder = await createStaging(output);
  stagingFolders.add(stagingFolder.root);
  const staging = stagingFolder.site;
  let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let poolStarting: Promise<PagePool> | undefined;
  /** The tabs to render with, and the browser and server behind them, made when a PDF first needs them. */
  const pagePool = () =>
    (poolStarting ??= (async () => {
      const browser = await timed("wait for chromium", () => startBrowser());
      server = await serveFolder(staging);
      return new PagePool(browser, server.origin);
    })());
  let searchIndex: Promise<number> | undefined;
  try {
    const site = siteData(config, options);
    const pages = cacheStore ? await timed("page cache: restore unchanged pages", () => restorePages(cacheStore.dir, loaded.briefs, staging, site, config)) : undefined;
    await writeEleventyInput(stagingFolder.input, loaded.briefs, pages?.stubs);
    await timed("eleventy", () => createEleventy(stagingFolder.input, staging, { site, look: config, thirdParty: options.thirdParty, markdown }).write());
    if (pages) {
      await timed("page cache: store new pages", () => pages.storeRendered());
      log(`page cache: ${pages.stubs.slugs.size} of ${loaded.briefs.length} briefs' pages unchanged, taken from ${cacheStore!.dir}`);
    }
    await copyBriefAssets(loaded.briefs, staging);
    log(`site: ${loaded.briefs.length} brief page${loaded.briefs.length === 1 ? "" : "s"} written`);
    // The search index (Pagefind's own process) is written beside the last PDFs: it starts when
    // the last brief starts rendering (at once for one brief), so that its process does not add
    // to the memory of a collection's renders; or at the first PDF the cache gives (then few
    // renders are likely, and the index is not left to wait for the cache's copies). None with
    // search: false.
    const startSearchIndex = () => {
      if (!site.search || searchIndex) return;
      searchIndex = timed("pagefind (beside the last PDFs)", () => writeSearchIndexCached(staging, cacheStore?.dir));
      searchIndex.catch(() => undefined); // awaited below
      const indexing = searchIndex;
      searchIndexes.add(indexing);
      void indexing.finally(() => searchIndexes.delete(indexing)).catch(() => undefined);
    };

    const siteAssets = cacheStore ? timed("hash site assets", () => hashTree(path.join(staging, "assets"))) : undefined;
    const cache = cacheStore && siteAssets ? { store: cacheStore, siteAssets: await siteAssets, chromiumVersion: await chromiumVersion() } : undefined;
    const built: BuiltBrief[] = [];
    const pdfKeys: string[] = [];
    const errors: BriefError[] = [];
    const shard = options.shard;
    const toRender = shard ? loaded.briefs.filter((_, i) => i % shard.count === shard.index - 1) : loaded.briefs;
    if (shard) log(`shard ${shard.index}/${shard.count}: rendering ${toRender.length} of ${loaded.briefs.length} PDFs`);
    let done = 0;
    const pdfsStart = performance.now();
    options.progress?.(0, toRender.length, "rendering");
    let started = 0;
    if (toRender.length === 0) startSearchIndex();
    await eachConcurrently(toRender, options.concurrency ?? os.availableParallelism(), async (brief) => {
      if (++started === toRender.length) startSearchIndex();
      const outcome = await publishPdf(pagePool, brief, staging, options.timeoutMs, cache);
      if ("cached" in outcome && outcome.cached) startSearchIndex();
      if ("errors" in outcome) {
        errors.push(...outcome.errors);
        return;
      }
      built.push(outcome.built);
      if (outcome.key) pdfKeys.push(outcome.key);
      for (const b of outcome.built.badBreaks) log(`${brief.file}: page ${b.page}: ${b.kind}: "${b.text}…" (warning)`);
      const what = `${brief.slug}.pdf, ${outcome.built.pages} pages, ${formatBytes(outcome.built.bytes)}, ${outcome.footnotesPlaced} footnotes placed`;
      if (options.progress) options.progress(++done, toRender.length, what);
      else log(`pdf ${++done}/${toRender.length}: ${what}`);
    });
    phaseDone("all PDFs", pdfsStart);
    if (cache) log(`pdf cache: ${cache.store.hits} of ${toRender.length} PDF${toRender.length === 1 ? "" : "s"} unchanged, taken from ${cache.store.dir}`);
    if (errors.length > 0) throw new BuildFailed(errors);
    if (searchIndex) {
      const indexed = await searchIndex;
      log(`search: ${indexed} page${indexed === 1 ? "" : "s"} indexed`);
    }
    if (cache) void Promise.all([cache.store.prune(), pruneStore(cache.store.dir, Date.now(), 30), import("./build/page-cache.ts").then((m) => m.prunePages(cache.store.dir, Date.now(), 30)), import("./build/brief-cache.ts").then((m) => m.pruneBriefs(path.join(cache.store.dir, "briefs"), Date.now(), 30))]).catch(() => undefined);
    built.sort((a, b) => a.slug.localeCompare(b.slug));
    await fillPdfInfo(staging, built);
    await writeOutputMarker(staging);
    await timed("swap in", () => swapIn(stagingFolder, output));
    const report = { briefs: built.map((b) => ({ ...b, pdf: path.join(output, path.relative(staging, b.pdf)) })), warnings: loaded.warnings };
    if (cacheStore && snapshot) {
      const read = [...config.files, ...(config.theme ? await filesIn(config.theme) : []), ...loaded.briefs.flatMap((b) => b.citationFiles)];
      const recorded = { briefs: report.briefs, warnings: report.warnings.map((w) => ({ file: w.file, line: w.line, message: w.message })) };
      const started = await snapshot;
      await timed("record the build", () => recordBuild(cacheStore.dir, input, output, recordOptions, started, read, pdfKeys, recorded)).catch(() => undefined);
    }
    return report;
  } catch (error) {
    await searchIndex?.catch(() => undefined); // Pagefind may still be writing into the staging folder
    // BRIEFPRESS_KEEP_FAILED: keep the failed build's staging folder, to look at its print page.
    if (process.env.BRIEFPRESS_KEEP_FAILED) console.error(`briefpress: the failed build is kept in ${stagingFolder.root}`);
    else await rm(stagingFolder.root, { recursive: true, force: true });
    throw error;
  } finally {
    stagingFolders.delete(stagingFolder.root);
    await searchIndex?.catch(() => undefined);
    await (await poolStarting?.catch(() => undefined))?.close();
    await server?.close();
    await closeBrowser(options, browserStarting);
  }
}

/**
 * Nothing the last build read has changed, but the output folder is not what it wrote (a CI
 * runner keeps only the cache): its files come back from the cache's file store, each checked
 * against its SHA-256, through a staging folder like any build. Undefined if any file is
 * missing or damaged (the caller then builds).
 */
async function restoreBuild(
  cacheDir: string,
  input: string,
  output: string,
  recordOptions: unknown,
  last: NonNullable<Previous<BuiltBrief>["restorable"]>,
): Promise<BuildReport | undefined> {
  const briefs = last.report.briefs.map((b) => ({ ...b, pdf: path.join(output, path.relative(last.output, b.pdf)) }));
  const stagingFolder = await createStaging(output);
  stagingFolders.add(stagingFolder.root);
  try {
    await restoreOutput(cacheDir, input, recordOptions, output, stagingFolder.site, last.wrote, { ...last.report, briefs });
    await swapIn(stagingFolder, output);
  } catch {
    await rm(stagingFolder.root, { recursive: true, force: true });
    return undefined;
  } finally {
    stagingFolders.delete(stagingFolder.root);
  }
  return { briefs, warnings: last.report.warnings.map((w) => new BriefError(w.file, w.line, w.message)) };
}

/**
 * The briefs whose pages are unchanged since a build kept them (build/page-cache.ts): their
 * pages are written into `site` now, and Eleventy gets them as stubs (eleventyStubText).
 * `storeRendered`, after Eleventy, keeps the pages of the others.
 */
async function restorePages(cacheDir: string, briefs: Brief[], site: string, siteData: unknown, config: { fields: unknown; files: string[]; theme?: string }) {
  const { PageCache } = await import("./build/page-cache.ts");
  const { themeTemplates } = await import("./eleventy/theme-layouts.ts");
  const cache = await PageCache.open(cacheDir, { site: siteData, configFields: config.fields, files: [...config.files, ...(config.theme ? await filesIn(config.theme) : [])] });
  const keys = new Map(await Promise.all(briefs.map(async (b) => [b.slug, await cache.keyOf(b)] as const)));
  const slugs = new Set<string>();
  await eachConcurrently(briefs, 8, async (brief) => {
    const key = keys.get(brief.slug)!;
    if (!(await cache.has(key))) return;
    const folder = path.join(site, "briefs", brief.slug);
    if (await cache.restore(key, folder)) slugs.add(brief.slug);
    else await rm(folder, { recursive: true, force: true }); // Eleventy renders it
  });
  // The feed shows every brief's text, and a theme's templates might: then the stubs keep their bodies.
  const keepBody = Boolean((siteData as { baseUrl?: string }).baseUrl) || (config.theme ? themeTemplates(config.theme).length > 0 : false);
  return {
    stubs: { slugs, keepBody },
    storeRendered: () => eachConcurrently(briefs.filter((b) => !slugs.has(b.slug)), 8, (b) => cache.store(keys.get(b.slug)!, path.join(site, "briefs", b.slug))),
  };
}

/** Closes the browser the build started (not one it was given). */
async function closeBrowser(options: BuildOptions, starting: Promise<WarmBrowser> | undefined): Promise<void> {
  if (!options.browser) await (await starting?.catch(() => undefined))?.close().catch(() => undefined);
}

/** Every file under a folder (absolute paths). */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

/**
 * The search index, from the cache when every page Pagefind reads is unchanged (the index is a
 * function of the HTML files and Pagefind's version, which the code hash covers). Pagefind is
 * loaded only when it has to run.
 */
async function writeSearchIndexCached(site: string, cacheDir: string | undefined): Promise<number> {
  const write = async () => (await import("./site/search-index.ts")).writeSearchIndex(site);
  if (!cacheDir) return write();
  const pages = createHash("sha256").update(`briefpress-search-cache/1\0${await briefpressCodeHash()}\0`);
  for (const file of (await filesIn(site)).filter((f) => f.endsWith(".html"))) {
    const body = await readFile(file);
    pages.update(`${path.relative(site, file)}\0${body.length}\0`).update(body);
  }
  const key = pages.digest("hex");
  const kept = path.join(cacheDir, "search", key);
  const target = path.join(site, "pagefind");
  try {
    const { pages: count } = JSON.parse(await readFile(path.join(kept, "pages.json"), "utf8")) as { pages: number };
    await cp(path.join(kept, "pagefind"), target, { recursive: true, errorOnExist: true, force: false });
    await utimes(kept, new Date(), new Date()).catch(() => undefined); // in use: pruned last
    return count;
  } catch {
    await rm(target, { recursive: true, force: true });
  }
  const count = await write();
  const tmp = `${kept}.${process.pid}.tmp`;
  try {
    await rm(tmp, { recursive: true, force: true });
    await cp(target, path.join(tmp, "pagefind"), { recursive: true });
    await writeFile(path.join(tmp, "pages.json"), JSON.stringify({ pages: count }));
    await rm(kept, { recursive: true, force: true });
    await rename(tmp, kept);
  } catch {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  return count;
}

/** What a build knows to look PDFs up in the cache (see pdf/cache.ts). */
export interface CacheContext {
  store: PdfCache;
  /** hashTree of the site's assets folder. */
  siteAssets: string;
  chromiumVersion: string;
}

/** What the build reports about a PDF, kept beside it in the cache. */
type PdfInfo = Pick<BuiltBrief, "pages" | "pageFill" | "badBreaks"> & { footnotesPlaced: number };

/**
 * One brief's PDF: render its print page (served by the pool's server from `site`), check the
 * footnotes and the page content, set the metadata, write `briefs/<slug>/<slug>.pdf`. With a
 * cache, a PDF whose inputs are unchanged is taken from it instead (the same bytes).
 */
export async function publishPdf(
  pool: PagePool | (() => Promise<PagePool>),
  brief: Brief,
  site: string,
  timeoutMs?: number,
  cache?: CacheContext,
  /**
   * npm start: Chromium's PDF, written as soon as it is printed (when the page's checks passed),
   * before the preview image and the tagging (pdf-lib) that make the final PDF, which replaces it.
   */
  draft?: (pdf: Uint8Array, pages: number) => Promise<void>,
): Promise<{ built: BuiltBrief; footnotesPlaced: number; cached: boolean; key?: string } | { errors: BriefError[] }> {
  try {
    const pdfPath = path.join(site, "briefs", brief.slug, `${brief.slug}.pdf`);
    const previewPath = path.join(site, "briefs", brief.slug, previewFileName(brief.slug));
    const metadata: PdfMetadata = {
      title: brief.data.title,
      author: brief.data.author ? namesOf(brief.data.author) : undefined,
      subject: brief.data.summary,
      keywords: brief.data.keywords,
      lang: brief.data.lang,
      date: brief.data.date,
      headings: [brief.data.title, ...brief.headings, labelsFor(brief.data.lang).notes],
    };
    const builtFrom = (bytes: Uint8Array, info: PdfInfo, cached: boolean) => ({
      built: { slug: brief.slug, file: brief.file, pdf: pdfPath, pages: info.pages, bytes: bytes.length, ...brief.notes, pageFill: info.pageFill, badBreaks: info.badBreaks },
      footnotesPlaced: info.footnotesPlaced,
      cached,
      key,
    });
    const key = cache ? await timed("pdf: cache key", () => cacheKeyOf(brief, site, metadata, cache)) : undefined;
    if (cache && key) {
      const hit = await cache.store.get<PdfInfo>(key);
      if (hit) {
        await writeFile(pdfPath, hit.pdf);
        await writeFile(previewPath, hit.preview);
        return builtFrom(hit.pdf, hit.info, true);
      }
    }
    const onPdf = draft
      ? async (pdf: Uint8Array, r: Omit<RenderResult, "pdf" | "preview">) => {
          if (r.problems.length + r.cutOffText.length + r.lostText.length + r.blockedRequests.length === 0) await draft(pdf, r.pages);
        }
      : undefined;
    const rendering = renderWithRetry(typeof pool === "function" ? await pool() : pool, brief, timeoutMs, onPdf);
    void loadPdfMetadata().catch(() => undefined); // while Chromium works
    const result = await rendering;
    const problems = await footnoteErrors(brief, result);
    if (problems.length > 0) return { errors: problems };
    const { bytes, pages, tagging } = await finishPdf(result.pdf, metadata);
    if (tagging.problems.length > 0) {
      return { errors: tagging.problems.map((p) => new BriefError(brief.file, 1, `PDF tagging (accessible PDF): ${p}; please report this brief.`)) };
    }
    await writeFile(pdfPath, bytes);
    await writeFile(previewPath, result.preview);
    const info: PdfInfo = {
      pages,
      pageFill: result.pageFill,
      badBreaks: result.badBreaks,
      footnotesPlaced: result.footnotesPlaced,
    };
    if (cache && key) await cache.store.put(key, bytes, result.preview, info);
    return builtFrom(bytes, info, false);
  } catch (cause) {
    return { errors: [new BriefError(brief.file, 1, `PDF rendering failed: ${(cause as Error).message}`, { cause })] };
  }
}

/**
 * The rendered PDF made final: its structure tree for PDF/UA-1 and its metadata
 * (pdf/post-process.ts). What this returns is what is published and what the cache stores
 * (its code is part of the cache key).
 */
async function finishPdf(rendered: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number; tagging: TaggingReport }> {
  const { finishPdf: postProcess } = await loadPdfMetadata();
  return timed("pdf: tagging and metadata (pdf-lib)", () => postProcess(rendered, metadata));
}

/** pdf-lib is loaded while Chromium lays out the first PDF, not before anything can start. */
let pdfMetadataModule: Promise<typeof import("./pdf/post-process.ts")> | undefined;
const loadPdfMetadata = () => (pdfMetadataModule ??= import("./pdf/post-process.ts"));

/** The cache key of a brief's PDF: its print page and files as served, and the rest (pdf/cache.ts). */
async function cacheKeyOf(brief: Brief, site: string, metadata: unknown, cache: CacheContext): Promise<string> {
  const folder = path.join(site, "briefs", brief.slug);
  const files = createHash("sha256");
  for (const asset of [...brief.assets].sort()) {
    const body = await readFile(path.join(folder, asset));
    files.update(`${asset}\0${body.length}\0`).update(body);
  }
  return pdfCacheKey({
    printHtml: await readFile(path.join(folder, "print", "index.html")),
    briefFiles: files.digest("hex"),
    siteAssets: cache.siteAssets,
    chromiumVersion: cache.chromiumVersion,
    pdfOptions: metadata,
  });
}

async function renderWithRetry(pool: PagePool, brief: Brief, timeoutMs: number | undefined, onPdf?: RenderOptions["onPdf"]): Promise<RenderResult> {
  const origin = pool.origin;
  const url = `${origin}/briefs/${encodeURIComponent(brief.slug)}/print/`;
  const attempt = async () => {
    const page = await pool.acquire();
    try {
      const result = await renderOnPage(page, url, { origin, timeoutMs, onPdf });
      pool.release(page, true);
      return result;
    } catch (error) {
      pool.release(page, false);
      throw error;
    }
  };
  try {
    return await attempt();
  } catch (first) {
    if (first instanceof RenderFailed) throw first; // a fault in the page itself: retrying will not help
    try {
      return await attempt();
    } catch (second) {
      throw new Error(`${(second as Error).message} (failed twice)`, { cause: second });
    }
  }
}

async function footnoteErrors(brief: Brief, result: RenderResult): Promise<BriefError[]> {
  const errors: BriefError[] = [];
  const text = result.problems.length || result.blockedRequests.length || result.cutOffText.length || result.lostText.length ? await readFile(brief.file, "utf8") : "";
  for (const p of result.problems) {
    const line = lineOf(text, `[^${p.label}]`) ?? 1;
    const where = p.page > 0 ? `page ${p.page}` : "layout";
    errors.push(new BriefError(brief.file, line, `footnote "[^${p.label}]" (${where} of the PDF): ${p.message}`));
  }
  for (const cut of result.cutOffText) {
    errors.push(new BriefError(brief.file, lineOf(text, cut.text.split(/\s+/).slice(0, 4).join(" ")) ?? 1, `page ${cut.page} of the PDF cuts off text at its foot ("${cut.text}…"): nothing may be lost; please report this layout.`));
  }
  for (const lost of result.lostText) {
    const where = lost.page > 0 ? `page ${lost.page} of the PDF` : "the PDF";
    const what = lost.note ? `footnote ${lost.note.replace(/^fn-/, "")}` : "the text";
    errors.push(new BriefError(brief.file, 1, `${where}: layout ${lost.what} part of ${what} (near "${lost.text}", spaces left out); nothing may be lost or printed twice; please report this layout.`));
  }
  for (const url of result.blockedRequests) {
    errors.push(new BriefError(brief.file, lineOf(text, url) ?? 1, `the print page asked for ${url}, which is not local: it was blocked. Briefs must be self-contained.`));
  }
  return errors;
}

function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "(PDF, 5 pages, 139 KB)", in the language of the page that shows it (src/site/labels.ts). */
export function pdfInfoText(brief: Pick<BuiltBrief, "pages" | "bytes">, lang?: string): string {
  return labelsFor(lang).pdfInfo(brief.pages, formatBytes(brief.bytes));
}

/** The page-count-and-size markers of a page, `<!--briefpress:pdf-info:SLUG[@LANG]-->`, filled in. */
export function fillPdfInfoMarkers(html: string, infoOf: (slug: string) => Pick<BuiltBrief, "pages" | "bytes"> | undefined): string {
  return html.replace(/<!--briefpress:pdf-info:([^>]*?)(?:@([A-Za-z0-9-]+))?-->/g, (_m, slug: string, lang?: string) => {
    const info = infoOf(slug);
    return info ? pdfInfoText(info, lang) : "";
  });
}

/** The pages were written before the PDFs existed: fill in each PDF's page count and size. */
export async function fillPdfInfo(site: string, briefs: Array<Pick<BuiltBrief, "slug" | "pages" | "bytes">>): Promise<void> {
  const info = new Map(briefs.map((b) => [b.slug, b]));
  const files = [path.join(site, "index.html"), ...briefs.map((b) => path.join(site, "briefs", b.slug, "index.html"))];
  for (const file of files) {
    const html = await readFile(file, "utf8");
    const filled = fillPdfInfoMarkers(html, (slug) => info.get(slug));
    if (filled !== html) await writeFile(file, filled);
  }
}

async function eachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
