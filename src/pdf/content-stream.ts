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

class Lexer {
  pos = 0;
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

  /** The next object, or an operator keyword as { kind: "other" } with op set. */
  next(): { operand?: Operand; op?: string; close?: string } | null {
    this.skipSpace();
    const b = this.b;
    if (this.pos >= b.length) return null;
    const c = b[this.pos];
    if (c === 0x2f) return { operand: { kind: "name", value: this.name() } };
    if (c === 0x28) return { operand: { kind: "string", bytes: this.literal() } };
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      return { operand: this.dict() };
    }
    if (c === 0x3c) return { operand: { kind: "string", bytes: this.hex() } };
    if (c === 0x5b) {
      this.pos++;
      const items: Operand[] = [];
      for (;;) {
        const t = this.next();
        if (!t || t.close === "]") break;
        if (t.operand) items.push(t.operand);
        else if (t.op) items.push({ kind: "other", value: t.op });
      }
      return { operand: { kind: "array", items } };
    }
    if (c === 0x5d || c === 0x3e) {
      this.pos += c === 0x3e && b[this.pos + 1] === 0x3e ? 2 : 1;
      return { close: c === 0x5d ? "]" : ">>" };
    }
    if (c === 0x7b || c === 0x7d || c === 0x29) {
      this.pos++;
      return { operand: { kind: "other", value: String.fromCharCode(c) } };
    }
    const start = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos])) this.pos++;
    const word = latin1(b.subarray(start, this.pos));
    const first = b[start]; // a number begins with a digit, a sign or a point
    if (((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      return { operand: { kind: "number", value: Number(word) } };
    }
    if (word === "true" || word === "false" || word === "null") return { operand: { kind: "other", value: word } };
    return { op: word };
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
    const nibbles: number[] = [];
    while (this.pos < b.length && b[this.pos] !== 0x3e) {
      const v = HEX[b[this.pos++]];
      if (v >= 0) nibbles.push(v);
    }
    this.pos++;
    // An odd last digit is followed by an implied 0.
    const out = new Uint8Array((nibbles.length + 1) >> 1);
    for (let i = 0; i < out.length; i++) out[i] = (nibbles[i * 2] << 4) | (nibbles[i * 2 + 1] ?? 0);
    return out;
  }

  private dict(): Operand {
    const entries = new Map<string, Operand>();
    for (;;) {
      const key = this.next();
      if (!key || key.close === ">>") break;
      if (key.operand?.kind !== "name") continue;
      const value = this.next();
      if (!value || value.close === ">>") break;
      if (value.operand) entries.set(key.operand.value, value.operand);
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
    if (!token) break;
    if (start < 0) start = at;
    if (token.operand) {
      operands.push(token.operand);
      continue;
    }
    if (token.close) continue;
    const op = token.op ?? "";
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
