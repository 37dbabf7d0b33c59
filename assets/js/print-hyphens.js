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

  function removeUnusedSoftHyphens(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const byBlock = new Map();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.includes(SHY)) continue;
      const block = n.parentElement.closest("p, li, td, th, blockquote, aside, div") || n.parentElement;
      if (!byBlock.has(block)) byBlock.set(block, []);
      byBlock.get(block).push(n);
    }
    let reverted = 0;
    for (const [block, nodes] of byBlock) {
      const height = block.getBoundingClientRect().height;
      const edits = nodes.map((node) => {
        const unused = new Set(unusedSoftHyphens(node));
        const original = node.data;
        return { node, original, edited: Array.from(original).filter((c, i) => !unused.has(i)).join("") };
      });
      for (const e of edits) if (e.edited !== e.original) e.node.data = e.edited;
      // Belt and braces: if the block's lines moved, put everything back.
      if (Math.abs(block.getBoundingClientRect().height - height) > 0.5) {
        for (const e of edits) e.node.data = e.original;
        reverted++;
      }
    }
    return reverted;
  }

  class PrintHyphens extends Paged.Handler {
    afterRendered() {
      const state = window.briefpressLayout || (window.briefpressLayout = {});
      state.softHyphenBlocksReverted = removeUnusedSoftHyphens(document.body);
    }
  }

  Paged.registerHandlers(PrintHyphens);
})();
