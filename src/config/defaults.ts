/**
 * The site's defaults, written once: what a build uses when neither the command line nor
 * briefpress.yml says otherwise. (No imports: the command line reads these at start-up.)
 */

/** The configuration's file name, at the top of the content folder. */
export const CONFIG_FILE = "briefpress.yml";

export const SITE_DEFAULTS = {
  title: "Briefs",
  search: true,
} as const;
