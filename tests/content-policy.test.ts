/** The content policy's pure functions: raw HTML allowlist, SVG, front matter messages, XML and direction helpers. */
import { describe, expect, it } from "vitest";
import { checkHtml, firstHtmlProblem, findLongWord, srcsetUrls, styleProblem, urlProblem } from "../src/briefs/raw-html.ts";
import { checkSvg } from "../src/briefs/svg.ts";
import { describeIssue, frontMatterSchema } from "../src/briefs/front-matter.ts";
import { fromPrintPage, textDirection, xmlSafe } from "../src/eleventy/filters-plugin.ts";
import { oneLine, ris } from "../src/site/citation.ts";
import { createMarkdown } from "../src/markdown/configure.ts";
import { renderWithLines } from "../src/markdown/render-with-lines.ts";
import { guardRender } from "../src/eleventy/markdown-plugin.ts";

const messages = (html: string) => checkHtml(html).problems.map((p) => p.message);

describe("checkHtml", () => {
  it.each([
    ["a table, figure, details, abbr, sup", '<figure><table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table><figcaption>Cap <abbr title="x">X</abbr><sup>2</sup></figcaption></figure><details open><summary>More</summary><p>Text</p></details>'],
    ["span and div with class, lang, dir, aria and data attributes", '<div class="box" lang="ar" dir="rtl" aria-label="x" data-n="1"><span class="k">ok</span></div>'],
    ["a link with a title, a mailto and a fragment", '<a href="https://example.org/a?b=c" title="t">x</a> <a href="mailto:a@b.org">m</a> <a href="#s">s</a>'],
    ["an image with alt, width and height", '<img src="chart.png" alt="A chart" width="300" height="200">'],
    ["a closed comment", "<!-- a note to self --><p>x</p>"],
    ["a harmless style", '<td style="text-align:right">1</td>'],
    ["Chinese text without spaces", `<p>${"中文".repeat(400)}</p>`],
    ["a long URL in text", `<p>https://example.org/${"a".repeat(400)}</p>`],
    ["a long URL in a link", `<p><a href="https://example.org/">https://example.org/${"a".repeat(400)}</a></p>`],
    ["a long word in code", `<p><code>${"a".repeat(400)}</code></p>`],
  ])("accepts %s", (_name, html) => {
    expect(messages(html)).toEqual([]);
  });

  it.each([
    ["an attribute glued to the previous one", '<img src="a.svg"onload="alert(1)">', /event handler attribute "onload"/],
    ["a handler after a slash", '<img alt="a"/onload=alert(1) src=b.png>', /event handler attribute "onload"/],
    ["a tab inside javascript:", '<a href="java&#x09;script:alert(1)">x</a>', /"javascript:" URLs are not allowed/],
    ["an entity-encoded javascript:", '<a href="&#106;avascript:alert(1)">x</a>', /"javascript:" URLs are not allowed/],
    ["vbscript:", '<a href="VBScript:x">x</a>', /"javascript:" URLs are not allowed/],
    ["a refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta> is not allowed/],
    ["base", '<base href="https://evil.example/">', /<base> is not allowed/],
    ["a form", '<form action="https://evil.example"><button>Go</button></form>', /<form> is not allowed/],
    ["a data: link", '<a href="data:text/html,<script>alert(1)</script>">x</a>', /data: URL .* is not allowed in a link/],
    ["a remote style url", '<p style="background:url(//evil.example/a.png)">x</p>', /loads or runs something \(url\(\)/],
    ["an escaped style url", '<p style="background:u\\72l(x)">x</p>', /CSS escapes/],
    ["a style element", "<style>@import url(http://evil.example/a.css);</style>", /<style> is not allowed/],
    ["svg with a script", "<svg><script>alert(1)</script></svg>", /<svg> is not allowed/],
    ["math tricks", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", /<math> is not allowed/],
    ["plaintext", "<plaintext><p>rest", /<plaintext> is not allowed/],
    ["xmp", "<xmp><b>x</b></xmp>", /<xmp> is not allowed/],
    ["textarea", "<textarea>x</textarea>", /<textarea> is not allowed/],
    ["title", "<title>x</title>", /<title> is not allowed/],
    ["noscript", "<noscript><p>x</p></noscript>", /<noscript> is not allowed/],
    ["an unknown element", "<blink>x</blink>", /<blink> is not an element a brief may use/],
    ["an unknown attribute", '<p align="center">x</p>', /attribute "align" is not allowed on <p>/],
    ["a remote image", '<img src="https://evil.example/t.gif" alt="">', /remote image/],
    ["a protocol-relative image", '<img src="//evil.example/t.gif" alt="">', /remote image/],
    ["a remote srcset", '<img src="a.png" srcset="a.png 1x, http://evil.example/b.png 2x" alt="">', /remote image "http:\/\/evil\.example\/b\.png"/],
    ["an unclosed comment", "<p>a</p><!-- forgotten\n\n<p>the rest</p>", /comment is never closed/],
    ["html attributes", '<html manifest="x"><p>y</p>', /<html> and <head> tags are not allowed/],
    ["an id that clobbers the document", '<p id="cookie">x</p>', /would clash with a name/],
    ["a 300-letter word", `<p>${"a".repeat(300)}</p>`, /a word of 300 characters/],
    ["nesting 150 deep", `${"<div>".repeat(150)}x${"</div>".repeat(150)}`, /nested more than 100 deep/],
    ["an iframe", '<iframe src="a.html"></iframe>', /<iframe> is not allowed/],
    ["object", '<object data="a.swf"></object>', /<object> is not allowed/],
  ])("refuses %s", (_name, html, expected) => {
    const found = messages(html);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(expected);
  });

  it("gives the offset of the offending attribute", () => {
    const html = '<p>ok</p>\n<p>two</p>\n<img src="a.png" onerror="x()">';
    const [problem] = checkHtml(html).problems;
    expect(html.slice(problem.offset)).toMatch(/^onerror=/);
  });

  it("lists local images, not data: or remote ones", () => {
    const { images } = checkHtml('<img src="a.png" alt=""><img src=b.svg alt=""><img src="data:image/png;base64,AAAA" alt="">');
    expect(images.map((i) => i.src)).toEqual(["a.png", "b.svg"]);
  });
});

describe("URL, style and word rules", () => {
  it("urlProblem: links may be http(s), mailto, tel, relative; images only local or image data:", () => {
    for (const ok of ["https://a.org", "mailto:x@y.z", "tel:+1", "other.pdf", "#s", "../x", "a:b/c"]) expect([ok, urlProblem(ok, "link")]).toEqual([ok, ok === "a:b/c" ? expect.any(String) : null]);
    expect(urlProblem(" jav\u0000ascript:x", "link")).toMatch(/javascript/);
    expect(urlProblem("ftp://x", "link")).toMatch(/not allowed/);
    expect(urlProblem("chart.png", "image")).toBeNull();
    expect(urlProblem("data:image/png;base64,AA", "image")).toBeNull();
    expect(urlProblem("data:image/svg+xml,<svg onload=x>", "image")).toMatch(/not an image/);
    expect(urlProblem("https://a.org/x.png", "image")).toMatch(/remote image/);
  });

  it("styleProblem: looks are allowed, loading is not", () => {
    expect(styleProblem("text-align: right; color: #333")).toBeNull();
    expect(styleProblem("background-image: URL( 'a.png' )")).toMatch(/url\(/);
    expect(styleProblem("background: image-set('a.png' 1x)")).toMatch(/image-set\(/);
    expect(styleProblem("width: expression(alert(1))")).toMatch(/expression\(/);
  });

  it("srcsetUrls follows HTML's candidate parsing", () => {
    expect(srcsetUrls("a.png 1x, b.png 2x")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls("a.png,b.png 2x")).toEqual(["a.png,b.png"]); // a URL ends at whitespace, as in browsers
    expect(srcsetUrls("a.png, b.png 2x,")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls("data:image/png;base64,AA 1x, c.png 2x")).toEqual(["data:image/png;base64,AA", "c.png"]);
  });

  it("findLongWord skips URLs, paths and scripts written without spaces", () => {
    expect(findLongWord(`short words ${"x".repeat(201)}`)).toEqual({ index: 12, length: 201 });
    expect(findLongWord("x".repeat(200))).toBeNull();
    expect(findLongWord(`www.example.org/${"x".repeat(300)}`)).toBeNull();
    expect(findLongWord(`see https://example.org/${"x".repeat(300)}`)).toBeNull();
    expect(findLongWord(`a/${"x".repeat(300)}`)).toEqual({ index: 2, length: 300 }); // a slash alone does not make a URL
    expect(findLongWord(`${"ab-".repeat(100)}`)).toBeNull(); // hyphens are break points
    expect(findLongWord("ไทย".repeat(100))).toBeNull();
  });
});

describe("checkSvg", () => {
  const svg = (inner: string, attrs = "") => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>\n${inner}\n</svg>\n`;
  it("accepts a plain drawing with internal references", () => {
    expect(checkSvg(svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use xlink:href="#g"/><style>rect { stroke: url(#g) }</style>'))).toEqual([]);
  });
  it.each([
    ["a script", "<script>alert(1)</script>", /<script> is not allowed/],
    ["a handler", '<rect onclick="x()"/>', /event handler attribute "onclick"/],
    ["foreignObject", "<foreignObject><p>x</p></foreignObject>", /<foreignObject> is not allowed/],
    ["an external href", '<image href="https://evil.example/a.png"/>', /refers to something outside the SVG/],
    ["a javascript: link", '<a xlink:href="javascript&#58;alert(1)"><text>x</text></a>', /refers to something outside the SVG/],
    ["@import", "<style>@import url(http://evil.example/a.css);</style>", /@import/],
    ["a remote url() in an attribute", '<rect style="fill:url(http://evil.example/p.svg#a)"/>', /outside the SVG/],
    ["animating href", '<a href="#a"><set attributeName="href" to="javascript:alert(1)"/></a>', /animates href/],
    ["not well-formed", "<rect>", /not well-formed/],
  ])("refuses %s, with the SVG's line", (_name, inner, expected) => {
    const problems = checkSvg(svg(inner));
    expect(problems[0].message).toMatch(expected);
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
  });
  it("refuses entity declarations (billion laughs)", () => {
    expect(checkSvg('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>')[0].message).toMatch(/declares entities/);
  });
});

describe("front matter messages", () => {
  const issues = (raw: Record<string, unknown>) => {
    const parsed = frontMatterSchema.safeParse(raw);
    return parsed.success ? [] : parsed.error.issues.map((i) => describeIssue(i as Parameters<typeof describeIssue>[0], raw));
  };
  it("says what kind of value is wrong", () => {
    expect(issues({ title: 2020, date: "2024-01-01" })).toEqual(['title must be text, got a number (2020): put it in quotes (title: "2020")']);
    expect(issues({ title: "T", date: 2020 })).toEqual(["date must be a date written YYYY-MM-DD, got a number (2020)"]);
    expect(issues({ title: "T", date: "2024-01-01", page: "b5" })).toEqual(['page must be "letter" or "a4", got "b5"']);
    expect(issues({ title: "T", date: "2024-01-01", keywords: [1, "x"] })).toEqual([expect.stringMatching(/^keywords/)]);
    expect(issues({ date: "2024-01-01" })).toEqual([expect.stringMatching(/^title is required/)]);
  });
  it("limits lengths and refuses control and bidi characters", () => {
    expect(issues({ title: "x ".repeat(300), date: "2024-01-01" })).toEqual([expect.stringMatching(/^title is 599 characters long: keep it to 500 or fewer/)]);
    expect(issues({ title: "A\u0001B", date: "2024-01-01" })).toEqual(["title holds the control character U+0001 at character 2: remove it"]);
    expect(issues({ title: "A\u202eB", date: "2024-01-01" })).toEqual([expect.stringMatching(/^title holds the bidi control U\+202E/)]);
    expect(issues({ title: "T", date: "2024-01-01", author: [{ name: "A\u0007" }] })).toEqual([expect.stringMatching(/^author/)]);
  });
});

describe("outputs", () => {
  it("xmlSafe removes what XML 1.0 cannot hold, and keeps tab and newline", () => {
    expect(xmlSafe("a\u0001b\tc\nd\uffff\ud800e")).toBe("ab\tc\nde");
  });
  it("RIS and BibTeX fields stay on one line", () => {
    expect(oneLine("A\r\nER  - \u0001B")).toBe("A ER  - B");
    const record = ris({ title: "Line\nER  - ", authors: [], date: "2024-01-02", slug: "x" });
    expect(record.split("\r\n").filter((l) => l.startsWith("ER  -"))).toHaveLength(1);
  });
  it("textDirection: right to left for Arabic, Hebrew, Persian, Urdu and Arabic-script tags", () => {
    expect(["ar", "he", "fa", "ur", "ar-EG", "az-Arab", "ckb"].map(textDirection)).toEqual(Array(7).fill("rtl"));
    expect(["en-US", "zh-Hans", "de", "az", undefined].map(textDirection)).toEqual(Array(5).fill("ltr"));
  });
  it("fromPrintPage rewrites quoted and unquoted relative image sources only", () => {
    expect(fromPrintPage('<img src=a.svg alt="src=b"><img alt=\'x src="y"\' src="c.png"><img src="https://x/a.png"><img src="data:image/png;base64,A">')).toBe(
      '<img src=../a.svg alt="src=b"><img alt=\'x src="y"\' src="../c.png"><img src="https://x/a.png"><img src="data:image/png;base64,A">',
    );
  });
});

describe("the checked HTML is the published HTML", () => {
  it("renderWithLines renders what md.render renders, and maps offsets to source lines", () => {
    const md = createMarkdown();
    const src = "# Title\n\nPara one.\n\n<div>\n<img src=x onerror=y>\n</div>\n\nText.[^1]\n\n[^1]: A note <b onclick=z>.</b>\n";
    const env = { docId: "d" };
    const rendered = renderWithLines(md, md.parse(src, env), env);
    expect(rendered.html).toBe(md.render(src, { docId: "d" }));
    expect(rendered.lineAt(rendered.html.indexOf("onerror"))).toBe(5);
    expect(rendered.lineAt(rendered.html.indexOf("onclick"))).toBe(10);
  });
  it("indented text is a code block (CommonMark): markup in it is shown as text, and the checks agree", () => {
    const md = createMarkdown();
    const html = md.render("Para.\n\n    <img src=x onerror=alert(1)>\n");
    expect(html).toContain("<pre><code>&lt;img src=x onerror=alert(1)&gt;\n</code></pre>");
    expect(checkHtml(html).problems).toEqual([]);
  });
  it("guardRender refuses to return HTML the checks would refuse", () => {
    const md = guardRender(createMarkdown());
    expect(md.render("Fine *text*.\n")).toBe("<p>Fine <em>text</em>.</p>\n");
    expect(() => md.render('<a href="javascript:x">y</a>\n', { page: { inputPath: "./a.md" } })).toThrow(/refusing to publish HTML/);
  });
  it("firstHtmlProblem skips only HTML that already passed checkHtml, byte for byte", () => {
    const good = "<p>Checked <em>once</em>.</p>\n";
    expect(checkHtml(good).problems).toEqual([]);
    expect(firstHtmlProblem(good)).toBeUndefined();
    const bad = '<p><img src="x" onerror="alert(1)"></p>\n';
    expect(checkHtml(bad).problems.length).toBeGreaterThan(0);
    expect(firstHtmlProblem(bad)?.message).toBe(checkHtml(bad).problems[0].message); // a refusal is never remembered as a pass
    expect(firstHtmlProblem(good.replace("</p>", '<a href="javascript:x">y</a></p>'))).toBeDefined();
  });
});
