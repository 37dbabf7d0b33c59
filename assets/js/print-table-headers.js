// A table's header row on every page the table spans (a Paged.js handler; plain JavaScript
// for the browser). Paged.js 0.4.3 continues a split table on the next page with its rows
// only: `thead { display: table-header-group }` repeats a header within one fragmented box,
// not across Paged.js's separate pages. When a page starts inside a table, a copy of the
// table's thead goes in first, before Paged.js measures what fits (its `layout` hook runs
// before each overflow check), so the rows that follow are counted below it and none is
// pushed past the page's foot. The copy has class "repeated-header" (the text check in
// print-break-report.js does not count it as repeated text) and no data-ref, so Paged.js
// never takes it for the source's own header. A table's caption and header never end a
// page without one of its rows (onOverflow).
"use strict";
(function () {
  class PrintTableHeaders extends Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      this.continued = [];
    }

    // The tables (of the source) that this page continues: those around the break.
    onPageLayout(wrapper, breakToken) {
      this.continued = [];
      let el = breakToken && breakToken.node;
      if (el && el.nodeType !== Node.ELEMENT_NODE) el = el.parentElement;
      for (; el; el = el.parentElement) if (el.tagName === "TABLE" && el.dataset.ref) this.continued.push(el);
    }

    // A page never ends with a table's caption and header row and none of its rows: the
    // break moves to before the table (unless the table starts the page).
    onOverflow(overflow) {
      if (!overflow) return undefined;
      let at = overflow.startContainer;
      if (at.nodeType === Node.ELEMENT_NODE && at.childNodes[overflow.startOffset]) at = at.childNodes[overflow.startOffset];
      const el = at.nodeType === Node.ELEMENT_NODE ? at : at.parentElement;
      const table = el && el.closest("table");
      if (!table || table.hasAttribute("data-split-from")) return undefined;
      const firstRow = table.querySelector(":scope > tbody > tr");
      const inFirstRow = el.matches("tbody") ? el === (firstRow && firstRow.parentElement) : firstRow !== null && firstRow.contains(el);
      if (!inFirstRow) return undefined;
      const page = table.closest(".pagedjs_page_content");
      const before = document.createRange();
      before.setStart(page || table.parentElement, 0);
      before.setEndBefore(table);
      if (!Array.from(before.getClientRects()).some((r) => r.width > 0 && r.height > 0)) return undefined;
      const moved = document.createRange();
      moved.setStartBefore(table);
      moved.setEnd(overflow.endContainer, overflow.endOffset);
      return moved;
    }

    layout(wrapper) {
      for (const source of this.continued) {
        const rendered = wrapper.querySelector(`table[data-ref="${source.dataset.ref}"]`);
        const thead = source.querySelector(":scope > thead");
        if (!rendered || !thead || rendered.querySelector(":scope > thead")) continue;
        const copy = thead.cloneNode(true);
        copy.classList.add("repeated-header");
        for (const el of [copy, ...copy.querySelectorAll("[data-ref]")]) el.removeAttribute("data-ref");
        rendered.insertBefore(copy, rendered.querySelector(":scope > tbody, :scope > tr") || null);
      }
    }
  }

  Paged.registerHandlers(PrintTableHeaders);
})();
