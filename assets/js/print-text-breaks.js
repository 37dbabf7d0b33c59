// Page breaks inside a text node, made exact. Plain JavaScript: it runs in the browser.
//
// Paged.js 0.4.3 finds where a paragraph leaves the page by walking words and letters, and
// maps that place back to the source text. Two faults there lose or repeat text:
// 1. The mapping uses `source.indexOf(renderedText)` (createBreakToken). In text that repeats
//    itself ("Hello world again. " × 400, a run of "Additional Additional …") indexOf finds an
//    earlier occurrence: the next page starts from the wrong place, the layout loop gives up
//    and text is cut off at the page foot.
// 2. For a word hyphenated across the page (a soft hyphen breaks the last line), the letter
//    after the hyphen reports a box that starts at the end of the previous line, so Paged.js
//    breaks one letter late: that letter is kept on the page, on a line of its own below the
//    page's foot, and lost.
// This handler remembers where each rendered text fragment starts in its source node, moves
// the break back to the first character that really lies beyond the page, and fixes the
// offset from that. It also takes back the hyphen Paged.js adds at a break that is not a
// hyphenation point (below).
"use strict";
(function () {
  const sourceStart = new WeakMap();
  // The source text node each rendered text node was cloned from. Paged.js maps a rendered
  // text node back by content (indexOfTextNode: the first source text node that includes its
  // text), so a short text node (" ", "and ") maps to an earlier one in the same paragraph
  // and the next page began pages back, printing them twice.
  const sourceOf = new WeakMap();
  const addedSpace = new WeakSet();
  const SPACE = /\s/;

  // Does the character at `index` of `text` (a rendered text node) lie beyond the page?
  function beyondPage(text, index, end, vEnd) {
    const range = document.createRange();
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    return Array.from(range.getClientRects()).some((r) => r.width > 0 && (Math.floor(r.left) >= end || Math.floor(r.top) >= vEnd));
  }

  // The first character of the word holding `offset` that lies beyond the page.
  function firstCharBeyond(text, offset, end, vEnd) {
    let at = offset;
    while (at > 0 && !SPACE.test(text.data[at - 1]) && beyondPage(text, at - 1, end, vEnd)) at--;
    return atLineBreak(text.data, at);
  }

  const SHY = "\u00ad";
  // A line breaks inside a word only at a soft hyphen, or after a hyphen, a dash, a slash or
  // a zero-width space (BREAK_AFTER; a URL, which has no soft hyphens, anywhere). A break found
  // between two letters after a soft hyphen of the same word is one letter measured wrong
  // (fault 2 when that letter reports a box on the page: "charact" / "eristically" at the foot
  // of seed 2041's page 13, without a hyphen): the line broke at that soft hyphen.
  const BREAK_AFTER = /[-\u2010\u2013\u2014/\u200b]/;
  function atLineBreak(data, at) {
    if (at <= 0 || at >= data.length) return at;
    const before = data[at - 1];
    if (SPACE.test(before) || SPACE.test(data[at]) || before === SHY || BREAK_AFTER.test(before)) return at;
    for (let i = at - 2; i >= 0 && !SPACE.test(data[i]) && !BREAK_AFTER.test(data[i]); i--) if (data[i] === SHY) return i + 1;
    return at;
  }
  // Elements Paged.js 0.4.3 copies whole (its isContainer() is false for them), inline ones.
  const INLINE = new Set(["A", "ABBR", "ACRONYM", "B", "BDO", "BIG", "BR", "BUTTON", "CITE", "CODE", "DFN", "EM", "I", "IMG", "INPUT", "KBD", "LABEL", "MAP", "OBJECT", "Q", "SAMP", "SELECT", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TEXTAREA", "TIME", "TT", "VAR"]);

  function textNodesOf(root) {
    const texts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t);
    return texts;
  }

  function lastTextNode(el) {
    return textNodesOf(el).pop() || null;
  }

  // A word and its note calls are one unit (span.noteref-glue, from the notes plugin): a line
  // never breaks inside it, but Paged.js may put a page break there, between the word at the
  // foot of one page and its call at the head of the next ("Entreprises" / "* Sont ..."). The
  // break moves to before the word: word and calls go on together. Not when the word begins
  // the page: there is nowhere earlier to break. The glue holds only the word's last letters
  // and its calls (src/print/hyphenate.ts): the break goes back to where the word may break,
  // its last soft hyphen or its start (seeds 2041 and 2329: "deterrenc" / "e*" without a
  // hyphen), when that text node's source is known; else before the glue, as before.
  function wordBreakBefore(glue, rendered) {
    const text = glue.previousSibling;
    if (!text || text.nodeType !== Node.TEXT_NODE || !sourceOf.has(text)) return null;
    let i = text.data.length;
    while (i > 0 && !SPACE.test(text.data[i - 1]) && text.data[i - 1] !== SHY) i--;
    if (i === text.data.length) return null; // the glue begins the word
    const before = document.createRange();
    before.selectNodeContents(rendered);
    before.setEnd(text, i);
    if (!before.toString().trim()) return null; // the word begins the page
    return { text, offset: i };
  }

  function keepGlueTogether(breakToken, overflow, rendered) {
    const container = overflow.startContainer;
    const at = container.nodeType === Node.ELEMENT_NODE ? container.childNodes[overflow.startOffset] || container : container;
    const glue = (at.nodeType === Node.ELEMENT_NODE ? at : at.parentElement)?.closest(".noteref-glue");
    if (!glue || !glue.dataset.ref || !breakToken.node || !rendered.contains(glue)) return false;
    const kept = document.createRange();
    kept.setStart(glue, 0);
    kept.setEnd(container, overflow.startOffset);
    if (!kept.toString().trim()) return false; // the break is before the word already
    const before = document.createRange();
    before.selectNodeContents(rendered);
    before.setEndBefore(glue);
    if (!before.toString().trim()) return false;
    const word = wordBreakBefore(glue, rendered);
    if (word) {
      overflow.setStart(word.text, word.offset);
      breakToken.node = sourceOf.get(word.text);
      breakToken.offset = (sourceStart.get(word.text) ?? 0) + word.offset;
      return true;
    }
    const source = breakToken.node.getRootNode().querySelector(`[data-ref="${CSS.escape(glue.dataset.ref)}"]`);
    if (!source) return false;
    overflow.setStartBefore(glue);
    breakToken.node = source;
    breakToken.offset = 0;
    return true;
  }

  // Paged.js's base style sheet gives the part of a paragraph continued from the previous
  // page a ::first-letter rule (to undo drop caps). Any such rule makes Chromium lay the first
  // letter out as a box of its own: a ligature there ("fi" of "figures") is drawn from the
  // first letter's run, and the PDF's text reads "fgures". briefpress has no drop caps: the
  // rule goes.
  function dropFirstLetterRules() {
    for (const sheet of Array.from(document.styleSheets)) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch {
        continue; // not ours to read
      }
      for (let i = rules.length - 1; i >= 0; i--) {
        const selector = rules[i].selectorText || "";
        if (selector.includes("[data-split-from]") && selector.includes("first-letter")) sheet.deleteRule(i);
      }
    }
  }

  // Paged.js 0.4.3's BreakToken.equals takes an offset of 0 for "any offset": a page that
  // begins at the start of a text node and breaks later in the same node (at 1162) got a
  // break "equal" to its start. Paged.js then takes it for a loop, keeps the whole node on the
  // page (its overflow lies in a column beyond the page, lost) and goes on after the node
  // (seed 1210, page 22: ten lines cut off). The same node at different offsets is not the
  // same break. BreakToken is not exported: its prototype is mended on the first token seen,
  // before Paged.js compares any (onBreakToken runs before every comparison).
  //
  // Its loop check (Chunker.layout) also compares each page's break with all the earlier ones
  // by toJSON(true): an element's own ref and its index in its parent, or a text node's
  // parent's ref and its index there. A paragraph that is child 28 of the body and the text
  // node that is child 28 of that paragraph read the same: a page that began at one and a
  // later page that broke at the other were taken for a loop, and Paged.js ended the brief
  // there (seed 2132: page 5 began at the paragraph, page 10 broke before its 28th child;
  // twenty-two footnotes and the rest of the text lost). The kind of node goes into the key.
  function strictEquals(token) {
    const proto = Object.getPrototypeOf(token);
    if (!proto || proto.briefpressStrictEquals || typeof proto.equals !== "function") return;
    const equals = proto.equals;
    proto.equals = function (other) {
      if (other && this.node && this.node === other.node && (this.offset || 0) !== (other.offset || 0)) return false;
      return equals.call(this, other);
    };
    const toJSON = proto.toJSON;
    if (typeof toJSON === "function") {
      proto.toJSON = function (hash) {
        const json = toJSON.call(this, hash);
        if (!hash || typeof json !== "string" || !this.node) return json;
        return JSON.stringify({ ...JSON.parse(json), kind: this.node.nodeType });
      };
    }
    proto.briefpressStrictEquals = true;
  }

  // Paged.js 0.4.3's findOverflow asks Layout.textBreak where in a text node the page ends,
  // and reads an offset of 0, or none, as "no overflow here" and stops looking: the page then
  // takes all the rest of the brief (seed 2052, page 30: 52,000 characters on a page with
  // room for three lines, the text cut off and twenty footnotes lost). textBreak finds none
  // when the only letter beyond the page follows a soft hyphen where the line broke (that
  // letter reports the hyphen's box, at the end of the line before; fault 2 above), and 0
  // when the node's first word lies beyond the page. Then the first character beyond the page
  // is looked up letter by letter, and an offset of 0 is given as a Number object: truthy for
  // findOverflow's test, 0 for Range.setStart. Layout is not exported: its prototype is
  // mended when the first page is laid out (onPageLayout).
  function exactTextBreak(layout) {
    const proto = layout && Object.getPrototypeOf(layout);
    if (!proto || proto.briefpressTextBreak || typeof proto.textBreak !== "function") return;
    const textBreak = proto.textBreak;
    proto.textBreak = function (node, start, end, vStart, vEnd) {
      let offset = textBreak.call(this, node, start, end, vStart, vEnd);
      if (!offset && node.nodeType === Node.TEXT_NODE) {
        for (let i = 0; i < node.data.length; i++) {
          if (!SPACE.test(node.data[i]) && beyondPage(node, i, end, vEnd)) {
            offset = atLineBreak(node.data, i);
            break;
          }
        }
      }
      // eslint-disable-next-line no-new-wrappers
      return offset === 0 ? new Number(0) : offset;
    };
    proto.briefpressTextBreak = true;
  }

  class PrintTextBreaks extends Paged.Handler {
    beforeParsed() {
      dropFirstLetterRules();
    }

    onPageLayout(wrapper, breakToken, layout) {
      exactTextBreak(layout);
    }

    // Paged.js clones each source node into the page; a text node continued from the
    // previous page is cloned on its own, as the rest of its text.
    renderNode(clone, node) {
      if (clone.nodeType === Node.TEXT_NODE && node.nodeType === Node.TEXT_NODE) {
        sourceStart.set(clone, node.data.length - clone.data.length);
        sourceOf.set(clone, node);
      } else if (clone.nodeType === Node.ELEMENT_NODE && clone.firstChild) {
        // Copied whole, with its content: its text nodes never pass through here one by one,
        // and " from " after a link mapped by content to an earlier " from import …" (seed
        // 1138: the next page began half a page back). Each is mapped to its source here.
        // The copy may hold fewer text nodes than its source: the footnote bodies in it were
        // floated out already. Each copy is matched, in order, to the next source of the same
        // text (before, a paragraph with footnotes was not mapped at all, and Paged.js,
        // counting text nodes, took " internationalization" for the text node before it:
        // the next page began four lines back, seed 1470).
        const sources = textNodesOf(node);
        let s = 0;
        for (const copy of textNodesOf(clone)) {
          let at = s;
          while (at < sources.length && sources[at].data !== copy.data) at++;
          if (at === sources.length) continue;
          sourceOf.set(copy, sources[at]);
          sourceStart.set(copy, 0);
          s = at + 1;
        }
      }
      if (node.nodeType === Node.ELEMENT_NODE && INLINE.has(node.tagName)) {
        // Paged.js copies an inline element whole, then goes on at the next node that is not
        // white space: the space between "<em>interview</em> <em>is</em>" was skipped, in
        // every paragraph laid out piece by piece (the part after a page break), and the
        // page read "interviewis". The space goes after the copy.
        const next = node.nextSibling;
        if (next && next.nodeType === Node.TEXT_NODE && next.data !== "" && !/[^\t\n\r ]/.test(next.data) && clone.parentNode) {
          const space = document.createTextNode(" ");
          clone.after(space);
          sourceOf.set(space, next);
          sourceStart.set(space, 0);
          addedSpace.add(space);
        }
      }
    }

    onBreakToken(breakToken, overflow, rendered, layout) {
      if (breakToken) strictEquals(breakToken);
      if (!breakToken || !overflow || !layout) return;
      if (keepGlueTogether(breakToken, overflow, rendered)) return;
      let text = overflow.startContainer;
      if (text.nodeType === Node.ELEMENT_NODE) {
        // The break before a text node of a paragraph: that node, from its start.
        const next = text.childNodes[overflow.startOffset];
        if (!next || next.nodeType !== Node.TEXT_NODE || !sourceOf.has(next)) return;
        text = next;
        overflow.setStart(text, 0);
      }
      if (text.nodeType !== Node.TEXT_NODE || !breakToken.node) return;
      if (sourceOf.has(text)) breakToken.node = sourceOf.get(text);
      if (addedSpace.has(text)) {
        breakToken.offset = 0;
        return;
      }
      if (breakToken.node.nodeType !== Node.TEXT_NODE) return;
      // A text node cloned whole (with its paragraph) starts at 0.
      const start = sourceStart.get(text) ?? 0;
      if (breakToken.node.data.slice(start) !== text.data) return;
      const end = Math.round(layout.bounds.right + (layout.gap || 0));
      const vEnd = Math.round(layout.bounds.bottom);
      const at = firstCharBeyond(text, overflow.startOffset, end, vEnd);
      if (at !== overflow.startOffset) overflow.setStart(text, at);
      breakToken.offset = start + at;
    }

    // Paged.js appends a hyphen wherever a page break falls inside a word. That is right after
    // a soft hyphen (the word was hyphenated there), wrong anywhere else: a URL (broken
    // anywhere, print.css) or an over-long word gets a hyphen it does not have, and the
    // longer last line, full to the brim, wraps below the page foot and is cut off.
    //
    // Right after a soft hyphen, the hyphen is right but must not widen the line. Chromium laid
    // the line out with the soft hyphen's own hyphen, and "dé" + that hyphen can fit where
    // "dé-" as text does not (a fraction of a pixel wider): the last line then wraps, widows
    // take the line before it along, and both fall below the page foot (seed 1191). So the
    // hyphen is set in a span whose negative letter-spacing (print.css) takes a little more
    // than that difference from its advance: it is drawn where it was, the line fits as
    // Chromium fitted it, and the hyphen stays inside the margin (tests/notes-stress.test.ts).
    afterOverflowRemoved(removed, rendered) {
      for (const el of rendered.querySelectorAll(".pagedjs_hyphen")) {
        const last = lastTextNode(el);
        if (!last || !last.data.endsWith("-")) continue;
        if (last.data.endsWith(SHY + "-")) {
          last.data = last.data.slice(0, -1);
          breakHyphenAfter(last);
          continue;
        }
        last.data = last.data.slice(0, -1);
        el.classList.remove("pagedjs_hyphen");
      }
      // Paged.js adds that hyphen only when the letter after the break matches /^\w/, an
      // ASCII letter: a word hyphenated before "ö" ("ver" + soft hyphen / "öffentlicht", seed
      // 3222) or "é" was printed at the page foot without one. The same hyphen is added here.
      const texts = textNodesOf(rendered).filter((t) => t.data !== "");
      const end = texts[texts.length - 1];
      if (end && end.data.endsWith(SHY)) breakHyphenAfter(end);
    }
  }

  // The hyphen of a word broken across pages at its soft hyphen, which ends `text`: the soft
  // hyphen goes, and "-" follows in a span with no advance (print.css), drawn where Chromium
  // drew the soft hyphen's own.
  function breakHyphenAfter(text) {
    text.data = text.data.slice(0, -1);
    const hyphen = document.createElement("span");
    hyphen.className = "bp-break-hyphen";
    hyphen.textContent = "-";
    text.after(hyphen);
  }

  Paged.registerHandlers(PrintTextBreaks);
})();
