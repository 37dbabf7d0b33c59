// citeproc-js and citation.js: the parts briefpress uses.

declare module "citeproc" {
  export interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
    prefix?: string;
    suffix?: string;
    "suppress-author"?: boolean;
    "author-only"?: boolean;
  }
  export interface Citation {
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  export interface Sys {
    retrieveLocale(lang: string): string | false;
    retrieveItem(id: string): unknown;
  }
  export class Engine {
    constructor(sys: Sys, style: string | object, lang?: string, forceLang?: boolean);
    opt: { development_extensions: Record<string, boolean> };
    appendCitationCluster(citation: Citation): Array<[number, string, string]>;
    makeCitationCluster(items: CitationItem[]): string;
    makeBibliography(bibsection?: { include?: Array<{ field: string; value: string }> }): false | [{ entry_ids: Array<Array<string | number>> }, string[]];
    restoreProcessorState(citations: unknown[]): void;
    updateItems(ids: string[]): void;
  }
  const CSL: { Engine: typeof Engine; parseXml(xml: string): object };
  export default CSL;
}
