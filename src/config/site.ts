/**
 * What the build uses, from three sources in order: the command line, then the site
 * configuration, then briefpress's defaults (written once, in schema.ts and front-matter.ts).
 */
import type { SiteData } from "../eleventy/config.ts";
import type { SiteConfig } from "./load.ts";
import { CITATION_STYLES, SITE_DEFAULTS } from "./schema.ts";
import { DEFAULT_LANG } from "../briefs/front-matter.ts";

/** The options a command line may give; each one given wins over the configuration. */
export interface SiteOverrides {
  siteTitle?: string;
  baseUrl?: string;
  printMarks?: boolean;
}

/** What templates see as `site`. */
export function siteData(config: SiteConfig, overrides: SiteOverrides = {}): SiteData {
  const fields = config.fields;
  const theme = config.theme ? ["assets/css/theme.css"] : [];
  // Web pages inline the brand's colours (site.css stays their one render-blocking stylesheet)
  // and link its font faces only when it has its own fonts; print pages link brand.css.
  const stylesheets = [...(config.brand.faces ? ["assets/css/brand-fonts.css"] : []), ...theme];
  const printStylesheets = [...(config.brand.css ? ["assets/css/brand.css"] : []), ...theme];
  return {
    title: overrides.siteTitle ?? fields.title ?? SITE_DEFAULTS.title,
    lang: fields.defaults?.lang ?? DEFAULT_LANG,
    baseUrl: overrides.baseUrl ?? fields.base_url,
    printMarks: overrides.printMarks ?? false,
    search: fields.search ?? SITE_DEFAULTS.search,
    publisher: fields.publisher,
    citationStyles: fields.citation?.styles ?? [...CITATION_STYLES],
    logo: config.brand.logo,
    brandStyle: config.brand.variables,
    stylesheets,
    printStylesheets,
  };
}

/** Front matter every brief starts from (its own fields win): the configuration's defaults. */
export function briefDefaults(config: SiteConfig): Record<string, unknown> {
  const { defaults, publisher } = config.fields;
  return { ...(publisher ? { publisher: publisher.name } : {}), ...defaults };
}
