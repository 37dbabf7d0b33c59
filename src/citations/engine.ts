/**
 * citeproc-js (the CSL processor Zotero and Mendeley use) behind a small interface: feed it
 * a document's citation clusters in note order, get each cluster's HTML and the bibliography.
 *
 * Building an engine parses the whole style (Chicago's is 240 KB), which costs far more than
 * citing, so engines are kept per style, language and bibliography file version and reset
 * for each document (`restoreProcessorState([])`).
 */
import CSL, { type CitationItem } from "citeproc";
import type { CslItem } from "./bibliography.ts";
import type { CiteItem } from "./syntax.ts";
import { readLocale, type StyleInfo } from "./style.ts";

export interface ClusterRequest {
  items: CiteItem[];
  /** Number of the note the cluster stands in (1..N), or 0 for a citation in the text. */
  noteIndex: number;
}

export interface CitationEngine {
  /** HTML of each cluster, in the order given (which must be note order). */
  cite(clusters: ClusterRequest[]): string[];
  /** The author's name as the style writes it in the text ("Zadie Smith"). */
  authorOnly(key: string): string;
  /** One HTML string per work cited (by the last `cite`), in the style's order; empty without a bibliography. */
  bibliography(): string[];
}

/** Links in citeproc's HTML (URLs and DOIs of entries) leave the site: no opener, no referrer. */
function markLinks(html: string): string {
  return html.replace(/<a href="/g, '<a rel="noopener noreferrer" href="');
}

function toCitationItem(item: CiteItem): CitationItem {
  const out: CitationItem = { id: item.key };
  if (item.locator) {
    out.locator = item.locator;
    out.label = item.label ?? "page";
  }
  if (item.prefix) out.prefix = item.prefix;
  if (item.suffix) out.suffix = item.suffix;
  if (item.suppressAuthor) out["suppress-author"] = true;
  return out;
}

function createEngine(style: StyleInfo, locale: string, items: Map<string, CslItem>): CitationEngine {
  const engine = new CSL.Engine(
    { retrieveLocale: (name) => readLocale(name), retrieveItem: (id) => items.get(id) },
    style.xml,
    locale,
    true,
  );
  engine.opt.development_extensions.wrap_url_and_doi = true;
  return {
    cite(clusters) {
      engine.restoreProcessorState([]);
      const html: string[] = [];
      for (const cluster of clusters) {
        const updates = engine.appendCitationCluster({
          citationItems: cluster.items.map(toCitationItem),
          properties: { noteIndex: cluster.noteIndex },
        });
        // A later citation can change an earlier one (disambiguation): take every update.
        for (const [index, text] of updates) html[index] = markLinks(text);
      }
      return html;
    },
    authorOnly(key) {
      return markLinks(engine.makeCitationCluster([{ id: key, "author-only": true }]));
    },
    bibliography() {
      if (!style.hasBibliography) return [];
      const made = engine.makeBibliography();
      return made ? made[1].map((entry) => markLinks(entry.trim())) : [];
    },
  };
}

const cache = new Map<string, CitationEngine>();
/** Engines kept at once (a dev server editing a few briefs; a build of many shares styles). */
const CACHE_SIZE = 16;

/** An engine for this style, locale and bibliography; `version` names the files' state (path, mtime, size). */
export function engineFor(style: StyleInfo, locale: string, items: Map<string, CslItem>, version: string): CitationEngine {
  const key = `${version}\u0000${locale}`;
  const found = cache.get(key);
  if (found) {
    cache.delete(key);
    cache.set(key, found); // most recently used last
    return found;
  }
  const engine = createEngine(style, locale, items);
  cache.set(key, engine);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return engine;
}
