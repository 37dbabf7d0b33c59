// Measures the brief page's text rhythm and its sidenotes, in the browser (plain JavaScript:
// passed to page.evaluate as a string). Returns plain data; the test decides.
(() => {
  const body = document.querySelector(".brief-body");
  const isNote = (el) => el.matches("aside.footnote");
  const blocks = [...body.children].filter((el) => !isNote(el));
  const firstP = body.querySelector(":scope > p");
  const ps = getComputedStyle(firstP);
  const paragraphGap = Math.max(parseFloat(ps.marginTop), parseFloat(ps.marginBottom));
  const lineHeight = parseFloat(ps.lineHeight);
  const gaps = [];
  for (let i = 1; i < blocks.length; i++) {
    const a = blocks[i - 1];
    const b = blocks[i];
    // What CSS asks for between the two (collapsed margins): headings have their own, larger space.
    const designed = Math.max(parseFloat(getComputedStyle(a).marginBottom), parseFloat(getComputedStyle(b).marginTop));
    gaps.push({
      after: `${a.tagName.toLowerCase()} "${a.textContent.trim().slice(0, 50)}"`,
      gap: Math.round(b.getBoundingClientRect().top - a.getBoundingClientRect().bottom),
      designed,
    });
  }
  const textRight = Math.max(...blocks.map((b) => b.getBoundingClientRect().right));
  const notes = [...body.querySelectorAll("aside.footnote")].map((aside) => {
    const call = document.querySelector(`a.noteref[href="#${CSS.escape(aside.id)}"]`);
    const line = (call.closest(".noteref-glue") || call).getBoundingClientRect();
    const r = aside.getBoundingClientRect();
    let block = call;
    while (block.parentElement !== body) block = block.parentElement;
    const para = block.getBoundingClientRect();
    return {
      id: aside.id, top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
      lineTop: line.top + scrollY, lineBottom: line.bottom + scrollY, paragraphLeft: para.left, paragraphBottom: para.bottom + scrollY,
    };
  });
  return { paragraphGap, lineHeight, gaps, textRight, notes, viewport: innerWidth };
})()
