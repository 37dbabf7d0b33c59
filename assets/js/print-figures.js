// Figures float to the top of the next page, as a publisher sets them (a Paged.js handler;
// plain JavaScript for the browser).
//
// A figure never splits (print.css: break-inside: avoid). Left to Paged.js, a figure that
// does not fit in the rest of a page moves whole to the next page and leaves the rest of
// this one empty. Here it is held back instead: the text that follows it in the source
// fills this page, and the figure goes first on the next page. A figure only ever moves
// later than its place in the source, never before the paragraph that precedes it, and
// figures keep their order.
//
// How: when Paged.js renders a figure (renderNode), a full copy is measured in its place.
// If it would cross the page's foot, and something is above it on the page, the rendered
// figure is hidden (display: none) and Paged.js goes on filling the page with what
// follows. When the page is done (afterPageLayout) a hidden figure still on it is taken
// out, and a copy goes in at the top of the next page before Paged.js lays anything there
// (onPageLayout), so the next page's text is measured below it.
//
// What keeps this safe (Paged.js stops a layout that makes no progress on a page): only a
// figure of the running text (not in a box or a list), without a note call (its footnote
// must stay on its page), not taller than most of a page, is held; and only when the text
// after it in the source runs past the page's foot, so that the next page starts inside
// that text, which splits below the copy. One figure is held a page; a later one waits
// its turn where Paged.js puts it, so figures keep their order. As a safety net, copies go
// on a page only if the first thing the page takes from the source fits below them or can
// split (else they wait for the next page), held figures come back in place at the end of
// the brief, and copies still waiting then go back into the source after its end.
//
// A copy has no data-ref (Paged.js never takes it for a source node) and the class
// "floated"; print-break-report.js checks figures apart from the running text (in order,
// each once).
"use strict";
(function () {
  const FIGURE = "figure.figure";
  // A figure taller than this share of the page is not held back.
  const MOST_OF_A_PAGE = 0.85;
  // Text that splits across pages, in which the next page may start below a figure's copy.
  const TEXT_BLOCKS = "p, ul, ol, dl, blockquote, h2, h3, h4, h5, h6, table, section";
  const TEXT_ROOT = "article.brief-print";
  // Lines that widows, orphans and a heading kept with its text may move (px).
  const SAFETY = 48;

  const outerHeight = (el) => {
    const style = getComputedStyle(el);
    return el.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  };
  const withoutRefs = (el) => {
    for (const e of [el, ...el.querySelectorAll("[data-ref]")]) e.removeAttribute("data-ref");
    return el;
  };
  const hasNote = (figure) => figure.querySelector(".noteref, aside") !== null;

  class PrintFigures extends Paged.Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      this.held = []; // { source, clone, height }: figures hidden on the page being laid out
      this.next = []; // { source, height }: figures that go at the top of a coming page
      this.source = null;
      this.last = null;
    }

    // Images are loaded before layout, so that a figure's copy is measured at its size.
    async afterParsed(parsed) {
      this.source = parsed;
      let last = parsed.lastElementChild;
      while (last && last.lastElementChild) last = last.lastElementChild;
      this.last = last;
      const images = Array.from(parsed.querySelectorAll(`${FIGURE} img`)).map((img) => {
        const probe = new Image();
        probe.src = img.src;
        return probe.decode().catch(() => undefined);
      });
      await Promise.all(images);
    }

    onPageLayout(wrapper, breakToken, layout) {
      this.held = [];
      if (this.next.length === 0) return;
      const copies = this.next.map(({ source }) => {
        const copy = withoutRefs(source.cloneNode(true));
        copy.classList.add("floated");
        return copy;
      });
      wrapper.prepend(...copies);
      if (this.firstBlockFits(wrapper, breakToken, layout)) this.next = [];
      else copies.forEach((copy) => copy.remove()); // they wait for the next page
    }

    // Whether what this page takes first from the source fits below the copies, or can split.
    firstBlockFits(wrapper, breakToken, layout) {
      const node = breakToken && breakToken.node;
      if (!node) return true;
      if (node.nodeType === Node.TEXT_NODE && breakToken.offset > 0) return true; // text goes on mid-paragraph
      const block = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      if (!block) return true;
      const probe = withoutRefs(block.cloneNode(true));
      wrapper.append(probe);
      const style = getComputedStyle(probe);
      const whole = probe.matches(`${FIGURE}, img, svg, table, tr, pre`) || style.breakInside === "avoid" || probe.textContent.trim() === "";
      const fits = !whole || wrapper.getBoundingClientRect().height <= layout.element.getBoundingClientRect().height;
      probe.remove();
      return fits;
    }

    release() {
      for (const { clone } of this.held) {
        clone.style.display = "";
        clone.removeAttribute("data-held-figure");
      }
      this.held = [];
    }

    // Height of the text that follows `figure` in the source, up to the next block that
    // cannot split (a figure, a box, code, a page break), measured in the figure's place;
    // the measuring stops once it passes `enough`.
    textAfter(figure, clone, enough) {
      let height = 0;
      for (let el = figure.nextElementSibling; el && height < enough; el = el.nextElementSibling) {
        if (!el.matches(TEXT_BLOCKS) || el.textContent.trim() === "") break;
        const probe = withoutRefs(el.cloneNode(true));
        clone.before(probe);
        height += outerHeight(probe);
        probe.remove();
      }
      return height;
    }

    renderNode(clone, node, layout) {
      if (!(clone instanceof HTMLElement) || !clone.matches(FIGURE)) return;
      // Only figures in the brief's running text (not in a box or a list), one a page, and
      // not while copies wait for a page (figures keep their order).
      if (this.held.length > 0 || this.next.length > 0 || !node.parentElement || !node.parentElement.matches(TEXT_ROOT)) return;
      if (hasNote(node)) return;
      const area = layout.element.getBoundingClientRect();
      const bottom = Math.min(area.bottom, layout.bounds ? layout.bounds.bottom : area.bottom);
      // A full copy in the figure's place says how tall it is and whether it fits. Paged.js
      // lays a page out as a column: what does not fit goes on in the next column, to the
      // right of the page (a figure whole, as it does not break inside).
      const probe = withoutRefs(node.cloneNode(true));
      clone.before(probe);
      const rect = probe.getBoundingClientRect();
      const style = getComputedStyle(probe);
      const fits = rect.left < area.right - 1 && rect.bottom + parseFloat(style.marginBottom) <= bottom + 0.5;
      const height = outerHeight(probe);
      probe.remove();
      if (fits || height > MOST_OF_A_PAGE * area.height) return;
      // Where the figure would start: in the first column, or (moved whole) in the next one.
      const place = clone.getBoundingClientRect();
      if (place.left >= area.right - 1) return; // the page is already full before it
      // Nothing above it on this page: holding it back gains nothing.
      const before = document.createRange();
      before.setStart(layout.element, 0);
      before.setEndBefore(clone);
      if (!Array.from(before.getClientRects()).some((r) => r.height > 0 && r.width > 0)) return;
      // The text after it must run past this page's foot, so that the next page starts in
      // that text (which fits below the figure's copy, or splits), never at a block that
      // cannot split.
      const room = bottom - place.top;
      if (this.textAfter(node, clone, room + SAFETY) < room + SAFETY) return;
      this.hold(node, clone, height);
    }

    hold(source, clone, height) {
      clone.style.display = "none";
      clone.setAttribute("data-held-figure", "");
      this.held.push({ source, clone, height });
    }

    // The last node of the brief is about to be laid out: copies still waiting are put back
    // into the source after it (Paged.js lays them out last), held figures come back.
    layoutNode(node) {
      if (node !== this.last || this.next.length === 0) return;
      let top = node;
      while (top.parentNode && top.parentNode !== this.source) top = top.parentNode;
      top.after(...this.next.map(({ source }) => source));
      this.next = [];
    }

    // Before Paged.js measures the page: at the end of the brief, held figures come back.
    layout(wrapper) {
      if (this.held.length > 0 && this.last && wrapper.querySelector(`[data-ref="${this.last.getAttribute("data-ref")}"]`)) this.release();
    }

    afterPageLayout(pageElement) {
      for (const { source, clone, height } of this.held) {
        // A figure Paged.js took off this page (its break came earlier) is laid out again
        // from the source on the next page: nothing to carry.
        if (!pageElement.contains(clone)) continue;
        clone.remove();
        this.next.push({ source, height });
      }
      this.held = [];
    }
  }

  Paged.registerHandlers(PrintFigures);
})();
