// Soft hyphens are settled after layout (a Paged.js handler; plain JavaScript for the
// browser). The build puts a soft hyphen (U+00AD) at every hyphenation point so Chromium can
// hyphenate (src/print/hyphenate.ts). Left in the text, they would sit in the PDF's text
// layer and break copy, search and screen readers ("De\u00adcem\u00adber" is not "December"). So:
// - a soft hyphen where no line breaks is removed: removing a break opportunity that was not
//   used cannot change where lines break;
// - a soft hyphen where a line breaks stays: Chromium draws the hyphen, and the PDF step
//   gives it the text "-" (src/pdf/text-layer.ts). Replacing it with a hyphen-minus here
//   would move lines: Chromium fits "re" + soft hyphen at a line end where "re-" does not fit;
// - where Paged.js broke a word across a page, it appended a hyphen glyph (paged-config.js
//   sets it to U+002D) after the soft hyphen; the soft hyphen goes.
// Every block is measured before and after: a block whose lines moved all the same gets its
// soft hyphens back (its layout is then the one laid out). Its PDF text is whole all the same:
// src/pdf/text-layer.ts takes U+00AD out of the text of every soft hyphen Chromium prints.
"use strict";
(function () {
  const SHY = "\u00ad";

  // The boxes of the character at `index` of a text node. For the first character after a
  // soft hyphen that breaks a line, Chromium also reports the hyphen's box at the end of the
  // previous line: that character's own box is its last.
  function charBoxes(node, index) {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    return Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  }

  // Is there a line break between the character before `index` and the one after it?
  function breaksLine(node, index) {
    if (index === 0 || index >= node.data.length - 1) return false;
    const before = charBoxes(node, index - 1);
    const after = charBoxes(node, index + 1);
    if (before.length === 0 || after.length === 0) return false;
    const a = before[before.length - 1];
    const b = after[after.length - 1];
    return Math.abs(b.top - a.top) >= Math.min(a.height, b.height) / 2 || b.left < a.left;
  }

  // The text without the soft hyphens where no line breaks.
  function settledText(node) {
    const text = node.data;
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== SHY || (breaksLine(node, i) && text[i + 1] !== "-")) out += c;
    }
    return out;
  }

  // Reads first, then writes, then one check: each layout query after a write would make
  // Chromium lay the whole document out again. The check: every block keeps its height and
  // the boxes of its text, line by line.
  function settleSoftHyphens(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const edits = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.includes(SHY)) continue;
      const block = n.parentElement.closest("p, li, td, th, blockquote, aside, div") || n.parentElement;
      const text = settledText(n);
      if (text !== n.data) edits.push({ node: n, block, original: n.data, text });
    }
    const blocks = new Map();
    for (const e of edits) if (!blocks.has(e.block)) blocks.set(e.block, textBoxes(e.block));
    for (const e of edits) e.node.data = e.text;
    const moved = Array.from(blocks).filter(([block, tops]) => textBoxes(block).join() !== tops.join()).map(([block]) => block);
    // Where the boxes changed all the same (seen once since soft hyphens at line ends stay,
    // in a paragraph of a long public document), the block gets its soft hyphens back: its
    // layout is exactly the one laid out.
    for (const e of edits) if (moved.includes(e.block)) e.node.data = e.original;
  }

  // The block's height and the boxes of its text (one per line of each text run), rounded to
  // 0.1 px: the soft hyphens removed have no width, so any word that moved changes them.
  function textBoxes(block) {
    const range = document.createRange();
    range.selectNodeContents(block);
    const r10 = (x) => Math.round(x * 10);
    const boxes = Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => `${r10(r.top)},${r10(r.left)},${r10(r.width)}`);
    return [r10(block.getBoundingClientRect().height), ...boxes];
  }

  class PrintHyphens extends Paged.Handler {
    afterRendered() {
      settleSoftHyphens(document.querySelector(".pagedjs_pages") || document.body);
    }
  }

  Paged.registerHandlers(PrintHyphens);
})();
