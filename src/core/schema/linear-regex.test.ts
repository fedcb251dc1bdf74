import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { auditText } from '../../../test/helpers/memory-host.ts';
import { UnsupportedPattern, compileLinear } from './linear-regex.ts';

/** Every `pattern` and `patternProperties` key in openclaw's schema data (core, channels, plugins). */
function schemaPatterns(): { patterns: Set<string>; keys: Set<string> } {
  const patterns = new Set<string>();
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') patterns.add(value);
        if (key === 'patternProperties' && typeof value === 'object' && value !== null)
          for (const p of Object.keys(value)) keys.add(p);
        walk(value);
      }
    }
  };
  const data = readFileSync(new URL('./openclaw-schema.jsonl', import.meta.url), 'utf8');
  for (const line of data.split('\n')) if (line) walk(JSON.parse(line));
  return { patterns, keys };
}

/** Strings made of the pattern's own characters and the ones that tend to matter (spaces, dots, surrogates, …). */
function textsFor(pattern: string) {
  const own = [...pattern.replace(/\\[pPuxdswbDSWB]\{?[\w]*\}?/g, '')];
  const extra = [
    ' ',
    '\t',
    '\n',
    '\u00a0',
    'a',
    'Z',
    '0',
    '5',
    '9',
    '-',
    '_',
    '.',
    '/',
    '@',
    ':',
    '\u0000',
    '\u007f',
    '\ud800',
    '😀',
    'é',
    'x',
  ];
  return fc.string({ unit: fc.constantFrom(...new Set([...own, ...extra])), maxLength: 24 });
}

function agreesWithV8(pattern: string, flags: 'u' | '', runs: number): void {
  const ours = compileLinear(pattern, flags === 'u');
  const v8 = new RegExp(pattern, flags);
  fc.assert(
    fc.property(textsFor(pattern), (text) =>
      assert.equal(ours.test(text), v8.test(text), `/${pattern}/${flags} on ${JSON.stringify(text)}`),
    ),
    { seed: 20260906, numRuns: runs },
  );
}

test("every pattern in openclaw's schema data compiles in the linear engine and answers like V8 on generated strings", () => {
  const { patterns, keys } = schemaPatterns();
  assert.ok(patterns.size >= 40, `${patterns.size} patterns`);
  for (const pattern of patterns) agreesWithV8(pattern, 'u', 1_500);
  for (const key of keys) agreesWithV8(key, '', 500);
});

test('the syntax beyond the schema data answers like V8, with and without the u flag', () => {
  const patterns = [
    'a|b',
    '(a|ab)(c|bcd)(d*)',
    '\\bx\\b',
    '\\Bx',
    'x(?=a)',
    'x(?!a)',
    '(?=a)',
    '^.{2,3}$',
    'a{2}',
    'a{2,}?b',
    '[a-]',
    '[-a]',
    '\\u0041',
    '\\x41',
    '(a*)*b',
    '^(?:a|b)+?c$',
    '.',
    '^$',
    '',
    'a$|^b',
    '[^]',
    '[\\s\\S]',
    '[\\S\\d]',
    '\\W+',
    '\\0',
    '\\/\\.',
    '(?![\\s\\S])',
    '^a(?=[\\s\\S])',
    '^(?:a|(?!b)c)d',
    '😀{2}',
  ];
  for (const pattern of patterns) {
    agreesWithV8(pattern, 'u', 400);
    agreesWithV8(pattern, '', 400);
  }
  agreesWithV8('[😀-😂]', 'u', 400);
});

test('what the engine cannot run in linear time, or does not know, is refused', () => {
  for (const pattern of ['(a)\\1', '(?<=a)b', '(?<n>a)', 'a*(?![\\s\\S]*b)', '\\p{L}', '[\\d-z]']) {
    assert.throws(() => compileLinear(pattern, true), UnsupportedPattern, pattern);
  }
});

test('the discord wake-name pattern answers on 5,000,000 spaces (V8 backtracked for 66 s on 160,000)', () => {
  const wake = compileLinear('^\\s*[^a-z0-9]*[a-z0-9]+(?:[^a-z0-9]+[a-z0-9]+)?[^a-z0-9]*\\s*$', true);
  assert.equal(wake.test(' '.repeat(5_000_000)), false);
  assert.equal(wake.test(`${' '.repeat(5_000_000)}hey claw `), true);
  const outcome = auditText(
    JSON.stringify({ channels: { discord: { voice: { realtime: { wakeNames: [' '.repeat(160_000)] } } } } }),
  );
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.deepEqual(
    outcome.issues.map((i) => [i.path, i.message]),
    [
      [
        'channels.discord.voice.realtime.wakeNames.0',
        'invalid config for plugin discord: must match pattern "^\\s*[^a-z0-9]*[a-z0-9]+(?:[^a-z0-9]+[a-z0-9]+)?[^a-z0-9]*\\s*$"',
      ],
    ],
  );
});
