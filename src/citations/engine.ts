/**
 * citeproc-js (the CSL processor Zotero and Mendeley use) behind a small interface: feed it
 * a document's citation clusters in note order, get each cluster's HTML and the bibliography.
 *
 * Building a processor compiles the whole style (Chicago's is 240 KB): seconds of CPU, far
 * more than citing. So there is one processor per style and locale in a process, shared by
 * every bibliography: its `retrieveItem` reads the items of the document being cited, and
 * each document starts from an empty state (`restoreProcessorState([])`, which also drops
 * citeproc's copies of items). Rendering is synchronous, so one document uses a processor
 * from its first citation to its bibliography without another in between.
 *
 * citeproc is loaded on the first citation, not on import: a brief without a bibliography
 * never pays for it.
 */
import { createRequire } from "node:module";
import type { CitationItem, Engine } from "citeproc";
import type { CslItem } from "./bibliography.ts";
import type { CiteItem } from "./syntax.ts";
import { withChicagoShortTitle } from "./short-title.ts";
import { readLocale, type StyleInfo } from "./style.ts";

type Citeproc = typeof import("citeproc").default;

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
  /**
   * The bibliography entry of each work cited (by the last `cite`) that the style lists, in the
   * style's order, with the keys of the works it lists (one, unless the style merges entries);
   * empty without a bibliography.
   */
  bibliography(): Array<{ keys: string[]; html: string }>;
}

let loaded: Citeproc | undefined;

/** citeproc-js, loaded once (CommonJS, so `require` keeps it synchronous like markdown-it). */
function citeproc(): Citeproc {
  if (!loaded) {
    loaded = createRequire(import.meta.url)("citeproc") as Citeproc;
    indexMacros(loaded);
  }
  return loaded;
}

interface XmlNode {
  name?: string;
  attrs?: Record<string, string>;
  children?: unknown[];
}

/**
 * citeproc looks up each macro it expands by walking the whole style tree
 * (`getNodesByName(root, "macro", name)`): with Chicago's ~500 macros and thousands of calls
 * that walk was 40% of building a processor (node --cpu-prof). Answer that one question from
 * an index of the tree's macros, built by the same walk the first time it is asked for a tree.
 * citeproc replaces date nodes in the tree while it builds, never macro nodes, so the index
 * stays true; any other query goes to citeproc's own walk.
 */
