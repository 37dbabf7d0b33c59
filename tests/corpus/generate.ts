/**
 * A seeded generator of ordinary briefs for the layout corpus (issue #11, item 6).
 *
 * `generateBrief(seed)` is pure: the same seed gives the same Markdown and the same
 * expectation, on any machine (mulberry32, no Math.random). Each brief comes with what the
 * PDF checker needs to know about it: the running text word by word (with the note calls
 * each word carries), the Notes list, every footnote's words in call order, and which words
 * start a heading.
 *
 * The briefs are "ordinary": real words of English, German and French (with the long ones
 * a layout must survive), paragraphs from one line to 1,500 words, lists, block quotes,
 * tables, h2/h3 headings, a Chinese passage, very long URLs, 0 to ~25 notes a page, footnotes
 * from one line to three pages, calls side by side, Letter and A4.
 *
 * The issue's reproductions are fixed named cases: `namedCases()`.
 */
import { labelsFor } from "../../src/site/labels.ts";

/** A note call carried by a word: an endnote number or a footnote label. */
export type ExpectedCall = { kind: "endnote"; number: number } | { kind: "footnote"; label: string };

/** One word of running text as the PDF must show it (calls printed right after it). */
export interface ExpectedWord {
  text: string;
  calls: ExpectedCall[];
  /** First word of a heading (h2/h3, or the Notes heading). */
  headingStart?: boolean;
}

export interface ExpectedFootnote {
  label: string;
  words: string[];
}

export interface ExpectedBrief {
  /** Running text from the first heading to the end of the Notes list, in reading order. */
  body: ExpectedWord[];
  /** Footnotes in the order of their calls. */
  footnotes: ExpectedFootnote[];
  page: "letter" | "a4";
  lang: string;
  /** Each table's header row, as words: print repeats it on every page the table continues on. */
  tableHeaders?: string[][];
}

export interface GeneratedBrief {
  /** File name without `.md`: also the PDF's name. */
  slug: string;
  /** The seed (generated briefs) or the case name (named reproductions). */
  seed: number | string;
  markdown: string;
  expected: ExpectedBrief;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    // Mix the seed so that neighbouring seeds start far apart.
    this.next = mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    const total = choices.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of choices) {
      r -= w;
      if (r < 0) return v;
    }
    return choices[choices.length - 1][1];
  }
}

// ---------------------------------------------------------------------------------------
// Word banks: real words, with frequent short function words so line lengths are realistic.

const EN_FUNCTION = "the of and to in a that is for on as with by was it be at from has are have not this which or an their its but were been also would will more than".split(" ");
const EN_CONTENT = (
  "administration government policy security economic commission report analysis cooperation cyber network " +
  "infrastructure response officials agreement dialogue international national regional strategy development " +
  "investment evidence decision sanctions relations capability operations intelligence assessment framework " +
  "implementation accountability mechanisms institutional resistance participating organizations documentation " +
  "requirements recommended comprehensive independent standardized considerable notwithstanding telecommunications " +
  "responsibility deterrence proportionate retaliation unprecedented characteristically interdepartmental " +
  "counterintelligence indistinguishable disproportionately internationalization reconsideration " +
  "market trade export import tariff currency budget deficit growth industry manufacturing supply chain " +
  "energy climate emissions transition coal renewable grid capacity storage pipeline maritime territorial " +
  "claims dispute tribunal arbitration ruling compliance enforcement oversight hearing testimony committee " +
  "legislation statute provision amendment clause exemption waiver license export-control dual-use " +
  "semiconductor equipment technology research university laboratory talent visa students researchers " +
  "bilateral multilateral alliance partner treaty summit declaration communiqué minister ministry spokesperson " +
  "statement press conference interview survey data figures estimate percent quarter annual fiscal year " +
  "public private sector state-owned enterprise firm company subsidiary investor shareholder board " +
  "province city county village rural urban population workers labor wages employment pension health"
).split(" ");
const EN_GB = "organisation behaviour programme centre defence licence analyse favour labour realise".split(" ");
const EN_US = "organization behavior program center defense license analyze favor labor realize".split(" ");

