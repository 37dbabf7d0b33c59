/**
 * Sidenote anchors for the web page: CSS anchor positioning puts each footnote (an `aside`
 * after the block that calls it) in the margin at its call's line, and below the note
 * before it (site.css). This names the anchors: the k-th footnote's call gets
 * `anchor-name: --sn-call-k`, its aside `anchor-name: --sn-k` plus the names of its call and
 * of the note above. Web only: the print page moves footnotes to their calls itself.
 * The input is our notes plugin's markup (src/notes/notes-plugin.ts); other HTML is left alone.
 */

const ASIDE = /<aside id="([^"]+)" class="footnote"/g;

export function sidenoteAnchors(html: string): string {
  const order = new Map<string, number>();
  for (const m of html.matchAll(ASIDE)) order.set(m[1], order.size + 1);
  if (order.size === 0) return html;
  const withCalls = html.replace(/<a href="#([^"]+)"( id="[^"]+" class="noteref noteref--footnote")/g, (all, id: string, rest: string) => {
    const k = order.get(id);
    return k === undefined ? all : `<a href="#${id}"${rest} style="anchor-name: --sn-call-${k}"`;
  });
  return withCalls.replace(ASIDE, (all, id: string) => {
    const k = order.get(id)!;
    const prev = k > 1 ? `; --sn-prev: --sn-${k - 1}` : "";
    return `${all} style="anchor-name: --sn-${k}; --sn-call: --sn-call-${k}${prev}"`;
  });
}
