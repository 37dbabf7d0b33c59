/**
 * A forced page break in the PDF: `\newpage` alone on a line (pandoc's LaTeX habit; the
 * web page shows nothing). Rendered as an empty `div.page-break` that print.css breaks after.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";

export default function pageBreaksPlugin(md: MarkdownIt): void {
  md.block.ruler.before(
    "paragraph",
    "page_break",
    (state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const text = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]).trim();
      if (text !== "\\newpage") return false;
      if (silent) return true;
      const token = state.push("page_break", "div", 0);
      token.map = [startLine, startLine + 1];
      state.line = startLine + 1;
      return true;
    },
    { alt: ["paragraph"] },
  );
  md.renderer.rules.page_break = () => '<div class="page-break" aria-hidden="true"></div>\n';
}