const DE_FUNCTION = "der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach bei um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch".split(" ");
const DE_CONTENT = (
  "Regierung Verwaltung Kommission Bericht Sicherheit Zusammenarbeit Verhandlungen Entscheidung Maßnahmen " +
  "Rechtsschutzversicherungsgesellschaften Donaudampfschifffahrtsgesellschaft Verantwortlichkeit " +
  "Bundesverfassungsgericht Datenschutzgrundverordnung Wirtschaftspolitik Außenministerium Gesetzgebung " +
  "Infrastruktur Unternehmen Öffentlichkeit Bevölkerung Arbeitsmarkt Energiewende Klimaschutz Forschung " +
  "Entwicklung Digitalisierung Behörden Länder Gemeinden Haushalt Ausgaben Einnahmen Steuern Wachstum " +
  "wirtschaftlich politisch international erheblich unabhängig umfassend grundsätzlich gegenwärtig " +
  "berücksichtigt empfohlen beschlossen veröffentlicht untersucht festgestellt vereinbart umgesetzt " +
  "Abkommen Vertrag Bündnis Partner Gipfel Erklärung Minister Sprecher Interview Umfrage Zahlen Prozent"
).split(" ");

const FR_FUNCTION = "le la les de des du et à en un une que qui dans pour par sur au aux est sont a ont ne pas plus ce cette ces son sa ses leur leurs avec comme mais ou".split(" ");
const FR_CONTENT = (
  "gouvernement administration commission rapport sécurité coopération négociations décision mesures " +
  "responsabilité développement infrastructure entreprises population marché énergie climat recherche " +
  "internationalisation anticonstitutionnellement extraordinairement interministérielle réglementation " +
  "économique politique internationale considérable indépendante recommandé approuvé publié examiné " +
  "accord traité alliance partenaire sommet déclaration ministre porte-parole entretien enquête chiffres " +
  "budget dépenses recettes impôts croissance emploi salaires retraites santé régions communes État"
).split(" ");

/** Chinese sentences (a passage quoted from a statement, as briefs on China often have). */
const ZH_SENTENCES = [
  "中方一贯反对一切形式的网络攻击。",
  "我们愿同各方一道，在相互尊重的基础上开展对话与合作。",
  "网络空间的和平与安全关系到各国的共同利益。",
  "有关方面应当以事实为依据，避免无端指责。",
  "国际社会应共同制定网络空间负责任国家行为规范。",
  "中国政府高度重视网络安全问题，并将继续依法打击网络犯罪。",
  "双方同意保持沟通，加强在执法领域的务实合作。",
];

const URL_HOSTS = ["www.uscc.gov", "www.bundesregierung.de", "www.legifrance.gouv.fr", "documents.example.org", "www.congress.gov"];
const URL_PARTS = ["research", "annual-report", "hearings", "2015", "testimony", "press-releases", "documents", "implementation-of-the-accountability-mechanisms", "statement-on-the-sony-pictures-investigation", "appendix", "final-report-of-the-independent-commission-on-documentation-requirements", "pdf"];

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The words of one language for a brief. */
interface Lexicon {
  func: readonly string[];
  content: readonly string[];
}

function lexiconFor(lang: string): Lexicon {
  if (lang === "de") return { func: DE_FUNCTION, content: DE_CONTENT };
  if (lang === "fr") return { func: FR_FUNCTION, content: FR_CONTENT };
  return { func: EN_FUNCTION, content: [...EN_CONTENT, ...(lang === "en-GB" ? EN_GB : EN_US)] };
}

function longUrl(rng: Random): string {
  const parts = Array.from({ length: rng.int(2, 6) }, () => rng.pick(URL_PARTS));
  return `https://${rng.pick(URL_HOSTS)}/${parts.join("/")}${rng.chance(0.5) ? ".pdf" : ""}`;
}

