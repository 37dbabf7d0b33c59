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
    if (!input || !input.value.trim()) status.textContent = year.value || keyword.value ? `${shown} of ${cards.length} briefs shown.` : "";
  }

  const list = document.querySelector(".brief-list");

  // A Pagefind excerpt ("… <mark>term</mark> …", HTML-escaped text) as DOM nodes: text and
  // <mark> only, whatever else it might hold.
  function excerptNodes(html) {
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    return Array.from(doc.body.firstChild.childNodes).map((node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  }

  // The passage's address: its section (Pagefind's anchor) and a text fragment, so the
  // browser scrolls to the words and highlights them.
  function passageUrl(url, excerpt) {
    const relative = url.replace(/^\//, ""); // relative to the collection page, the site's root
    const words = new DOMParser().parseFromString(excerpt, "text/html").querySelector("mark");
    if (!words) return relative;
    const term = words.textContent.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); // "DarkSeoul," → "DarkSeoul"
    return term ? `${relative}${relative.includes("#") ? "" : "#"}:~:text=${encodeURIComponent(term)}` : relative;
  }

  function showQueryInUrl(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }

  async function search() {
    const query = input.value.trim();
    const run = ++searchRun;
    showQueryInUrl(query);
    if (!query) {
      results.replaceChildren();
      list.hidden = false;
      applyFilters();
      return;
    }
    try {
      pagefind = pagefind || (await import(new URL("pagefind/pagefind.js", document.baseURI).href));
      const found = await pagefind.search(query);
      const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
      if (run !== searchRun) return;
      const items = [];
      let passages = 0;
      for (const item of data) {
        const li = document.createElement("li");
        const heading = document.createElement("h2");
        const a = document.createElement("a");
        a.href = item.url.replace(/^\//, "");
        a.textContent = item.meta.title || item.url;
        heading.append(a);
        const sections = (item.sub_results && item.sub_results.length ? item.sub_results : [item]).slice(0, 3);
        const ul = document.createElement("ul");
        ul.className = "search-passages";
        for (const section of sections) {
          const p = document.createElement("li");
          const link = document.createElement("a");
          link.href = passageUrl(section.url, section.excerpt);
          link.append(...excerptNodes(section.excerpt));
          p.append(link);
          if (section.title && section.title !== item.meta.title) {
            const where = document.createElement("span");
            where.className = "search-section";
            where.textContent = ` (${section.title})`;
            p.append(where);
          }
          ul.append(p);
          passages++;
        }
        li.append(heading, ul);
        items.push(li);
      }
      results.replaceChildren(...items);
      list.hidden = true; // the results replace the full list while a query is on
      status.textContent = `${data.length} brief${data.length === 1 ? "" : "s"} found for “${query}”.` + (passages ? ` ${passages} passage${passages === 1 ? "" : "s"}: each link opens the brief at the words.` : "");
    } catch (error) {
      results.replaceChildren();
      list.hidden = false;
      status.textContent = "Search is not available here (open the site from a web server).";
    }
  }

  // Without search (search: false in briefpress.yml) the page has the filters only.
  if (input) {
    input.closest("form").addEventListener("submit", (event) => {
      event.preventDefault();
      search();
    });
    input.addEventListener("input", () => search());
    const initial = new URLSearchParams(location.search).get("q");
    if (initial) {
      input.value = initial;
      search();
    }
  }
  year.addEventListener("change", applyFilters);
  keyword.addEventListener("change", applyFilters);
})();
