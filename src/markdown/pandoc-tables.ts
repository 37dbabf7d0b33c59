/**
 * Pandoc's three table forms besides pipe tables (which markdown-it reads itself):
 *
 * - grid tables: `+---+---+` lines around rows of `| cell | cell |`; a `+===+===+` line
 *   ends the header; colons in a separator align columns (`+:--+--:+`). A cell holds blocks
 *   (paragraphs, lists, notes), parsed with the brief's own env, so notes and errors in a
 *   cell are the brief's.
 * - simple tables: a header line over a line of dashed runs, one row a line, ended by a
 *   blank line; or with no header, between two dashed lines. Where the header text sits over
 *   its dashes gives the alignment (flush left, flush right, centred).
 * - multiline tables: a full-width dashed line, header lines, the dashed column line, rows
 *   separated by blank lines, a closing dashed line; a cell's lines join into one paragraph.
 *
 * The tokens are markdown-it's own table tokens (table_open … td_close), so table captions
 * and numbering (src/markdown/figures.ts), print CSS (a header row that repeats on every
 * page) and the PDF tags treat them as pipe tables. Row and column spans in grid tables are
 * not read: such a table stays text, as before.
 */
import type { MarkdownIt, StateBlock, Token } from "markdown-it";

type Align = "" | "left" | "right" | "center";

interface Column {
  /** Where the column starts in its lines (0-based, indentation included). */
  start: number;
  /** Where the next column starts (the last column runs to the end of the line). */
  end: number;
  /** Where its dashes start and end. */
  dashStart: number;
  dashEnd: number;
}

interface Cell {
  /** Source lines of the cell, cut out of their row (untrimmed). */
  lines: string[];
  /** 0-based line of the Markdown where the cell's first line is. */
  line: number;
}

interface Row {
  cells: Cell[];
  map: [number, number];
}

interface Table {
  head: Row | null;
  body: Row[];
  aligns: Align[];
  /** Grid cells hold blocks; simple and multiline cells hold one paragraph's inline text. */
  blocks: boolean;
  /** The line after the table. */
  next: number;
}

/** A line as written, tabs expanded, with the enclosing block's indentation removed. */
function lineAt(state: StateBlock, line: number): string {
  const raw = state.src.slice(state.bMarks[line], state.eMarks[line]);
  let text = "";
  for (const ch of raw) text += ch === "\t" ? " ".repeat(4 - (text.length % 4)) : ch;
  const indent = Math.min(state.blkIndent, /^ */.exec(text)![0].length);
  return text.slice(indent);
}

const isBlank = (text: string) => text.trim() === "";
/** Runs of dashes separated by spaces: `  ------- ------ ---`. */
const DASHED_COLUMNS = /^ {0,3}-+(?: +-+)* *$/;
/** One run of dashes (the top and bottom lines of a multiline table). */
const DASHED_RULE = /^ {0,3}-{3,} *$/;

/** The columns of a dashed line: each starts at its dashes and ends where the next starts. */
function columnsOf(dashed: string): Column[] {
  const columns: Column[] = [];
  for (const m of dashed.matchAll(/-+/g)) columns.push({ start: m.index, end: Infinity, dashStart: m.index, dashEnd: m.index + m[0].length });
  columns.forEach((c, k) => (c.end = columns[k + 1]?.start ?? Infinity));
  // The first column takes what is left of it too (pandoc splits at the inner boundaries only).
  if (columns.length > 0) columns[0].start = 0;
  return columns;
}

/**
 * Pandoc's alignment from where the longest text of the column sits over its dashes. The
 * last column has no right edge except in a multiline table's header (pandoc's reading).
 */
function alignOf(lines: string[], column: Column, rightEdge: boolean): Align {
  const texts = lines.map((l) => l.slice(column.dashStart, column.end).replace(/\s+$/, "")).filter((t) => t.trim() !== "");
  if (texts.length === 0) return "";
  const longest = texts.reduce((a, b) => (b.length > a.length ? b : a));
  const leftSpace = /^\s/.test(longest);
  const rightSpace = (rightEdge || column.end !== Infinity) && column.dashStart + longest.length < column.dashEnd;
  if (leftSpace && !rightSpace) return "right";
  if (!leftSpace && rightSpace) return "left";
  if (leftSpace && rightSpace) return "center";
  return "";
}

function cutRow(lines: string[], columns: Column[], first: number): Row {
  return {
    cells: columns.map((c) => ({ lines: lines.map((l) => l.slice(c.start, c.end)), line: first })),
    map: [first, first + lines.length],
  };
}

