/** The core's error classes, and the one way to print an unknown thrown value. */
import type { ConfigIssue, SourceSpan } from './types.ts';

/** The config cannot be loaded the way openclaw would load it: parse, `$include` or size problems. */
export class ConfigLoadError extends Error {
  readonly issue: ConfigIssue;
  constructor(issue: ConfigIssue) {
    super(issue.message);
    this.name = 'ConfigLoadError';
    this.issue = issue;
  }
}

/** A JSON5 syntax problem at a position in one file (the loader turns it into a ConfigLoadError with the file). */
export class ParseError extends Error {
  readonly span: SourceSpan;
  constructor(message: string, span: SourceSpan) {
    super(message);
    this.name = 'ParseError';
    this.span = span;
  }
}

/** A check reported a checkId that no rule declares: a bug in the check, never a config problem. */
export class UnknownCheckError extends Error {}

/** The message of a thrown value, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
