/**
 * Full-text search that works offline and without a server: Pagefind indexes the brief pages
 * (only what is marked `data-pagefind-body`) at build time into `pagefind/`, and
 * assets/js/collection.js queries it in the browser.
 */
import * as pagefind from "pagefind";

export async function writeSearchIndex(site: string): Promise<number> {
  // Note calls and back-links are not words of the text: excerpts without stray numbers.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: ["sup.noterefs", ".footnote-marker", "a.backlink"] });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    // Only the brief pages hold `data-pagefind-body`: with any page marked, Pagefind indexes none
    // of the others (print pages, collection page), so they are not read at all (half the work;
    // the index written is the same, byte for byte).
    const added = await index.addDirectory({ path: site, glob: "briefs/*/index.html" } as { path: string }); // glob: in Pagefind's SiteDirectory, not in the type index.addDirectory declares
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await index.deleteIndex().catch(() => undefined);
    await pagefind.close();
  }
}
