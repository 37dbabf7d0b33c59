/**
 * The works a brief cites (src/citations/) in its page's head: `citation_reference` tags and
 * the JSON-LD `citation` list. "Cite this brief" (citing the brief itself) is citation-plugin.ts.
 */
import { citationReference, citedWorks, withCitations } from "../citations/metadata.ts";
import type { EleventyConfig } from "./types.ts";

export default function referencesPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("citationReferences", (slug: string) => citedWorks(slug).map(citationReference));
  eleventyConfig.addFilter("withCitedWorks", (jsonLd: string, slug: string) => withCitations(jsonLd, citedWorks(slug)));
}
