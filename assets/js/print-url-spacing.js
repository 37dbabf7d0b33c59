// Justified lines that hold a URL (a Paged.js handler; plain JavaScript for the browser).
// A URL breaks anywhere (print.css `.url`), so the line before it is full; but a line that
// holds much of a URL has few spaces, and justification spreads the line's slack over those
// few: gaps of two or three word spaces. On such a line the URL's letters take their share
// too: that line's part of the URL gets `text-justify: inter-character` (the words around
// it keep inter-word spacing). That moves no line break. Only while the letters stay close:
// spaced wider than MAX_LETTER_EM, text extraction (copy, search, screen readers) would read
// the URL as separate words, and that line is left as it was.
"use strict";
(function () {
  /** A word gap wider than this (in em) is stretched: 3 × the usual 0.307 em. */
  const STRETCHED_EM = 0.9;
  /** The most a URL's letters may be spread, in em. */
  const MAX_LETTER_EM = 0.06;

  function charRects(text) {
    const range = document.createRange();
    const out = [];
    for (let i = 0; i < text.data.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const r = range.getClientRects()[0];
      out.push(r ? { left: r.left, right: r.right, top: r.top, height: r.height, space: /\s/.test(text.data[i]) } : null);
    }
    return out;
  }

  function textNodes(el) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  }

  // The widest word gap on each line of the block that the URL touches.
  function widestGaps(block, url) {
    const lines = Array.from(url.getClientRects()).map((r) => ({ top: r.top, height: r.height, widest: 0 }));
    for (const text of textNodes(block)) {
      if (url.contains(text)) continue;
      for (const r of charRects(text)) {
        if (!r || !r.space || r.right - r.left <= 0) continue;
        const line = lines.find((l) => Math.abs(l.top - r.top) < l.height / 2);
        if (line) line.widest = Math.max(line.widest, r.right - r.left);
      }
    }
    return lines;
  }

  // The part of the URL on one line, in a span of its own (text nodes split where the line
  // breaks: that changes no layout), or null.
  function wrapLine(url, line) {
    for (const text of textNodes(url)) {
      const rects = charRects(text);
      const on = rects.map((r) => !!r && Math.abs(r.top - line.top) < line.height / 2);
      const first = on.indexOf(true);
      if (first < 0) continue;
      let end = first;
      while (end < on.length && on[end]) end++;
      let part = first > 0 ? text.splitText(first) : text;
      if (end - first < part.data.length) part.splitText(end - first);
      const span = document.createElement("span");
      span.className = "url-line";
      part.replaceWith(span);
      span.append(part);
      return span;
    }
    return null;
  }

  function letterWidths(el) {
    return textNodes(el).flatMap((t) => charRects(t).map((r) => (r ? r.right - r.left : 0)));
  }

  function spreadUrl(url) {
    const block = url.closest("p, li, blockquote, dd");
    if (!block || getComputedStyle(block).textAlign !== "justify") return;
    const em = parseFloat(getComputedStyle(url).fontSize);
    for (const line of widestGaps(block, url)) {
      if (line.widest <= STRETCHED_EM * em) continue;
      const span = wrapLine(url, line);
      if (!span) continue;
      const top = span.getBoundingClientRect().top;
      // No ligatures in the spread part: an "fi" drawn as one glyph and spread kept only its
      // "f" in the PDF's text ("documents/fnal-report", seed 1127 of the 1,000-brief run).
      span.style.fontVariantLigatures = "none";
      const before = letterWidths(span);
      span.style.textJustify = "inter-character";
      const after = letterWidths(span);
      const spread = Math.max(0, ...after.map((w, i) => w - (before[i] ?? w)));
      if (spread > MAX_LETTER_EM * em || span.getClientRects().length !== 1 || Math.abs(span.getBoundingClientRect().top - top) > 0.5) {
        span.style.textJustify = "";
        span.style.fontVariantLigatures = "";
      }
    }
  }

  class PrintUrlSpacing extends Paged.Handler {
    afterRendered() {
      for (const url of document.querySelectorAll(".pagedjs_page_content .url")) spreadUrl(url);
    }
  }

  Paged.registerHandlers(PrintUrlSpacing);
})();
