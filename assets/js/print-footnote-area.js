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
  // area is lowered until the call is on the page again (below).
  //
  // The rest of a split footnote is set on the next page at its full height, however tall:
  // a note of three pages got an area taller than the page, nothing was split off again,
  // the page's text area had no room at all and Paged.js, stuck, cloned page 1 in place of
  // the rest of the brief. A continued note takes at most MAX_CONTINUED of the page; the rest
  // of it goes on to the next page, and every page keeps room for running text.
  const MAX_CONTINUED = 0.7;
  // Paged.js drops a note whose call lies beyond the page while the page is being laid out
  // ("will be chunked to the next page on overflow"), trusting that the call will go on to
  // the next page with the text and bring its note back there. But the footnote area shrinks
  // again as the page is finished, the call's line can end up on the page after all, and the
  // note was then lost: its call printed, its text nowhere. Such notes are kept here per page
  // area, and put back into the page's notes after layout when their call is on the page.
  const dropped = new WeakMap();
  const moveFootnote = Footnotes.prototype.moveFootnote;
  // The Footnotes handler, for its queue of notes for the next page and to place notes: known
  // from the first note it sees rendered, placed or not (a note left in the text on page 1
  // is placed below before Paged.js has placed any: seed 54).
  let footnotes = null;
  const findVisibleFootnotes = Footnotes.prototype.findVisibleFootnotes;
  if (typeof findVisibleFootnotes === "function") {
    Footnotes.prototype.findVisibleFootnotes = function (...args) {
      footnotes = this;
      return findVisibleFootnotes.apply(this, args);
    };
  }
  Footnotes.prototype.moveFootnote = function (node, pageArea, needsNoteCall) {
    footnotes = this;
    const heightBefore = pageArea ? parseFloat(pageArea.style.getPropertyValue("--pagedjs-footnotes-height")) || 0 : 0;
    moveFootnote.call(this, node, pageArea, needsNoteCall);
    if (!pageArea || !node.dataset || !node.dataset.ref) return;
    if (needsNoteCall && node.parentNode === null) {
      if (!dropped.has(pageArea)) dropped.set(pageArea, new Map());
      dropped.get(pageArea).set(node.dataset.ref, node);
      return;
    }
    if (!needsNoteCall) {
      const noteContent = pageArea.querySelector(".pagedjs_footnote_content");
      const inner = pageArea.querySelector(".pagedjs_footnote_inner_content");
      const style = getComputedStyle(pageArea);
      const room = pageArea.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      const max = Math.floor(room * MAX_CONTINUED);
      const height = parseFloat(pageArea.style.getPropertyValue("--pagedjs-footnotes-height"));
      if (noteContent && inner && height > max) setAreaHeight(this, pageArea, max);
      return;
    }
    // Also when Paged.js judged that the note fits without pushing its call off the page
    // (no height on the inner box) and was wrong: the call went on to the next page, its note
    // with it, and the area stayed, an empty hole under the text (seed 37, page 28).
    const inner = pageArea.querySelector(".pagedjs_footnote_inner_content");
    const noteContent = pageArea.querySelector(".pagedjs_footnote_content");
    if (!inner || !noteContent) return;
    const call = pageArea.querySelector(`.pagedjs_page_content [data-footnote-call="${node.dataset.ref}"]`);
    const content = pageArea.querySelector(".pagedjs_page_content");
    if (!call || !content) return;
    // On the page: the call and its whole line (a raised call ends above the line's own
    // letters, and the line box reaches half the leading below them: Paged.js breaks where
    // the line box no longer fits).
    const word = letterBefore(call);
    const lineHeight = word ? parseFloat(getComputedStyle(word[0].parentElement).lineHeight) : NaN;
    const onPage = () => {
      const box = content.getBoundingClientRect();
      const r = call.getBoundingClientRect();
      if (!(r.left < box.right && r.bottom <= box.bottom + 0.5)) return false;
      const w = word && charRect(word[0], word[1]);
      if (!w) return true;
      const halfLeading = lineHeight > w.height ? (lineHeight - w.height) / 2 : 0;
      return w.left < box.right && w.bottom + halfLeading <= box.bottom + 0.5;
    };
    const startHeight = parseFloat(pageArea.style.getPropertyValue("--pagedjs-footnotes-height"));
    const startInner = inner.style.height;
    const setHeight = (h) => setAreaHeight(this, pageArea, h);
    if (onPage()) return;
    // The area was grown to the bottom of the call's glyphs, but the call's line reaches
    // lower, and once the text is shorter a long paragraph flows on differently: the call
    // can end up far beyond the page. The tallest area that keeps the call on the page lies
    // between the height before this note (the call was on the page) and this one.
    if (!(startHeight > heightBefore)) return;
    setHeight(heightBefore);
    if (!onPage()) {
      // beyond this page anyway: left to Paged.js as it was
      pageArea.style.setProperty("--pagedjs-footnotes-height", `${startHeight}px`);
      inner.style.height = startInner;
      return;
    }
    let lo = heightBefore;
    let hi = startHeight;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      setHeight(mid);
      if (onPage()) lo = mid;
      else hi = mid;
    }
    setHeight(lo);
  };

  // The footnote area of `pageArea` set to `h` px, its notes cut to that height (what does
  // not fit flows into columns to the right, and Footnotes.afterPageLayout takes it on to
  // the next page), as Paged.js sets an area that ends just above a call.
  function setAreaHeight(handler, pageArea, h) {
    const noteContent = pageArea.querySelector(".pagedjs_footnote_content");
    const inner = pageArea.querySelector(".pagedjs_footnote_inner_content");
    pageArea.style.setProperty("--pagedjs-footnotes-height", `${h}px`);
    inner.style.height = `${Math.max(0, h - frameHeight(handler, noteContent))}px`;
  }

  // The margins, padding and borders of the notes' box (.pagedjs_footnote_content): the area's
  // height less its notes' height.
  function frameHeight(handler, noteContent) {
    return handler.marginsHeight(noteContent) + handler.paddingHeight(noteContent) + handler.borderHeight(noteContent);
  }

  // The call of `note` in the page's text, or null.
  function callIn(rendered, note) {
    return rendered.querySelector(`[data-footnote-call="${CSS.escape(note.dataset.ref)}"]`);
  }

  // A note was placed, its area grown down to its call's line, but by the time the page
  // breaks that line is beyond the page: the text after the call, rendered later, ended
  // the paragraph one line further on, and `widows: 2` took the call's line along to the
  // next column (seed 3001, page 13). Paged.js then takes the note off this page with its
  // call and leaves the area it had grown for it: an empty hole under four lines of text.
  // The area is lowered to the tallest height at which the call is on the page once more
  // (its note then begins here, and the next page takes the rest). If there is none, the
  // note is set aside as Paged.js drops a note whose call is beyond the page (restoreDropped
  // brings it back should its call stay here after all), the area keeps the other notes'
  // height, and the page takes text instead (its footnotes placed by placeLeftNotes). Returns
  // the page's overflow then, as { overflow } (null when all of the text fits), or null when
  // no note of the area lost its call (nothing changed).
  function relayOut(area, inner, content, overflow, rendered, bounds, layout) {
    if (!footnotes) return null;
    const leaving = Array.from(inner.children).filter((n) => {
      if (n.dataset.splitFrom || !n.dataset.ref) return false;
      const call = callIn(rendered, n);
      return call && overflow.comparePoint(call, 0) >= 0;
    });
    if (leaving.length === 0) return null;
    const call = callIn(rendered, leaving[0]);
    const start = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height")) || 0;
    const startInner = inner.style.height;
    const overflowAt = (h) => {
      setAreaHeight(footnotes, area, h);
      const found = layout.findOverflow(rendered, bounds);
      return { found, kept: !found || found.comparePoint(call, 0) < 0 };
    };
    // The least: the height of the other notes, whole.
    const next = leaving.map((n) => n.nextSibling);
    leaving.forEach((n) => n.remove());
    inner.style.height = "";
    const others = inner.children.length ? inner.getBoundingClientRect().height : 0;
    const least = Math.min(start, Math.ceil(others + (others > 0 ? frameHeight(footnotes, content) : 0)));
    let lo = least;
    let at = overflowAt(lo);
    if (at.kept) {
      // back in their places, last first (a note's next sibling may be a leaving one)
      for (let i = leaving.length - 1; i >= 0; i--) inner.insertBefore(leaving[i], next[i] && next[i].parentNode === inner ? next[i] : null);
      let hi = start;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (overflowAt(mid).kept) lo = mid;
        else hi = mid;
      }
      at = overflowAt(lo);
      if (!at.kept) {
        area.style.setProperty("--pagedjs-footnotes-height", `${start}px`); // as it was
        inner.style.height = startInner;
        return null;
      }
    } else {
      if (!dropped.has(area)) dropped.set(area, new Map());
      for (const n of leaving) dropped.get(area).set(n.dataset.ref, n);
      if (inner.children.length === 0) content.classList.add("pagedjs_footnote_empty");
    }
    return { overflow: at.found || null };
  }

  // The footnotes left in the text between Paged.js's overflow `from` and the page's overflow
  // now, placed as Paged.js places them while it renders (their calls were beyond the page
  // then, so they had no call and were still in the text: seed 2041, notes lost). A note
  // taken out of the text shortens it, and more text fits: so again, until none is left.
  // Returns the page's overflow then (null when all of the text fits).
  function placeLeftNotes(area, from, overflow, rendered, bounds, layout) {
    let now = overflow;
    for (let round = 0; round < 50; round++) {
      const left = Array.from(rendered.querySelectorAll("[data-note='footnote']")).filter((n) => from.comparePoint(n, 0) >= 0 && (!now || now.comparePoint(n, 0) < 0));
      if (left.length === 0) break;
      for (const n of left) placeNote(n, area);
      now = layout.findOverflow(rendered, bounds) || null;
    }
    return now;
  }

  // A note Paged.js left in the text placed as it places one: its symbol counted from the
  // calls on the page now (assets/js/print-notes.js), its call made, its body floated.
  function placeNote(note, area) {
    if (typeof window.briefpressNumberNotes === "function") window.briefpressNumberNotes(note);
    footnotes.moveFootnote(note, area, true);
  }

  // A footnote's body sits in the text after its call's word until Paged.js floats it, as a
  // block: when the word ends the page, the body begins a line beyond the page, Paged.js does
  // not place it ("chunked to the next page") and breaks the page before it, inside the word
  // glued to its call (span.noteref-glue): the word's last letter and the call went on to
  // the next page, the word broken without a hyphen ("deterrenc" / "e†", seed 2041, page 15).
  // Such a note is placed as Paged.js places one whose call is on the page; its call's line
  // then stays, or moves whole when the note cannot begin here (below). Returns the page's
  // overflow then, as { overflow }, or null when the overflow does not begin at such a note.
  function placeNoteAt(area, overflow, rendered, bounds, layout) {
    if (!footnotes) return null;
    const container = overflow.startContainer;
    const at = container.nodeType === Node.ELEMENT_NODE ? container.childNodes[overflow.startOffset] || container : container;
    const element = at.nodeType === Node.ELEMENT_NODE ? at : at.parentElement;
    // the note itself, or the element that holds it (span.footnote-call-holder) and nothing before it
    let note = element && element.closest("[data-note='footnote']");
    if (!note && element) {
      const held = element.querySelector("[data-note='footnote']");
      const ahead = held && document.createRange();
      if (ahead) {
        ahead.setStart(element, 0);
        ahead.setEndBefore(held);
      }
      if (ahead && !ahead.toString().trim()) note = held;
    }
    if (!note || !rendered.contains(note)) return null;
    const glue = note.parentElement && note.parentElement.closest(".noteref-glue");
    const before = document.createRange();
    before.setStart(glue || note.parentElement, 0);
    before.setEndBefore(note);
    if (!glue || !before.toString().trim()) return null; // nothing of its word before it here
    // Only where the note can begin here, or its line can go on whole: with a note of the
    // page already cut short, or on the page's only line, the note would have no room and
    // its call's line could not move (seed 2329, page 70: two notes a page after their calls).
    if (!overflowFromLineOf(note, overflow, rendered)) return null;
    const inner = area.querySelector(".pagedjs_footnote_inner_content");
    const content = area.querySelector(".pagedjs_footnote_content");
    if (inner && content && inner.children.length) {
      measureAsPaged(inner, content);
      const box = content.getBoundingClientRect();
      if (Array.from(inner.children).some((n) => !n.dataset.splitFrom && !visibleLines(n, box).all)) return null;
    }
    placeNote(note, area);
    if (rendered.contains(note)) return null; // not placed: left as it was
    return { overflow: layout.findOverflow(rendered, bounds) || null };
  }

  // Back into the page's notes, in the order of their calls, go the dropped notes whose call
  // is on the page: before the overflow while the page is broken (onOverflow), or inside the
  // text box once the overflow was taken off (afterPageLayout).
  function restoreDropped(area, inner, content, overflow) {
    const notes = dropped.get(area);
    if (!notes) return;
    const text = area.querySelector(".pagedjs_page_content");
    const box = text.getBoundingClientRect();
    for (const [ref, note] of notes) {
      const call = text.querySelector(`[data-footnote-call="${CSS.escape(ref)}"]`);
      if (!call) continue; // its call went on with the text: the next page brings the note
      if (overflow) {
        if (overflow.comparePoint(call, 0) >= 0) continue;
      } else {
        const r = call.getBoundingClientRect();
        if (r.left >= box.right || r.top >= box.bottom) continue;
      }
      notes.delete(ref);
      if (document.querySelector(`.pagedjs_footnote_inner_content [data-ref="${CSS.escape(ref)}"]`)) continue;
      note.dataset.footnoteMarker = ref;
      note.id = `note-${ref}`;
      const later = Array.from(inner.children).find((n) => {
        if (n.dataset.splitFrom) return false;
        const c = text.querySelector(`[data-footnote-call="${CSS.escape(n.dataset.ref)}"]`);
        return c && (call.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      inner.insertBefore(note, later || null);
      content.classList.remove("pagedjs_footnote_empty");
    }
  }

  // The notes laid out as Paged.js's afterPageLayout will measure them: what overflows the
  // area flows into columns to the right.
  function measureAsPaged(inner, content) {
    inner.style.columnWidth = Math.round(content.getBoundingClientRect().width) + "px";
    inner.style.columnGap = "calc(var(--pagedjs-margin-right) + var(--pagedjs-margin-left))";
  }

  const afterPageLayout = Footnotes.prototype.afterPageLayout;
  Footnotes.prototype.afterPageLayout = function (pageElement, ...rest) {
    const area = pageElement.querySelector(".pagedjs_area");
    // The rest of a note continued from an earlier page comes first, as Paged.js put it: a
    // continued note goes on on the very next page. When a note whose call is on this page
    // would then not begin here with two lines (or whole), or a second continued note would
    // get no line, a continued note is cut shorter (its rest goes on first on the next page),
    // never left out: it skipped pages when it was set after this page's own notes and they
    // filled the area. Only if no cut makes room (onOverflow reserves two lines of each, so
    // it rarely happens) do the continued notes go after the own ones.
    const inner = pageElement.querySelector(".pagedjs_footnote_inner_content");
    const content = pageElement.querySelector(".pagedjs_footnote_content");
    if (inner && content) restoreDropped(area, inner, content);
    dropped.delete(area);
    if (inner && content) {
      const continued = Array.from(inner.children).filter((n) => n.dataset.splitFrom);
      const own = Array.from(inner.children).filter((n) => !n.dataset.splitFrom);
      if (continued.length && inner.children.length > 1) {
        measureAsPaged(inner, content);
        const bounds = content.getBoundingClientRect();
        const isShort = (note) => tooShort(note, bounds);
        // Every own note begins with two lines (or whole), every continued one with a line.
        const fits = () => !own.some(isShort) && continued.every((n) => visibleLines(n, bounds).lines > 0);
        if (!fits()) {
          let rest = null;
          for (let c = continued.length - 1; c >= 0 && !rest; c--) rest = cutToFit(continued[c], 1, bounds, fits);
          // One cut was not enough: the first continued note filled the area, and the next
          // one, long too, took the room left once the first was cut (seed 1134, page 11: a
          // continued note skipped the page). Every continued note is cut then.
          const rests = rest ? [rest] : cutEach(continued, bounds, fits);
          if (rests) {
            for (let r = rests.length - 1; r >= 0; r--) queueFirst(this, rests[r]);
          } else inner.append(...continued);
        }
      }
    }
    const before = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height"));
    afterPageLayout.call(this, pageElement, ...rest);
    const after = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height"));
    if (before > 0 && after > before) area.style.setProperty("--pagedjs-footnotes-height", `${before}px`);
  };
  // A footnote begins on the page of its call with at least two lines there (or all of it,
  // if shorter). When it cannot, because the call's line is too near the foot of the page,
  // the whole line holding the call goes on to the next page, with its word and its note:
  // never half a line, and never a call on one page and its note on the next. This runs
  // where Paged.js has found the page's overflow and before it breaks the text: the overflow
  // is made to begin at the call's line (the line's paragraph, if that would leave one line
  // of it alone; a heading just above goes on with it), and Paged.js then breaks there as it
  // would anywhere (Footnotes.afterOverflowRemoved takes the notes of the moved calls off).
  const SPACE = /\s/;

  function charRect(text, i) {
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0) || null;
  }

  // The last letter before `node` in its paragraph, as [text node, offset], or null.
  function letterBefore(node) {
    const block = node.parentElement && node.parentElement.closest(BLOCK);
    if (!block) return null;
    const texts = textNodesBefore(block, node);
    for (let t = texts.length - 1; t >= 0; t--) {
      for (let i = texts[t].data.length - 1; i >= 0; i--) if (!SPACE.test(texts[t].data[i])) return [texts[t], i];
    }
    return null;
  }

  function textNodesBefore(block, node) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (node.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING) texts.push(n);
    }
    return texts;
  }

  // Where the lines of `block` before `call` begin, last first (at most `count` of them): each
  // a [text node, offset]. The line of the call is measured on the last letter before it.
  function lineStartsBefore(block, call, count) {
    const texts = textNodesBefore(block, call);
    const starts = [];
    let ref = null;
    for (let t = texts.length - 1; t >= 0 && starts.length < count; t--) {
      const text = texts[t];
      for (let i = text.data.length - 1; i >= 0; i--) {
        if (SPACE.test(text.data[i])) continue;
        const r = charRect(text, i);
        if (!r) continue;
        const mid = (r.top + r.bottom) / 2;
        if (!ref) { ref = { mid, height: r.height }; continue; }
        if (mid < ref.mid - ref.height * 0.6) {
          starts.push([text, i + 1]);
          if (starts.length >= count) break;
          ref = { mid, height: r.height };
        }
      }
    }
    return starts;
  }

  // The column of the notes' layout (measureAsPaged) that a box at `x` lies in: 0 is the
  // page's, 1 and on overflow to the right.
  function columnsOf(note, bounds) {
    const gap = parseFloat(getComputedStyle(note.parentElement).columnGap) || 0;
    return (x) => Math.max(0, Math.floor((x - bounds.left + 1) / (bounds.width + gap)));
  }

  // The lines of a note, in reading order (down a column, then the next column), each with
  // its column and top; a line is `inside` when it lies in the footnote area. A line is
  // known by its column and its top, not its left: a text node that begins after a link
  // starts mid-line, and taking its left for a line's was taking it for another column.
  function linesOf(note, bounds) {
    // Text boxes only: a range over elements also gives their whole boxes.
    const rects = [];
    const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      rects.push(...range.getClientRects());
    }
    const lines = [];
    const columnOf = columnsOf(note, bounds);
    for (const r of rects) {
      if (r.width === 0 || r.height === 0) continue;
      const col = columnOf(r.left);
      const same = lines.find((l) => l.col === col && Math.abs(l.top - r.top) < r.height / 2);
      if (same) continue;
      lines.push({ col, top: r.top, bottom: r.bottom, inside: col === 0 && r.top >= bounds.top - 1 && r.bottom <= bounds.bottom + 1 });
    }
    return lines.sort((a, b) => a.col - b.col || a.top - b.top);
  }

  function visibleLines(note, bounds) {
    const lines = linesOf(note, bounds);
    const inside = lines.filter((l) => l.inside).length;
    return { lines: inside, all: inside === lines.length };
  }

  // Where line `n` (0-based) of a note begins: [text node, offset], or null.
  function lineStart(note, lines, n, bounds) {
    const target = lines[n];
    const columnOf = columnsOf(note, bounds);
    const onLine = (r) => Math.abs(r.top - target.top) < r.height / 2 && columnOf(r.left) === target.col;
    const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      if (!Array.from(range.getClientRects()).some(onLine)) continue;
      for (let i = 0; i < t.data.length; i++) {
        const r = SPACE.test(t.data[i]) ? null : charRect(t, i);
        if (r && onLine(r)) return [t, i];
      }
    }
    return null;
  }

  // The note `long` cut before its line `n`: its rest, not yet placed anywhere.
  function splitNote(long, lines, n, bounds) {
    const start = lineStart(long, lines, n, bounds);
    if (!start) return null;
    const range = document.createRange();
    range.setStart(start[0], start[1]);
    range.setEndAfter(long.lastChild);
    const rest = long.cloneNode(false);
    rest.append(range.extractContents());
    rest.dataset.splitFrom = long.dataset.ref;
    rest.removeAttribute("id");
    return rest;
  }

  // Undoes splitNote: the paragraph cut in two is one again.
  function joinNote(long, rest) {
    const head = long.lastElementChild;
    const tail = rest.firstElementChild;
    if (head && tail && head.tagName === tail.tagName && rest.firstChild === tail) {
      head.append(...tail.childNodes);
      tail.remove();
    }
    long.append(...rest.childNodes);
  }

  // The rest of a note cut here goes first on the next page, queued as Paged.js queues the
  // rest of a note it splits (a wrapper it unwraps).
  function queueFirst(handler, rest) {
    const queued = document.createElement("div");
    queued.append(rest);
    handler.needsLayout.unshift(queued);
  }

  // A note seen on the page with fewer than two lines, and not whole: it may not begin here.
  function tooShort(note, bounds) {
    const seen = visibleLines(note, bounds);
    return !seen.all && seen.lines < 2;
  }

  // The note `long` cut after as many of its lines on the page as keep `fits()` true, and
  // at least `least` of them: its rest, not yet placed anywhere. Null, and nothing changed,
  // when no cut does it.
  function cutToFit(long, least, bounds, fits) {
    const lines = linesOf(long, bounds);
    const seen = lines.filter((l) => l.inside).length;
    for (let keep = seen - 1; keep >= least; keep--) {
      const rest = splitNote(long, lines, keep, bounds);
      if (!rest) return null;
      if (fits()) return rest;
      joinNote(long, rest);
    }
    return null;
  }

  // The continued notes each cut so that `fits()`: first each to one line, then, first to
  // last, each given back as many of its lines as keep `fits()` true. Their rests, in order,
  // not yet placed anywhere; null, and nothing changed, when even one line each is too much.
  function cutEach(continued, bounds, fits) {
    const rests = new Map();
    const cutAfterFirstLine = (note) => {
      const lines = linesOf(note, bounds);
      const rest = lines.length > 1 ? splitNote(note, lines, 1, bounds) : null;
      if (rest) rests.set(note, rest);
    };
    continued.forEach(cutAfterFirstLine);
    if (!fits()) {
      for (const [note, rest] of rests) joinNote(note, rest);
      return null;
    }
    for (const note of continued) {
      const rest = rests.get(note);
      if (!rest) continue;
      joinNote(note, rest);
      rests.delete(note);
      if (fits() && visibleLines(note, bounds).all) continue; // whole, and the rest still fit
      const shorter = cutToFit(note, 1, bounds, fits);
      if (shorter) rests.set(note, shorter);
      else cutAfterFirstLine(note); // one line: that fitted above
    }
    return continued.filter((note) => rests.has(note)).map((note) => rests.get(note));
  }

  // An own note that cannot begin on its page because an earlier note's text fills the area:
  // that earlier note ends sooner, keeping at least two lines, and its rest goes on to the
  // next page (queued as Paged.js queues the rest of a note it splits), so that the notes
  // after it begin here with two lines each (or whole, when shorter). Returns true when
  // every own note then begins on the page; otherwise nothing is changed.
  function makeRoom(own, short, bounds, isShort) {
    if (!footnotes) return false;
    for (let e = own.indexOf(short) - 1; e >= 0; e--) {
      const long = own[e];
      if (visibleLines(long, bounds).all) continue; // whole on the page: nothing to give
      const rest = cutToFit(long, 2, bounds, () => !own.some(isShort));
      if (!rest) return false;
      queueFirst(footnotes, rest);
      return true;
    }
    return false;
  }

  const BLOCK = "p, li, blockquote, dd, dt, h1, h2, h3, h4, h5, h6, figure, table, pre, div";

  function somethingBefore(rendered, range) {
    const before = document.createRange();
    before.setStart(rendered, 0);
    before.setEnd(range.startContainer, range.startOffset);
    return before.toString().trim() !== "" || !!before.cloneContents().querySelector("img, svg, table, figure");
  }

  // The overflow made to begin with the line of `call`, or null when nothing would be left.
  function overflowFromLineOf(call, overflow, rendered) {
    const block = call.parentElement.closest(BLOCK);
    if (!block || !rendered.contains(block)) return null;
    const moved = document.createRange();
    moved.setEnd(overflow.endContainer, overflow.endOffset);
    const starts = lineStartsBefore(block, call, 2);
    const continued = block.hasAttribute("data-split-from");
    if (starts.length === 2 || (starts.length === 1 && continued)) {
      moved.setStart(starts[0][0], starts[0][1]);
    } else {
      // The call's line is the block's first here, or its second: the block goes on whole,
      // and a heading just above it goes with it.
      let first = block;
      const previous = block.previousElementSibling;
      if (!continued && previous && /^H[1-6]$/.test(previous.tagName)) first = previous;
      moved.setStartBefore(first);
    }
    return somethingBefore(rendered, moved) ? moved : null;
  }

  class FootnoteFirstLines extends Paged.Handler {
    onOverflow(found, rendered, pageBounds, layout) {
      if (!found) return;
      const area = rendered.closest(".pagedjs_area");
      const inner = area && area.querySelector(".pagedjs_footnote_inner_content");
      const content = area && area.querySelector(".pagedjs_footnote_content");
      if (!inner || !content) return;
      // What Paged.js breaks at unless a note's call line must move: the overflow found again
      // once the area was laid out anew (null: all of the text fits now; a few rounds, as
      // the notes placed can push a call off in turn), or the one it found.
      let overflow = found;
      let result;
      for (let round = 0; round < 4 && overflow; round++) {
        const relaid = placeNoteAt(area, overflow, rendered, pageBounds, layout) || relayOut(area, inner, content, overflow, rendered, pageBounds, layout);
        if (!relaid) break;
        overflow = result = placeLeftNotes(area, found, relaid.overflow, rendered, pageBounds, layout);
      }
      if (!overflow) return result;
      restoreDropped(area, inner, content, overflow);
      const callOf = (note) => callIn(rendered, note);
      const own = Array.from(inner.children).filter((n) => {
        if (n.dataset.splitFrom) return false;
        const call = callOf(n);
        return call && overflow.comparePoint(call, 0) < 0;
      });
      if (own.length === 0) return result;
      // Measured as afterPageLayout will set them, overflow to the right; the notes continued
      // from the page before come first, with two lines each (or whole) reserved for them
      // here: afterPageLayout may cut them that short to let the own notes begin.
      measureAsPaged(inner, content);
      const bounds = content.getBoundingClientRect();
      const cut = [];
      for (const note of Array.from(inner.children).filter((n) => n.dataset.splitFrom)) {
        const lines = linesOf(note, bounds);
        const rest = lines.length > 2 ? splitNote(note, lines, 2, bounds) : null;
        if (rest) cut.push([note, rest]);
      }
      const isShort = (note) => tooShort(note, bounds);
      let short = own.find(isShort);
      if (short && makeRoom(own, short, bounds, isShort)) short = undefined;
      for (const [note, rest] of cut) joinNote(note, rest);
      if (!short) return result;
      const moved = overflowFromLineOf(callOf(short), overflow, rendered);
      return moved || result;
    }
  }
  Paged.registerHandlers(FootnoteFirstLines);
})();
