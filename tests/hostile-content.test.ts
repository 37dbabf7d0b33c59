/**
 * Hostile content, the content half of the fuzz suite (issue 12). Briefs are untrusted:
 * - each refused case is named with its file:line and a message saying what is wrong, by the
 *   loader (fast, table-driven) and through the real command line, where the previous output
 *   must stay byte-identical;
 * - each accepted case is built once and its pages opened in Chromium with the
 *   Content-Security-Policy bypassed, so an injected script would run: none may run, no
 *   handler attribute may exist, and no request may leave 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "puppeteer-core";
import { loadBriefs } from "../src/briefs/load.ts";
import { build } from "../src/build.ts";
import { launchBrowser } from "../src/browser/chromium.ts";
import { serveFolder, type StaticServer } from "../src/browser/static-server.ts";
import { tempDir } from "./helpers/build.ts";
import { snapshot } from "./helpers/snapshot.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/** Front matter of four lines: the body starts on line 5. */
const brief = (body: string, extra = "") => `---\ntitle: A brief\ndate: 2024-01-02\n${extra}---\n${body}`;
/** The body "Intro.", a blank line, then `html` on line 7. */
const at7 = (html: string) => brief(`Intro.\n\n${html}\n`);

const SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="8"/></svg>\n';
const svgWith = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20">\n<circle cx="10" cy="10" r="8"/>\n${inner}\n</svg>\n`;

interface Refused {
  name: string;
  /** The brief's file name in the shared folder, and its text. */
  file: string;
  text: string | Buffer;
  line: number;
  message: RegExp;
}

const deepQuote = `${"> ".repeat(120)}deep text that markdown-it would drop\n`;

