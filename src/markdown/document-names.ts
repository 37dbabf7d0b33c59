/**
 * Names a heading's derived id must not take: the properties of a document and of a form
 * (lowercase ones only: a derived id is lowercase). DOMPurify (src/briefs/raw-html.ts) drops
 * an `id` or `name` that equals one of them, because such an element would shadow the
 * property in the browser (DOM clobbering), and the build then refuses the brief. A heading
 * titled "Method", "Location" or "Implementation" is ordinary prose, so its derived id is
 * changed instead (heading-ids.ts). The list is jsdom's, the document the check runs in;
 * tests/heading-ids-dom.test.ts fails when jsdom's list changes.
 */
export const DOCUMENT_NAMES: ReadonlySet<string> = new Set([
  "__proto__", "action", "after", "anchors", "append", "applets", "attributes", "before", "blur",
  "body", "charset", "children", "clear", "click", "close", "closest", "constructor", "contains",
  "cookie", "dataset", "dir", "doctype", "draggable", "elements", "embeds", "enctype", "evaluate",
  "focus", "forms", "head", "hidden", "id", "images", "implementation", "lang", "length", "links",
  "location", "matches", "method", "name", "nonce", "normalize", "onabort", "onauxclick",
  "onbeforeinput", "onbeforematch", "onbeforetoggle", "onblur", "oncancel", "oncanplay",
  "oncanplaythrough", "onchange", "onclick", "onclose", "oncontextlost", "oncontextmenu",
  "oncontextrestored", "oncopy", "oncuechange", "oncut", "ondblclick", "ondrag", "ondragend",
  "ondragenter", "ondragleave", "ondragover", "ondragstart", "ondrop", "ondurationchange",
  "onemptied", "onended", "onerror", "onfocus", "onformdata", "ongotpointercapture", "oninput",
  "oninvalid", "onkeydown", "onkeypress", "onkeyup", "onload", "onloadeddata", "onloadedmetadata",
  "onloadstart", "onlostpointercapture", "onmousedown", "onmouseenter", "onmouseleave",
  "onmousemove", "onmouseout", "onmouseover", "onmouseup", "onpaste", "onpause", "onplay",
  "onplaying", "onpointercancel", "onpointerdown", "onpointerenter", "onpointerleave",
  "onpointermove", "onpointerout", "onpointerover", "onpointerrawupdate", "onpointerup",
  "onprogress", "onratechange", "onreadystatechange", "onreset", "onresize", "onscroll",
  "onscrollend", "onsecuritypolicyviolation", "onseeked", "onseeking", "onselect", "onslotchange",
  "onstalled", "onsubmit", "onsuspend", "ontimeupdate", "ontoggle", "ontouchcancel", "ontouchend",
  "ontouchmove", "ontouchstart", "onvisibilitychange", "onvolumechange", "onwaiting",
  "onwebkitanimationend", "onwebkitanimationiteration", "onwebkitanimationstart",
  "onwebkittransitionend", "onwheel", "open", "plugins", "prefix", "prepend", "referrer", "remove",
  "reset", "role", "scripts", "slot", "style", "submit", "target", "title", "translate", "write",
  "writeln",
]);
