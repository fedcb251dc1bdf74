import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idsOf, idsOfLenient } from '../../../test/helpers/findings.ts';

test('a resolvable default agent raises nothing', () => {
  assert.deepEqual(idsOf('{}', 'config.agent_roster'), []);
  assert.deepEqual(idsOf('{ agents: { entries: { main: {} } } }', 'config.agent_roster'), []);
  assert.deepEqual(
    idsOf('{ agents: { ownership: "explicit", entries: { a: {}, b: {} } } }', 'config.agent_roster'),
    [],
  );
  assert.deepEqual(idsOf('{ agents: { list: [{ id: "a", default: true }, { id: "b" }] } }', 'config.agent_roster'), []);
});

test('several agents without an owner (a config openclaw rejects; audited here as written)', () => {
  assert.deepEqual(idsOfLenient('{ agents: { entries: { a: {}, b: {} } } }', 'config.agent_roster'), [
    'config.agent_roster.invalid_default_count:warn',
  ]);
  assert.deepEqual(
    idsOfLenient('{ agents: { entries: { a: { default: true }, b: { default: true } } } }', 'config.agent_roster'),
    ['config.agent_roster.invalid_default_count:warn'],
  );
});
