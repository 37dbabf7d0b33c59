/**
 * Chicago notes-and-bibliography examples (17th edition) that the citation tests check the
 * notes against: tests/citations.test.ts (the engine's output) and tests/citations-build.test.ts
 * (the built web page and PDF).
 *
 * Sources of the expected notes (quoted verbatim; italics are not visible in the text). Each
 * constant below names its source; they are of three kinds, and the kind is said each time:
 * - [guide] "Notes and Bibliography: Sample Citations", the citation quick guide for the 17th
 *   edition that the University of Chicago Press publishes on The Chicago Manual of Style Online
 *   (chicagomanualofstyle.org/tools_citationguide/citation-guide-1.html): Chicago's own
 *   examples, though not paragraphs of the Manual.
 * - [Manual] CMOS 17 14.219 (unpublished interviews), as the Chicago Manual of Style Online's
 *   Q&A quotes it (chicagomanualofstyle.org/qanda/data/faq/topics/Documentation/faq0026.html).
 * - [other guide] for reports, guides by others that follow the 17th edition (named there):
 *   no report example of the Manual or of Chicago's quick guide was found.
 * No published Chicago example of a press release was found (see the press release test in
 * tests/citations.test.ts).
 * Paragraph numbers and names of the Manual (17th ed.) cited in comments, e.g. 14.20 "Basic
 * structure of a note", 14.30 "Basic structure of the short form", 14.33 "Short form for titles
 * of works", 14.34 "Shortened citations versus 'ibid.'", are those of its table of contents as
 * compiled from chicagomanualofstyle.org (docslib.org/doc/2933740/chicago-manual-style-pdf).
 *
 * Searched again on 2026-11-27 (second round), for the Manual's own report, press-release and
 * government-document examples: stored web pages ("press release", "news release", 14.200,
 * 14.207, 14.220, 14.281ff, the Q&A, Shop Talk, library guides), documentation, GitHub issues
 * (citation-style-language/styles: the 18th-edition rewrite, #7424, links its encodings of the
 * Manual's examples in a Zotero group, not their text) and code (CSL and citeproc-js fixtures,
 * biblatex-chicago's notes-test.bib, Windy City). Found:
 * - brianchase/windycity (a biblatex style whose doc/windycity.tex "reproduce[s] examples from
 *   CMOS chapters 14 and 15"), doc/windycity.bib, commit 555b51d: the data, not the printed
 *   notes, of the Manual's examples under "14.220 Pamphlets, reports, and the like"
 *   (MANUAL_REPORT_EXAMPLES below) and under "14.200 News services and news releases", whose
 *   only example is a news-service article (Associated Press in the Dallas Morning News), not a
 *   release.
 * - The rule for reports as a university guide gives it for the 17th edition (with
 *   MANUAL_REPORT_EXAMPLES below).
 * The printed notes of those examples were not found in any of them, so no report or press
 * release note below is the Manual's own.
 *
 * Searched a third time on 2026-11-28, for the same: stored web pages ("14.220 Pamphlets,
 * reports", "14.200 News services and news releases", "Chicago Manual of Style Q&A press
 * release", the Q&A's mirror chicagomanualofstyle-swb.orc.scoolaid.net, library guides for 17th-
 * edition press releases and government documents: UQ, UCD, Newcastle, Lone Star), documentation
 * and code ("news release" in CSL and citeproc fixtures, "14.220" in code). Found again only
 * guides by others (their own examples, no paragraph of the Manual quoted) and docslib.org's
 * compilation of the Manual's chapter 14 from chicagomanualofstyle.org, whose stored excerpt
 * reaches 14.36 only. So the report and press-release forms stay as above: no published Chicago
 * example of either is quoted here.
 */

/**
 * The Manual's examples under 14.220 "Pamphlets, reports, and the like", as brianchase/windycity
 * doc/windycity.bib (commit 555b51d) encodes them, in CSL JSON (type set by the test). The third
 * there, a loose-leaf tax reporter cited by paragraph, is left out: not a report of a brief's kind.
 * The rule they illustrate, as the University of Newcastle's 17th-edition guide gives it
 * (libguides.newcastle.edu.au/chicago-a/report), verbatim: "Corporate reports, pamphlets,
 * brochures, and other freestanding publications are treated essentially as books."
 */
export const MANUAL_REPORT_EXAMPLES = [
  { id: "lifestyles1996", title: "Lifestyles in Retirement", "collection-title": "Library Series", "publisher-place": "New York", publisher: "TIAA-CREF", issued: { "date-parts": [[1996]] } },
  { id: "mcdonalds2014", author: [{ literal: "McDonald's Corporation" }], title: "2014 Annual Report", issued: { "date-parts": [[2015, 3]] }, URL: "http://www.aboutmcdonalds.com/mcd/investors/annual_reports.html" },
];

