import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compareCase, listCases } from './compare.ts';

/**
 * Cases where we knowingly differ from the real tool, each with the reason. Reviewed list: add to it only with a
 * reason a user would accept, never to make a red test green.
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

const casesDir = join(import.meta.dirname, 'cases');
const cases = listCases(casesDir);

test('the conformance suite has the real-world corpus and our own cases', () => {
  assert.ok(cases.filter((c) => !c.startsWith('own-')).length >= 100);
  assert.ok(cases.filter((c) => c.startsWith('own-')).length >= 100);
});

for (const name of cases) {
  test(`conformance: ${name}`, () => {
    const result = compareCase(join(casesDir, name));
    if (KNOWN_DIFFERENCES[name]) {
      assert.equal(result.exact, false, `${name} now matches the real tool: remove it from KNOWN_DIFFERENCES`);
      return;
    }
    assert.deepEqual({ missing: result.missing, extra: result.extra }, { missing: [], extra: [] });
  });
}
