// Footnotes for print, as a Paged.js handler. Plain JavaScript: it runs in the browser.
//
// 1. Before layout, each footnote body (aside.footnote, placed after its paragraph for the
//    web) moves to its call, where Paged.js's `float: footnote` takes it to the page foot.
// 2. While pages are laid out, each page's calls get the symbols *, †, ‡, §, ‖, ¶ (then
//    doubled) from the start, as real text, and each body's marker repeats its call's symbol.
// 3. After layout, every footnote is checked: its body starts on the page of its call
//    (continuations follow on the next pages), each page's symbols run from *, no footnote
//    is lost or duplicated. Problems go to window.briefpressLayout.problems; the build fails on them.
"use strict";
(function () {
  const SYMBOLS = ["*", "\u2020", "\u2021", "\u00a7", "\u2016", "\u00b6"];
  const symbolFor = (i) => SYMBOLS[i % SYMBOLS.length].repeat(Math.floor(i / SYMBOLS.length) + 1);
  const state = window.briefpressLayout || (window.briefpressLayout = { done: false, problems: [] });

  function numberCalls(pageElement) {
    const calls = pageElement.querySelectorAll(".pagedjs_page_content [data-footnote-call]");
    calls.forEach((call, i) => {
      const symbol = symbolFor(i);
      if (call.textContent !== symbol) call.textContent = symbol;
      const body = pageElement.querySelector(
        `.pagedjs_footnote_area [data-ref="${call.dataset.ref}"]:not([data-split-from]) .footnote-marker`,
      );
      if (body && body.textContent !== symbol) body.textContent = symbol;
    });
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
        const back = aside.querySelector(".backlink");
        if (back) back.remove();
        call.replaceWith(aside);
      });
    }

    renderNode(node) {
      if (node.nodeType !== 1) return;
      const page = node.closest(".pagedjs_page");
      if (page && page.querySelector(".pagedjs_page_content [data-footnote-call]:not([aria-label])")) {
        page.querySelectorAll(".pagedjs_page_content [data-footnote-call]:not([aria-label])").forEach((call) => {
          const body = document.querySelector(`[data-note="footnote"][data-ref="${call.dataset.ref}"]`);
          call.setAttribute("aria-label", (body && body.dataset.callName) || "Footnote");
          call.setAttribute("role", "doc-noteref");
        });
        numberCalls(page);
      }
    }

    afterPageLayout(pageElement) {
      numberCalls(pageElement);
    }

    afterRendered(pages) {
      const seen = new Map();
      pages.forEach((page, index) => {
        const el = page.element;
        const pageNumber = index + 1;
        const calls = Array.from(el.querySelectorAll(".pagedjs_page_content [data-footnote-call]"));
        const bodies = Array.from(el.querySelectorAll(".pagedjs_footnote_area [data-note='footnote']"));
        const labelOf = (ref) => {
          const b = document.querySelector(`[data-note="footnote"][data-ref="${ref}"]`);
          return (b && b.dataset.label) || ref;
        };
        calls.forEach((call, i) => {
          const ref = call.dataset.ref;
          const label = labelOf(ref);
          if (seen.has(ref)) {
            state.problems.push({ label, page: pageNumber, message: `footnote called again (first on page ${seen.get(ref)})` });
          }
          seen.set(ref, pageNumber);
          if (call.textContent !== symbolFor(i)) {
            state.problems.push({ label, page: pageNumber, message: `call shows "${call.textContent}" but is footnote ${i + 1} of the page ("${symbolFor(i)}")` });
          }
          const body = bodies.find((b) => b.dataset.ref === ref && !b.dataset.splitFrom);
          if (!body) {
            state.problems.push({ label, page: pageNumber, message: "footnote body is not at the foot of the page of its call" });
            return;
          }
          const marker = body.querySelector(".footnote-marker");
          if (!marker || marker.textContent !== call.textContent) {
            state.problems.push({ label, page: pageNumber, message: `marker "${marker ? marker.textContent : ""}" does not match call "${call.textContent}"` });
          }
        });
        bodies.forEach((body) => {
          const ref = body.dataset.ref;
          if (body.dataset.splitFrom) {
            const from = seen.get(ref);
            if (from === undefined || from > pageNumber) {
              state.problems.push({ label: labelOf(ref), page: pageNumber, message: "footnote continuation without its beginning on an earlier page" });
            }
          } else if (!calls.some((c) => c.dataset.ref === ref)) {
            state.problems.push({ label: labelOf(ref), page: pageNumber, message: "footnote body printed on a page that does not call it" });
          }
        });
      });
      if (state.footnotesExpected !== undefined && seen.size !== state.footnotesExpected) {
        const placed = new Set(Array.from(seen.keys()).map((ref) => {
          const b = document.querySelector(`[data-note="footnote"][data-ref="${ref}"]`);
          return b && b.dataset.label;
        }));
        (state.footnoteLabels || []).filter((l) => !placed.has(l)).forEach((label) => {
          state.problems.push({ label, page: 0, message: "footnote was lost in layout: no call for it on any page" });
        });
      }
      state.footnotesPlaced = seen.size;
    }
  }

  Paged.registerHandlers(PrintNotes);
})();
