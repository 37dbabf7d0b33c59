/**
 * A PDF content stream as a list of operations (operands + operator, with their byte
 * ranges), enough to see marked content (BDC/BMC/EMC), what each sequence paints, and
 * the text it shows. No rendering: only the syntax of ISO 32000-1 §7.8.2.
 */

export type Operand =
  | { kind: "number"; value: number }
  | { kind: "name"; value: string }
  | { kind: "string"; bytes: Uint8Array }
  | { kind: "array"; items: Operand[] }
  | { kind: "dict"; entries: Map<string, Operand> }
  | { kind: "other"; value: string };

export interface Operation {
  op: string;
  operands: Operand[];
  /** Byte offsets of the whole operation (first operand to operator end). */
  start: number;
  end: number;
}

/** Each byte's class: 1 white-space, 2 delimiter, 0 regular (a table: the lexer asks for every byte). */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
const isWhite = (c: number) => CLASS[c] === 1;
const isRegular = (c: number) => CLASS[c] !== 1 && CLASS[c] !== 2;
/** A hex digit's value, or -1. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = HEX["0123456789ABCDEF".charCodeAt(i)] = i;

/** Operators that paint: text showing, path painting (not `n`), shadings, XObjects, inline images. */
export const PAINTING = new Set(["Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"]);
export const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

/** Operator keywords seen so far, by their bytes (at most three: every PDF operator), one string each. */
const KEYWORDS = new Map<number, string>();

/**
 * A numeric object's value (ISO 32000-1 §7.3.3: `[+-]?(\d+\.?\d*|\.\d+)`) read from its bytes, or
 * undefined when `b[start, end)` is not one. The same value as Number() of its text: an integer
 * part and fraction of at most 15 digits in all are exact in a double, and one division by an
 * exact power of ten rounds correctly; longer ones go through Number().
 */
function numberAt(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  const sign = b[i] === 0x2d ? -1 : 1;
  if (b[i] === 0x2b || b[i] === 0x2d) i++;
  let digits = 0;
  let intDigits = 0;
  let point = false;
  let value = 0;
  let scale = 1;
  for (; i < end; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
      if (point) scale *= 10;
      else intDigits++;
    } else if (c === 0x2e && !point) point = true;
    else return undefined;
  }
  if (digits === 0 || (!point && intDigits === 0)) return undefined;
  if (digits > 15) return Number(latin1(b.subarray(start, end)));
  // -0 as Number("-0") gives it
  return sign * (scale === 1 ? value : value / scale);
}

class Lexer {
  pos = 0;
  /** After next() returned OPERATOR: the operator's keyword. */
  op = "";
  constructor(private readonly b: Uint8Array) {}

