// The content-stream lexer reads numbers from bytes (no string, no regular expression): its
// numbers must be exactly what the syntax (ISO 32000-1 §7.3.3) and Number() give, and every other
// token must stay what it was. Checked on generated tokens, against the definition written out.
import { describe, expect, it } from "vitest";
import { parseContentStream } from "../src/pdf/content-stream.ts";
import { random } from "./helpers/random.ts";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Tokens made of the characters a number is made of, in any order: numbers and near misses. */
function tokens(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = (chars: string) => chars[Math.floor(next() * chars.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(next() * (next() < 0.1 ? 24 : 8));
    let token = "";
    for (let j = 0; j < length; j++) token += next() < 0.8 ? pick("0123456789") : pick("+-.");
    out.push(token);
  }
  return out;
}

describe("content-stream lexer", () => {
  it("reads numbers as Number() does, and takes a token that is not one as an operator", () => {
    const list = [...tokens(20_000, 7), "0", "-0", "+0", ".5", "-.5", "5.", "-", "+", ".", "..5", "1.2.3", "--1", "007", "3.14159265358979323846", "123456789012345.6", "0.0000000000000001"];
    // Each token as the only operand of an operator that is no number: `<token> x`.
    const ops = parseContentStream(Buffer.from(list.map((t) => `${t} x`).join("\n"), "latin1"));
    const expected: Array<{ op: string; value?: number }> = list.flatMap((t) => (NUMBER.test(t) ? [{ op: "x", value: Number(t) }] : [{ op: t }, { op: "x" }]));
    const got: Array<{ op: string; value?: number }> = ops.map((o) => (o.operands.length ? { op: o.op, value: o.operands[0].kind === "number" ? o.operands[0].value : NaN } : { op: o.op }));
    expect(got.length).toBe(expected.length);
    for (let i = 0; i < got.length; i++) {
      if (!Object.is(got[i].value, expected[i].value) || got[i].op !== expected[i].op) expect({ at: i, got: got[i] }).toEqual({ at: i, got: expected[i] });
    }
  });

  it("keeps operators, names, strings, arrays and dictionaries with their byte ranges", () => {
    const text = "/P <</MCID 3 /ActualText <FEFF00AD>>> BDC\nBT /F1 11 Tf 1 0 0 -1 72.5 700 Tm [(a\\(b) -250 <0041 42>] TJ ET EMC true null q Q";
    const ops = parseContentStream(Buffer.from(text, "latin1"));
    expect(ops.map((o) => o.op)).toEqual(["BDC", "BT", "Tf", "Tm", "TJ", "ET", "EMC", "q", "Q"]);
    expect(ops.map((o) => text.slice(o.start, o.end))).toEqual([
      "/P <</MCID 3 /ActualText <FEFF00AD>>> BDC",
      "BT",
      "/F1 11 Tf",
      "1 0 0 -1 72.5 700 Tm",
      "[(a\\(b) -250 <0041 42>] TJ",
      "ET",
      "EMC",
      "true null q",
      "Q",
    ]);
    const bdc = ops[0].operands[1];
    expect(bdc.kind === "dict" && bdc.entries.get("MCID")).toEqual({ kind: "number", value: 3 });
    expect(bdc.kind === "dict" && bdc.entries.get("ActualText")).toEqual({ kind: "string", bytes: Uint8Array.from([0xfe, 0xff, 0x00, 0xad]) });
    const tj = ops[4].operands[0];
    expect(tj).toEqual({
      kind: "array",
      items: [
        { kind: "string", bytes: Uint8Array.from([0x61, 0x28, 0x62]) },
        { kind: "number", value: -250 },
        { kind: "string", bytes: Uint8Array.from([0x00, 0x41, 0x42]) },
      ],
    });
    expect(ops[7].operands).toEqual([{ kind: "other", value: "true" }, { kind: "other", value: "null" }]);
    expect(ops[3].operands.map((o) => (o.kind === "number" ? o.value : NaN))).toEqual([1, 0, 0, -1, 72.5, 700]);
  });
});
