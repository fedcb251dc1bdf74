/** Unified diffs and line-level replacement blocks, computed from the edits (never by re-diffing whole files). */
import { applyEdits, physicalLines, type TextEdit } from './text.ts';

/** Consecutive physical lines replaced by new ones: 0-based `start`, `end` exclusive, lines keep their terminators. */
export interface LineBlock<E extends TextEdit = TextEdit> {
  start: number;
  end: number;
  /** 0-based first line of `after` in the edited text. */
  afterStart: number;
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
  let delta = 0;
  return groups.map((g) => {
    const from = starts[g.start]!;
    const region = text.slice(from, starts[g.end]!);
    const shifted = g.edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
    const after = physicalLines(applyEdits(region, shifted));
    const block = {
      start: g.start,
      end: g.end,
      afterStart: g.start + delta,
      before: lines.slice(g.start, g.end),
      after,
      edits: g.edits,
    };
    delta += after.length - (g.end - g.start);
    return block;
  });
}

/** The 1-based lines of a file that hold a secret, before and after its edits. */
export interface HiddenLines {
  before: ReadonlySet<number>;
  after: ReadonlySet<number>;
}

/** A block shows a secret when one of its lines, as they are or as they would be, holds one. */
export function showsSecret(block: LineBlock, hidden: HiddenLines): boolean {
  for (let i = block.start; i < block.end; i++) if (hidden.before.has(i + 1)) return true;
  for (let i = 0; i < block.after.length; i++) if (hidden.after.has(block.afterStart + i + 1)) return true;
  return false;
}

const NO_NEWLINE = '\\ No newline at end of file\n';

function emit(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n${NO_NEWLINE}`;
}

/** A unified diff that leaves out lines holding a secret, and what it had to leave out. */
export interface SafeDiff {
  patch: string;
  /** 1-based first lines of the changes left out because their own lines hold a secret. */
  withheld: number[];
  /** A hunk ends with no context line (the next line holds a secret): apply with `git apply --unidiff-zero`. */
  needsUnidiffZero: boolean;
}

/**
 * A unified diff of one file (`--- a/<file>` / `+++ b/<file>`, up to `context` lines around each change), as `git
 * apply` and `patch -p1` read it. Lines keep their own terminators (a CRLF file's lines end in `\r\n`). Empty when
 * no edit. `hidden` holds the 1-based lines that must not be printed (they hold a secret): context stops before
 * them, and a change whose own lines are hidden is left out of the patch (and listed in `withheld`).
 */
export function safeDiff(
  file: string,
  text: string,
  edits: readonly TextEdit[],
  hidden: HiddenLines = { before: new Set(), after: new Set() },
  context = 3,
): SafeDiff {
  const isHidden = (index: number) => hidden.before.has(index + 1);
  const withheld: number[] = [];
  const blocks = lineBlocks(text, edits).filter((block) => {
    if (!showsSecret(block, hidden)) return true;
    withheld.push(block.start + 1);
    return false;
  });
  if (blocks.length === 0) return { patch: '', withheld, needsUnidiffZero: false };
  const lines = physicalLines(text);
  const clear = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (isHidden(i)) return false;
    return true;
  };
  // Hunks: blocks whose context windows touch, with no hidden line between them, are merged.
  const hunks: LineBlock[][] = [];
  for (const block of blocks) {
    const current = hunks[hunks.length - 1];
    const previousEnd = current?.[current.length - 1]!.end ?? 0;
    if (current && block.start - previousEnd <= 2 * context && clear(previousEnd, block.start)) current.push(block);
    else hunks.push([block]);
  }
  let out = `--- a/${file}\n+++ b/${file}\n`;
  let delta = 0;
  let needsUnidiffZero = false;
  for (const hunk of hunks) {
    let first = hunk[0]!.start;
    while (first > 0 && hunk[0]!.start - first < context && !isHidden(first - 1)) first--;
    const end = hunk[hunk.length - 1]!.end;
    let last = end;
    while (last < lines.length && last - end < context && !isHidden(last)) last++;
    if (last === end && end < lines.length) needsUnidiffZero = true;
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
    const range = (start: number, count: number) =>
      count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
    out += `@@ -${range(first + 1, oldCount)} +${range(first + 1 + delta, newCount)} @@\n${body}`;
    delta += newCount - oldCount;
  }
  return { patch: out, withheld, needsUnidiffZero };
}

/** `safeDiff`'s patch for a text that holds no secret. */
export function unifiedDiff(file: string, text: string, edits: readonly TextEdit[], context = 3): string {
  return safeDiff(file, text, edits, { before: new Set(), after: new Set() }, context).patch;
}
