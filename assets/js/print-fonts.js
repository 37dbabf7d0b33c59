// Layout speed for the print page (plain JavaScript for the browser; runs after Paged.js
// loads and before it lays out).
//
// 1. Paged.js lays out one page per animation frame, so a 136-page document waits ~2 s for
//    frames nobody looks at. Its queue ticks on a message-channel task instead: the same
//    order, no frame wait.
// 2. Font preloading for the print page (plain JavaScript for the browser; runs after Paged.js
// loads and before it lays out). Paged.js loads every @font-face in the document before
// layout, so that it measures text in the right font. Ours include a hundred unicode-range
// slices of the Chinese fallback and the Cyrillic, Greek and Vietnamese slices of the text
// faces: megabytes per render that an English brief never uses. Load only the faces whose
// unicode-range covers a character of this document (or of the generated symbols and page
// numbers); the others stay available if something unexpected needs them.
"use strict";
(function () {
  const GENERATED = "*\u2020\u2021\u00a7\u2016\u00b6 0123456789of,";

  function parseRanges(unicodeRange) {
    return (unicodeRange || "U+0-10FFFF").split(",").map((part) => {
      const m = /U\+([0-9A-F?]+)(?:-([0-9A-F]+))?/i.exec(part.trim());
      if (!m) return [0, 0x10ffff];
      if (m[1].includes("?")) return [parseInt(m[1].replace(/\?/g, "0"), 16), parseInt(m[1].replace(/\?/g, "F"), 16)];
      const start = parseInt(m[1], 16);
      return [start, m[2] ? parseInt(m[2], 16) : start];
    });
  }

  // Sorted code points; a range is used if the first code point >= its start is <= its end.
  function usesRange(codes, [start, end]) {
    let lo = 0;
    let hi = codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (codes[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < codes.length && codes[lo] <= end;
  }

  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  const nextTask = (callback) => {
    waiting.push(callback);
    channel.port2.postMessage(null);
  };
  class FastQueue extends Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      if (chunker && chunker.q) chunker.q.tick = nextTask;
    }
  }
  Paged.registerHandlers(FastQueue);

  Paged.Chunker.prototype.loadFonts = function () {
    const used = new Set();
    for (const ch of (document.body.textContent || "") + document.title + GENERATED) used.add(ch.codePointAt(0));
    const codes = Array.from(used).sort((a, b) => a - b);
    const promises = [];
    document.fonts.forEach((face) => {
      if (face.status === "loaded") return;
      if (!parseRanges(face.unicodeRange).some((range) => usesRange(codes, range))) return;
      promises.push(face.load().catch(() => console.warn("Failed to preload font-family:", face.family)));
    });
    return Promise.all(promises);
  };
})();
