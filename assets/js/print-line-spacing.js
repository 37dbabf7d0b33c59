// Justified lines spread too wide (a Paged.js handler; plain JavaScript for the browser).
// Chromium breaks lines first-fit. When the next word does not fit and cannot be hyphenated
// (a German compound whose first syllable is long, a word the patterns do not break, the
// words after a URL, which breaks anywhere), the line's slack goes into its few word gaps:
// gaps of three to five word spaces (seed 2063: "ministerium Rechtsschutzversicherungs-
// gesellschaften Öffentlichkeit Maßnahmen", 15.4 pt gaps). On such a line the letters take
// a share of the slack: each text node's part on that line gets a letter-spacing, at most
// MAX_LETTER_EM (wider, text extraction for copy, search and screen readers reads letters
// as separate words), and no more than brings the gaps down to about the usual word space;
// justification spreads what is left over the gaps. The other lines are left alone. The
// added width is less than the line's slack, so no line break should move; that is checked
// (every box of the line's parts, and the block's height), and a line where anything moved
// is left as it was. The spread parts have no ligatures: an "fi" drawn as one glyph and
// spread kept only its "f" in the PDF's text ("documents/fnal-report", seed 1127). A URL has
// none to begin with (print.css), so its line does not move either.
"use strict";
(function () {
  /** A word gap wider than this (in em) is stretched: 3 × the usual 0.307 em. */
  const STRETCHED_EM = 0.9;
  /** The most a line's letters may be spread, in em. */
  const MAX_LETTER_EM = 0.06;
  /** The usual word gap of justified text, in em (the first brief's median: 3.38 pt at 11 pt). */
  const USUAL_GAP_EM = 0.307;
  const SPACE = /\s/;

  function textNodes(el) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  }

  function firstRect(range) {
    return Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0) || null;
  }

  // The lines of a block with a word gap wider than `limit`: [{ top, height, gaps }], `gaps`
  // the widths of the line's word gaps.
  function looseLines(block, limit) {
    const lines = [];
    const range = document.createRange();
    for (const text of textNodes(block)) {
      const data = text.data;
      for (let i = data.indexOf(" "); i >= 0; i = data.indexOf(" ", i + 1)) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = firstRect(range);
        if (!r) continue;
        let line = lines.find((l) => Math.abs(l.top - r.top) < l.height / 2);
        if (!line) lines.push((line = { top: r.top, height: r.height, gaps: [] }));
        line.gaps.push(r.width);
      }
    }
    return lines.filter((l) => l.gaps.some((g) => g > limit));
  }

  // Each text node's part on `line`, in a span of its own (text nodes split where the line
  // breaks: that changes no layout).
  function wrapLine(block, line) {
    const onLine = (r) => r.width > 0 && r.height > 0 && Math.abs(r.top - line.top) < line.height / 2;
    const spans = [];
    const range = document.createRange();
    for (const text of textNodes(block)) {
      range.selectNodeContents(text);
      if (!Array.from(range.getClientRects()).some(onLine)) continue;
      let first = -1;
      let end = -1;
      for (let i = 0; i < text.data.length; i++) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const on = Array.from(range.getClientRects()).some(onLine);
        if (on && first < 0) first = i;
        if (on) end = i + 1;
        else if (first >= 0 && !SPACE.test(text.data[i])) break;
      }
      if (first < 0) continue;
      const part = first > 0 ? text.splitText(first) : text;
      if (end - first < part.data.length) part.splitText(end - first);
      const span = document.createElement("span");
      span.className = "line-spread";
      part.replaceWith(span);
      span.append(part);
      spans.push(span);
    }
    return spans;
  }

  function spreadLine(block, line, em) {
    const spans = wrapLine(block, line);
    if (spans.length === 0) return;
    const letters = spans.reduce((n, s) => n + s.textContent.replace(/[\s\u00ad]/g, "").length, 0);
    const excess = line.gaps.reduce((sum, g) => sum + Math.max(0, g - 1.2 * USUAL_GAP_EM * em), 0);
    const spacing = Math.min(MAX_LETTER_EM * em, excess / (letters + 1));
    if (!(spacing > 0.05)) return;
    // Where every part lies, and the block's height: a break that moved inside a part (a
    // compound hyphenated one syllable sooner) keeps the part's first box where it was, and
    // the block grows a line (seed 2822: the text at the page foot was cut off).
    const place = () => [block.getBoundingClientRect().height.toFixed(1), ...spans.map((s) => Array.from(s.getClientRects(), (r) => Math.round(r.top)).join(" "))].join("|");
    const before = place();
    for (const s of spans) {
      s.style.fontVariantLigatures = "none";
      s.style.letterSpacing = `${spacing.toFixed(3)}px`;
    }
    if (place() !== before) {
      for (const s of spans) {
        s.style.letterSpacing = "";
        s.style.fontVariantLigatures = "";
      }
    }
  }

  function spreadLooseLines(root) {
    for (const block of root.querySelectorAll("p, li, blockquote, dd")) {
      if (block.querySelector("p, li, blockquote, dd")) continue; // the innermost blocks only
      const style = getComputedStyle(block);
      if (style.textAlign !== "justify") continue;
      const em = parseFloat(style.fontSize);
      for (const line of looseLines(block, STRETCHED_EM * em)) spreadLine(block, line, em);
    }
  }

  class PrintLineSpacing extends Paged.Handler {
    afterRendered() {
      for (const content of document.querySelectorAll(".pagedjs_page_content")) spreadLooseLines(content);
    }
  }

  Paged.registerHandlers(PrintLineSpacing);
})();
