import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRange, parseRightSide } from './diff-lines.ts';

const lines = (hunk: { start: number; lines: Array<{ text: string; added: boolean }> }) =>
  hunk.lines.map((l, i) => `${hunk.start + i}${l.added ? '+' : ' '}${l.text}`);

test('right side of a GitHub patch: head line numbers, added vs context, deletions take no head line', () => {
  const patch = [
    '@@ -1,4 +1,5 @@ {',
    ' {',
    '   channels: {',
    '-    telegram: { groupPolicy: "pairing" },',
    '+    telegram: { groupPolicy: "open" },',
    '+    slack: { groupPolicy: "open" },',
    '     discord: {',
    '@@ -20,3 +21,2 @@',
    ' a',
    '-b',
    ' c',
    '\\ No newline at end of file',
  ].join('\n');
  const hunks = parseRightSide(patch);
  assert.deepEqual(hunks.map(lines), [
    [
      '1 {',
      '2   channels: {',
      '3+    telegram: { groupPolicy: "open" },',
      '4+    slack: { groupPolicy: "open" },',
      '5     discord: {',
    ],
    ['21 a', '22 c'],
  ]);
});

test('new files, counts omitted, CRLF, git headers and a second file in one text', () => {
  const patch =
    'diff --git a/x b/x\nnew file mode 100644\n--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+one\r\n+two\r\ndiff --git a/y b/y\n@@ -3 +3 @@\n-old\n+new\n';
  assert.deepEqual(parseRightSide(patch).map(lines), [['1+one', '2+two'], ['3+new']]);
});

test('an empty row inside a hunk is a context line; rows after the counts are not part of the hunk', () => {
  assert.deepEqual(parseRightSide('@@ -1,3 +1,3 @@\n a\n\n-b\n+B\n+extra\n c\n').map(lines), [['1 a', '2 ', '3+B']]);
});

test('malformed input: no hunk, absurd counts and truncated hunks give only what is really there', () => {
  assert.deepEqual(parseRightSide(''), []);
  assert.deepEqual(parseRightSide('Binary files differ\n'), []);
  assert.deepEqual(parseRightSide('@@ -1,999999999 +1,999999999 @@\n+a\n'), []);
  assert.deepEqual(parseRightSide('@@ -1,2 +1,1000 @@\n+only\n').map(lines), [['1+only']]);
  assert.deepEqual(parseRightSide('@@ -1 +1 @@\n?what\n+x\n').map(lines), [[]]);
});

test('a huge patch is parsed in one pass', () => {
  const n = 200_000;
  const patch = `@@ -0,0 +1,${n} @@\n` + '+x\n'.repeat(n);
  const started = process.hrtime.bigint();
  const [hunk] = parseRightSide(patch);
  assert.equal(hunk!.lines.length, n);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000);
});

test('checkRange: one hunk, an added line, the expected text', () => {
  const hunks = parseRightSide(
    '@@ -1,4 +1,5 @@\n {\n   channels: {\n-    t: 1,\n+    t: 2,\n+    s: 2,\n     d: {\n@@ -10,2 +11,2 @@\n-x\n+y\n z\n',
  );
  assert.equal(checkRange(hunks, 3, 4, ['    t: 2,', '    s: 2,']), 'ok');
  assert.equal(checkRange(hunks, 3, 3, ['    t: 2,\r']), 'ok');
  assert.equal(checkRange(hunks, 2, 3, ['  channels: {', '    t: 2,']), 'ok');
  assert.equal(checkRange(hunks, 1, 2, ['{', '  channels: {']), 'untouched');
  assert.equal(checkRange(hunks, 5, 6, ['    d: {', '?']), 'outside-diff');
  // Lines 5 and 11 are both in the diff, but in different hunks.
  assert.equal(checkRange(hunks, 5, 11, []), 'outside-diff');
  assert.equal(checkRange(hunks, 7, 7, ['?']), 'outside-diff');
  assert.equal(checkRange(hunks, 11, 11, ['y']), 'ok');
  assert.equal(checkRange(hunks, 3, 3, ['    t: 3,']), 'changed');
  assert.equal(checkRange(hunks, 3, 4, ['    t: 2,']), 'changed');
  assert.equal(checkRange([], 1, 1, ['x']), 'outside-diff');
});
