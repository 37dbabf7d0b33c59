// Footnotes for print, as a Paged.js handler. Plain JavaScript: it runs in the browser.
//
// 1. Before layout, each footnote body (aside.footnote, placed after its paragraph for the
//    web) moves to its call, where Paged.js's `float: footnote` takes it to the page foot.
// 2. While pages are laid out, each page's calls get the symbols *, †, ‡, §, ‖, ¶ (then
//    doubled) from the start, and each body's marker repeats its call's symbol.
// 3. After layout, every footnote is checked: its body starts on the page of its call
//    (continuations follow on the next pages), each page's symbols run from *, no footnote
//    is lost or duplicated. Problems go to window.briefpressLayout.problems; the build fails on them.
"use strict";
(function () {
  const SYMBOLS = ["*", "\u2020", "\u2021", "\u00a7", "\u2016", "\u00b6"];
  const symbolFor = (i) => SYMBOLS[i % SYMBOLS.length].repeat(Math.floor(i / SYMBOLS.length) + 1);
  const state = window.briefpressLayout || (window.briefpressLayout = { done: false, problems: [] });

  const SYMBOL_CLASS = /^fn-sym-(\d+)$/;
  const symbolIndexOf = (el) => {
    for (const c of el.classList) {
      const m = SYMBOL_CLASS.exec(c);
      if (m) return Number(m[1]);
    }
    return -1;
  };

  // Paged.js creates a footnote's call while laying out the paragraph and measures the line
  // right away, copying the note's classes onto the call. So the symbol is decided before:
  // the note gets class fn-sym-N (N = calls already on the page being laid out) and
  // assets/css/footnote-symbols.css draws the call's symbol from it. The marker before the
  // body is set to the same symbol. A paragraph that moves to the next page is laid out
  // again there, and numbered again.
  function numberNotesBeforeLayout(sourceNode) {
    const notes = sourceNode.matches("[data-note='footnote']")
      ? [sourceNode]
      : Array.from(sourceNode.querySelectorAll("[data-note='footnote']"));
    if (notes.length === 0) return;
    const pages = document.querySelectorAll(".pagedjs_page");
    const page = pages[pages.length - 1];
    let index = page ? page.querySelectorAll(".pagedjs_page_content [data-footnote-call]").length : 0;
    for (const note of notes) {
      for (const c of Array.from(note.classList)) if (SYMBOL_CLASS.test(c)) note.classList.remove(c);
      note.classList.add(`fn-sym-${index}`);
      const marker = note.querySelector(".footnote-marker");
      if (marker) marker.textContent = symbolFor(index);
      index++;
    }
  }

  // The placement check, over laid-out pages (.pagedjs_page elements): every footnote's body
  // starts at the foot of the page of its call, continuations follow on later pages, each
  // page's symbols run *, †, ‡ … from the start with markers matching calls, and no footnote
  // in `expectedLabels` is lost or placed twice. Returns the problems and the count placed.
  function findPlacementProblems(pageElements, expectedLabels) {
    const problems = [];
    const seen = new Map();
    const lastOn = new Map(); // the last page that printed part of each footnote
    const labelOf = (ref) => {
      const b = document.querySelector(`[data-note="footnote"][data-ref="${ref}"]`);
      return (b && b.dataset.label) || ref;
    };
    pageElements.forEach((el, index) => {
      const pageNumber = index + 1;
      const calls = Array.from(el.querySelectorAll(".pagedjs_page_content [data-footnote-call]"));
      const bodies = Array.from(el.querySelectorAll(".pagedjs_footnote_area [data-note='footnote']"));
      calls.forEach((call, i) => {
        const ref = call.dataset.ref;
        const label = labelOf(ref);
        if (seen.has(ref)) {
          problems.push({ label, page: pageNumber, message: `footnote called again (first on page ${seen.get(ref)})` });
        }
        seen.set(ref, pageNumber);
        const shown = symbolIndexOf(call) >= 0 ? symbolFor(symbolIndexOf(call)) : "";
        if (shown !== symbolFor(i)) {
          problems.push({ label, page: pageNumber, message: `call shows "${shown}" but is footnote ${i + 1} of the page ("${symbolFor(i)}")` });
        }
        const body = bodies.find((b) => b.dataset.ref === ref && !b.dataset.splitFrom);
        if (!body) {
          problems.push({ label, page: pageNumber, message: "footnote body is not at the foot of the page of its call" });
          return;
        }
        const marker = body.querySelector(".footnote-marker");
        if (!marker || marker.textContent !== shown) {
          problems.push({ label, page: pageNumber, message: `marker "${marker ? marker.textContent : ""}" does not match call "${shown}"` });
        }
      });
      bodies.forEach((body) => {
        const ref = body.dataset.ref;
        if (body.dataset.splitFrom) {
          const from = seen.get(ref);
          if (from === undefined || from > pageNumber) {
            problems.push({ label: labelOf(ref), page: pageNumber, message: "footnote continuation without its beginning on an earlier page" });
          } else if (lastOn.has(ref) && lastOn.get(ref) !== pageNumber - 1) {
            // A note goes on on the very next page: a page between its parts skipped it.
            problems.push({ label: labelOf(ref), page: pageNumber, message: `footnote continues on page ${pageNumber}, not on page ${lastOn.get(ref) + 1} after page ${lastOn.get(ref)}` });
          }
        } else if (!calls.some((c) => c.dataset.ref === ref)) {
          problems.push({ label: labelOf(ref), page: pageNumber, message: "footnote body printed on a page that does not call it" });
        }
        lastOn.set(ref, pageNumber);
      });
    });
    const placedLabels = new Set(Array.from(seen.keys()).map(labelOf));
    expectedLabels.filter((l) => !placedLabels.has(l)).forEach((label) => {
      problems.push({ label, page: 0, message: "footnote was lost in layout: no call for it on any page" });
    });
    return { problems, placed: seen.size };
  }
  window.briefpressFindPlacementProblems = findPlacementProblems;
  // For print-footnote-area.js, which places a note Paged.js left in the text: numbered for
  // the calls on its page then, as Paged.js's own are numbered when laid out.
  window.briefpressNumberNotes = numberNotesBeforeLayout;

  // Paged.js names each footnote body `note-<random uuid>`; Chromium turns those ids into
  // named destinations, so two builds of the same brief would differ. Rename them in order.
  function stableNoteIds(pageElements) {
    let n = 0;
    const pageOf = (el) => pageElements.findIndex((p) => p.contains(el)) + 1;
    for (const el of pageElements) {
      for (const call of el.querySelectorAll(".pagedjs_page_content [data-footnote-call]")) {
        const id = `footnote-${++n}`;
        // The names say the symbol printed on this page, not the web page's ("Footnote †");
        // a note's name also says its page, so that no two notes of the print page share a
        // name (every page has its "*").
        const shown = symbolIndexOf(call) >= 0 ? symbolFor(symbolIndexOf(call)) : "";
        const name = (label) => `${(label || "Footnote").replace(/\s*[*\u2020\u2021\u00a7\u2016\u00b6]+(, page \d+)?$/, "")} ${shown}`;
        for (const body of document.querySelectorAll(`.pagedjs_footnote_area [data-ref="${call.dataset.ref}"]`)) {
          const page = pageOf(body);
          // The rest of a note continued on a later page is a copy of the note's element:
          // it gets an id of its own.
          if (body.id && body.id.startsWith("note-")) body.id = body.dataset.splitFrom ? `${id}-page-${page}` : id;
          if (shown && body.hasAttribute("aria-label")) body.setAttribute("aria-label", `${name(body.getAttribute("aria-label"))}, page ${page}`);
        }
        call.setAttribute("href", `#${id}`);
        if (shown) call.setAttribute("aria-label", name(call.getAttribute("aria-label")));
      }
    }
  }

  class PrintNotes extends Paged.Handler {
    beforeParsed(content) {
      const asides = content.querySelectorAll("aside.footnote[role='doc-footnote']");
      state.footnotesExpected = asides.length;
      state.footnoteLabels = [];
      asides.forEach((aside) => {
        const call = content.querySelector(`a.noteref--footnote[href="#${CSS.escape(aside.id)}"]`);
        state.footnoteLabels.push(aside.dataset.label || aside.id);
        if (!call) {
          state.problems.push({ label: aside.dataset.label || aside.id, page: 0, message: "footnote has no call in the text" });
          return;
        }
        aside.dataset.callName = call.getAttribute("aria-label") || "Footnote";
        // On paper the marker is just the symbol, not a link back to the web page's call.
        const marker = aside.querySelector(".footnote-marker");
        if (marker) marker.textContent = marker.textContent;
        // The call Paged.js creates must sit on the baseline, outside our raised <sup>: Paged.js
        // measures the call's box to decide where the note area may start, and a raised box
        // ends above the line, so the line would be cut and pushed to the next page.
        // The span keeps the call out of the paragraph's own children, as on the web.
        const holder = document.createElement("span");
        holder.className = "footnote-call-holder";
        holder.append(aside);
        const group = call.parentElement;
        if (group && group.matches("sup.noterefs")) {
          const others = Array.from(group.children).filter((c) => c !== call && c.matches("a"));
          if (others.length === 0) {
            group.replaceWith(holder);
          } else if (call === group.firstElementChild) {
            call.remove();
            group.before(holder);
          } else {
            call.remove();
            group.after(holder);
          }
        } else {
          call.replaceWith(holder);
        }
      });
    }

    layoutNode(node) {
      if (node.nodeType === 1) numberNotesBeforeLayout(node);
    }

    // Names for the calls Paged.js created on this page (their symbol is CSS-generated).
    // Once per page: attributes do not change the layout.
    afterPageLayout(pageElement) {
      pageElement.querySelectorAll(".pagedjs_page_content [data-footnote-call]:not([role])").forEach((call) => {
        const body = document.querySelector(`[data-note="footnote"][data-ref="${call.dataset.ref}"]`);
        call.setAttribute("role", "doc-noteref");
        call.setAttribute("aria-label", (body && body.dataset.callName) || "Footnote");
      });
    }

    afterRendered(pages) {
      if (state.timings) state.timings.layoutDone = Math.round(performance.now());
      const elements = pages.map((page) => page.element);
      stableNoteIds(elements);
      const { problems, placed } = findPlacementProblems(elements, state.footnoteLabels || []);
      state.problems.push(...problems);
      state.footnotesPlaced = placed;
      // How full each page is (text and notes over the page area), for reports and tests.
      state.pageFill = pages.map((page) => {
        const area = page.element.querySelector(".pagedjs_area").getBoundingClientRect();
        const content = page.element.querySelector(".pagedjs_page_content");
        const notes = page.element.querySelector(".pagedjs_footnote_area").getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(content);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0 && r.left < area.right);
        const textBottom = rects.length ? Math.max(...rects.map((r) => r.bottom)) : area.top;
        const used = Math.min(area.height, textBottom - area.top + notes.height);
        return Math.round((used / area.height) * 100) / 100;
      });
    }
  }

  Paged.registerHandlers(PrintNotes);
})();
