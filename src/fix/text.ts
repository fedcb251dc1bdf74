/** Text positions and edits: line/column (as the loader records them) → offsets, and edits applied without re-serialising. */

/** A replacement of `text.slice(start, end)`; offsets are UTF-16 code units into the file's full text (BOM included). */
export interface TextEdit {
  /** The file, relative to the audit root. */
  file: string;
  start: number;
  end: number;
  text: string;
}

const BOM = '\uFEFF';

/** Decodes a file's bytes keeping a byte-order mark, so that writing the text back keeps every byte. */
export function decodeFull(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** The length of the BOM the loader strips before it parses (its positions start after it). */
export function bomLength(text: string): number {
  return text.startsWith(BOM) ? 1 : 0;
}

/**
 * Offsets where each line starts, with the parser's line breaks (`\r\n`, `\r`, `\n`); index 0 is line 1.
 * `text` is the text the parser saw (without a BOM).
 */
export function parserLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The offset of a 1-based line and column, or undefined when the position is not in the text. */
export function offsetAt(
  lineStarts: readonly number[],
  textLength: number,
  line: number,
  column: number,
): number | undefined {
  const start = lineStarts[line - 1];
  if (start === undefined || column < 1) return undefined;
  const offset = start + column - 1;
  const next = lineStarts[line] ?? textLength + 1;
  return offset < next || offset === textLength ? offset : undefined;
}

/** Applies non-overlapping edits of one file; throws on overlap (a planning bug, never silently merged). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping or out-of-range edit at offset ${edit.start} of ${edit.file}`);
    }
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Physical lines as diff tools see them: split after each `\n`; every line keeps its terminator. */
export function physicalLines(text: string): string[] {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    lines.push(text.slice(at, nl + 1));
    at = nl + 1;
  }
  if (at < text.length) lines.push(text.slice(at));
  return lines;
}
