// The footnote area never grows after a page's text was laid out. Plain JavaScript: it runs
// in the browser.
//
// Paged.js 0.4.3 sizes a page's footnote area while it lays out the text (a footnote too long
// for the page gets the room down from its call's line). After the page is done, its
// Footnotes.afterPageLayout moves the part of the note that does not fit to the next page and
// measures the area again; that measure can come out a pixel or two taller than the one the
// text was laid out with, and the page's last line, often the one holding the call, then lies
// below the text area: cut off on paper, lost. The part of the note left on the page was cut
// to fit the earlier area, so keeping that size loses nothing.
"use strict";
(function () {
  const Footnotes = Paged.registeredHandlers.find((handler) => handler.name === "Footnotes");
  if (!Footnotes || typeof Footnotes.prototype.afterPageLayout !== "function") {
    throw new Error("print-footnote-area.js: Paged.js has no Footnotes.afterPageLayout (was Paged.js upgraded?)");
  }
  // A footnote too long for the room left: Paged.js grows the area up to the bottom of the
  // call's glyphs, but the call's line box reaches lower (half the leading), so the whole
  // line, call included, no longer fits and moves to the next page, away from its note. The
  // area is lowered until the call is on the page again.
  //
  // The rest of a split footnote is set on the next page at its full height, however tall:
  // a note of three pages got an area taller than the page, nothing was split off again,
  // the page's text area had no room at all and Paged.js, stuck, cloned page 1 in place of
  // the rest of the brief. A continued note takes at most MAX_CONTINUED of the page; the rest
  // of it goes on to the next page, and every page keeps room for running text.
  const MAX_CONTINUED = 0.7;
  const moveFootnote = Footnotes.prototype.moveFootnote;
  Footnotes.prototype.moveFootnote = function (node, pageArea, needsNoteCall) {
    moveFootnote.call(this, node, pageArea, needsNoteCall);
    if (!pageArea || !node.dataset || !node.dataset.ref) return;
    if (!needsNoteCall) {
      const noteContent = pageArea.querySelector(".pagedjs_footnote_content");
      const inner = pageArea.querySelector(".pagedjs_footnote_inner_content");
      const style = getComputedStyle(pageArea);
      const room = pageArea.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      const max = Math.floor(room * MAX_CONTINUED);
      const height = parseFloat(pageArea.style.getPropertyValue("--pagedjs-footnotes-height"));
      if (noteContent && inner && height > max) {
        const total = this.marginsHeight(noteContent) + this.paddingHeight(noteContent) + this.borderHeight(noteContent);
        pageArea.style.setProperty("--pagedjs-footnotes-height", `${max}px`);
        inner.style.height = `${max - total}px`;
      }
      return;
    }
    const inner = pageArea.querySelector(".pagedjs_footnote_inner_content");
    if (!inner || !inner.style.height) return; // the note fitted: nothing was cut to the call
    const call = pageArea.querySelector(`.pagedjs_page_content [data-footnote-call="${node.dataset.ref}"]`);
    const content = pageArea.querySelector(".pagedjs_page_content");
    if (!call || !content) return;
    const onPage = () => {
      const box = content.getBoundingClientRect();
      const r = call.getBoundingClientRect();
      return r.left < box.right && r.bottom <= box.bottom + 0.5;
    };
    const startHeight = parseFloat(pageArea.style.getPropertyValue("--pagedjs-footnotes-height"));
    const startInner = parseFloat(inner.style.height);
    if (!onPage()) {
      // Lower by up to one line (the leading below the glyphs is a few pixels); a call
      // further out is beyond this page anyway: leave that to Paged.js as it was.
      let down = 1;
      for (; down <= 24; down++) {
        pageArea.style.setProperty("--pagedjs-footnotes-height", `${startHeight - down}px`);
        inner.style.height = `${Math.max(0, startInner - down)}px`;
        if (onPage()) break;
      }
      if (down > 24) {
        pageArea.style.setProperty("--pagedjs-footnotes-height", `${startHeight}px`);
        inner.style.height = `${startInner}px`;
        return;
      }
    }
  };

  const afterPageLayout = Footnotes.prototype.afterPageLayout;
  Footnotes.prototype.afterPageLayout = function (pageElement, ...rest) {
    const area = pageElement.querySelector(".pagedjs_area");
    // The rest of a note continued from an earlier page comes first, as Paged.js put it: a
    // continued note goes on on the very next page. Unless a note whose call is on this page
    // would then not begin here at all: the continued note then goes after this page's own
    // notes, and what does not fit, and moves on, is the continued note, never a note whose
    // call is on this page.
    const inner = pageElement.querySelector(".pagedjs_footnote_inner_content");
    const content = pageElement.querySelector(".pagedjs_footnote_content");
    if (inner && content) {
      const continued = Array.from(inner.children).filter((n) => n.dataset.splitFrom);
      if (continued.length && continued.length < inner.children.length) {
        // Measured as Paged.js will: what overflows the area flows into columns to the right.
        inner.style.columnWidth = Math.round(content.getBoundingClientRect().width) + "px";
        inner.style.columnGap = "calc(var(--pagedjs-margin-right) + var(--pagedjs-margin-left))";
        const bounds = content.getBoundingClientRect();
        const beginsHere = (note) => {
          const first = note.getClientRects()[0];
          return !!first && first.left < bounds.right - 1 && first.top < bounds.bottom - 1;
        };
        const own = Array.from(inner.children).filter((n) => !n.dataset.splitFrom);
        if (!own.every(beginsHere)) inner.append(...continued);
      }
    }
    const before = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height"));
    afterPageLayout.call(this, pageElement, ...rest);
    const after = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height"));
    if (before > 0 && after > before) area.style.setProperty("--pagedjs-footnotes-height", `${before}px`);
  };
})();
