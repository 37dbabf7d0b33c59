// A box's own heading is not a section of the brief (a Paged.js handler; plain JavaScript
// for the browser). Chromium builds the PDF's bookmarks from the page's headings, as a
// screen reader sees them; a heading inside a box, a figure or a table cell (class
// "box-heading", src/markdown/heading-ids.ts) would be a bookmark among the sections. On
// the print page it is a paragraph: it looks the same, and the PDF tags it as a paragraph
// (P) and lists it in no bookmark. The web page keeps it a heading.
"use strict";
(function () {
  class PrintBoxHeadings extends Paged.Handler {
    beforeParsed(content) {
      for (const heading of content.querySelectorAll(".box-heading")) heading.setAttribute("role", "paragraph");
    }
  }

  Paged.registerHandlers(PrintBoxHeadings);
})();
