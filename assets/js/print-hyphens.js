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
// Every block is measured before and after: a block whose lines moved gets its soft hyphens
// back (its layout is then the one laid out) and the build warns (relaidText).
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

  // The text with its soft hyphens settled, as parts: used ones become "-" and end a part
  // (a <wbr> goes between parts: with some languages' line-break rules Chromium does not
  // break after a hyphen-minus, and the line must break exactly where it did), others go.
  function settledParts(node) {
    const text = node.data;
    const parts = [];
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== SHY) out += c;
      else if (breaksLine(node, i) && text[i + 1] !== "-") {
        parts.push(out + "-");
        out = "";
      }
    }
    parts.push(out);
    return parts;
  }

  // Reads first, then writes, then one check: each layout query after a write would make
  // Chromium lay the whole document out again. The check: every block keeps its height, and
  // every hyphen put at a line end still ends its line.
  function settleSoftHyphens(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const edits = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.includes(SHY)) continue;
      const block = n.parentElement.closest("p, li, td, th, blockquote, aside, div") || n.parentElement;
      edits.push({ node: n, block, original: n.data, parts: settledParts(n), added: [] });
    }
    const blocks = new Map();
    for (const e of edits) if (!blocks.has(e.block)) blocks.set(e.block, e.block.getBoundingClientRect().height);
    const lineEnds = [];
    for (const e of edits) {
      e.node.data = e.parts[0];
      let last = e.node;
      for (let k = 1; k < e.parts.length; k++) {
        lineEnds.push({ node: last, block: e.block });
        const wbr = document.createElement("wbr");
        const text = document.createTextNode(e.parts[k]);
        last.after(wbr, text);
        e.added.push(wbr, text);
        last = text;
      }
    }
    const moved = new Set(Array.from(blocks).filter(([block, height]) => Math.abs(block.getBoundingClientRect().height - height) > 0.5).map(([block]) => block));
    for (const { node, block } of lineEnds) {
      const next = node.nextSibling && node.nextSibling.nextSibling;
      if (!next || !next.data || node.data.length < 2) continue;
      const a = charBoxes(node, node.data.length - 1);
      const range = document.createRange();
      range.setStart(next, 0);
      range.setEnd(next, 1);
      const b = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      if (a.length && b.length && Math.abs(b[b.length - 1].top - a[a.length - 1].top) < a[a.length - 1].height / 2) moved.add(block);
    }
    // Where lines moved all the same (seen once, in French text beside a long URL), the
    // block gets its soft hyphens back: its layout is exactly the one laid out, and the build
    // warns that this paragraph's PDF text keeps them.
    for (const e of edits) {
      if (!moved.has(e.block)) continue;
      e.added.forEach((n) => n.remove());
      e.node.data = e.original;
    }
    return Array.from(moved);
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
