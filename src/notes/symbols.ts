/** The traditional footnote symbols, in order; after the sixth they double (**, ††, …). */
export const FOOTNOTE_SYMBOLS = ["*", "\u2020", "\u2021", "\u00a7", "\u2016", "\u00b6"] as const;

/** Symbol for the footnote at 0-based position `index` in a sequence. */
export function symbolFor(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`symbolFor: index must be a non-negative integer, got ${index}`);
  const symbol = FOOTNOTE_SYMBOLS[index % FOOTNOTE_SYMBOLS.length];
  return symbol.repeat(Math.floor(index / FOOTNOTE_SYMBOLS.length) + 1);
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "first", "second", … then "11th". */
export function ordinalWord(n: number): string {
  if (n >= 1 && n <= ORDINALS.length) return ORDINALS[n - 1];
  const rem100 = n % 100;
  const suffix = rem100 >= 11 && rem100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** a, b, … z, aa, ab, … for the 0-based call index of a note called several times. */
export function letterFor(index: number): string {
  let n = index;
  let out = "";
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