// ---------------------------------------------------------------------------------------
// Inline content: a list of pieces that render both to Markdown and to expected words.

interface Piece {
  text: string;
  /** Rendered in italics: `*text*` (one word, no spaces). */
  em?: boolean;
  /** An autolink `<url>`. */
  url?: boolean;
  calls: ExpectedCall[];
}

function pieceMarkdown(p: Piece): string {
  const calls = p.calls.map((c) => (c.kind === "endnote" ? `[^${c.number}]` : `[^*${c.label}]`)).join("");
  const text = p.url ? `<${p.text}>` : p.em ? `*${p.text}*` : p.text;
  return text + calls;
}

function piecesMarkdown(pieces: Piece[]): string {
  return pieces.map(pieceMarkdown).join(" ");
}

/** Words of prose: sentences of 5–28 words with commas; `count` words in all. */
function prose(rng: Random, lex: Lexicon, count: number, opts: { urls?: boolean; em?: boolean } = {}): Piece[] {
  const out: Piece[] = [];
  let sentenceLeft = 0;
  for (let i = 0; i < count; i++) {
    const starting = sentenceLeft === 0;
    if (starting) sentenceLeft = Math.min(count - i, rng.int(5, 28));
    let word: string;
    let url = false;
    if (opts.urls && !starting && rng.chance(0.004)) {
      word = longUrl(rng);
      url = true;
    } else {
      word = rng.chance(0.45) ? rng.pick(lex.func) : rng.pick(lex.content);
      if (starting) word = capitalize(word);
    }
    sentenceLeft--;
    if (!url) {
      if (sentenceLeft === 0) word += rng.pick([".", ".", ".", ".", "?", ";"].slice(0, i === count - 1 ? 3 : 6));
      else if (rng.chance(0.07)) word += ",";
    }
    const em = !url && !!opts.em && rng.chance(0.01);
    out.push({ text: word, em, url, calls: [] });
  }
  // A paragraph ends a sentence.
  const last = out[out.length - 1];
  if (last && !last.url && !/[.?]$/.test(last.text)) last.text = last.text.replace(/[,;]$/, "") + ".";
  return out;
}

// ---------------------------------------------------------------------------------------
// Blocks

type Block =
  | { kind: "heading"; level: 2 | 3; pieces: Piece[] }
  | { kind: "paragraph"; pieces: Piece[] }
  | { kind: "chinese"; pieces: Piece[] }
  | { kind: "list"; ordered: boolean; items: Piece[][] }
  | { kind: "quote"; paragraphs: Piece[][] }
  | { kind: "table"; header: string[]; rows: string[][] };

interface NoteDef {
  call: ExpectedCall;
  /** Paragraphs of the note's body. */
  paragraphs: Piece[][];
}

/** Length of a paragraph in words: mostly ordinary, some one-liners, some very long. */
function paragraphLength(rng: Random): number {
  return rng.weighted([
    [10, rng.int(4, 12)],
    [45, rng.int(30, 120)],
    [30, rng.int(120, 260)],
    [10, rng.int(260, 600)],
    [5, rng.int(600, 1500)],
  ] as const);
}

/** Length of a footnote in words: from one line to about three pages. */
function footnoteLength(rng: Random): number {
  return rng.weighted([
    [50, rng.int(3, 20)],
    [30, rng.int(20, 80)],
    [12, rng.int(80, 300)],
    [5, rng.int(300, 1200)],
    [3, rng.int(1200, 3300)],
  ] as const);
}

interface GenState {
  rng: Random;
  lex: Lexicon;
  notes: NoteDef[];
  endnoteCount: number;
  footnoteCount: number;
  /** Probability that a word carries a call. */
  callRate: number;
  /** Share of calls that are footnotes. */
  footnoteShare: number;
}