/** Simple and multiline tables, from `start` (a header line or a dashed line). */
function readDashedTable(state: StateBlock, start: number, end: number): Table | null {
  const at = (line: number) => (line < end ? lineAt(state, line) : "");
  const first = at(start);
  if (isBlank(first)) return null;
  let line = start;
  let multiline = false;
  let headLines: string[] = [];
  let headLine = start;
  if (DASHED_RULE.test(first) && !isBlank(at(start + 1)) && !DASHED_COLUMNS.test(at(start + 1))) {
    // Multiline with a header: rule, header lines, column line.
    multiline = true;
    line = start + 1;
    headLine = line;
    while (line < end && !isBlank(at(line)) && !DASHED_COLUMNS.test(at(line))) headLines.push(at(line++));
    if (!DASHED_COLUMNS.test(at(line))) return null;
  } else if (!DASHED_COLUMNS.test(first)) {
    // Simple with a header: one header line (it may be indented like pandoc's examples).
    if (!DASHED_COLUMNS.test(at(start + 1))) return null;
    headLines = [first];
    line = start + 1;
  }
  const dashed = at(line);
  const columns = columnsOf(dashed);
  const headless = headLines.length === 0;
  // "Title\n-----" is a heading, "-----" and "- - -" are rules.
  if (!multiline && (columns.length < 2 || columns.every((c) => c.dashEnd - c.dashStart === 1))) return null;
  line++;
  // The body: rows until a blank line (simple), or until the closing dashed line.
  const rowsLines: Array<{ lines: string[]; first: number }> = [];
  let closed = false;
  let sawBlank = false;
  let current: { lines: string[]; first: number } | null = null;
  for (; line < end; line++) {
    const text = at(line);
    if (DASHED_COLUMNS.test(text) || DASHED_RULE.test(text)) {
      if (line + 1 < end && !isBlank(at(line + 1))) return null;
      closed = true;
      line++;
      break;
    }
    if (isBlank(text)) {
      if (!multiline && !headless) break; // a simple table ends at a blank line
      sawBlank = true;
      current = null;
      continue;
    }
    // A multiline row goes on to the next blank line; a simple row is one line.
    if (multiline && current) current.lines.push(text);
    else rowsLines.push((current = { lines: [text], first: line }));
    if (!multiline) current = null;
  }
  if (headless || multiline) {
    if (!closed) return null;
    if (headless && sawBlank) {
      // Headless with blank lines between rows: a multiline table; regroup the rows.
      multiline = true;
      const regrouped: typeof rowsLines = [];
      let prev = -2;
      for (const r of rowsLines) {
        if (r.first === prev + 1) regrouped[regrouped.length - 1].lines.push(...r.lines);
        else regrouped.push({ lines: [...r.lines], first: r.first });
        prev = r.first;
      }
      rowsLines.splice(0, rowsLines.length, ...regrouped);
    }
  }
  if (rowsLines.length === 0) return null;
  const alignFrom = headless ? rowsLines[0].lines : headLines;
  const aligns = columns.map((c) => alignOf(alignFrom, c, multiline && !headless));
  return {
    head: headless ? null : cutRow(headLines, columns, headLine),
    body: rowsLines.map((r) => cutRow(r.lines, columns, r.first)),
    aligns,
    blocks: false,
    next: line,
  };
}

const GRID_SEPARATOR = /^\+(?:[-=:]+\+)+ *$/;

/** A grid table from `start`, or null when the lines are not one (or it has spans). */
function readGridTable(state: StateBlock, start: number, end: number): Table | null {
  const top = lineAt(state, start);
  const indent = /^ */.exec(top)![0].length;
  if (indent > 3) return null;
  const at = (line: number) => lineAt(state, line).slice(indent).replace(/ +$/, "");
  if (!GRID_SEPARATOR.test(at(start))) return null;
  const bounds = [...at(start)].flatMap((ch, i) => (ch === "+" ? [i] : []));
  const sameBounds = (text: string) => bounds.every((b) => text[b] === "+") && text.length === bounds[bounds.length - 1] + 1;
  const alignsOf = (text: string): Align[] =>
    bounds.slice(0, -1).map((b, k) => {
      const left = text[b + 1] === ":";
      const right = text[bounds[k + 1] - 1] === ":";
      return left && right ? "center" : right ? "right" : left ? "left" : "";
    });
  let aligns = alignsOf(at(start));
  const rows: Row[] = [];
  let head: Row | null = null;
  let lines: string[] = [];
  let first = start + 1;
  let line = start + 1;
  for (; line < end; line++) {
    const text = at(line);
    if (text.startsWith("+")) {
      if (!GRID_SEPARATOR.test(text) || !sameBounds(text) || lines.length === 0) return null;
      const row: Row = {
        cells: bounds.slice(0, -1).map((b, k) => ({ lines: lines.map((l) => l.slice(b + 1, bounds[k + 1])), line: first })),
        map: [first - 1, line + 1],
      };
      if (text.includes("=")) {
        if (head || rows.length > 0) return null; // only the first row can be the header
        head = row;
        if (text.includes(":")) aligns = alignsOf(text);
      } else rows.push(row);
      lines = [];
      first = line + 1;
      continue;
    }
    if (!text.startsWith("|")) break;
    // A cell line: a bar at every boundary (a missing one is a span: not read).
    if (text.length !== bounds[bounds.length - 1] + 1 || !bounds.every((b) => text[b] === "|")) return null;
    lines.push(text);
  }
  if (lines.length > 0 || (rows.length === 0 && !head)) return null;
  return { head, body: rows, aligns, blocks: true, next: line };
}

