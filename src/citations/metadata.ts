/**
 * The works a brief cites, for its page's metadata: Highwire Press `citation_reference` tags
 * (read by Google Scholar and Zotero) and schema.org `citation` entries for the JSON-LD.
 *
 * The citations plugin records what each brief cites as it renders (by the brief's slug, its
 * `docId`); the page's head is rendered after its body, so the layout finds them here.
 */
import type { CslItem } from "./bibliography.ts";

const citedBySlug = new Map<string, CslItem[]>();

export function rememberCitedWorks(slug: string, items: CslItem[]): void {
  citedBySlug.set(slug, items);
}

export function citedWorks(slug: string): CslItem[] {
  return citedBySlug.get(slug) ?? [];
}

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

const nameOf = (n: CslName) => n.literal ?? [n.given, n.family].filter(Boolean).join(" ");
const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value).replace(/\s+/g, " ").trim() : "");

/** [year, month?, day?] of a CSL date, or undefined. */
function dateParts(value: unknown): number[] | undefined {
  const parts = (value as { "date-parts"?: unknown[][] } | undefined)?.["date-parts"]?.[0];
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  const numbers = parts.map(Number).filter((n) => Number.isInteger(n));
  return numbers.length > 0 ? numbers : undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");

function doiUrl(doi: string): string {
  return `https://doi.org/${doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, "")}`;
}

/** One `citation_reference` content: "citation_title=…; citation_author=…; …" (semicolons in values become commas). */
export function citationReference(item: CslItem): string {
  const fields: Array<[string, string]> = [];
  const add = (name: string, value: unknown) => {
    const v = text(value).replace(/;/g, ",");
    if (v) fields.push([name, v]);
  };
  add("citation_title", item.title);
  for (const author of (item.author as CslName[] | undefined) ?? []) add("citation_author", nameOf(author));
  const date = dateParts(item.issued);
  if (date) add("citation_publication_date", date.map((n, i) => (i === 0 ? String(n) : pad(n))).join("/"));
  const container = text(item["container-title"]);
  if (item.type === "article-journal") add("citation_journal_title", container);
  else if (item.type === "chapter" || item.type === "paper-conference") add("citation_inbook_title", container);
  else add("citation_publisher", container || item.publisher);
  if (container && item.publisher) add("citation_publisher", item.publisher);
  add("citation_volume", item.volume);
  add("citation_issue", item.issue);
  const pages = text(item.page).split(/[-–]/);
  if (pages[0]) add("citation_firstpage", pages[0]);
  if (pages[1]) add("citation_lastpage", pages[1]);
  if (item.type === "report") add("citation_technical_report_number", item.number);
  add("citation_doi", item.DOI);
  add("citation_isbn", item.ISBN);
  add("citation_public_url", item.URL);
  return fields.map(([k, v]) => `${k}=${v}`).join("; ");
}

const SCHEMA_TYPES: Record<string, string> = {
  book: "Book",
  chapter: "Chapter",
  report: "Report",
  "article-journal": "ScholarlyArticle",
  "article-magazine": "Article",
  "article-newspaper": "NewsArticle",
  webpage: "WebPage",
  "post-weblog": "BlogPosting",
  thesis: "Thesis",
  legislation: "Legislation",
  dataset: "Dataset",
  broadcast: "CreativeWork",
  interview: "CreativeWork",
};

/** schema.org entry for the JSON-LD `citation` list. */
export function schemaCitation(item: CslItem): Record<string, unknown> {
  const date = dateParts(item.issued);
  const authors = ((item.author as CslName[] | undefined) ?? []).map((a) => (a.literal ? { "@type": "Organization", name: a.literal } : { "@type": "Person", name: nameOf(a) }));
  const container = text(item["container-title"]);
  const url = text(item.URL) || (item.DOI ? doiUrl(text(item.DOI)) : "");
  return {
    "@type": SCHEMA_TYPES[item.type] ?? "CreativeWork",
    name: text(item.title),
    ...(authors.length ? { author: authors } : {}),
    ...(date ? { datePublished: date.map((n, i) => (i === 0 ? String(n) : pad(n))).join("-") } : {}),
    ...(container ? { isPartOf: { "@type": item.type === "webpage" ? "WebSite" : "Periodical", name: container } } : {}),
    ...(item.publisher ? { publisher: { "@type": "Organization", name: text(item.publisher) } } : {}),
    ...(url ? { url } : {}),
    ...(item.DOI ? { sameAs: doiUrl(text(item.DOI)) } : {}),
  };
}

/** The page's JSON-LD (a string, as the layout has it) with the cited works added as `citation`. */
export function withCitations(jsonLd: string, items: CslItem[]): string {
  if (items.length === 0) return jsonLd;
  const data = JSON.parse(jsonLd) as Record<string, unknown>;
  data.citation = items.map(schemaCitation);
  // Safe inside <script>: no "</" can close the element.
  return JSON.stringify(data, null, 2).replace(/</g, "\\u003c");
}