function indexMacros(csl: Citeproc): void {
  const XmlJSON = (csl as unknown as { XmlJSON?: { prototype: Record<string, unknown> } }).XmlJSON;
  const walk = XmlJSON?.prototype.getNodesByName as ((root: XmlNode, name: string, nameAttr?: string, ret?: XmlNode[]) => XmlNode[]) | undefined;
  if (!XmlJSON || typeof walk !== "function") return;
  const indexes = new WeakMap<XmlNode, Map<string, XmlNode[]>>();
  XmlJSON.prototype.getNodesByName = function (this: unknown, root: XmlNode, name: string, nameAttr?: string, ret?: XmlNode[]): XmlNode[] {
    if (name !== "macro" || !nameAttr || ret || !root || typeof root !== "object") return walk.call(this, root, name, nameAttr, ret);
    let index = indexes.get(root);
    if (!index) {
      index = new Map();
      for (const node of walk.call(this, root, "macro")) {
        const key = node.attrs?.name;
        if (key === undefined) continue;
        index.set(key, [...(index.get(key) ?? []), node]);
      }
      indexes.set(root, index);
    }
    return [...(index.get(nameAttr) ?? [])];
  };
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

/** A compiled style and locale, lent to one document at a time. */
interface Processor {
  engine: Engine;
  /** Items of the document that holds the processor. */
  items: Map<string, CslItem>;
  /** That document. */
  holder: object | undefined;
}

function createProcessor(style: StyleInfo, locale: string): Processor {
  const csl = citeproc();
  const processor: Processor = { engine: undefined as unknown as Engine, items: new Map(), holder: undefined };
  const prepare = style.chicagoShortTitles ? withChicagoShortTitle : (item: CslItem) => item;
  const retrieveItem = (id: string) => {
    const item = processor.items.get(id);
    return item && prepare(item);
  };
  processor.engine = new csl.Engine(
    { retrieveLocale: (name) => readLocale(name), retrieveItem },
    style.xml,
    locale,
    true,
  );
  processor.engine.opt.development_extensions.wrap_url_and_doi = true;
  return processor;
}

const processors = new Map<string, Processor>();
/** Processors kept at once (each a few MB): a build rarely uses more than two styles. */
const CACHE_SIZE = 8;

/** Processors built in this process (for tests: each style and locale is compiled once). */
export let processorsBuilt = 0;

function processorFor(style: StyleInfo, locale: string): Processor {
  const key = `${style.id}\u0000${style.chicagoShortTitles}\u0000${locale}`;
  let processor = processors.get(key);
  if (processor) {
    processors.delete(key); // most recently used last
  } else {
    processor = createProcessor(style, locale);
    processorsBuilt++;
  }
  processors.set(key, processor);
  while (processors.size > CACHE_SIZE) processors.delete(processors.keys().next().value as string);
  return processor;
}

/** citeproc-js throws strings ("citeproc-js error: …"), not Errors. */
function messageOf(thrown: unknown): string {
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  return text.replace(/^citeproc-js error:\s*/, "");
}

/**
 * Compiles a style for a locale (kept for citing), or tells why citeproc-js cannot: its
 * message, at the line of the element it names when it names one (`Undefined node name "blah"`).
 */
export function compileFault(style: StyleInfo, locale: string): { line: number; message: string } | undefined {
  try {
    processorFor(style, locale);
    return undefined;
  } catch (thrown) {
    const message = messageOf(thrown);
    const node = /node name "([^"]+)"/.exec(message)?.[1];
    const at = node ? style.xml.search(new RegExp(`<${node.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\s/>]`)) : -1;
    const line = at >= 0 ? style.xml.slice(0, at).split("\n").length : 1;
    return { line, message: `this style cannot be used: citeproc-js says: ${message}` };
  }
}

/** A document's engine: its bibliography's items, cited with the style and locale's shared processor. */
export function engineFor(style: StyleInfo, locale: string, items: Map<string, CslItem>): CitationEngine {
  const holder = {};
  let processor: Processor | undefined;
  /** The processor as this document left it (after `cite`). */
  const held = (): Processor => {
    if (!processor || processor.holder !== holder) throw new Error("citations: bibliography() or authorOnly() before cite(), or another document cited in between");
    return processor;
  };
  return {
    cite(clusters) {
      processor = processorFor(style, locale);
      processor.items = items;
      processor.holder = holder;
      const engine = processor.engine;
      engine.restoreProcessorState([]);
      const html: string[] = [];
      try {
        for (const cluster of clusters) {
          const updates = engine.appendCitationCluster({
            citationItems: cluster.items.map(toCitationItem),
            properties: { noteIndex: cluster.noteIndex },
          });
          // A later citation can change an earlier one (disambiguation): take every update.
          for (const [index, text] of updates) html[index] = markLinks(text);
        }
      } catch (thrown) {
        throw new Error(`citeproc-js could not cite with the style "${style.title}": ${messageOf(thrown)}`, { cause: thrown });
      }
      return html;
    },
    authorOnly(key) {
      return markLinks(held().engine.makeCitationCluster([{ id: key, "author-only": true }]));
    },
    bibliography() {
      if (!style.hasBibliography) return [];
      const engine = held().engine;
      const made = engine.makeBibliography();
      if (!made) return [];
      // entry_ids names every work cited, also those the style lists no entry for (it renders
      // them empty and leaves them out of the entries): find those by listing each alone.
      let ids = made[0].entry_ids.map((group) => group.map(String));
      if (ids.length !== made[1].length) {
        ids = ids.filter((group) => {
          const alone = engine.makeBibliography({ include: [{ field: "id", value: group[0] }] });
          return alone !== false && alone[1].some((entry) => entry.trim() !== "");
        });
      }
      if (ids.length !== made[1].length) throw new Error(`citeproc-js listed ${made[1].length} bibliography entries for ${ids.length} works`);
      return made[1].map((entry, i) => ({ keys: ids[i], html: markLinks(entry.trim()) }));
    },
  };
}
