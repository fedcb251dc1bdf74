import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf } from '../../../test/helpers/findings.ts';

const many = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `u${i}`));

test('a wildcard is critical per provider, more than 25 entries warn', () => {
  const config = `{ tools: { elevated: { allowFrom: { telegram: ["1", " * "], discord: ${many(26)}, slack: ${many(25)} } } } }`;
  assert.deepEqual(idsOf(config, 'tools.elevated'), [
    'tools.elevated.allowFrom.telegram.wildcard:critical',
    'tools.elevated.allowFrom.discord.large:warn',
  ]);
});

test('the wildcard finding points at the "*" entry', () => {
  const config = '{\n  tools: {\n    elevated: {\n      allowFrom: {\n        telegram: ["1", "*"],\n      },\n    },\n  },\n}';
  const f = finding(config, 'tools.elevated.allowFrom.telegram.wildcard');
  assert.equal(f.title, 'Elevated exec allowlist contains wildcard');
  assert.deepEqual(at(f), [5, 25]);
  assert.equal(f.remediation, undefined);
});

test('disabled elevated mode and blank entries do not count', () => {
  assert.deepEqual(idsOf('{ tools: { elevated: { enabled: false, allowFrom: { telegram: ["*"] } } } }', 'tools.elevated'), []);
  assert.deepEqual(idsOf(`{ tools: { elevated: { allowFrom: { discord: ${many(25).replace(']', ', "", "  "]')} } } } }`, 'tools.elevated'), []);
});