function newFootnote(st: GenState): NoteDef {
  const label = `f${++st.footnoteCount}`;
  const words = footnoteLength(st.rng);
  const paragraphs: Piece[][] = [];
  let left = words;
  while (left > 0) {
    const n = paragraphs.length === 0 || left < 60 ? left : Math.min(left, st.rng.int(40, 400));
    paragraphs.push(prose(st.rng, st.lex, n, { urls: true }));
    left -= n;
  }
  return { call: { kind: "footnote", label }, paragraphs };
}

function newEndnote(st: GenState): NoteDef {
  const number = ++st.endnoteCount;
  const words = st.rng.weighted([
    [70, st.rng.int(4, 25)],
    [25, st.rng.int(25, 80)],
    [5, st.rng.int(80, 250)],
  ] as const);
  const body = prose(st.rng, st.lex, words);
  if (st.rng.chance(0.3)) body.push({ text: longUrl(st.rng), url: true, calls: [] });
  return { call: { kind: "endnote", number }, paragraphs: [body] };
}

/** Puts note calls on some words of `pieces` (after punctuation, as authors do). */
function addCalls(st: GenState, pieces: Piece[]): void {
  for (const p of pieces) {
    if (p.url || !st.rng.chance(st.callRate)) continue;
    const side = st.rng.chance(0.12); // calls side by side: [^4][^*x]
    const first = st.rng.chance(st.footnoteShare) ? newFootnote(st) : newEndnote(st);
    st.notes.push(first);
    p.calls.push(first.call);
    if (side) {
      const second = first.call.kind === "endnote" ? newFootnote(st) : newEndnote(st);
      st.notes.push(second);
      // Endnote first, then the footnote: "4,*" (either order is valid Markdown; keep both).
      if (st.rng.chance(0.7) && second.call.kind === "footnote") p.calls.push(second.call);
      else p.calls.unshift(second.call);
    }
  }
}

function tableBlock(st: GenState): Block {
  const cols = st.rng.int(2, 4);
  const cell = () => {
    const w = st.rng.pick(st.lex.content);
    return st.rng.chance(0.4) ? String(st.rng.int(1, 9999)) : capitalize(w.length > 14 ? w.slice(0, 10) : w);
  };
  const header = Array.from({ length: cols }, () => capitalize(st.rng.pick(st.lex.content).slice(0, 12)));
  const rows = Array.from({ length: st.rng.int(2, 7) }, () => Array.from({ length: cols }, cell));
  return { kind: "table", header, rows };
}

function headingPieces(st: GenState): Piece[] {
  const n = st.rng.int(1, 9);
  return Array.from({ length: n }, (_, i) => {
    const w = i === 0 ? capitalize(st.rng.pick(st.lex.content)) : st.rng.chance(0.4) ? st.rng.pick(st.lex.func) : st.rng.pick(st.lex.content);
    return { text: w, calls: [] };
  });
}