/** A cell's lines without the indentation they share and the spaces after them. */
function dedent(lines: string[]): string[] {
  const trimmed = lines.map((l) => l.replace(/\s+$/, ""));
  const indents = trimmed.filter((l) => l !== "").map((l) => /^ */.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return trimmed.map((l) => l.slice(common));
}

function pushCell(state: StateBlock, tag: "th" | "td", align: Align, cell: Cell, blocks: boolean): void {
  const open = state.push(`${tag}_open`, tag, 1);
  open.map = [cell.line, cell.line + cell.lines.length];
  if (align) open.attrs = [["style", `text-align:${align}`]];
  const lines = dedent(cell.lines);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  while (lines.length && lines[0] === "") {
    lines.shift();
    cell.line++;
  }
  if (!blocks) {
    const inline = state.push("inline", "", 0);
    inline.content = lines.map((l) => l.trim()).join("\n");
    inline.map = [cell.line, cell.line + lines.length];
    inline.children = [];
  } else if (lines.length > 0) {
    // Blank lines in front put the cell's lines on their own line numbers, so a note or an
    // error in a cell is reported at its line in the file.
    const tokens: Token[] = [];
    state.md.block.parse("\n".repeat(cell.line) + lines.join("\n"), state.md, state.env, tokens);
    // One paragraph alone is the cell's text, as in a pipe table (pandoc's Plain).
    if (tokens.length === 3 && tokens[0].type === "paragraph_open") {
      tokens[0].hidden = true;
      tokens[2].hidden = true;
    }
    for (const t of tokens) {
      t.level += state.level;
      state.tokens.push(t);
    }
  }
  state.push(`${tag}_close`, tag, -1);
}

function pushRow(state: StateBlock, row: Row, tag: "th" | "td", table: Table): void {
  const open = state.push("tr_open", "tr", 1);
  open.map = row.map;
  row.cells.forEach((cell, k) => pushCell(state, tag, table.aligns[k] ?? "", cell, table.blocks));
  state.push("tr_close", "tr", -1);
}

function pushTable(state: StateBlock, table: Table, start: number): void {
  const open = state.push("table_open", "table", 1);
  open.map = [start, table.next];
  if (table.head) {
    state.push("thead_open", "thead", 1).map = table.head.map;
    pushRow(state, table.head, "th", table);
    state.push("thead_close", "thead", -1);
  }
  if (table.body.length > 0) {
    state.push("tbody_open", "tbody", 1).map = [table.body[0].map[0], table.next];
    for (const row of table.body) pushRow(state, row, "td", table);
    state.push("tbody_close", "tbody", -1);
  }
  state.push("table_close", "table", -1);
}

export default function pandocTablesPlugin(md: MarkdownIt): void {
  md.block.ruler.before(
    "table",
    "pandoc_table",
    (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
      // A header line may be indented like code (pandoc's own examples are); the dashed line
      // under it may not, so an indented code block stays one unless a table follows.
      const indented = state.sCount[startLine] - state.blkIndent >= 4;
      if (indented && !(startLine + 1 < endLine && state.sCount[startLine + 1] - state.blkIndent < 4)) return false;
      const first = lineAt(state, startLine).trimStart();
      if (!first.startsWith("+") && !first.startsWith("-") && !(startLine + 1 < endLine && lineAt(state, startLine + 1).trimStart().startsWith("-"))) return false;
      const table = first.startsWith("+") ? readGridTable(state, startLine, endLine) : readDashedTable(state, startLine, endLine);
      if (!table) return false;
      if (silent) return true;
      pushTable(state, table, startLine);
      state.line = table.next;
      return true;
    },
  );
}
