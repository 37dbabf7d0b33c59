// Paged.js configuration for a brief's print page. Plain JavaScript: it runs in the browser.
// The build waits for window.briefpressLayout.done; a reader just sees the print preview.
"use strict";
window.briefpressLayout = { done: false, error: null, pages: 0, problems: [] };
window.addEventListener("error", (event) => {
  window.briefpressLayout.error = String(event.message || event.error);
});
window.addEventListener("unhandledrejection", (event) => {
  window.briefpressLayout.error = String((event.reason && event.reason.stack) || event.reason);
});
window.PagedConfig = {
  auto: true,
  after: (flow) => {
    window.briefpressLayout.pages = flow ? flow.total : document.querySelectorAll(".pagedjs_page").length;
    window.briefpressLayout.done = true;
    document.documentElement.dataset.layout = "done";
  },
};
