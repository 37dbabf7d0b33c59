/** The known keys nearest to a mistyped one (edit distance, case ignored), closest first. */
export function closestKeys(key: string, known: string[], limit: number): string[] {
  const wanted = key.toLowerCase();
  const most = Math.max(2, Math.floor(wanted.length / 3));
  return known
    .map((k) => ({ k, d: editDistance(wanted, k.toLowerCase()) }))
    .filter(({ d }) => d <= most)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, limit)
    .map(({ k }) => k);
}

/** Levenshtein distance with transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Math.abs(a.length - b.length);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
