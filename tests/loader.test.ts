/** The brief loader: every problem found before anything is written, as file:line: message. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadBriefs, slugOf } from "../src/briefs/load.ts";
import { tempDir } from "./helpers/build.ts";

async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir("briefpress-load-");
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const ok = (body = "Text.\n") => `---\ntitle: A brief\ndate: 2024-01-02\n---\n${body}`;

async function errorsOf(files: Record<string, string | Uint8Array>): Promise<string[]> {
  const dir = await folderWith(files);
  const { errors } = await loadBriefs(dir);
  return errors.map((e) => e.format(dir));
}

describe("loadBriefs", () => {
  it("loads a valid brief with defaults and counts its notes", async () => {
    const dir = await folderWith({ "a.md": ok("One.[^1] Two.[^*x]\n\n[^1]: A.\n[^*x]: B.\n") });
    const { briefs, errors } = await loadBriefs(dir);
    expect(errors).toEqual([]);
    expect(briefs).toHaveLength(1);
    expect(briefs[0]).toMatchObject({ slug: "a", bodyLine: 5, notes: { endnotes: 1, footnotes: 1 } });
    expect(briefs[0].data).toMatchObject({ title: "A brief", date: "2024-01-02", lang: "en-US", paper: "letter" });
  });

  it("names the file and the line of a note error, counted from the top of the file", async () => {
    expect(await errorsOf({ "a.md": ok("Line one.\nLine two.[^missing]\n") })).toEqual([
      'a.md:6: undefined note "[^missing]": add a definition "[^missing]: text" or fix the label.',
    ]);
  });

  it("reports every error in every file in one run", async () => {
    const errors = await errorsOf({
      "a.md": ok("A[^x] B[^*y] C[^*y]\n\n[^*y]: Y.\n[^z]: Z.\n"),
      "b.md": "---\ntitle: B\n---\nText.\n",
      "c.md": "",
    });
    expect(errors).toEqual([
      'a.md:5: undefined note "[^x]": add a definition "[^x]: text" or fix the label.',
      expect.stringMatching(/^a\.md:5: footnote "\[\^\*y\]" is called more than once/),
      expect.stringMatching(/^a\.md:8: note "\[\^z\]" is defined but never called/),
      expect.stringMatching(/^b\.md:1: date is required: add "date: …" to the front matter/),
      expect.stringMatching(/^c\.md:1: the file is empty/),
    ]);
  });

  it.each([
    ["missing front matter", "Just text.\n", /^a\.md:1: missing front matter/],
    ["unclosed front matter", "---\ntitle: X\n", /^a\.md:1: front matter is not closed/],
    ["invalid YAML", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n", /^a\.md:\d: invalid YAML in front matter/],
    ["missing title", "---\ndate: 2024-01-01\n---\n", /^a\.md:1: title is required/],
    ["a date that does not exist", "---\ntitle: X\ndate: 2024-02-30\n---\n", /^a\.md:3: date: "2024-02-30" is not a real date/],
    ["a bad language tag", "---\ntitle: X\ndate: 2024-01-01\nlang: english_US!\n---\n", /^a\.md:4: lang must be a BCP 47 language tag/],
    ["a bad page size", "---\ntitle: X\ndate: 2024-01-01\npage: legal\n---\n", /^a\.md:4: page must be "letter" or "a4", got "legal"/],
  ])("rejects %s", async (_name, text, expected) => {
    const errors = await errorsOf({ "a.md": text });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
  });

  it("rejects a file that is not UTF-8, naming the line", async () => {
    const latin1 = Buffer.concat([Buffer.from("---\ntitle: X\ndate: 2024-01-01\n---\nCaf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    expect(await errorsOf({ "a.md": latin1 })).toEqual(["a.md:5: the file is not UTF-8 text: save it with UTF-8 encoding"]);
  });

  it("warns about unknown front matter keys, naming the key and its line", async () => {
    const dir = await folderWith({ "a.md": "---\ntitle: X\ndate: 2024-01-01\ncolour: red\n---\nText.\n" });
    const { errors, warnings } = await loadBriefs(dir);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.format(dir))).toEqual([expect.stringMatching(/^a\.md:4: unknown front matter key "colour" is ignored/)]);
  });

  it("accepts authors as a string, a list, or name/role objects", async () => {
    const dir = await folderWith({
      "a.md": "---\ntitle: A\ndate: 2024-01-01\nauthor: Ann\n---\nx\n",
      "b.md": "---\ntitle: B\ndate: 2024-01-01\nauthor: [Ann, Bo]\n---\nx\n",
      "c.md": "---\ntitle: C\ndate: 2024-01-01\nauthor:\n  - name: Cy\n    role: Fellow\n---\nx\n",
    });
    const { briefs } = await loadBriefs(dir);
    expect(briefs.map((b) => b.data.author)).toEqual([[{ name: "Ann" }], [{ name: "Ann" }, { name: "Bo" }], [{ name: "Cy", role: "Fellow" }]]);
  });

  it.each([
    ["a script", '<script>alert(1)</script>', /<script> is not allowed/],
    ["an event handler", '<p onclick="x()">hi</p>', /event handler attribute "onclick" is not allowed/],
    ["a javascript: URL", '<a href="javascript:alert(1)">x</a>', /"javascript:" URLs are not allowed/],
    ["an iframe", '<iframe src="a.html"></iframe>', /<iframe> is not allowed/],
    ["an embed", '<embed src="a.swf">', /<embed> is not allowed/],
    ["a remote image", "![chart](https://example.org/chart.png)", /remote image "https:\/\/example\.org\/chart\.png"/],
    ["a remote stylesheet", '<link rel="stylesheet" href="https://example.org/a.css">', /<link> is not allowed in a brief: a brief cannot load stylesheets/],
    ["a missing local image", "![chart](chart.png)", /image "chart\.png" not found/],
  ])("rejects %s in the body, at its line", async (_name, body, expected) => {
    const errors = await errorsOf({ "a.md": ok(`Intro.\n\n${body}\n`) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^a\.md:7: /);
    expect(errors[0]).toMatch(expected);
  });

  it("refuses an image named like the link-card image the build writes beside the page (it would be replaced)", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const errors = await errorsOf({
      "a/index.md": ok("Intro.\n\n![The chart](a.preview.png)\n"),
      "a/a.preview.png": png,
      // Case differs: the same file on macOS and Windows.
      "b.md": ok("Intro.\n\n![The chart](B.Preview.PNG)\n"),
      "B.Preview.PNG": png,
      // Another brief's preview name is only a name here: it is published in this brief's folder.
      "c.md": ok("Intro.\n\n![The chart](a.preview.png)\n"),
      "a.preview.png": png,
    });
    expect(errors).toEqual([
      expect.stringMatching(/^a\/index\.md:7: image "a\.preview\.png" has the name of the link-card image briefpress writes beside the page \(a\.preview\.png\): rename the file/),
      expect.stringMatching(/^b\.md:7: image "B\.Preview\.PNG" has the name of the link-card image briefpress writes beside the page \(b\.preview\.png\)/),
    ]);
  });

  it.each([
    ["<span>", 12_000],
    ["<div>", 12_000],
  ])("refuses %s nested %i deep at its line, without overflowing the stack", async (tag, n) => {
    const errors = await errorsOf({ "a.md": ok(`Intro.\n\n${tag.repeat(n)}x\n`) });
    expect(errors).toEqual([expect.stringMatching(/^a\.md:7: elements are nested more than 100 deep here/)]);
  });

  it("refuses an image file whose bytes are not of its type (HTML saved as .png), at its line", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const errors = await errorsOf({
      "a.md": ok("Intro.\n\n![A chart](fake.png)\n\n![Real](real.png)\n\n![Photo](photo.JPG)\n"),
      "fake.png": "<html><script>alert(1)</script></html>",
      "real.png": png,
      "photo.JPG": png,
    });
    expect(errors).toEqual([
      expect.stringMatching(/^a\.md:7: image "fake\.png" is not a PNG file/),
      expect.stringMatching(/^a\.md:11: image "photo\.JPG" is not a JPEG file \(it is a PNG file\)/),
    ]);
  });

  it("rejects two briefs with the same slug", async () => {
    const errors = await errorsOf({ "one/x.md": ok(), "two/x.md": ok() });
    expect(errors).toEqual([expect.stringMatching(/^two\/x\.md:1: two briefs have the slug "x"/)]);
  });

  it("skips README files, dot folders and node_modules", async () => {
    const dir = await folderWith({ "README.md": "# not a brief", ".hidden/a.md": "x", "node_modules/p/a.md": "x", "b.md": ok() });
    const { briefs, errors } = await loadBriefs(dir);
    expect(errors).toEqual([]);
    expect(briefs.map((b) => b.slug)).toEqual(["b"]);
  });

  it("uses the folder name as the slug of an index.md", () => {
    expect(slugOf("/x/briefs/water-tariffs/index.md")).toBe("water-tariffs");
    expect(slugOf("/x/briefs/water-tariffs.md")).toBe("water-tariffs");
  });
});
