/**
 * Errors are values with a file and a line. They are collected where found and
 * printed once, by the CLI, as `file:line: message`.
 */
import path from "node:path";

export class BriefError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BriefError";
    this.file = file;
    this.line = Math.max(1, Math.trunc(line));
  }

  /** `file:line: message`, the file relative to `cwd` when it is inside it. */
  format(cwd = process.cwd()): string {
    const rel = path.relative(cwd, this.file);
    const shown = rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : this.file;
    return `${visible(shown)}:${this.line}: ${this.message}`;
  }
}

/** Control characters in a file name (a newline, an escape sequence) shown as escapes, not sent to the terminal. */
export function visible(text: string): string {
  const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => {
    const code = c.codePointAt(0)!;
    return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}

/** A build that failed with one or more brief errors (all of them, not only the first). */
export class BuildFailed extends Error {
  readonly errors: BriefError[];
  constructor(errors: BriefError[]) {
    super(`${errors.length} error${errors.length === 1 ? "" : "s"}`);
    this.name = "BuildFailed";
    this.errors = errors;
  }
}

/**
 * The command cannot run as asked (for example an output folder that would destroy the
 * input): nothing was touched. The CLI prints the message and exits with code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
