/**
 * What librarians, indexers and citation managers read: Highwire Press tags, schema.org
 * JSON-LD (Report), Open Graph, a canonical URL, "Cite this brief" strings, BibTeX and RIS
 * files per brief, an Atom feed and a sitemap (the last two need the site's base URL).
 */
import type { Person } from "../briefs/front-matter.ts";
import { apa, apaParts, bibtex, chicago, chicagoParts, citationHtml, ris, type CitableBrief } from "../site/citation.ts";
import type { EleventyConfig } from "./types.ts";

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

const BIB_TEMPLATE = (ext: "bib" | "ris") => `---
pagination:
  data: collections.briefs
  size: 1
  alias: brief
  addAllPagesToCollections: false
permalink: "briefs/{{ brief.fileSlug }}/{{ brief.fileSlug }}.${ext}"
layout: false
eleventyExcludeFromCollections: true
---
{{ brief.data | citeAs("${ext}") | safe }}`;

const FEED_TEMPLATE = `---
layout: false
eleventyExcludeFromCollections: true
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{{ site.title | xmlSafe }}</title>
  <id>{{ "" | absoluteUrl(site.baseUrl) }}</id>
  <link href="{{ 'feed.xml' | absoluteUrl(site.baseUrl) }}" rel="self"/>
  <link href="{{ '' | absoluteUrl(site.baseUrl) }}"/>
  <updated>{% if collections.briefs.length %}{{ collections.briefs[0].date | isoDay }}T00:00:00Z{% else %}1970-01-01T00:00:00Z{% endif %}</updated>
  {%- for brief in collections.briefs %}
  <entry>
    <title>{{ brief.data.title | xmlSafe }}</title>
    <id>{{ ('briefs/' + brief.fileSlug + '/') | absoluteUrl(site.baseUrl) }}</id>
    <link href="{{ ('briefs/' + brief.fileSlug + '/') | absoluteUrl(site.baseUrl) }}"/>
    <link rel="enclosure" type="application/pdf" href="{{ ('briefs/' + brief.fileSlug + '/' + brief.fileSlug + '.pdf') | absoluteUrl(site.baseUrl) }}" title="PDF"/>
    <published>{{ brief.date | isoDay }}T00:00:00Z</published>
    <updated>{{ brief.date | isoDay }}T00:00:00Z</updated>
    {%- for person in brief.data.author %}
    <author><name>{{ person.name | xmlSafe }}</name></author>
    {%- else %}
    <author><name>{{ (brief.data.publisher or site.title) | xmlSafe }}</name></author>
    {%- endfor %}
    {%- if brief.data.summary %}
    <summary>{{ brief.data.summary | xmlSafe }}</summary>
    {%- endif %}
    <content type="html">{{ brief.content | xmlSafe }}</content>
  </entry>
  {%- endfor %}
</feed>
`;

const SITEMAP_TEMPLATE = `---
layout: false
eleventyExcludeFromCollections: true
---
<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{{ '' | absoluteUrl(site.baseUrl) }}</loc></url>
  {%- for brief in collections.briefs %}
  <url><loc>{{ ('briefs/' + brief.fileSlug + '/') | absoluteUrl(site.baseUrl) }}</loc><lastmod>{{ brief.date | isoDay }}</lastmod></url>
  {%- endfor %}
</urlset>
`;

export default function citationPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("absoluteUrl", (sitePath: string, baseUrl?: string) => absoluteUrl(sitePath, baseUrl) ?? "");
  eleventyConfig.addFilter("citable", citable);
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
    (style: "chicago" | "apa", page: BriefData["page"], title: string, author: Person[] | undefined, publisher?: string, series?: string, report_number?: string, site?: BriefData["site"]) => {
      const c = citable({ page, title, author, publisher, series, report_number, site });
      return citationHtml(style === "chicago" ? chicagoParts(c) : apaParts(c)); // HTML: print with | safe
    },
  );
  eleventyConfig.addFilter("citeAs", (data: BriefData, format: "bib" | "ris") => (format === "bib" ? bibtex(citable(data)) : ris(citable(data))));
  eleventyConfig.addTemplate("briefpress-bibtex.njk", BIB_TEMPLATE("bib"));
  eleventyConfig.addTemplate("briefpress-ris.njk", BIB_TEMPLATE("ris"));
  // Feed and sitemap need absolute URLs: written only when the site's base URL is given.
  const onlyWithBaseUrl = (file: string) => ({
    eleventyComputed: { permalink: (data: { site?: { baseUrl?: string } }) => (data.site?.baseUrl ? file : false) },
  });
  eleventyConfig.addTemplate("briefpress-feed.njk", FEED_TEMPLATE, onlyWithBaseUrl("feed.xml"));
  eleventyConfig.addTemplate("briefpress-sitemap.njk", SITEMAP_TEMPLATE, onlyWithBaseUrl("sitemap.xml"));
}