function bodyBlocks(st: GenState, withChinese: boolean): Block[] {
  const blocks: Block[] = [];
  const sections = st.rng.int(2, 7);
  const chineseSection = withChinese ? st.rng.int(0, sections - 1) : -1;
  for (let s = 0; s < sections; s++) {
    blocks.push({ kind: "heading", level: 2, pieces: headingPieces(st) });
    const n = st.rng.int(1, 7);
    for (let b = 0; b < n; b++) {
      const kind = st.rng.weighted([
        [70, "paragraph"],
        [8, "list"],
        [7, "quote"],
        [5, "table"],
        [10, "h3"],
      ] as const);
      if (kind === "h3") {
        blocks.push({ kind: "heading", level: 3, pieces: headingPieces(st) });
        const pieces = prose(st.rng, st.lex, paragraphLength(st.rng), { urls: true, em: true });
        addCalls(st, pieces);
        blocks.push({ kind: "paragraph", pieces });
      } else if (kind === "paragraph") {
        const pieces = prose(st.rng, st.lex, paragraphLength(st.rng), { urls: true, em: true });
        addCalls(st, pieces);
        blocks.push({ kind: "paragraph", pieces });
      } else if (kind === "list") {
        const items = Array.from({ length: st.rng.int(2, 6) }, () => {
          const pieces = prose(st.rng, st.lex, st.rng.int(3, 60));
          addCalls(st, pieces);
          return pieces;
        });
        blocks.push({ kind: "list", ordered: st.rng.chance(0.4), items });
      } else if (kind === "quote") {
        const paragraphs = Array.from({ length: st.rng.int(1, 2) }, () => {
          const pieces = prose(st.rng, st.lex, st.rng.int(15, 150));
          addCalls(st, pieces);
          return pieces;
        });
        blocks.push({ kind: "quote", paragraphs });
      } else {
        blocks.push(tableBlock(st));
      }
    }
    if (s === chineseSection) {
      const sentences = Array.from({ length: st.rng.int(2, 12) }, () => st.rng.pick(ZH_SENTENCES));
      blocks.push({ kind: "chinese", pieces: [{ text: sentences.join(""), calls: [] }] });
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Rendering to Markdown and to the expectation

function wordsOf(pieces: Piece[], headingStart = false): ExpectedWord[] {
  return pieces.map((p, i) => ({ text: p.text, calls: [...p.calls], ...(headingStart && i === 0 ? { headingStart: true } : {}) }));
}

function plainWords(text: string): ExpectedWord[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w, calls: [] }));
}

interface Document {
  slug: string;
  seed: number | string;
  title: string;
  lang: string;
  page: "letter" | "a4";
  blocks: Block[];
  notes: NoteDef[];
}

function indentBody(paragraphs: Piece[][]): string {
  return paragraphs.map((p, i) => (i === 0 ? piecesMarkdown(p) : `    ${piecesMarkdown(p)}`)).join("\n\n");
}

export function renderDocument(doc: Document): GeneratedBrief {
  const md: string[] = [
    "---",
    `title: ${JSON.stringify(doc.title)}`,
    "author:",
    "  - name: Corpus Generator",
    "    role: Layout Test",
    "publisher: Layout Corpus",
    "date: 2015-01-14",
    `lang: ${doc.lang}`,
    `page: ${doc.page}`,
    "---",
    "",
  ];
  const body: ExpectedWord[] = [];
  const tableHeaders: string[][] = [];
  let orderedSoFar = 0;
  for (const block of doc.blocks) {
    switch (block.kind) {
      case "heading":
        md.push(`${"#".repeat(block.level)} ${piecesMarkdown(block.pieces)}`, "");
        body.push(...wordsOf(block.pieces, true));
        break;
      case "paragraph":
      case "chinese":
        md.push(piecesMarkdown(block.pieces), "");
        body.push(...wordsOf(block.pieces));
        break;
      case "list": {
        // Markdown joins a list to the list of the same kind right before it: numbering goes on.
        const before = doc.blocks[doc.blocks.indexOf(block) - 1];
        const first = before?.kind === "list" && before.ordered && block.ordered ? orderedSoFar : 0;
        block.items.forEach((item, i) => {
          md.push(`${block.ordered ? `${first + i + 1}.` : "-"} ${piecesMarkdown(item)}`);
          body.push(...(block.ordered ? [{ text: `${first + i + 1}.`, calls: [] }] : []), ...wordsOf(item));
        });
        orderedSoFar = block.ordered ? first + block.items.length : 0;
        md.push("");
        break;
      }
      case "quote":
        md.push(block.paragraphs.map((p) => `> ${piecesMarkdown(p)}`).join("\n>\n"), "");
        for (const p of block.paragraphs) body.push(...wordsOf(p));
        break;
      case "table":
        md.push(`| ${block.header.join(" | ")} |`, `| ${block.header.map(() => "---").join(" | ")} |`);
        for (const row of block.rows) md.push(`| ${row.join(" | ")} |`);
        md.push("");
        for (const row of [block.header, ...block.rows]) for (const cell of row) body.push(...plainWords(cell));
        tableHeaders.push(block.header.flatMap((cell) => plainWords(cell).map((w) => w.text)));
        break;
    }
  }
  // Definitions, endnotes and footnotes, in the order they were created.
  for (const note of doc.notes) {
    const label = note.call.kind === "endnote" ? String(note.call.number) : `*${note.call.label}`;
    md.push(`[^${label}]: ${indentBody(note.paragraphs)}`, "");
  }
  const endnotes = doc.notes.filter((n) => n.call.kind === "endnote").sort((a, b) => (a.call as { number: number }).number - (b.call as { number: number }).number);
  if (endnotes.length > 0) {
    body.push({ text: labelsFor(doc.lang).notes, calls: [], headingStart: true }); // the heading in the brief's language
    for (const note of endnotes) {
      body.push({ text: `${(note.call as { number: number }).number}.`, calls: [] });
      for (const p of note.paragraphs) body.push(...wordsOf(p));
    }
  }
  // Footnotes in the order of their calls in the running text.
  const byLabel = new Map(doc.notes.filter((n) => n.call.kind === "footnote").map((n) => [(n.call as { label: string }).label, n]));
  const footnotes: ExpectedFootnote[] = [];
  for (const w of body) {
    for (const c of w.calls) {
      if (c.kind !== "footnote") continue;
      const note = byLabel.get(c.label)!;
      footnotes.push({ label: c.label, words: note.paragraphs.flat().map((p) => p.text) });
    }
  }
  return {
    slug: doc.slug,
    seed: doc.seed,
    markdown: md.join("\n"),
    expected: { body, footnotes, page: doc.page, lang: doc.lang, tableHeaders },
  };
}

