/**
 * Pandoc's fenced divs: a line of three or more colons with attributes (`::: {.key-findings}`,
 * `::: sidebar`, `::: {#box-1 .callout-note}`) opens a div, a line of colons alone closes it.
 * Divs nest (an inner opening line counts as one more level), so the outer div needs no
 * longer fence. Any class passes through; briefpress styles the box classes (see README).
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { applyAttributes, parseAttributes } from "./pandoc-attributes.ts";
import { reportProblem } from "./problems.ts";

const OPEN = /^(:{3,})\s*(\{[^{}]*\}|[\p{L}\p{N}_\-]+)\s*:*\s*$/u;
const CLOSE = /^:{3,}\s*$/;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

export default function fencedDivsPlugin(md: MarkdownIt): void {
  md.block.ruler.before(
    "fence",
    "fenced_div",
    (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const open = OPEN.exec(lineText(state, startLine));
      if (!open) return false;
      const attributes = open[2].startsWith("{") ? parseAttributes(open[2]) : { classes: [open[2]], pairs: [] };
      if (!attributes) return false;
      if (silent) return true;
      let depth = 1;
      let line = startLine + 1;
      for (; line < endLine; line++) {
        if (state.sCount[line] < state.blkIndent) break; // the enclosing block ends
        if (state.sCount[line] - state.blkIndent >= 4) continue;
        const text = lineText(state, line);
        if (OPEN.test(text)) depth++;
        else if (CLOSE.test(text) && --depth === 0) break;
      }
      const closed = depth === 0;
      if (!closed) reportProblem(state, startLine, `the fenced div "${lineText(state, startLine).trim()}" is never closed: end it with a line ":::"`);
      const oldParent = state.parentType;
      const oldLineMax = state.lineMax;
      state.parentType = "fenced_div" as typeof state.parentType;
      state.lineMax = line;
      const token = state.push("fenced_div_open", "div", 1);
      token.block = true;
      token.map = [startLine, line];
      token.markup = open[1];
      applyAttributes(token, attributes);
      state.md.block.tokenize(state, startLine + 1, line);
      const close = state.push("fenced_div_close", "div", -1);
      close.block = true;
      state.parentType = oldParent;
      state.lineMax = oldLineMax;
      state.line = closed ? line + 1 : line;
      return true;
    },
    { alt: ["paragraph", "reference", "blockquote", "list"] },
  );
}
