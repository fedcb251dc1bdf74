import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditText } from '../../../test/helpers/memory-host.ts';
import { replaceReferences } from './env.ts';

test('replaceReferences finds the same references as the regex it replaces, on strings made of ${, $$, } and names', () => {
  const REFERENCE = /\$?\$\{([^}]*)\}/g;
  const mark = (match: string, name: string) => `<${match}|${name}>`;
  const text = fc.string({ unit: fc.constantFrom('$', '{', '}', '$$', '${', 'A', '_', 'a', ' ', '\n'), maxLength: 40 });
  fc.assert(
    fc.property(text, (s) =>
      assert.equal(
        replaceReferences(s, mark),
        s.replace(REFERENCE, (m, n: string) => mark(m, n)),
      ),
    ),
    { seed: 20260906, numRuns: 20_000 },
  );
});

test('a string of 500,000 "${" with no "}" is substituted in one pass and kept as written', () => {
  // The regex retried at each "$" and scanned to the end for a "}": minutes on this input.
  const hostile = '${'.repeat(500_000);
  assert.equal(
    replaceReferences(hostile, () => 'x'),
    hostile,
  );
  const outcome = auditText(
    JSON.stringify({
      env: { vars: { A: 'a' } },
      gateway: { mode: 'local', auth: { mode: 'token', token: `\${A}${'${'.repeat(200_000)}` } },
    }),
  );
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.issues));
});