const LANGS = ["en-US", "en-GB", "de", "fr"] as const;

/** The brief for one seed. Pure: the same seed always gives the same brief. */
export function generateBrief(seed: number): GeneratedBrief {
  const rng = new Random(seed);
  const lang = rng.weighted([
    [40, LANGS[0]],
    [20, LANGS[1]],
    [20, LANGS[2]],
    [20, LANGS[3]],
  ] as const);
  const page = rng.chance(0.5) ? "letter" : "a4";
  const lex = lexiconFor(lang);
  // Notes a page: 0 to ~25 (a page holds ~550 words of running text).
  const notesPerPage = rng.weighted([
    [15, 0],
    [45, rng.int(1, 6)],
    [30, rng.int(6, 14)],
    [10, rng.int(14, 25)],
  ] as const);
  const st: GenState = {
    rng,
    lex,
    notes: [],
    endnoteCount: 0,
    footnoteCount: 0,
    callRate: notesPerPage / 550,
    footnoteShare: rng.pick([0, 0.2, 0.4, 0.6, 1]),
  };
  const blocks = bodyBlocks(st, rng.chance(0.25));
  const title = headingPieces(st)
    .map((p) => p.text)
    .join(" ");
  return renderDocument({ slug: `corpus-${seed}`, seed, title, lang, page, blocks, notes: st.notes });
}

// ---------------------------------------------------------------------------------------
// The reproductions from issue #11, as fixed cases.

const S =
  "The administration standardized the documentation requirements, and the independent commission recommended comprehensive implementation of the accountability mechanisms, notwithstanding considerable institutional resistance from participating organizations.";

function piecesOf(text: string): Piece[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w, calls: [] }));
}

function fixed(name: string, blocks: Block[], notes: NoteDef[] = [], page: "letter" | "a4" = "letter"): GeneratedBrief {
  return renderDocument({ slug: `repro-${name}`, seed: name, title: `Reproduction: ${name}`, lang: "en-US", page, blocks, notes });
}

