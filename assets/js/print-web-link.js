// The link from the print page back to the brief's web page (plain JavaScript for the
// browser). The template writes it first in the body, so without JavaScript it is the
// page's first line. With Paged.js it is taken out of the content before layout (never in
// the paginated flow, so never in the PDF) and, on screen only, put back after layout as a
// bar over the page previews; the build renders in print media and never puts it back.
"use strict";
(function () {
  let nav = null;
  class WebEditionLink extends Paged.Handler {
    beforeParsed(content) {
      const found = content.querySelector(".web-edition");
      if (found) nav = found.parentNode.removeChild(found);
    }
    afterRendered() {
      if (!nav || window.matchMedia("print").matches) return;
      const style = document.createElement("style");
      style.textContent =
        ".web-edition{position:sticky;top:0;z-index:5;margin:0;padding:.5rem 1rem;background:#fff;border-bottom:1px solid #999;font:600 1rem/1.4 'Source Sans 3',sans-serif}" +
        ".web-edition a{color:#0b4f8a}@media print{.web-edition{display:none}}";
      document.head.append(style);
      document.body.prepend(nav);
    }
  }
  Paged.registerHandlers(WebEditionLink);
})();
