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

  class PdfTags extends Paged.Handler {
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
