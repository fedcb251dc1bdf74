import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditText } from '../../../test/helpers/memory-host.ts';
import { isValidDuration } from './refinements.ts';

/** openclaw's own reading of a duration, with the two regexes it uses (quadratic on long digit runs). */
function byRegex(raw: string, defaultUnit: string): boolean {
  const text = raw.trim().toLowerCase();
  if (!text) return false;
  if (/^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.test(text)) return defaultUnit.length > 0;
  let consumed = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    if (m.index !== consumed) return false;
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0;
}

test("isValidDuration decides like openclaw's regexes on strings of digits, dots, units and spaces", () => {
  const text = fc.string({
    unit: fc.constantFrom('1', '0', '9', '.', 'm', 's', 'h', 'd', 'ms', 'M', ' ', 'x'),
    maxLength: 16,
  });
  fc.assert(
    fc.property(text, fc.constantFrom('m', 'h', ''), (s, unit) =>
      assert.equal(isValidDuration(s, unit), byRegex(s, unit), JSON.stringify(s)),
    ),
    { seed: 20260906, numRuns: 20_000 },
  );
  for (const [s, ok] of [
    ['30m', true],
    ['1h30m', true],
    ['1.5h', true],
    ['45', true],
    ['1h30', false],
    ['1.h', false],
    ['', false],
  ] as const) {
    assert.equal(isValidDuration(s, 'm'), ok, s);
  }
});

test('a heartbeat interval of 80,000 digits and an "x" is reported as an invalid duration', () => {
  const outcome = auditText(
    JSON.stringify({ agents: { defaults: { heartbeat: { every: `${'9'.repeat(80_000)}x` } } } }),
  );
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.deepEqual(
    outcome.issues.map((i) => [i.path, i.message]),
    [['agents.defaults.heartbeat.every', 'invalid duration (use ms, s, m, h)']],
  );
});
