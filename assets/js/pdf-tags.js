// Marks for the PDF's structure tree. Plain JavaScript: it runs in the browser, after
// Paged.js has laid out the pages, and changes nothing that is seen.
//
// Chromium's tagged PDF keeps an element's `lang` in its structure element when it differs
// from the parent's, and nothing else of ours. So the elements the PDF's tags must know
// (note bodies, their markers and calls, the parts of an element split over pages) get a
// private-use language subtag after their own language, e.g. "en-US-x-bpnote-3";
// src/pdf/tagging.ts reads these marks, builds Note, Lbl, Link and whole paragraphs from
// them, and puts the plain language back. A reader's tools see the same language
// ("en-US" with a private extension).
//
// A footnote call's symbol is CSS generated content (::after), which Chromium paints
// untagged; it becomes real text in the same place and style, so that it is tagged.
"use strict";
(function () {
  if (!window.Paged) return;
  const languageOf = (el) => {
    const owner = el && el.closest ? el.closest("[lang]") : null;
    return ((owner && owner.getAttribute("lang")) || "und").split("-x-")[0] || "und";
  };
  const mark = (el, tokens) => {
    const lang = languageOf(el.parentElement || el);
    const [own, marks] = (el.getAttribute("lang") || "").split("-x-");
    el.setAttribute("lang", `${own || lang}-x-${marks ? `${marks}-` : ""}${tokens.join("-")}`);
  };

  // Chinese (Japanese, Korean) runs in a text of another language get their own `lang`
  // before layout, so that the PDF tags them with their language (a screen reader switches
  // voice). Han alone is taken as Chinese; with kana as Japanese; Hangul as Korean.
  const HAN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
  const KANA = /[\u3040-\u30ff]/u;
  const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/u;
  const RUN = /[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\uac00-\ud7af\u1100-\u11ff\u{20000}-\u{2fa1f}]+/gu;
  function markCjkRuns(content) {
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const owner = node.parentElement;
      if (!owner || !(HAN.test(node.data) || HANGUL.test(node.data))) continue;
      if (/^(zh|ja|ko)\b/i.test(languageOf(owner))) continue;
      const pieces = document.createDocumentFragment();
      let at = 0;
      for (const m of node.data.matchAll(RUN)) {
        if (!HAN.test(m[0]) && !HANGUL.test(m[0])) continue;
        if (m.index > at) pieces.append(node.data.slice(at, m.index));
        const span = document.createElement("span");
        span.lang = HANGUL.test(m[0]) ? "ko" : KANA.test(m[0]) ? "ja" : "zh";
        // Chromium keeps a language only on elements in its accessibility tree; a plain span
        // is not, a group is (the PDF tagging makes it a Span).
        span.setAttribute("role", "group");
        span.textContent = m[0];
        pieces.append(span);
        at = m.index + m[0].length;
      }
      if (at === 0) continue;
      if (at < node.data.length) pieces.append(node.data.slice(at));
      node.replaceWith(pieces);
    }
  }

  class PdfTags extends Paged.Handler {
    beforeParsed(content) {
      markCjkRuns(content);
    }

    afterRendered() {
      const ids = new Map();
      const idOf = (ref) => {
        if (!ids.has(ref)) ids.set(ref, ids.size + 1);
        return ids.get(ref);
      };
      // Footnote calls: the symbol as the call's text, then marked with the note they call.
      document.querySelectorAll(".pagedjs_area [data-footnote-call]").forEach((call) => {
        const content = getComputedStyle(call, "::after").content;
        if (content && content !== "none" && content !== "normal" && /^".*"$/.test(content)) {
          call.textContent = JSON.parse(content);
          call.classList.add("fn-call-text");
        }
        mark(call, ["bpcall", String(idOf(call.dataset.footnoteCall))]);
      });
      // Footnote bodies (each part of a split one) and their markers.
      document.querySelectorAll(".pagedjs_footnote_area aside.footnote").forEach((note) => {
        const ref = note.dataset.splitFrom || note.dataset.ref;
        note.querySelectorAll(".footnote-marker").forEach((m) => mark(m, ["bplbl"]));
        mark(note, ["bpnote", String(idOf(ref))]);
      });
      // Endnotes (each part of a split one) and the calls to them.
      document.querySelectorAll(".pagedjs_area li.endnote").forEach((li) => {
        mark(li, ["bpen", String(idOf(li.dataset.splitFrom || li.dataset.ref))]);
      });
      document.querySelectorAll(".pagedjs_area a.noteref").forEach((a) => mark(a, ["bpref"]));
      document.querySelectorAll(".pagedjs_area section.endnotes").forEach((el) => mark(el, ["bpsect"]));
      // Other elements split over pages: every part gets the same number.
      document.querySelectorAll(".pagedjs_area [data-split-to], .pagedjs_area [data-split-from]").forEach((el) => {
        if (el.matches("aside.footnote, li.endnote") || !el.dataset.ref) return;
        mark(el, ["bpsplit", String(idOf(el.dataset.splitFrom || el.dataset.ref))]);
      });
    }
  }
  Paged.registerHandlers(PdfTags);
})();
