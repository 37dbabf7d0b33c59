/**
 * What librarians, indexers and citation managers read: Highwire Press tags, schema.org
 * JSON-LD (Report), Open Graph, a canonical URL, "Cite this brief" strings, BibTeX and RIS
 * files per brief, an Atom feed and a sitemap (the last two need the site's base URL).
 */
import type { Person } from "../briefs/front-matter.ts";
import { proseOf, properNouns, sentenceCase } from "../site/sentence-case.ts";
import { previewFileName } from "../site/preview-image.ts";
import { PREVIEW } from "../pdf/render-pdf.ts";
import { apa, apaParts, bibtex, chicago, chicagoParts, citationHtml, ris, type CitableBrief } from "../site/citation.ts";
import type { EleventyConfig } from "./types.ts";
import { pageTemplate } from "./page-templates.ts";

interface BriefData {
  title: string;
  author?: Person[];
  publisher?: string;
  series?: string;
  report_number?: string;
  summary?: string;
  keywords?: string[];
  lang?: string;
  page: { fileSlug: string; date: Date };
  site?: { baseUrl?: string };
}

/** `path` (site-relative, e.g. "briefs/x/") against the base URL, or undefined without one. */
export function absoluteUrl(sitePath: string, baseUrl?: string): string | undefined {
  if (!baseUrl) return undefined;
  return new URL(sitePath.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).href;
}

export function citable(data: BriefData): CitableBrief {
  const slug = data.page.fileSlug;
  return {
    title: data.title,
    authors: data.author ?? [],
    publisher: data.publisher,
    series: data.series,
    reportNumber: data.report_number,
    date: data.page.date.toISOString().slice(0, 10),
    url: absoluteUrl(`briefs/${slug}/`, data.site?.baseUrl),
    slug,
    summary: data.summary,
    keywords: data.keywords,
    lang: data.lang,
  };
}

/** schema.org Report for the brief page. */
export function reportJsonLd(data: BriefData): string {
  const c = citable(data);
  const pdf = absoluteUrl(`briefs/${c.slug}/${c.slug}.pdf`, data.site?.baseUrl) ?? `${c.slug}.pdf`;
  const json = {
    "@context": "https://schema.org",
    "@type": "Report",
    name: c.title,
    headline: c.title,
    ...(c.authors.length
      ? { author: c.authors.map((a) => ({ "@type": "Person", name: a.name, ...(a.role ? { jobTitle: a.role } : {}) })) }
      : {}),
    ...(c.publisher ? { publisher: { "@type": "Organization", name: c.publisher } } : {}),
    datePublished: c.date,
    inLanguage: data.lang ?? "en-US",
    ...(data.summary ? { description: data.summary } : {}),
    ...(data.keywords?.length ? { keywords: data.keywords.join(", ") } : {}),
    ...(c.reportNumber ? { reportNumber: c.reportNumber } : {}),
    ...(c.url ? { url: c.url } : {}),
    encoding: { "@type": "MediaObject", contentUrl: pdf, encodingFormat: "application/pdf" },
  };
  // Safe inside <script>: no "</" can close the element.
  return JSON.stringify(json, null, 2).replace(/</g, "\\u003c");
}



export default function citationPlugin(eleventyConfig: EleventyConfig, options: { layouts?: string } = {}): void {
  eleventyConfig.addFilter("absoluteUrl", (sitePath: string, baseUrl?: string) => absoluteUrl(sitePath, baseUrl) ?? "");
  eleventyConfig.addFilter("citable", citable);
  eleventyConfig.addFilter("previewImage", (slug: string) => ({ file: previewFileName(slug), ...PREVIEW }));
  eleventyConfig.addFilter("chicago", (data: BriefData) => chicago(citable(data)));
  eleventyConfig.addFilter("apa", (data: BriefData) => apa(citable(data)));
  // Called from a brief's own layout, where its data are plain variables.
  eleventyConfig.addFilter(
    "briefJsonLd",
    (page: BriefData["page"], title: string, author: Person[] | undefined, publisher?: string, series?: string, report_number?: string, summary?: string, keywords?: string[], lang?: string, site?: BriefData["site"]) =>
      reportJsonLd({ page, title, author, publisher, series, report_number, summary, keywords, lang, site }),
  );
  eleventyConfig.addFilter(
    "citeBrief",
    (style: "chicago" | "apa", page: BriefData["page"], title: string, author: Person[] | undefined, publisher?: string, series?: string, report_number?: string, site?: BriefData["site"], text: { body?: string; titleSentenceCase?: string; lang?: string } = {}) => {
      const c = citable({ page, title, author, publisher, series, report_number, site });
      // Sentence case is English orthography: other languages' titles are written by their own rules already.
      const english = /^en\b/i.test(text.lang ?? "en");
      if (style === "apa") c.sentenceCaseTitle = text.titleSentenceCase ?? (english ? sentenceCase(title, properNouns(proseOf(text.body ?? ""))) : title);
      return citationHtml(style === "chicago" ? chicagoParts(c) : apaParts(c)); // HTML: print with | safe
    },
  );
  eleventyConfig.addFilter("citeAs", (data: BriefData, format: "bib" | "ris") => (format === "bib" ? bibtex(citable(data)) : ris(citable(data))));
  eleventyConfig.addTemplate("briefpress-bibtex.njk", pageTemplate("citation.bib.njk", options.layouts));
  eleventyConfig.addTemplate("briefpress-ris.njk", pageTemplate("citation.ris.njk", options.layouts));
  // Feed and sitemap need absolute URLs: written only when the site's base URL is given.
  const onlyWithBaseUrl = (file: string) => ({
    eleventyComputed: { permalink: (data: { site?: { baseUrl?: string } }) => (data.site?.baseUrl ? file : false) },
  });
  eleventyConfig.addTemplate("briefpress-feed.njk", pageTemplate("feed.njk", options.layouts), onlyWithBaseUrl("feed.xml"));
  eleventyConfig.addTemplate("briefpress-sitemap.njk", pageTemplate("sitemap.njk", options.layouts), onlyWithBaseUrl("sitemap.xml"));
}
