/**
 * One linear pass over JSON5 text before the parser sees it. It enforces the limits that keep the audit's time and
 * memory bounded, each reported where it is hit, and it blanks comments: momoa skips consecutive comments by
 * recursion (11,000 comment lines overflowed the stack), while spaces are skipped in a loop. Every comment character
 * becomes a space and line breaks stay, so every line and column the parser reports is unchanged.
 */
import type { SourceSpan } from '../types.ts';

/** Nesting deeper than this is refused; real configs nest fewer than 15 levels. */
export const MAX_NESTING = 1_000;

/**
 * Keys and values (objects, arrays and scalars each count one) across a config and every file it includes. The
 * parser and the located tree cost about 400 bytes each, so this bounds the audit's memory near 512 MB; the largest
 * config in our corpus of real ones has about 3,000.
 */
export const MAX_VALUES = 250_000;

export class ScanLimitError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
  ) {
    super(message);
  }
}

/** How many keys and values the files of one config have used so far. */
export interface ValueBudget {
  used: number;
}

const isLineBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
/** Characters of unquoted keys, numbers and literals (`-1.5e+3`, `0x1F`, `Infinity`, `gateway`). */
const isWordChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x5f ||
  c === 0x24 ||
  c === 0x2b ||
  c === 0x2d ||
  c === 0x2e ||
  c === 0x5c ||
  c > 0x7f;

/** The text with comments blanked; throws ScanLimitError at the first limit exceeded. */
export function scanJson5(text: string, file: string, budget: ValueBudget): string {
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const chunks: string[] = [];
  let copied = 0;
  const at = (i: number): SourceSpan => ({
    file,
    line,
    column: i - lineStart + 1,
    endLine: line,
    endColumn: i - lineStart + 2,
  });
  const count = (i: number) => {
    if (++budget.used > MAX_VALUES) {
      throw new ScanLimitError(
        `Config is too large: more than ${MAX_VALUES.toLocaleString('en-US')} keys and values (with its includes)`,
        at(i),
      );
    }
  };
  const newline = (i: number) => {
    // \r\n is one line break.
    if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a) return;
    line += 1;
    lineStart = i + 1;
  };
  const blank = (from: number, to: number) => {
    chunks.push(text.slice(copied, from));
    let spaces = '';
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (isLineBreak(c)) {
        chunks.push(spaces, text[i]!);
        spaces = '';
        newline(i);
      } else spaces += ' ';
    }
    chunks.push(spaces);
    copied = to;
  };

  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) {
      newline(i);
      i++;
    } else if (c === 0x22 || c === 0x27) {
      // A string: to the matching quote, past escapes; an unescaped line break ends it (the parser reports it).
      count(i);
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === c) break;
        if (d === 0x5c) {
          // A line continuation (backslash, line break) stays in the string.
          const e = text.charCodeAt(j + 1);
          const width = e === 0x0d && text.charCodeAt(j + 2) === 0x0a ? 3 : 2;
          if (isLineBreak(e)) {
            line += 1;
            lineStart = j + width;
          }
          j += width;
          continue;
        }
        if (d === 0x0a || d === 0x0d) break;
        j++;
      }
      i = j < text.length && text.charCodeAt(j) === c ? j + 1 : j;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      let j = i + 2;
      while (j < text.length && !isLineBreak(text.charCodeAt(j))) j++;
      blank(i, j);
      i = j;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) break; // Unterminated: left for the parser to report.
      blank(i, end + 2);
      i = end + 2;
    } else if (c === 0x7b || c === 0x5b) {
      count(i);
      if (++depth > MAX_NESTING) throw new ScanLimitError(`Config nests deeper than ${MAX_NESTING} levels`, at(i));
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (isWordChar(c)) {
      count(i);
      while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    } else i++;
  }
  if (copied === 0) return text;
  chunks.push(text.slice(copied));
  return chunks.join('');
}
