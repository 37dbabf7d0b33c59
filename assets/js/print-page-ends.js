// The last line on a page of a paragraph that goes on to the next page (a Paged.js handler;
// plain JavaScript for the browser). Justified text justifies that line too, so the page
// ends flush, but only when the line is nearly full: a short line (left short because a
// footnote call and its line moved, or a float or a break pushed the rest on) would be
// spread across the column with huge gaps. Such a line stays ragged. Changing
// text-align-last moves no line break, so the layout stays as it is.
"use strict";
(function () {
  // A line at least this full is justified; a shorter one is left as it is.
  const FULL_ENOUGH = 0.85;

  function lastLineFill(block) {
    const range = document.createRange();
    range.selectNodeContents(block);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) return null;
    const lastBottom = Math.max(...rects.map((r) => r.bottom));
    const lastTop = Math.max(...rects.filter((r) => r.bottom > lastBottom - 2).map((r) => r.top));
    const line = rects.filter((r) => r.bottom > lastTop + 1);
    const box = block.getBoundingClientRect();
    const style = getComputedStyle(block);
    const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    return (Math.max(...line.map((r) => r.right)) - Math.min(left, ...line.map((r) => r.left))) / (right - left);
  }

  class PrintPageEnds extends Paged.Handler {
    afterRendered() {
      const blocks = Array.from(document.querySelectorAll(".pagedjs_page_content [data-split-to]")).filter(
        (el) => el.matches("p, li, blockquote, dd") && getComputedStyle(el).textAlign === "justify",
      );
      // Writes, then reads, then writes: two layouts in all, whatever the number of pages.
      for (const block of blocks) block.style.textAlignLast = "start";
      const fills = blocks.map(lastLineFill);
      blocks.forEach((block, i) => {
        const full = fills[i] !== null && fills[i] >= FULL_ENOUGH;
        block.style.textAlignLast = full ? "justify" : "start";
      });
    }
  }

  Paged.registerHandlers(PrintPageEnds);
})();
