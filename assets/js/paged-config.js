// Paged.js configuration for a brief's print page. Plain JavaScript: it runs in the browser.
// The build waits for window.briefpressLayout.done; a reader just sees the print preview.
"use strict";
window.briefpressLayout = { done: false, error: null, pages: 0, problems: [], timings: { scriptStart: performance.now() } };
const mark = (name) => (window.briefpressLayout.timings[name] = Math.round(performance.now()));
window.addEventListener("error", (event) => {
  window.briefpressLayout.error = String(event.message || event.error);
});
window.addEventListener("unhandledrejection", (event) => {
  window.briefpressLayout.error = String((event.reason && event.reason.stack) || event.reason);
});
// Paged.js splits elements across pages; keep the landmarks a reader's tools see whole:
// all pages in one <main>, and a landmark split over pages announced once (its first part).
function landmarksAfterLayout() {
  const pages = document.querySelector(".pagedjs_pages");
  if (pages && !pages.closest("main")) {
    const main = document.createElement("main");
    main.setAttribute("aria-label", document.title);
    pages.before(main);
    main.append(pages);
  }
  document.querySelectorAll("[data-split-from][role], [data-split-from][aria-labelledby]").forEach((part) => {
    part.removeAttribute("role");
    part.removeAttribute("aria-labelledby");
  });
}

window.PagedConfig = {
  auto: true,
  // The hyphen Paged.js adds where it breaks a word across pages (its default is U+2011):
  // the plain hyphen, as at any other line end (see print-hyphens.js).
  settings: { hyphenGlyph: "-" },
  before: () => mark("layoutStart"),
  after: (flow) => {
    mark("checksDone");
    landmarksAfterLayout();
    window.briefpressLayout.pages = flow ? flow.total : document.querySelectorAll(".pagedjs_page").length;
    window.briefpressLayout.done = true;
    document.documentElement.dataset.layout = "done";
  },
};