/** The issue's reproductions: the same brief every time. */
export function namedCases(): GeneratedBrief[] {
  const rng = new Random(11);
  const lex = lexiconFor("en-US");
  const cases: GeneratedBrief[] = [];

  // S×11 + " Additional"×30 + "." then a blank line then S×3.
  const first = piecesOf(Array(11).fill(S).join(" ") + " Additional".repeat(30) + ".");
  cases.push(
    fixed("additional", [
      { kind: "paragraph", pieces: first },
      { kind: "paragraph", pieces: piecesOf(Array(3).fill(S).join(" ")) },
    ]),
  );

  // One paragraph of "Hello world again. " × 400.
  cases.push(fixed("hello-world", [{ kind: "paragraph", pieces: piecesOf("Hello world again. ".repeat(400)) }]));

  // A footnote longer than the room left on its call's page: the call near the foot of page 1.
  {
    const lead = prose(rng, lex, 430);
    const call = lead[lead.length - 20];
    call.calls.push({ kind: "footnote", label: "long" });
    const note: NoteDef = { call: { kind: "footnote", label: "long" }, paragraphs: [prose(rng, lex, 260), prose(rng, lex, 180)] };
    cases.push(
      fixed("footnote-longer-than-room", [
        { kind: "heading", level: 2, pieces: piecesOf("A footnote that does not fit") },
        { kind: "paragraph", pieces: lead },
        { kind: "paragraph", pieces: prose(rng, lex, 400) },
      ], [note]),
    );
  }

  // A footnote of three pages.
  {
    const lead = prose(rng, lex, 120);
    lead[60].calls.push({ kind: "footnote", label: "three-pages" });
    const paragraphs = Array.from({ length: 12 }, () => prose(rng, lex, 280));
    const note: NoteDef = { call: { kind: "footnote", label: "three-pages" }, paragraphs };
    cases.push(
      fixed("three-page-footnote", [
        { kind: "heading", level: 2, pieces: piecesOf("A footnote of three pages") },
        { kind: "paragraph", pieces: lead },
        { kind: "paragraph", pieces: prose(rng, lex, 900) },
      ], [note]),
    );
  }
  return cases;
}

/**
 * A small, fixed brief for the checker's own tests: two pages or so, endnotes, footnotes
 * (one called side by side with an endnote), a list and a quote; short notes so it lays out
 * the same way whatever the corpus finds.
 */
export function checkerFixture(): GeneratedBrief {
  const rng = new Random(7);
  const lex = lexiconFor("en-US");
  const note = (label: string, words: number): NoteDef => ({ call: { kind: "footnote", label }, paragraphs: [prose(rng, lex, words)] });
  const endnote = (number: number): NoteDef => ({ call: { kind: "endnote", number }, paragraphs: [prose(rng, lex, 12)] });
  const p1 = prose(rng, lex, 120);
  p1[30].calls.push({ kind: "footnote", label: "first" });
  p1[60].calls.push({ kind: "endnote", number: 1 });
  const p2 = prose(rng, lex, 200);
  p2[100].calls.push({ kind: "endnote", number: 2 }, { kind: "footnote", label: "second" });
  const items = [prose(rng, lex, 12), prose(rng, lex, 20), prose(rng, lex, 8)];
  const quoteText = prose(rng, lex, 45);
  const p3 = prose(rng, lex, 300);
  p3[250].calls.push({ kind: "footnote", label: "third" });
  const p4 = prose(rng, lex, 150);
  p4[20].calls.push({ kind: "endnote", number: 3 });
  return renderDocument({
    slug: "checker-fixture",
    seed: "checker-fixture",
    title: "Checker fixture",
    lang: "en-US",
    page: "letter",
    blocks: [
      { kind: "heading", level: 2, pieces: piecesOf("What the checker reads") },
      { kind: "paragraph", pieces: p1 },
      { kind: "paragraph", pieces: p2 },
      { kind: "list", ordered: false, items },
      { kind: "quote", paragraphs: [quoteText] },
      { kind: "heading", level: 2, pieces: piecesOf("Second part") },
      { kind: "paragraph", pieces: p3 },
      { kind: "paragraph", pieces: p4 },
    ],
    notes: [note("first", 18), endnote(1), endnote(2), note("second", 25), note("third", 14), endnote(3)],
  });
}
