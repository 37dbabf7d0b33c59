// Soft hyphens are settled after layout (a Paged.js handler; plain JavaScript for the
// browser). The build puts a soft hyphen (U+00AD) at every hyphenation point so Chromium can
// hyphenate (src/print/hyphenate.ts). Left in the text, they would sit in the PDF's text
// layer and break copy, search and screen readers ("De­cem­ber" is not "December"). So:
// - a soft hyphen where no line breaks is removed: removing a break opportunity that was not
//   used cannot change where lines break;
// - a soft hyphen where a line breaks becomes a real hyphen (U+002D), the same glyph Chromium
//   draws there, so the line keeps its width and the PDF's text reads "Decem-" / "ber", which
//   viewers and pdftotext join again;
// - where Paged.js broke a word across a page, it appended a hyphen glyph (paged-config.js
//   sets it to U+002D) after the soft hyphen; the soft hyphen goes.
// Every block is measured before and after; the build fails (relaidText) rather than
// publish a block whose lines moved.
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

  // The text with its soft hyphens settled: used ones become "-", the others go.
  function settledText(node) {
    const text = node.data;
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== SHY) out += c;
      else if (breaksLine(node, i) && text[i + 1] !== "-") out += "-";
    }
    return out;
  }

  // Reads first, then writes, then one check: each layout query after a write would make
  // Chromium lay the whole document out again.
  function settleSoftHyphens(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const edits = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.includes(SHY)) continue;
      const block = n.parentElement.closest("p, li, td, th, blockquote, aside, div") || n.parentElement;
      edits.push({ node: n, block, edited: settledText(n) });
    }
    const blocks = new Map();
    for (const e of edits) if (!blocks.has(e.block)) blocks.set(e.block, e.block.getBoundingClientRect().height);
    for (const e of edits) e.node.data = e.edited;
    return Array.from(blocks)
      .filter(([block, height]) => Math.abs(block.getBoundingClientRect().height - height) > 0.5)
      .map(([block]) => block);
  }

  class PrintHyphens extends Paged.Handler {
    afterRendered(pages) {
      const state = window.briefpressLayout || (window.briefpressLayout = {});
      const moved = settleSoftHyphens(document.querySelector(".pagedjs_pages") || document.body);
      const pageOf = (el) => pages.findIndex((p) => p.element.contains(el)) + 1;
      state.relaidText = moved.map((block) => ({ page: pageOf(block), text: block.textContent.trim().slice(0, 60) }));
    }
  }

  Paged.registerHandlers(PrintHyphens);
})();
