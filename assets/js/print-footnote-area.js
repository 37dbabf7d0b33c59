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
  const afterPageLayout = Footnotes.prototype.afterPageLayout;
  Footnotes.prototype.afterPageLayout = function (pageElement, ...rest) {
    const area = pageElement.querySelector(".pagedjs_area");
    const before = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height"));
    afterPageLayout.call(this, pageElement, ...rest);
    const after = parseFloat(area.style.getPropertyValue("--pagedjs-footnotes-height"));
    if (before > 0 && after > before) area.style.setProperty("--pagedjs-footnotes-height", `${before}px`);
  };
})();
