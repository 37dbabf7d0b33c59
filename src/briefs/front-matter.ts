/**
 * The brief's front matter, checked with zod. Field names are the authoring interface
 * documented in the README.
 */
import { z } from "zod";

const isoDate = z
  .union([z.date(), z.string()])
  .transform((value, ctx) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a real date: write it as YYYY-MM-DD, e.g. 2015-01-14` });
      return z.NEVER;
    }
    return text;
  });

const person = z.object({ name: z.string().min(1), role: z.string().min(1).optional() }).strict();
export type Person = z.infer<typeof person>;

const authors = z
  .union([z.string().min(1), person, z.array(z.union([z.string().min(1), person])).min(1)])
  .transform((value): Person[] => (Array.isArray(value) ? value : [value]).map((a) => (typeof a === "string" ? { name: a } : a)));

const bcp47 = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { message: "must be a BCP 47 language tag such as en-US, en-GB or zh-Hans" },
);

export const frontMatterSchema = z.object({
  title: z.string({ error: "title is required: add `title: \"…\"` to the front matter" }).trim().min(1, "title must not be empty"),
  short_title: z.string().trim().min(1).optional(),
  subtitle: z.string().trim().min(1).optional(),
  author: authors.optional(),
  publisher: z.string().trim().min(1).optional(),
  series: z.string().trim().min(1).optional(),
  report_number: z.union([z.string(), z.number()]).transform(String).optional(),
  date: isoDate,
  lang: bcp47.default("en-US"),
  page: z.enum(["letter", "a4"], { error: 'page must be "letter" or "a4"' }).default("letter"),
  summary: z.string().trim().min(1).optional(),
  keywords: z.union([z.string(), z.array(z.string())]).transform((k) => (Array.isArray(k) ? k : k.split(/\s*,\s*/)).filter(Boolean)).optional(),
  disclaimer: z.string().trim().min(1).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export const KNOWN_KEYS = new Set(Object.keys(frontMatterSchema.shape));