/** Chicago's published examples (17th ed.), verbatim; [guide] unless marked [Manual]. */
export const CHICAGO = {
  // [guide] Book, notes 1 and 2 and the bibliography entry.
  book: "Zadie Smith, Swing Time (New York: Penguin Press, 2016), 315–16.",
  bookShort: "Smith, Swing Time, 320.",
  bookEntry: "Smith, Zadie. Swing Time. New York: Penguin Press, 2016.",
  // [guide] Magazine article.
  magazine: "Rebecca Mead, “The Prophet of Dystopia,” New Yorker, April 17, 2017, 43.",
  magazineShort: "Mead, “Dystopia,” 47.",
  magazineEntry: "Mead, Rebecca. “The Prophet of Dystopia.” New Yorker, April 17, 2017.",
  // [guide] News or magazine article read online.
  newspaper:
    "Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York Times, March 8, 2017, https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.",
  newspaperShort: "Manjoo, “Snap.”",
  newspaperEntry:
    "Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York Times, March 8, 2017. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.",
  // [guide] Website content.
  web: "“Privacy Policy,” Privacy & Terms, Google, last modified April 17, 2017, https://www.google.com/policies/privacy/.",
  webShort: "Google, “Privacy Policy.”",
  webEntry: "Google. “Privacy Policy.” Privacy & Terms. Last modified April 17, 2017. https://www.google.com/policies/privacy/.",
  // [guide] Interview.
  interview:
    "Kory Stamper, “From ‘F-Bomb’ to ‘Photobomb,’ How the Dictionary Keeps Up with English,” interview by Terry Gross, Fresh Air, NPR, April 19, 2017, audio, 35:25, http://www.npr.org/2017/04/19/524618639/from-f-bomb-to-photobomb-how-the-dictionary-keeps-up-with-english.",
  interviewShort: "Stamper, interview.",
  interviewEntry:
    "Stamper, Kory. “From ‘F-Bomb’ to ‘Photobomb,’ How the Dictionary Keeps Up with English.” Interview by Terry Gross. Fresh Air, NPR, April 19, 2017. Audio, 35:25. http://www.npr.org/2017/04/19/524618639/from-f-bomb-to-photobomb-how-the-dictionary-keeps-up-with-english.",
  // [Manual] CMOS 17 14.219, as quoted in the Chicago Manual of Style Online's Q&A (note 8 there).
  unpublishedInterview:
    "Benjamin Spock, interview by Milton J. E. Senn, November 20, 1974, interview 67A, transcript, Senn Oral History Collection, National Library of Medicine, Bethesda, MD.",
};

/**
 * Reports, against published Chicago 17 notes-bibliography examples (quoted verbatim, italics
 * not visible in the text). No report example of The Chicago Manual of Style itself was
 * reachable; these are guides that follow it:
 * - Grafiati, "Chicago 17 notes and bibliography: Report"
 *   (grafiati.com/en/info/chicago-17-notes-and-bibliography/report): organizations as authors.
 * - "How to Cite a Report in Chicago/Turabian" (17th edition), theknowledge.site
 *   (theknowledge.site/assignment/how-to-cite-a-research-report-chicago): a person as author.
 */
export const REPORTS = {
  unesco: "UNESCO, World Trends in Freedom of Expression and Media Development: Regional Overview of Asia Pacific, 2017/2018 (Paris: UNESCO, 2018), 44, https://unesdoc.unesco.org/ark:/48223/pf0000266192?posInSet=11&queryId=N-8639500c-0275-466f-a369-680b3eb0d981.",
  unescoShort: "UNESCO, World Trends, 44.",
  unescoEntry: "UNESCO. World Trends in Freedom of Expression and Media Development: Regional Overview of Asia Pacific, 2017/2018. Paris: UNESCO, 2018. https://unesdoc.unesco.org/ark:/48223/pf0000266192?posInSet=11&queryId=N-8639500c-0275-466f-a369-680b3eb0d981.",
  wef: "World Economic Forum, The Global Risks Report 2020 (Cologny: WEF, 2020), 31, http://www3.weforum.org/docs/WEF_Global_Risk_Report_2020.pdf.",
  wefShort: "World Economic Forum, Global Risks Report 2020, 31.",
  wefEntry: "World Economic Forum. The Global Risks Report 2020. Cologny: WEF, 2020. http://www3.weforum.org/docs/WEF_Global_Risk_Report_2020.pdf.",
  hrw: "Yulia Gorbunova, Laws of Attrition: Crackdown on Russia’s Civil Society After Putin’s Return to the Presidency (New York: Human Rights Watch, 2013), https://www.hrw.org/reports/2013/04/24/laws-attrition.",
  hrwEntry: "Gorbunova, Yulia. Laws of Attrition: Crackdown on Russia’s Civil Society After Putin’s Return to the Presidency. New York: Human Rights Watch, 2013. https://www.hrw.org/reports/2013/04/24/laws-attrition.",
};
