// The collection page's search (Pagefind, built with the site) and filters by year and
// keyword. Plain JavaScript for the browser; without it the page lists every brief.
"use strict";
(function () {
  const tools = document.querySelector(".collection-tools");
  if (!tools) return;
  tools.hidden = false;
  const input = document.getElementById("search-input");
  const year = document.getElementById("filter-year");
  const keyword = document.getElementById("filter-keyword");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const cards = Array.from(document.querySelectorAll(".brief-card"));
  let pagefind = null;
  let searchRun = 0;

  function applyFilters() {
    let shown = 0;
    for (const card of cards) {
      const ok = (!year.value || card.dataset.year === year.value) && (!keyword.value || card.dataset.keywords.split("|").includes(keyword.value));
      card.hidden = !ok;
      if (ok) shown++;
    }
    if (!input.value.trim()) status.textContent = year.value || keyword.value ? `${shown} of ${cards.length} briefs shown.` : "";
  }

  async function search() {
    const query = input.value.trim();
    const run = ++searchRun;
    results.replaceChildren();
    if (!query) {
      applyFilters();
      return;
    }
    try {
      pagefind = pagefind || (await import(new URL("pagefind/pagefind.js", document.baseURI).href));
      const found = await pagefind.search(query);
      const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
      if (run !== searchRun) return;
      for (const item of data) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = item.url.replace(/^\//, ""); // relative to the collection page, the site's root
        a.textContent = item.meta.title || item.url;
        const excerpt = document.createElement("p");
        excerpt.textContent = item.excerpt.replace(/<[^>]+>/g, "");
        li.append(a, excerpt);
        results.append(li);
      }
      status.textContent = `${data.length} brief${data.length === 1 ? "" : "s"} found for “${query}”.`;
    } catch (error) {
      status.textContent = "Search is not available here (open the site from a web server).";
    }
  }

  input.closest("form").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", () => search());
  year.addEventListener("change", applyFilters);
  keyword.addEventListener("change", applyFilters);
})();
