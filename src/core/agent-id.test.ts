import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditText } from '../../test/helpers/memory-host.ts';
import { normalizeAgentId } from './agent-id.ts';

test("normalizeAgentId folds like openclaw's regexes on ids made of letters, dashes, spaces and symbols", () => {
  const byRegex = (value: string) => {
    const trimmed = value.trim();
    const lower = trimmed.toLowerCase();
    if (/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(trimmed)) return lower;
    return (
      lower
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^-+/, '')
        .replace(/-+$/, '')
        .slice(0, 64) || 'main'
    );
  };
  const id = fc.string({ unit: fc.constantFrom('a', 'B', '1', '-', '_', ' ', '.', 'é', '--'), maxLength: 80 });
  fc.assert(
    fc.property(id, (s) => assert.equal(normalizeAgentId(s), byRegex(s))),
    { seed: 20260906, numRuns: 20_000 },
  );
  assert.equal(normalizeAgentId(5), 'main');
});

test('an agent id of 100,000 dashes and a letter normalizes to the letter', () => {
  // `/-+$/` retried at every dash of the run: seconds on this input.
  assert.equal(normalizeAgentId(`${'-'.repeat(100_000)}.a`), 'a');
  const outcome = auditText(
    JSON.stringify({ agents: { entries: [{ id: `${'-'.repeat(100_000)}.a` }] } }),
    {},
    { lenient: true },
  );
  assert.ok(outcome.ok);
});
