/**
 * `npm start` shows a brief's errors at the top of its page, so the author sees them where
 * they look (the terminal prints them too). Only the preview gets this: a build stops instead.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The panel for these `file:line: message` lines, or "" when there are none. */
export function errorPanel(lines: string[]): string {
  if (lines.length === 0) return "";
  const heading = `${lines.length} error${lines.length === 1 ? "" : "s"} in this brief: fix ${lines.length === 1 ? "it" : "them"} and save, and this page updates itself`;
  // Inline styles: the page's stylesheet knows nothing of this panel (the CSP allows inline styles, not scripts).
  return (
    `<section id="briefpress-errors" role="alert" aria-labelledby="briefpress-errors-heading" ` +
    `style="margin:0;padding:1rem 1.25rem;background:#fff0f0;color:#5c0000;border-bottom:4px solid #b00020;font:1rem/1.4 system-ui,sans-serif">` +
    `<h2 id="briefpress-errors-heading" style="margin:0 0 .5rem;font-size:1.1rem">${escapeHtml(heading)}</h2>` +
    `<pre style="margin:0;white-space:pre-wrap;font:.95rem/1.4 ui-monospace,monospace">${lines.map(escapeHtml).join("\n")}</pre>` +
    `</section>`
  );
}

/** The page with the panel as the first thing in its body (replacing an earlier panel). */
export function withErrorPanel(html: string, panel: string): string {
  html = html.replace(/<section id="briefpress-errors"[\s\S]*?<\/section>/, "");
  if (!panel) return html;
  const body = /<body\b[^>]*>/i.exec(html);
  return body ? html.slice(0, body.index + body[0].length) + panel + html.slice(body.index + body[0].length) : panel + html;
}