const REFUSED: Refused[] = [
  // Raw HTML: event handlers however they are glued on.
  { name: "onload glued to the previous attribute", file: "glued-onload.md", text: at7('<div><img src="dot.svg"onload="window.__pwned=1" alt=""></div>'), line: 7, message: /event handler attribute "onload"/ },
  { name: "onload after a slash", file: "slash-onload.md", text: at7('<div><img alt="a"/onload="window.__pwned=1" src=dot.svg></div>'), line: 7, message: /event handler attribute "onload"/ },
  { name: "ONERROR in capitals", file: "caps-handler.md", text: at7('<IMG SRC="dot.svg" ONERROR="window.__pwned=1" alt="">'), line: 7, message: /event handler attribute "onerror"/ },
  { name: "a handler on <body> (merged into the page's body)", file: "body-onload.md", text: at7('<body onload="window.__pwned=1">'), line: 7, message: /event handler attribute "onload"|<body>/ },
  // javascript: in every encoding.
  { name: "java&#x09;script:", file: "tab-js.md", text: at7('<a href="java&#x09;script:window.__pwned=1">x</a>'), line: 7, message: /"javascript:" URLs are not allowed/ },
  { name: "&#106;avascript:", file: "entity-js.md", text: at7('<a href="&#106;avascript:window.__pwned=1">x</a>'), line: 7, message: /"javascript:" URLs are not allowed/ },
  { name: "javascript&colon;", file: "colon-js.md", text: at7('<a href="javascript&colon;window.__pwned=1">x</a>'), line: 7, message: /"javascript:" URLs are not allowed/ },
  { name: "  JaVaScRiPt: with spaces", file: "case-js.md", text: at7('<a href="  JaVaScRiPt:window.__pwned=1">x</a>'), line: 7, message: /"javascript:" URLs are not allowed/ },
  { name: "vbscript:", file: "vbscript.md", text: at7('<a href="vbscript:msgbox(1)">x</a>'), line: 7, message: /"javascript:" URLs are not allowed/ },
  { name: "a Markdown link to javascript:", file: "md-js.md", text: at7("[click](javascript:window.__pwned=1)"), line: 7, message: /link "javascript:window.__pwned=1" is refused/ },
  { name: "a Markdown link to &#106;avascript:", file: "md-entity-js.md", text: at7("[click](&#106;avascript:window.__pwned=1)"), line: 7, message: /link ".*" is refused/ },
  { name: "a data: URL with HTML in a link", file: "data-link.md", text: at7('<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">x</a>'), line: 7, message: /data: URL .* is not allowed in a link/ },
  { name: "a Markdown image of data:image/svg+xml", file: "md-data-svg.md", text: at7("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"), line: 7, message: /is refused/ },
  // Elements that change the page, load things or hide content.
  { name: "<meta http-equiv=refresh>", file: "meta-refresh.md", text: at7('<meta http-equiv="refresh" content="0;url=https://evil.example/">'), line: 7, message: /<meta> is not allowed/ },
  { name: "<base href>", file: "base.md", text: at7('<base href="https://evil.example/">'), line: 7, message: /<base> is not allowed/ },
  { name: "<form>", file: "form.md", text: at7('<form action="https://evil.example/"><button>Send</button></form>'), line: 7, message: /<form> is not allowed/ },
  { name: "<link rel=stylesheet> to another site", file: "link.md", text: at7('<link rel="stylesheet" href="https://evil.example/a.css">'), line: 7, message: /<link> is not allowed/ },
  { name: "<style>@import url(http://…)</style>", file: "style-import.md", text: at7("<style>@import url(http://evil.example/a.css);</style>"), line: 7, message: /<style> is not allowed/ },
  { name: 'style="background:url(//evil)"', file: "style-url.md", text: at7('<p style="background:url(//evil.example/x.png)">x</p>'), line: 7, message: /loads or runs something \(url\(\)/ },
  { name: "a remote srcset", file: "srcset.md", text: at7('<img src="dot.svg" srcset="http://evil.example/a.png 2x" alt="">'), line: 7, message: /remote image "http:\/\/evil\.example\/a\.png"/ },
  { name: "<video poster> from another site", file: "video.md", text: at7('<video poster="http://evil.example/p.png"></video>'), line: 7, message: /<video> is not allowed/ },
  { name: "<iframe>", file: "iframe.md", text: at7('<iframe src="https://evil.example/"></iframe>'), line: 7, message: /<iframe> is not allowed/ },
  { name: "<object>", file: "object.md", text: at7('<object data="a.swf"></object>'), line: 7, message: /<object> is not allowed/ },
  { name: "<embed>", file: "embed.md", text: at7('<embed src="a.swf">'), line: 7, message: /<embed> is not allowed/ },
  { name: "<svg><script>", file: "svg-script.md", text: at7("<svg><script>window.__pwned=1</script></svg>"), line: 7, message: /<svg> is not allowed/ },
  { name: "<math> mutation trick", file: "math.md", text: at7("<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>"), line: 7, message: /<math> is not allowed/ },
  { name: "<template> with a handler inside", file: "template.md", text: at7("<template><img src=x onerror=window.__pwned=1></template>"), line: 7, message: /<template> is not allowed/ },
  // Content that would be dropped or shown as raw text.
  { name: "an unclosed <!--", file: "unclosed-comment.md", text: brief("Intro.\n\n<!-- draft from here\n\n## The rest\n\nAll of this would vanish.\n"), line: 7, message: /comment is never closed/ },
  { name: "<plaintext>", file: "plaintext.md", text: at7("<plaintext>"), line: 7, message: /<plaintext> is not allowed/ },
  { name: "<xmp>", file: "xmp.md", text: at7("<xmp><b>x</b></xmp>"), line: 7, message: /<xmp> is not allowed/ },
  { name: "<textarea>", file: "textarea.md", text: at7("<textarea>"), line: 7, message: /<textarea> is not allowed/ },
  { name: "<title>", file: "title-element.md", text: at7("<title>x</title>"), line: 7, message: /<title> is not allowed/ },
  { name: "<noscript>", file: "noscript.md", text: at7("<noscript><p>x</p></noscript>"), line: 7, message: /<noscript> is not allowed/ },
  { name: "120 levels of > blockquotes", file: "deep-quote.md", text: brief(`Intro.\n\n${deepQuote}`), line: 7, message: /nested more than 20 levels deep/ },
  { name: "150 nested <div>s", file: "deep-div.md", text: at7(`${"<div>".repeat(150)}x${"</div>".repeat(150)}`), line: 7, message: /nested more than 100 deep/ },
  { name: "a 100,000-character word", file: "long-word.md", text: brief(`Intro.\n\nA ${"a".repeat(100_000)} word.\n`), line: 7, message: /a word of 100000 characters/ },
  { name: "HTML with a handler in a note body", file: "note-html.md", text: brief('Text.[^1]\n\n[^1]: See <img src="dot.svg" onerror="window.__pwned=1" alt="x">.\n'), line: 7, message: /event handler attribute "onerror"/ },
  // Front matter.
  { name: "a 10 MB title", file: "huge-title.md", text: `---\ntitle: ${"T".repeat(10 * 1024 * 1024)}\ndate: 2024-01-02\n---\nText.\n`, line: 2, message: /front matter line is 10,485,767 characters long/ },
  { name: "a 600-character title", file: "long-title.md", text: `---\ntitle: ${"word ".repeat(120)}\ndate: 2024-01-02\n---\nText.\n`, line: 2, message: /title is 599 characters long: keep it to 500 or fewer/ },
  { name: "title: 2020", file: "number-title.md", text: "---\ndate: 2024-01-02\ntitle: 2020\n---\nText.\n", line: 3, message: /title must be text, got a number \(2020\)/ },
  { name: "a YAML alias bomb", file: "alias-bomb.md", text: '---\ntitle: X\ndate: 2024-01-02\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nText.\n', line: 5, message: /YAML aliases \(\*name\) are not allowed/ },
  { name: "a duplicate key", file: "duplicate-key.md", text: "---\ntitle: One\ndate: 2024-01-02\ntitle: Two\n---\nText.\n", line: 4, message: /"title" is given twice \(first on line 2\): keep one/ },
  { name: "U+0001 in the title", file: "control-title.md", text: "---\ntitle: A\u0001B\ndate: 2024-01-02\n---\nText.\n", line: 2, message: /invisible control character U\+0001/ },
  { name: 'U+0001 as a YAML escape ("\\x01")', file: "escaped-control.md", text: '---\ntitle: "A\\x01B"\ndate: 2024-01-02\n---\nText.\n', line: 2, message: /title holds the control character U\+0001/ },
  { name: "a bidi override in the title", file: "bidi-title.md", text: "---\ntitle: Invoice \u202Efdp.exe\ndate: 2024-01-02\n---\nText.\n", line: 2, message: /title holds the bidi control U\+202E/ },
  { name: "a NUL character in the body", file: "nul-body.md", text: brief("Intro.\n\nA\u0000B\n"), line: 7, message: /invisible control character U\+0000/ },
  { name: "old Mac line endings (lone CR)", file: "lone-cr.md", text: "---\rtitle: X\rdate: 2024-01-02\r---\rText.\r", line: 1, message: /control character U\+000D .*lone carriage return/ },
  // SVG images beside the brief.
  { name: "an SVG image holding a script", file: "svg-asset-script.md", text: brief("Intro.\n\n![A chart](evil-script.svg)\n"), line: 7, message: /image "evil-script\.svg" is not safe to publish: evil-script\.svg:3: <script> is not allowed/ },
  { name: "an SVG image with an external href (unquoted <img src>)", file: "svg-asset-href.md", text: at7("<img src=evil-href.svg alt=chart>"), line: 7, message: /evil-href\.svg:3: .*refers to something outside the SVG/ },
  { name: "an SVG image with foreignObject and a handler", file: "svg-asset-fo.md", text: brief("Intro.\n\n![A chart](evil-fo.svg)\n"), line: 7, message: /evil-fo\.svg:3: <foreignObject> is not allowed/ },
];

const ASSETS: Record<string, string> = {
  "dot.svg": SAFE_SVG,
  "evil-script.svg": svgWith("<script>window.__pwned=1</script>"),
  "evil-href.svg": svgWith('<image href="https://evil.example/x.png" width="5" height="5"/>'),
  "evil-fo.svg": svgWith('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml" onclick="x()">x</div></foreignObject>'),
};

/** Briefs that are hostile in intent but safe to publish: they must build, and nothing may run. */
const ACCEPTED: Record<string, string> = {
  "markup-in-fields.md": [
    "---",
    'title: "<script>window.__pwned=1</script> & \\"quotes\\" </title>"',
    'short_title: "</title><script>window.__pwned=1</script>"',
    'summary: "</script><script>window.__pwned=1</script> <!-- -->"',
    "author:",
    '  - name: "\\"><img src=x onerror=window.__pwned=1>"',
    '    role: "<b onmouseover=window.__pwned=1>role</b>"',
    'publisher: "A & B <i>"',
    'keywords: ["a|b", "<b>k</b>", "\\" onfocus=\\"window.__pwned=1"]',
    "date: 2024-01-02",
    "---",
    "Alt text with markup: ![<img src=x onerror=window.__pwned=1>](dot.svg)",
    "",
    "Code: `<script>window.__pwned=1</script>` and an autolink that is not a link: <javascript:window.__pwned=1>.",
    "",
    "```html",
    "<script>window.__pwned=1</script>",
    "```",
    "",
    'A link [with a title](https://example.org/ "t\\" onmouseover=\\"window.__pwned=1") and a note.[^1]',
    "",
    "[^1]: Escaped markup in a note: &lt;script&gt;window.__pwned=1&lt;/script&gt; and `<img onerror>`.",
    "",
    "Indented four spaces, so a code block (shown as text, as the checks saw it):",
    "",
    '    <img src="dot.svg" onerror="window.__pwned=1" alt="x">',
    "    <script>window.__pwned=1</script>",
    "",
  ].join("\n"),
  // markdown-it does not take these for HTML (attributes glued together, "=" in an unquoted
  // value): they are escaped and shown as text. Inside a raw HTML block they are refused (above).
  "escaped-as-text.md": brief(
    'Glued: <img src="dot.svg"onload="window.__pwned=1" alt="">. Slash: <img alt="a"/onload=window.__pwned=1 src=dot.svg>. Unquoted: <img src=dot.svg onerror=window.__pwned=1>.\n',
  ),
  "rtl-arabic.md": "---\ntitle: موجز السياسة\ndate: 2024-03-04\nlang: ar\n---\nهذا نص عربي مع \u202Eتجاوز\u202C ثنائي الاتجاه و English words.\n",
  "crlf-bom.md": "\ufeff---\r\ntitle: Windows line endings\r\ndate: 2024-01-03\r\n---\r\nText with CRLF.\r\n\r\n<img src=dot.svg alt=\"An unquoted source\" width=20 height=20>\r\n",
  "allowed-html.md": brief(
    '<figure>\n<table>\n<thead><tr><th scope="col">Year</th><th scope="col">Value</th></tr></thead>\n<tbody><tr><td>2024</td><td style="text-align:right">1<sup>a</sup></td></tr></tbody>\n</table>\n<figcaption>Values <abbr title="approximately">approx.</abbr> H<sub>2</sub>O</figcaption>\n</figure>\n\n<details><summary>More</summary>\n\nHidden <span class="note">text</span>.\n\n</details>\n\n<div class="box" lang="fr">Texte <a href="https://example.org/" title="Example">lien</a>.</div>\n',
  ),
};

function runCli(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [path.join(ROOT, "src/cli.ts"), "build", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}


async function writeFolder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir("briefpress-hostile-");
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe("hostile briefs the loader refuses", () => {
  let refusedDir: string;
  let byFile: Map<string, string[]>;

  beforeAll(async () => {
    refusedDir = await writeFolder({ ...ASSETS, ...Object.fromEntries(REFUSED.map((c) => [c.file, c.text])) });
    const { errors, briefs } = await loadBriefs(refusedDir);
    expect(briefs.map((b) => b.slug)).toEqual([]);
    byFile = new Map();
    for (const e of errors) {
      const name = path.relative(refusedDir, e.file);
      byFile.set(name, [...(byFile.get(name) ?? []), `${name}:${e.line}: ${e.message}`]);
    }
  }, 120_000);

  it(`has at least 30 cases (${REFUSED.length})`, () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(30);
    expect(new Set(REFUSED.map((c) => c.file)).size).toBe(REFUSED.length);
  });

  it.each(REFUSED.map((c) => [c.name, c] as const))("refuses %s with file:line and a message", (_name, c) => {
    const found = byFile.get(c.file) ?? [];
    expect(found.length, `no error for ${c.file}`).toBeGreaterThan(0);
    expect(found[0].slice(0, 300)).toMatch(new RegExp(`^${c.file.replace(/\./g, "\\.")}:${c.line}: `));
    expect(found[0].slice(0, 300)).toMatch(c.message);
  });

  it("refuses them all through the command line: exit 1, each file:line printed, the previous site byte-identical", async () => {
    const good = await writeFolder({ "good.md": brief("A good brief.\n") });
    const output = path.join(await tempDir(), "site");
    const first = await runCli(["--input", good, "--output", output]);
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(output);

    const { code, stderr } = await runCli(["--input", refusedDir, "--output", output]);
    expect(code).toBe(1);
    for (const c of REFUSED) {
      const line = stderr.split("\n").find((l) => l.includes(`/${c.file}:${c.line}: `));
      expect(line, `${c.file}:${c.line} in stderr`).toBeDefined();
      expect(line!.slice(0, 400)).toMatch(c.message);
    }
    expect(stderr).not.toMatch(/\n\s+at .*\(.*\.ts:\d+:\d+\)/); // messages, not stack traces
    expect(snapshot(output)).toEqual(before);
  }, 240_000);
});

describe("hostile briefs that are safe to publish", () => {
  let output: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const input = await writeFolder({ "dot.svg": SAFE_SVG, ...ACCEPTED });
    const { errors } = await loadBriefs(input);
    expect(errors.map((e) => e.format(input))).toEqual([]);
    output = path.join(await tempDir(), "site");
    await build({ input, output, baseUrl: "https://briefs.example.org/" });
    server = await serveFolder(output);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = () => [
    "index.html",
    ...Object.keys(ACCEPTED).flatMap((f) => {
      const slug = f.replace(/\.md$/, "");
      return [`briefs/${slug}/index.html`, `briefs/${slug}/print/index.html`];
    }),
  ];

  it("runs no script and requests nothing from another host, with the CSP bypassed", async () => {
    for (const url of pages()) {
      const page = await browser.newPage();
      try {
        await page.setBypassCSP(true);
        const offsite: string[] = [];
        const dialogs: string[] = [];
        await page.setRequestInterception(true);
        page.on("request", (request) => {
          const target = request.url();
          if (target.startsWith(`${server.origin}/`) || target.startsWith("data:") || target.startsWith(`blob:${server.origin}/`)) void request.continue();
          else {
            offsite.push(request.url());
            void request.abort();
          }
        });
        page.on("dialog", (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        if (url.includes("/print/")) await page.emulateMediaType("print");
        await page.goto(`${server.origin}/${url}`, { waitUntil: "load" });
        if (url.includes("/print/")) await page.waitForFunction("window.briefpressLayout && (window.briefpressLayout.done || window.briefpressLayout.error)", { timeout: 60_000 });
        // Hover and focus everything, so handlers that wait for a user would fire too.
        const result = await page.evaluate(`(async () => {
          for (const el of document.querySelectorAll("body *")) {
            el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
            el.dispatchEvent(new FocusEvent("focus"));
          }
          await new Promise((r) => setTimeout(r, 300));
          const handlers = [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + " " + a.name));
          // JSON-LD holds the title as data (with "<" escaped); any other script with the payload is an injection.
          const injected = [...document.scripts].filter((s) => s.type !== "application/ld+json" && /__pwned/.test(s.textContent)).length;
          return { pwned: typeof window.__pwned, handlers, injected };
        })()`);
        expect({ url, ...(result as object), offsite, dialogs }).toEqual({ url, pwned: "undefined", handlers: [], injected: 0, offsite: [], dialogs: [] });
      } finally {
        await page.close();
      }
    }
  }, 300_000);

  it("shows markup in front matter, alt text and notes as text", async () => {
    const html = readFileSync(path.join(output, "briefs/markup-in-fields/index.html"), "utf8");
    expect(html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;");
    expect(html).not.toMatch(/<script>window\.__pwned/);
    expect(html).not.toMatch(/<img src=x onerror/);
  });

  it("sets dir=rtl for an Arabic brief on the web page, the print page and its collection entry", () => {
    const web = readFileSync(path.join(output, "briefs/rtl-arabic/index.html"), "utf8");
    const print = readFileSync(path.join(output, "briefs/rtl-arabic/print/index.html"), "utf8");
    const index = readFileSync(path.join(output, "index.html"), "utf8");
    expect(web).toMatch(/<html lang="ar" dir="rtl">/);
    expect(print).toMatch(/<html lang="ar" dir="rtl">/);
    expect(index).toMatch(/<li class="brief-card" lang="ar" dir="rtl"[^>]*>\s*<h2 id="card-rtl-arabic">/);
    expect(readFileSync(path.join(output, "briefs/crlf-bom/index.html"), "utf8")).toMatch(/<html lang="en-US">/);
  });

  it("shows an image given with an unquoted src in the PDF's print page", async () => {
    const page = await browser.newPage();
    try {
      await page.emulateMediaType("print");
      await page.goto(`${server.origin}/briefs/crlf-bom/print/index.html`, { waitUntil: "load" });
      await page.waitForFunction("window.briefpressLayout && (window.briefpressLayout.done || window.briefpressLayout.error)", { timeout: 60_000 });
      const widths = await page.evaluate(`[...document.querySelectorAll("img[alt='An unquoted source']")].map((i) => i.complete && i.naturalWidth)`);
      expect(widths).toEqual([20]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("writes a feed, a sitemap and citations that parse", () => {
    for (const file of ["feed.xml", "sitemap.xml"]) {
      const parser = new SaxesParser();
      let failure = "";
      parser.on("error", (e) => (failure ||= e.message));
      parser.write(readFileSync(path.join(output, file), "utf8")).close();
      expect([file, failure]).toEqual([file, ""]);
    }
    const ris = readFileSync(path.join(output, "briefs/markup-in-fields/markup-in-fields.ris"), "utf8");
    expect(ris.split("\r\n").filter((l) => l.startsWith("ER  -"))).toHaveLength(1);
  });
});
