/**
 * Is a brief's own `.csl` file well-formed XML? citeproc-js's parser is lenient: a style with
 * an unclosed element compiles and prints whatever it happens to reach (a title, no author).
 * This reads the file as XML 1.0 does at the level of markup (tags, comments, CDATA,
 * processing instructions, references) and gives the first fault with its line, so the
 * author sees `mine.csl:4: <citation> is not closed…` instead of a wrong note.
 * Pure: a string in, a fault or nothing out.
 */

export interface XmlFault {
  /** 1-based line of the fault. */
  line: number;
  message: string;
}

const NAME = "[A-Za-z_:][\\w.:-]*";
const ATTRIBUTES = `(?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*`;
const START_TAG = new RegExp(`^<(${NAME})${ATTRIBUTES}\\s*(/?)>`);
const END_TAG = new RegExp(`^</(${NAME})\\s*>`);
const REFERENCE = /^&(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);/;

function lineAt(xml: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (xml.charCodeAt(i) === 10) line++;
  return line;
}

/** The first well-formedness fault of `xml`, or undefined when it has none. */
export function xmlFault(xml: string): XmlFault | undefined {
  const open: Array<{ name: string; at: number }> = [];
  let roots = 0;
  let i = 0;
  const fault = (at: number, message: string): XmlFault => ({ line: lineAt(xml, at), message });
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    const amp = text.search(/&/);
    for (let a = amp; a >= 0; a = text.indexOf("&", a + 1)) {
      if (!REFERENCE.test(text.slice(a))) return fault(i + a, 'a bare "&" (write &amp;)');
    }
    if (open.length === 0 && text.trim() !== "") return fault(i + text.search(/\S/), "text outside the root element");
    if (lt < 0) break;
    const rest = xml.slice(lt, lt + 4096);
    const close = (end: string, what: string): number | XmlFault => {
      const at = xml.indexOf(end, lt + 2);
      return at < 0 ? fault(lt, `${what} is not closed (no "${end}")`) : at + end.length;
    };
    let next: number | XmlFault;
    if (rest.startsWith("<!--")) next = close("-->", "a comment");
    else if (rest.startsWith("<![CDATA[")) next = open.length ? close("]]>", "a CDATA section") : fault(lt, "a CDATA section outside the root element");
    else if (rest.startsWith("<?")) next = close("?>", "a processing instruction");
    else if (rest.startsWith("<!DOCTYPE")) next = close(">", "the DOCTYPE");
    else if (rest.startsWith("</")) {
      const m = END_TAG.exec(rest);
      if (!m) return fault(lt, "a malformed end tag");
      const top = open.pop();
      if (!top) return fault(lt, `</${m[1]}> closes no element`);
      if (top.name !== m[1]) return fault(lt, `</${m[1]}> closes <${top.name}> (opened on line ${lineAt(xml, top.at)})`);
      next = lt + m[0].length;
    } else {
      const m = START_TAG.exec(rest);
      if (!m) return fault(lt, `a malformed tag (${JSON.stringify(rest.slice(0, 30).split("\n")[0])}): check its quotes and ">"`);
      if (open.length === 0 && roots++ > 0) return fault(lt, `a second root element <${m[1]}>`);
      if (m[2] !== "/") open.push({ name: m[1], at: lt });
      next = lt + m[0].length;
    }
    if (typeof next !== "number") return next;
    i = next;
  }
  const unclosed = open.at(-1);
  if (unclosed) return fault(unclosed.at, `<${unclosed.name}> is not closed (the file ends first)`);
  if (roots === 0) return { line: 1, message: "no XML element" };
  return undefined;
}
