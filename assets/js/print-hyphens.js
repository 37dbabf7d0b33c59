// Soft hyphens that did not break a line are taken out after layout (a Paged.js handler;
// plain JavaScript for the browser). The build puts a soft hyphen (U+00AD) at every
// hyphenation point so Chromium can hyphenate; left in, they would sit in the PDF's text
// and break copy, search and screen readers. Removing a break opportunity that was not
// used cannot change where lines break, so the layout stays as it is.
"use strict";
(function () {
  const SHY = "\u00ad";

  function lineTop(node, offset) {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const rects = range.getClientRects();
    return rects.length ? rects[0].top : null;
  }

  // Soft hyphens of one text node that did not break a line (never those at the node's ends:
  // the word may go on in the next node).
  function unusedSoftHyphens(node) {
    const text = node.data;
    const unused = [];
    for (let i = text.indexOf(SHY); i >= 0; i = text.indexOf(SHY, i + 1)) {
      if (i === 0 || i === text.length - 1 || text[i + 1] === SHY) continue;
      const before = lineTop(node, i - 1);
      const after = lineTop(node, i + 1);
      if (before !== null && after !== null && Math.abs(after - before) < 1) unused.push(i);
    }
    return unused;
  }

  // Reads first, then writes, then one check: each layout query after a write would make
  // Chromium lay the whole document out again.
  function removeUnusedSoftHyphens(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const edits = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.includes(SHY)) continue;
      const unused = new Set(unusedSoftHyphens(n));
      if (unused.size === 0) continue;
      const block = n.parentElement.closest("p, li, td, th, blockquote, aside, div") || n.parentElement;
      edits.push({ node: n, block, original: n.data, edited: Array.from(n.data).filter((c, i) => !unused.has(i)).join("") });
    }
    const blocks = new Map();
    for (const e of edits) if (!blocks.has(e.block)) blocks.set(e.block, e.block.getBoundingClientRect().height);
    for (const e of edits) e.node.data = e.edited;
    // Belt and braces: a block whose lines moved gets its text back.
    const moved = new Set(Array.from(blocks).filter(([block, height]) => Math.abs(block.getBoundingClientRect().height - height) > 0.5).map(([block]) => block));
    for (const e of edits) if (moved.has(e.block)) e.node.data = e.original;
    return moved.size;
  }

  class PrintHyphens extends Paged.Handler {
    afterRendered() {
      const state = window.briefpressLayout || (window.briefpressLayout = {});
      state.softHyphenBlocksReverted = removeUnusedSoftHyphens(document.body);
    }
  }

  Paged.registerHandlers(PrintHyphens);
})();
