/** Unified diffs and line-level replacement blocks, computed from the edits (never by re-diffing whole files). */
import { applyEdits, physicalLines, type TextEdit } from './text.ts';

/** Consecutive physical lines replaced by new ones: 0-based `start`, `end` exclusive, lines keep their terminators. */
export interface LineBlock<E extends TextEdit = TextEdit> {
  start: number;
  end: number;
  before: string[];
  after: string[];
  edits: E[];
}

function lineStartOffsets(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length;
  }
  starts.push(at);
  return starts;
}

function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** Groups one file's edits into blocks of whole lines; edits on the same or adjacent-by-span lines share a block. */
export function lineBlocks<E extends TextEdit>(text: string, edits: readonly E[]): Array<LineBlock<E>> {
  const lines = physicalLines(text);
  const starts = lineStartOffsets(lines);
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const groups: Array<{ start: number; end: number; edits: E[] }> = [];
  for (const edit of sorted) {
    const first = lineIndexOf(starts, edit.start);
    const last = lineIndexOf(starts, Math.max(edit.start, edit.end - 1));
    const previous = groups[groups.length - 1];
    if (previous && first <= previous.end) {
      previous.end = Math.max(previous.end, last + 1);
      previous.edits.push(edit);
    } else {
      groups.push({ start: first, end: last + 1, edits: [edit] });
    }
  }
  return groups.map((g) => {
    const from = starts[g.start]!;
    const region = text.slice(from, starts[g.end]!);
    const shifted = g.edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
    return { start: g.start, end: g.end, before: lines.slice(g.start, g.end), after: physicalLines(applyEdits(region, shifted)), edits: g.edits };
  });
}

const NO_NEWLINE = '\\ No newline at end of file\n';

function emit(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n${NO_NEWLINE}`;
}

/**
 * A unified diff of one file (`--- a/<file>` / `+++ b/<file>`, `context` lines around each change), as `git apply`
 * and `patch -p1` read it. Lines keep their own terminators (a CRLF file's lines end in `\r\n`). Empty when no edit.
 */
export function unifiedDiff(file: string, text: string, edits: readonly TextEdit[], context = 3): string {
  const blocks = lineBlocks(text, edits);
  if (blocks.length === 0) return '';
  const lines = physicalLines(text);
  // Hunks: blocks whose context windows touch are merged.
  const hunks: LineBlock[][] = [];
  for (const block of blocks) {
    const current = hunks[hunks.length - 1];
    if (current && block.start - current[current.length - 1]!.end <= 2 * context) current.push(block);
    else hunks.push([block]);
  }
  let out = `--- a/${file}\n+++ b/${file}\n`;
  let delta = 0;
  for (const hunk of hunks) {
    const first = Math.max(0, hunk[0]!.start - context);
    const last = Math.min(lines.length, hunk[hunk.length - 1]!.end + context);
    let body = '';
    let oldCount = 0;
    let newCount = 0;
    let at = first;
    for (const block of hunk) {
      for (; at < block.start; at++, oldCount++, newCount++) body += emit(' ', lines[at]!);
      for (const line of block.before) body += emit('-', line);
      for (const line of block.after) body += emit('+', line);
      oldCount += block.before.length;
      newCount += block.after.length;
      at = block.end;
    }
    for (; at < last; at++, oldCount++, newCount++) body += emit(' ', lines[at]!);
    const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);
    out += `@@ -${range(first + 1, oldCount)} +${range(first + 1 + delta, newCount)} @@\n${body}`;
    delta += newCount - oldCount;
  }
  return out;
}
