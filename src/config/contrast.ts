/**
 * WCAG 2 contrast between two sRGB colours (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio):
 * (L1 + 0.05) / (L2 + 0.05) of their relative luminances, from 1 to 21.
 */

/** `#abc` or `#aabbcc` as [r, g, b] in 0..255. */
export function parseHex(colour: string): [number, number, number] {
  const hex = colour.replace(/^#/, "");
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a #rrggbb colour: ${colour}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseHex(colour).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2 AA: 4.5:1 for text (1.4.3), 3:1 for focus indicators and other non-text parts (1.4.11). */
export const AA_TEXT = 4.5;
export const AA_NON_TEXT = 3;
