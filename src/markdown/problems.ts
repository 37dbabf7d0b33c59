/**
 * Problems the Markdown plugins find (other than notes, see src/notes/notes-plugin.ts) are
 * values on `env.markdownErrors`; the loader turns them into BriefErrors. Lines are lines of
 * the file when `env.sourceLine` says where the Markdown starts in it.
 */
import type { StateBlock, StateCore, StateInline } from "markdown-it";

export interface MarkdownProblem {
  /** 1-based line of the file (or of the Markdown when env.sourceLine is unset). */
  line: number;
  message: string;
}

type AnyState = StateCore | StateBlock | StateInline;

/** The file's line where the Markdown starts: `env.sourceLine`, else 1. */
export function firstLineOf(env: unknown): number {
  const line = (env as { sourceLine?: unknown } | undefined)?.sourceLine;
  return typeof line === "number" && Number.isInteger(line) && line > 0 ? line : 1;
}

/** `line0`: 0-based line of the Markdown source (a token's `map[0]`). */
export function reportProblem(state: AnyState, line0: number, message: string): void {
  const env = state.env as { markdownErrors?: MarkdownProblem[] };
  (env.markdownErrors ??= []).push({ line: firstLineOf(env) + line0, message });
}

/** Plugins' problems start empty for every document, even when an env is rendered twice. */
export function resetProblems(state: StateCore): void {
  (state.env as { markdownErrors?: MarkdownProblem[] }).markdownErrors = [];
}
