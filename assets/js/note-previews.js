// Note previews on the brief page: hovering or focusing an endnote call shows the note in a
// popover beside the call (role=tooltip, the call's description while shown), Escape
// dismisses it, the pointer can move onto it (to follow a link in the note), and the call
// still leads to the note. Plain JavaScript for the browser; without it, calls are links.
"use strict";
(function () {
  const calls = Array.from(document.querySelectorAll("a.noteref--endnote"));
  if (calls.length === 0 || !("popover" in HTMLElement.prototype)) return;

  const preview = document.createElement("div");
  preview.id = "note-preview";
  preview.className = "note-preview";
  preview.setAttribute("role", "tooltip");
  preview.popover = "manual";
  document.body.append(preview);

  let current = null; // the call whose note is shown
  let hideTimer = 0;
  let showTimer = 0;

  function noteFor(call) {
    const id = decodeURIComponent(call.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function fill(note) {
    const copy = note.cloneNode(true);
    for (const el of copy.querySelectorAll("a.backlink")) el.remove();
    for (const el of copy.querySelectorAll("[id]")) el.removeAttribute("id");
    const number = document.createElement("span");
    number.className = "note-preview-number";
    number.textContent = `${Array.from(note.parentNode.children).indexOf(note) + 1}. `;
    preview.replaceChildren(number, ...Array.from(copy.childNodes));
    const first = preview.querySelector("p");
    if (first) first.prepend(number); // "4. U.S. Federal Bureau…" on one line
  }

  function place(call) {
    const r = call.getBoundingClientRect();
    const margin = 8;
    const width = Math.min(448, document.documentElement.clientWidth - 2 * margin);
    preview.style.width = `${width}px`;
    const left = Math.max(margin, Math.min(r.left - 24, document.documentElement.clientWidth - width - margin));
    preview.style.left = `${left + window.scrollX}px`;
    const height = preview.offsetHeight;
    const below = r.bottom + 6;
    const top = below + height <= window.innerHeight - margin || r.top - 6 - height < margin ? below : r.top - 6 - height;
    preview.style.top = `${top + window.scrollY}px`; // absolute, in the document: it scrolls with its call
  }

  function show(call) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    const note = noteFor(call);
    if (!note) return;
    if (current && current !== call) current.removeAttribute("aria-describedby");
    fill(note);
    current = call;
    call.setAttribute("aria-describedby", preview.id);
    if (!preview.matches(":popover-open")) preview.showPopover();
    place(call);
  }

  function hide() {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (preview.matches(":popover-open")) preview.hidePopover();
  }

  const hideSoon = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  };

  for (const call of calls) {
    call.addEventListener("focus", () => show(call));
    call.addEventListener("blur", () => { if (current === call) hide(); });
    call.addEventListener("mouseenter", () => {
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      showTimer = setTimeout(() => show(call), 150);
    });
    call.addEventListener("mouseleave", hideSoon);
    call.addEventListener("click", hide); // the link leads to the note itself
  }
  preview.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  preview.addEventListener("mouseleave", hideSoon);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });
  window.addEventListener("resize", () => { if (current) place(current); });
})();
