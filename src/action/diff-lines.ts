/**
 * The right side (the PR head) of a unified diff, as GitHub's `pulls/{n}/files` `patch` gives it: per hunk, the head's
 * line numbers, their text and whether the pull request added them. Review comments may only be placed on these
 * lines. Linear in the patch's length: nothing is allocated per line a hunk header claims, only per line present.
 */

interface RightLine {
  text: string;
  /** `+` in the diff (else a context line). */
  added: boolean;
}

export interface RightHunk {
  /** Head line number of `lines[0]` (1-based). */
  start: number;
  lines: RightLine[];
}

// Counts above this are not a real diff (GitHub's own limits are far lower); the header is ignored.
const MAX_COUNT = 100_000_000;
const HUNK_HEADER = /^@@ -(\d{1,9})(?:,(\d{1,9}))? \+(\d{1,9})(?:,(\d{1,9}))? @@/;

/** The hunks of a patch (with or without `diff --git` / `---` / `+++` headers); malformed hunks end where they break. */
export function parseRightSide(patch: string): RightHunk[] {
  const rows = patch.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const hunks: RightHunk[] = [];
  let current: RightHunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const row of rows) {
    const header = HUNK_HEADER.exec(row);
    if (header) {
      const oldCount = header[2] === undefined ? 1 : Number(header[2]);
      const newStart = Number(header[3]);
      const newCount = header[4] === undefined ? 1 : Number(header[4]);
      if (oldCount > MAX_COUNT || newCount > MAX_COUNT || (newCount > 0 && newStart === 0)) {
        current = undefined;
        continue;
      }
      current = { start: newStart, lines: [] };
      hunks.push(current);
      oldLeft = oldCount;
      newLeft = newCount;
      continue;
    }
    if (!current || (oldLeft === 0 && newLeft === 0)) {
      current = undefined;
      continue;
    }
    const marker = row[0];
    const text = row.slice(1).replace(/\r$/, '');
    if (marker === '+' && newLeft > 0) {
      current.lines.push({ text, added: true });
      newLeft--;
    } else if ((marker === ' ' || row === '') && newLeft > 0 && oldLeft > 0) {
      // An empty row is a context line whose leading space was stripped (some tools trim trailing whitespace).
      current.lines.push({ text, added: false });
      newLeft--;
      oldLeft--;
    } else if (marker === '-' && oldLeft > 0) {
      oldLeft--;
    } else if (marker !== '\\') {
      current = undefined;
    }
  }
  return hunks;
}

export type RangeVerdict =
  /** Inside one hunk, at least one line added, and the lines are the expected text. */
  | 'ok'
  /** Some line is not on the right side of the diff (GitHub refuses the comment). */
  | 'outside-diff'
  /** Every line is a context line: the pull request does not touch them. */
  | 'untouched'
  /** The head's lines are not the expected text (the checkout is not the PR head, e.g. the merge commit differs). */
  | 'changed';

/**
 * Whether a review comment on head lines `startLine..endLine` (1-based, inclusive) can carry a suggestion that
 * replaces `expected`: the whole range in one hunk, a line the pull request added among them, the text unchanged.
 */
export function checkRange(
  hunks: readonly RightHunk[],
  startLine: number,
  endLine: number,
  expected: readonly string[],
): RangeVerdict {
  const hunk = hunks.find((h) => h.start <= startLine && endLine < h.start + h.lines.length);
  if (!hunk || endLine < startLine) return 'outside-diff';
  const lines = hunk.lines.slice(startLine - hunk.start, endLine - hunk.start + 1);
  if (!lines.some((l) => l.added)) return 'untouched';
  const strip = (s: string) => s.replace(/\r$/, '');
  if (lines.length !== expected.length || lines.some((l, i) => l.text !== strip(expected[i]!))) return 'changed';
  return 'ok';
}
