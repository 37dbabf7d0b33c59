/**
 * APA 7's sentence case for a brief's title: the first word, the first word after a colon,
 * an em dash, a question or exclamation mark, and proper nouns keep their capital; other
 * words are lowercased. Which words are proper nouns is read from the brief's own prose: a
 * word the brief writes with a capital in the middle of a sentence more often than in lower
 * case ("China", "Sony", "North Korea") is kept. Acronyms and words with an inner capital
 * ("U.S.", "FBI", "iPhone", "McDonald") are kept as written. A brief may give the exact form
 * in its front matter (`title_sentence_case:`) where this reading cannot know.
 */

/** Letters of a word without surrounding punctuation and a possessive 's: "“China’s," → "china". */
const core = (word: string): string =>
  word
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, "")
    .replace(/[’']s$/u, "")
    .replace(/\.$/u, "")
    .toLowerCase();

const startsUpper = (word: string) => /^[^\p{L}]*\p{Lu}/u.test(word);
const startsLower = (word: string) => /^[^\p{L}]*\p{Ll}/u.test(word);
/** "U.S.", "FBI", "iPhone", "McDonald", "II": an upper-case letter after the first letter. */
const innerCapital = (word: string) => /\p{L}[^\s]*\p{Lu}/u.test(word.replace(/^[^\p{L}]+/u, ""));
/** A word after which the next one starts a sentence (or, in a title, a subtitle). */
const endsClause = (word: string) => /[.!?:\u2014]["”’)\]]*$/u.test(word) && !innerCapital(word);

/**
 * The brief's plain prose from its HTML: headings (set in title case), the endnotes and the
 * works cited (titles of other works, title case too) and tags left out.
 */
export function proseOf(html: string): string {
  return html
    .replace(/<(h[1-6])\b[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<section\b[^>]*class="[^"]*\b(?:endnotes|bibliography)\b[^"]*"[^>]*>[\s\S]*?<\/section>/gi, " ")
    .replace(/<sup\b[^>]*>[\s\S]*?<\/sup>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z]+;|&#\d+;/gi, " ");
}

/** Words (lower case) that the prose writes capitalized mid-sentence more often than not. */
export function properNouns(prose: string): Set<string> {
  const upper = new Map<string, number>();
  const lower = new Map<string, number>();
  const words = prose.split(/\s+/).filter(Boolean);
  words.forEach((word, i) => {
    for (const part of word.split(/[-\u2010\u2011]/)) {
      const key = core(part);
      if (!key) continue;
      if (startsLower(part)) lower.set(key, (lower.get(key) ?? 0) + 1);
      else if (startsUpper(part) && i > 0 && !endsClause(words[i - 1])) upper.set(key, (upper.get(key) ?? 0) + 1);
    }
  });
  return new Set([...upper].filter(([key, n]) => n > (lower.get(key) ?? 0)).map(([key]) => key));
}

function lowerFirst(part: string): string {
  return part.replace(/\p{Lu}/u, (c) => c.toLowerCase());
}

function upperFirst(part: string): string {
  return part.replace(/\p{L}/u, (c) => c.toUpperCase());
}

/** The title in sentence case; `keep` holds the proper nouns (lower case, from properNouns). */
export function sentenceCase(title: string, keep: Set<string>): string {
  const tokens = title.split(/(\s+)/);
  let startOfClause = true;
  return tokens
    .map((token) => {
      if (!token.trim()) return token;
      const parts = token.split(/([-\u2010\u2011])/);
      const out = parts
        .map((part, j) => {
          if (j % 2 === 1 || !/\p{L}/u.test(part)) return part;
          if (startOfClause && j === 0) return innerCapital(part) ? part : upperFirst(part);
          if (innerCapital(part) || core(part) === "i" || keep.has(core(part))) return part;
          return lowerFirst(part);
        })
        .join("");
      startOfClause = endsClause(token);
      return out;
    })
    .join("");
}
