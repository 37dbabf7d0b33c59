/**
 * The layout corpus in CI (issue #11 item 6): 60 generated briefs on fixed seeds and the
 * issue's four reproductions, built in batches, every PDF checked from its text layer alone
 * (tests/corpus/check-pdf.ts). `npm run test:corpus -- --count N --seed S` runs more.
 *
 * A ratchet, not a wish: the layout does not hold every invariant on every brief yet (issue
 * #11 stays open), so the briefs that fail an invariant today are listed in KNOWN_FAILURES.
 * The test fails when a brief fails an invariant it is not listed for (a regression, named
 * with its reproduce command), and when a listed brief passes (a fix: take it off the list,
 * so the list always says what is still broken).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { INVARIANTS, type Invariant } from "./corpus/check-pdf.ts";
import { generateBrief, namedCases } from "./corpus/generate.ts";
import { reproduceCommand, runCorpus, type BriefResult } from "./corpus/run-corpus.ts";
import { KNOWN_FAILURES } from "./corpus/known-failures.ts";

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);
// Seeds of the 1,000-brief run (seeds 1001-2000) that failed and were fixed, kept as fixtures:
// 1009 a continued footnote skipped pages; 1022 a heading "Implementation" failed the build;
// 1029 footnote words at the wrong page foot; 1069 a table's last row on a page was printed
// nowhere; 1127 an "fi" in a spread URL lost its "i" in the PDF's text; 1138 the page after a
// link began half a page back (text printed twice).
const FIXED_SEEDS = [1009, 1022, 1029, 1069, 1127, 1138];
// Seeds of the next 1,000-brief run (seeds 2001-3000) that lost text, fixed and kept for the
// invariants about what is printed where (their pages may still be under-filled or hold a
// stretched line, which the ratchet below does not count for them): 2052 a page with room for
// three lines took the rest of the brief (Paged.js saw no overflow), twenty footnotes lost;
// 2132 Paged.js took a page's break for an earlier one (a loop) and ended the brief on page 10.
const CONTENT_SEEDS = [2052, 2132];
// Seeds of the third 1,000-brief run (seeds 3001-4000), fixed and kept: 3001 a long footnote's
// call line went on to the next page (widows took it along) and left page 13 9% full.
const FILL_SEEDS = [3001];
// What is printed where: every invariant but the two about how the pages look.
const CONTENT: Invariant[] = INVARIANTS.filter((i) => i !== "stretched" && i !== "fill");

let results: BriefResult[] = [];

/** Every failure of the briefs named, one line each. */
function failuresOf(slugs: string[]): string[] {
  const wanted = new Set(slugs);
  return results.filter((r) => wanted.has(r.brief.slug) && r.failures.length > 0).map((r) => `${r.brief.slug}: ${r.failures.map((f) => `${f.invariant} ${f.detail}`).join("; ")}`);
}

beforeAll(async () => {
  results = await runCorpus([...namedCases(), ...SEEDS.map(generateBrief), ...FIXED_SEEDS.map(generateBrief), ...FILL_SEEDS.map(generateBrief), ...CONTENT_SEEDS.map(generateBrief)], { batchSize: 16 });
}, 30 * 60_000);

describe(`the layout corpus: ${SEEDS.length} generated briefs and the issue's reproductions`, () => {
  it("checked every brief", () => {
    expect(results).toHaveLength(SEEDS.length + namedCases().length + FIXED_SEEDS.length + FILL_SEEDS.length + CONTENT_SEEDS.length);
  });

  it("the seeds that lost text in the second 1,000-brief run hold every invariant about what is printed where", () => {
    const slugs = new Set(CONTENT_SEEDS.map((s) => `corpus-${s}`));
    const lost = results.filter((r) => slugs.has(r.brief.slug)).flatMap((r) => r.failures.filter((f) => CONTENT.includes(f.invariant)).map((f) => `${r.brief.slug}: ${f.invariant} ${f.detail}`));
    expect(lost).toEqual([]);
  });

  it("the seeds fixed after the 1,000-brief runs hold every invariant", () => {
    expect(failuresOf([...FIXED_SEEDS, ...FILL_SEEDS].map((s) => `corpus-${s}`))).toEqual([]);
  });

  it("the issue's four reproductions hold every invariant", () => {
    expect(failuresOf(namedCases().map((b) => b.slug))).toEqual([]);
  });

  for (const invariant of INVARIANTS) {
    it(`${invariant}: no brief fails it beyond the known failures, and every known failure still fails`, () => {
      const known = new Set(KNOWN_FAILURES[invariant as Invariant] ?? []);
      const failing = new Map<string, BriefResult>();
      const contentOnly = new Set(CONTENT_SEEDS.map((s) => `corpus-${s}`));
      for (const r of results) if (!contentOnly.has(r.brief.slug) && r.failures.some((f) => f.invariant === invariant)) failing.set(r.brief.slug, r);
      const regressions = [...failing].filter(([slug]) => !known.has(slug)).map(([slug, r]) => {
        const f = r.failures.find((x) => x.invariant === invariant)!;
        return `${slug}${f.page ? ` p${f.page}` : ""}: ${f.detail}  [${reproduceCommand(r)}]`;
      });
      const fixed = [...known].filter((slug) => !failing.has(slug));
      expect(regressions, `new ${invariant} failures:\n${regressions.join("\n")}`).toEqual([]);
      expect(fixed, `fixed: take these off KNOWN_FAILURES.${invariant} in tests/corpus/known-failures.ts`).toEqual([]);
    });
  }
});
