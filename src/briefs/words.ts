/**
 * Words too long to print: a run of letters that cannot be hyphenated or broken stalls the
 * print hyphenation (a 100,000-letter word took 31 s) and runs off the page.
 */

/** A run of letters longer than this, outside code and URLs, is refused. No dictionary word comes near. */
export const MAX_WORD_LENGTH = 200;

/** Scripts that break lines without spaces: a run of them is not one long word. */
const NO_SPACE_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/**
 * The first run of more than `max` letters and digits in `text` (a "word" that cannot be
 * hyphenated or broken), outside URLs (which print hyphenation skips and CSS may break), and
 * not in scripts written without spaces. With its index and length.
 */
export function findLongWord(text: string, max = MAX_WORD_LENGTH): { index: number; length: number } | null {
  for (const word of text.matchAll(/\S+/g)) {
    if (word[0].length <= max || /https?:\/\/|www\./i.test(word[0])) continue;
    for (const run of word[0].matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
      if (run[0].length > max && !NO_SPACE_SCRIPTS.test(run[0])) return { index: word.index + run.index, length: run[0].length };
    }
  }
  return null;
}