  skipSpace(): void {
    const b = this.b;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** The next object; OPERATOR for an operator keyword (then in `op`), CLOSE_ARRAY or CLOSE_DICT for `]` and `>>`, null at the end. */
  next(): Operand | typeof OPERATOR | typeof CLOSE_ARRAY | typeof CLOSE_DICT | null {
    this.skipSpace();
    const b = this.b;
    if (this.pos >= b.length) return null;
    const c = b[this.pos];
    if (c === 0x2f) return { kind: "name", value: this.name() };
    if (c === 0x28) return { kind: "string", bytes: this.literal() };
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      return this.dict();
    }
    if (c === 0x3c) return { kind: "string", bytes: this.hex() };
    if (c === 0x5b) {
      this.pos++;
      const items: Operand[] = [];
      for (;;) {
        const t = this.next();
        if (t === null || t === CLOSE_ARRAY) break;
        if (t === OPERATOR) items.push({ kind: "other", value: this.op });
        else if (t !== CLOSE_DICT) items.push(t);
      }
      return { kind: "array", items };
    }
    if (c === 0x5d || c === 0x3e) {
      this.pos += c === 0x3e && b[this.pos + 1] === 0x3e ? 2 : 1;
      return c === 0x5d ? CLOSE_ARRAY : CLOSE_DICT;
    }
    if (c === 0x7b || c === 0x7d || c === 0x29) {
      this.pos++;
      return { kind: "other", value: String.fromCharCode(c) };
    }
    const start = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos])) this.pos++;
    const end = this.pos;
    const first = b[start]; // a number begins with a digit, a sign or a point
    if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) {
      const value = numberAt(b, start, end);
      if (value !== undefined) return { kind: "number", value };
    }
    const word = this.keyword(start, end);
    if (word === "true" || word === "false" || word === "null") return { kind: "other", value: word };
    this.op = word;
    return OPERATOR;
  }

  /** The text of a keyword; short ones (every operator) are the same string each time. */
  private keyword(start: number, end: number): string {
    const b = this.b;
    const length = end - start;
    if (length === 0 || length > 3) return latin1(b.subarray(start, end));
    const key = length === 1 ? b[start] : length === 2 ? 0x10000 | (b[start] << 8) | b[start + 1] : 0x2000000 | (b[start] << 16) | (b[start + 1] << 8) | b[start + 2];
    let word = KEYWORDS.get(key);
    if (word === undefined) KEYWORDS.set(key, (word = latin1(b.subarray(start, end))));
    return word;
  }

  private name(): string {
    const b = this.b;
    this.pos++;
    const start = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos])) this.pos++;
    return latin1(b.subarray(start, this.pos)).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }

  private literal(): Uint8Array {
    const b = this.b;
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    while (this.pos < b.length) {
      const c = b[this.pos++];
      if (c === 0x5c) {
        const e = b[this.pos++];
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let i = 0; i < 2 && b[this.pos] >= 0x30 && b[this.pos] <= 0x37; i++) v = v * 8 + (b[this.pos++] - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth === 0) break;
        depth--;
        out.push(c);
      } else out.push(c);
    }
    return Uint8Array.from(out);
  }

  private hex(): Uint8Array {
    const b = this.b;
    this.pos++;
    const start = this.pos;
    let count = 0;
    while (this.pos < b.length && b[this.pos] !== 0x3e) if (HEX[b[this.pos++]] >= 0) count++;
    const end = this.pos;
    this.pos++;
    // An odd last digit is followed by an implied 0.
    const out = new Uint8Array((count + 1) >> 1);
    let n = 0;
    for (let i = start; i < end; i++) {
      const v = HEX[b[i]];
      if (v < 0) continue;
      if (n % 2 === 0) out[n >> 1] = v << 4;
      else out[n >> 1] |= v;
      n++;
    }
    return out;
  }

  private dict(): Operand {
    const entries = new Map<string, Operand>();
    for (;;) {
      const key = this.next();
      if (key === null || key === CLOSE_DICT) break;
      if (key === OPERATOR || key === CLOSE_ARRAY || key.kind !== "name") continue;
      const value = this.next();
      if (value === null || value === CLOSE_DICT) break;
      if (value !== OPERATOR && value !== CLOSE_ARRAY) entries.set(key.value, value);
    }
    return { kind: "dict", entries };
  }

  /** After `BI`: the inline image's dictionary and data, up to and including `EI`. */
  skipInlineImage(): void {
    const b = this.b;
    while (this.pos < b.length) {
      if (b[this.pos] === 0x49 && b[this.pos + 1] === 0x44 && (this.pos === 0 || isWhite(b[this.pos - 1])) && isWhite(b[this.pos + 2])) {
        this.pos += 3;
        break;
      }
      this.pos++;
    }
    while (this.pos < b.length) {
      if (isWhite(b[this.pos - 1]) && b[this.pos] === 0x45 && b[this.pos + 1] === 0x49 && (this.pos + 2 >= b.length || !isRegular(b[this.pos + 2]))) {
        this.pos += 2;
        return;
      }
      this.pos++;
    }
  }
}

const OPERATOR = Symbol("operator");
const CLOSE_ARRAY = Symbol("]");
const CLOSE_DICT = Symbol(">>");

export function latin1(bytes: Uint8Array): string {
  let s = "";
  for (const c of bytes) s += String.fromCharCode(c);
  return s;
}

/** The operations of a (decoded) content stream. */
export function parseContentStream(bytes: Uint8Array): Operation[] {
  const lexer = new Lexer(bytes);
  const ops: Operation[] = [];
  let operands: Operand[] = [];
  let start = -1;
  for (;;) {
    lexer.skipSpace();
    const at = lexer.pos;
    const token = lexer.next();
    if (token === null) break;
    if (start < 0) start = at;
    if (token === CLOSE_ARRAY || token === CLOSE_DICT) continue;
    if (token !== OPERATOR) {
      operands.push(token);
      continue;
    }
    const op = lexer.op;
    if (op === "BI") lexer.skipInlineImage();
    ops.push({ op, operands, start, end: lexer.pos });
    operands = [];
    start = -1;
  }
  return ops;
}

/** One marked-content sequence as opened: its tag and, for BDC with an inline dictionary, its MCID. */
export interface MarkedContent {
  tag: string;
  mcid?: number;
  properties?: Map<string, Operand>;
}

export function markedContentOf(operation: Operation): MarkedContent | null {
  if (operation.op === "BMC") {
    const tag = operation.operands[0];
    return { tag: tag?.kind === "name" ? tag.value : "" };
  }
  if (operation.op === "BDC") {
    const [tag, props] = operation.operands;
    const properties = props?.kind === "dict" ? props.entries : undefined;
    const mcid = properties?.get("MCID");
    return { tag: tag?.kind === "name" ? tag.value : "", mcid: mcid?.kind === "number" ? mcid.value : undefined, properties };
  }
  return null;
}
