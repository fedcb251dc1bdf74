import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditText } from '../../../test/helpers/memory-host.ts';
import { MAX_NESTING, MAX_VALUES, scanJson5 } from './scan.ts';

const rejection = (config: string, files: Record<string, string> = {}) => {
  const outcome = auditText(config, files);
  assert.equal(outcome.ok, false);
  if (outcome.ok) throw new Error('accepted');
  assert.equal(outcome.issues.length, 1, JSON.stringify(outcome.issues));
  const { message, location } = outcome.issues[0]!;
  return { message, file: location!.file, line: location!.line, column: location!.column };
};

test('comments become spaces and line breaks stay, so every position is unchanged; strings keep their // and /*', () => {
  const comments = ['// a comment', '/* two\u2028lines */', '// end'];
  const text = `{\r\n  ${comments[0]}\r\n  a: "x // y", ${comments[1]} b: '/* z */', ${comments[2]}\n}`;
  const blanked = comments.reduce((t, c) => t.replace(c, c.replace(/[^\u2028]/g, ' ')), text);
  assert.equal(scanJson5(text, 'f.json', { used: 0 }), blanked);
  assert.ok(blanked.includes('\u2028') && blanked.includes('"x // y"') && blanked.includes("'/* z */'"));
  assert.equal(scanJson5('{ a: 1 }', 'f.json', { used: 0 }), '{ a: 1 }');
});

test('11,000 consecutive comment lines are a valid config, and an error after them is at its own line', () => {
  const comments = '// note\n'.repeat(11_000);
  const outcome = auditText(`${comments}{ gateway: { mode: "local" } }`);
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.issues));
  assert.deepEqual(rejection(`${comments}{ gateway: { mode: "local" }, }}`), {
    message: 'JSON5 parse failed: Unexpected token RBrace found.',
    file: 'openclaw.json',
    line: 11_001,
    column: 32,
  });
});

test('nesting deeper than the limit is refused at the bracket that goes past it', () => {
  const config = `{ a: ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)} }`;
  assert.deepEqual(rejection(config), {
    message: `Config nests deeper than ${MAX_NESTING} levels`,
    file: 'openclaw.json',
    line: 1,
    column: 6 + MAX_NESTING - 1,
  });
});

test('more keys and values than the limit are refused at the first one past it, counted across includes', () => {
  // 150,000 env.vars entries were "Config is nested too deeply to load": the limit hit is the size.
  const vars = Array.from({ length: 150_000 }, (_, i) => `"V${i}": "x"`).join(',\n');
  const big = rejection(`{ env: { vars: {\n${vars}\n} } }`);
  assert.equal(
    big.message,
    `Config is too large: more than ${MAX_VALUES.toLocaleString('en-US')} keys and values (with its includes)`,
  );
  // `{ env: { vars: {` is 5 values, then 2 per entry: number 250,001 is the value of entry 124,997, on line 124,999.
  assert.deepEqual([big.file, big.line, big.column], ['openclaw.json', 124_999, 12]);
  const half = Array.from({ length: MAX_VALUES / 2 + 10 }, (_, i) => i % 10).join(',');
  const split = rejection('{ $include: ["./a.json", "./b.json"] }', {
    'a.json': `{ a: [${half}] }`,
    'b.json': `{ b: [${half}] }`,
  });
  assert.match(split.message, /^Failed to parse include file: \.\/b\.json \(resolved: b\.json\): Config is too large/);
  assert.equal(split.file, 'b.json');
});
