/**
 * Reads and checks `briefpress.yml` at the top of the content folder: the site, its publisher,
 * the briefs' defaults, the brand and an optional theme folder. Every problem is a BriefError
 * at the line of the field; a folder without the file gets briefpress's defaults.
 *
 * Trust: the configuration is data (YAML, schema-checked, nothing in it runs). The files it
 * names (logo, fonts) are data too, checked like a brief's images and kept inside the
 * configuration's folder. A theme folder holds trusted project code (CSS, templates): it must
 * lie outside the content folder, where briefs are untrusted, and the content folder may not
 * lie inside it; only the declared folder is read, never templates found among briefs.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { BriefError } from "../errors.ts";
import { isInside } from "../briefs/find.ts";
import { describeIssue } from "../briefs/front-matter.ts";
import { readYamlFields } from "../yaml/read-fields.ts";
import { resolveBrand, type Brand } from "./brand.ts";
import { CONFIG_FIELDS, CONFIG_FILE, siteConfigSchema, type SiteConfigFields } from "./schema.ts";

export interface SiteConfig {
  /** The configuration file, when the content folder has one. */
  file?: string;
  fields: SiteConfigFields;
  brand: Brand;
  /** The theme folder (resolved), when the configuration declares one. */
  theme?: string;
  /** Files that belong to the configuration (itself, logo, fonts): not briefs, not skipped. */
  files: string[];
}

const MAX_CONFIG_BYTES = 256 * 1024;

/** A content folder without briefpress.yml: briefpress's defaults. */
export const NO_CONFIG: SiteConfig = { fields: {}, brand: { css: "", variables: "", faces: "", files: new Map() }, files: [] };

export async function loadSiteConfig(inputDir: string): Promise<{ config: SiteConfig; errors: BriefError[] }> {
  const dir = path.resolve(inputDir);
  const file = path.join(dir, CONFIG_FILE);
  const none = NO_CONFIG;
  const info = await stat(file).catch(() => undefined);
  if (!info) return { config: none, errors: [] };
  const fail = (line: number, message: string) => ({ config: { ...none, file, files: [file] }, errors: [new BriefError(file, line, message)] });
  if (!info.isFile()) return fail(1, `${CONFIG_FILE} must be a file`);
  if (info.size > MAX_CONFIG_BYTES) return fail(1, `${CONFIG_FILE} is ${Math.round(info.size / 1024)} KB: a site configuration is a few lines (at most ${MAX_CONFIG_BYTES / 1024} KB)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(file));
  } catch {
    return fail(1, `${CONFIG_FILE} is not UTF-8 text: save it with UTF-8 encoding`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const read = readYamlFields(text.replace(/\r\n?/g, "\n"), {
    firstLine: 1,
    what: CONFIG_FILE,
    notAMapping: `${CONFIG_FILE} must be a list of fields (key: value), e.g. "title: My briefs"`,
  });
  if ("problems" in read) return { config: { ...none, file, files: [file] }, errors: read.problems.map((p) => new BriefError(file, p.line, p.message)) };
  const { value: raw, lineOf } = read.fields;
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const message = issue.code === "unrecognized_keys"
        ? `${issue.path.length ? `${issue.path.join(".")} has` : `${CONFIG_FILE} has`} an unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}${issue.path.length ? "" : ` (known fields: ${Object.keys(CONFIG_FIELDS).join(", ")})`}`
        : describeIssue(issue as Parameters<typeof describeIssue>[0], raw).replace(/ to the front matter/, ` to ${CONFIG_FILE}`);
      const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
      return new BriefError(file, lineOf(at as PropertyKey[]), message);
    });
    return { config: { ...none, file, files: [file] }, errors };
  }
  const fields = parsed.data;
  const errors: BriefError[] = [];
  const { brand, problems } = await resolveBrand(fields.brand, dir);
  for (const p of problems) errors.push(new BriefError(file, lineOf(p.path), p.message));
  let theme: string | undefined;
  if (fields.theme !== undefined) {
    const outcome = await themeFolder(dir, fields.theme);
    if ("problem" in outcome) errors.push(new BriefError(file, lineOf(["theme"]), outcome.problem));
    else theme = outcome.folder;
  }
  const fonts = Object.values(fields.brand?.fonts ?? {}).flatMap((f) => (typeof f === "object" ? f.files.map((x) => x.file) : []));
  const named = [fields.brand?.logo?.file, fields.brand?.logo?.file_dark, ...fonts].filter((f): f is string => !!f).map((f) => path.join(dir, f));
  return { config: { file, fields, brand, theme, files: [file, ...named] }, errors };
}

/** The theme folder named in the configuration, if it may be loaded (see the trust note above). */
export async function themeFolder(contentDir: string, name: string): Promise<{ folder: string } | { problem: string }> {
  const given = path.resolve(contentDir, name);
  let folder: string;
  try {
    folder = await realpath(given);
  } catch {
    return { problem: `theme: the folder "${name}" was not found (it is read relative to ${CONFIG_FILE})` };
  }
  if (!(await stat(folder)).isDirectory()) return { problem: `theme: "${name}" is not a folder` };
  const content = await realpath(contentDir);
  if (isInside(folder, content)) {
    return { problem: `theme: "${name}" is inside the content folder, where briefs are untrusted; a theme is project code (CSS, templates): keep it outside, e.g. theme: ../theme` };
  }
  if (isInside(content, folder)) {
    return { problem: `theme: "${name}" holds the content folder itself; a theme is a folder of its own beside the content (e.g. theme: ../theme), so nothing among the briefs is read as a template` };
  }
  return { folder };
}
