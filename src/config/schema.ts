/**
 * The site configuration, `briefpress.yml` at the top of the content folder: data only
 * (YAML, checked here with zod like a brief's front matter), never code. Field names are the
 * publisher's interface, documented in the README.
 */
import { z } from "zod";
import { frontMatterFields, LIMITS, text } from "../briefs/front-matter.ts";

export { CONFIG_FILE, SITE_DEFAULTS } from "./defaults.ts";

const fm = frontMatterFields.shape;
const absoluteHttpUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL, e.g. https://example.org/briefs/" });

/** `#1a2b3c` or `#abc`. */
export const hexColour = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'must be a colour written #rrggbb, e.g. "#1b1b1b"' });

/** The colours of one scheme; each may be left out (the briefpress default is used). */
export const PALETTE_KEYS = ["text", "muted", "background", "rule", "link", "link_visited", "note_background", "focus", "accent"] as const;
export type PaletteKey = (typeof PALETTE_KEYS)[number];
const scheme = z.object(Object.fromEntries(PALETTE_KEYS.map((k) => [k, hexColour.optional()])) as Record<PaletteKey, z.ZodOptional<typeof hexColour>>).strict();

/** A font file beside the configuration (woff2 only: what every browser and Chromium read). */
const fontFile = z.object({
  file: z.string().regex(/\.woff2$/i, { error: "must be a .woff2 file beside briefpress.yml" }),
  weight: z.union([z.literal(400), z.literal(600), z.literal(700)]).default(400),
  style: z.enum(["normal", "italic"]).default("normal"),
}).strict();

/** The bundled families, or the publisher's own (woff2 files beside the configuration). */
export const BUNDLED_FONTS = { "source-serif-4": "Source Serif 4", "source-sans-3": "Source Sans 3" } as const;
const fontChoice = z.union([
  z.enum(Object.keys(BUNDLED_FONTS) as [keyof typeof BUNDLED_FONTS, ...Array<keyof typeof BUNDLED_FONTS>]),
  z.object({
    // Written into CSS (and inlined in pages): letters, digits, spaces and hyphens only.
    family: text(100).regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, { error: "must be a font family name: letters, digits, spaces and hyphens" }),
    files: z.array(fontFile).min(1).max(8),
  }).strict(),
]);

export const brandSchema = z.object({
  logo: z.object({
    file: z.string().regex(/\.(svg|png)$/i, { error: "must be an .svg or .png file beside briefpress.yml" }),
    /** The logo for the dark scheme (web pages only; print is always light). */
    file_dark: z.string().regex(/\.(svg|png)$/i, { error: "must be an .svg or .png file beside briefpress.yml" }).optional(),
    alt: text(300),
  }).strict().optional(),
  palette: z.object({ light: scheme.optional(), dark: scheme.optional() }).strict().optional(),
  fonts: z.object({ text: fontChoice.optional(), headings: fontChoice.optional() }).strict().optional(),
}).strict();

export const CITATION_STYLES = ["chicago", "apa"] as const;

export const siteConfigSchema = z.object({
  /** Heading of the collection page, name of the site. */
  title: text(200).optional(),
  /** Where the site is published: canonical links, feed.xml, sitemap.xml. */
  base_url: absoluteHttpUrl.optional(),
  /** Full-text search on the collection page. */
  search: z.boolean().optional(),
  publisher: z.object({
    name: text(LIMITS.publisher),
    address: text(500).optional(),
    url: absoluteHttpUrl.optional(),
  }).strict().optional(),
  /** Front matter every brief gets unless it sets the field itself (same names, same checks). */
  defaults: frontMatterFields.pick({ lang: true, page: true, series: true, publisher: true, disclaimer: true })
    .extend({ lang: fm.lang.unwrap().optional(), page: fm.page.unwrap().optional() })
    .partial().strict().optional(),
  citation: z.object({
    /** The styles of "Cite this brief", in order. */
    styles: z.array(z.enum(CITATION_STYLES)).min(1).optional(),
  }).strict().optional(),
  brand: brandSchema.optional(),
  /**
   * A folder of trusted project code (CSS, template overrides), relative to the configuration.
   * It must lie outside the content folder: briefs are untrusted.
   */
  theme: z.string().min(1).optional(),
}).strict();

export type SiteConfigFields = z.output<typeof siteConfigSchema>;
export type BrandFields = z.output<typeof brandSchema>;
export type FontChoice = z.output<typeof fontChoice>;

/** What each top-level field holds, for messages. */
export const CONFIG_FIELDS: Record<string, string> = {
  title: "the site's name (text)",
  base_url: "where the site is published (https://…)",
  search: "true or false",
  publisher: "name:, address:, url:",
  defaults: "front matter defaults: lang, page, series, publisher, disclaimer",
  citation: "styles: [chicago, apa]",
  brand: "logo:, palette:, fonts:",
  theme: "a folder of CSS and templates, outside the content folder",
};
