import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf } from '../../../test/helpers/findings.ts';

const TRUST = 'security.trust_model';

test('group rooms in the main session, globally and through a group binding', () => {
  const config = `{
    session: { groupScope: "main" },
    bindings: [
      { agentId: "main", match: { channel: "telegram", peer: { kind: "group", id: "-100123" } }, session: { groupScope: "main" } },
      { agentId: "main", match: { channel: "telegram", peer: { kind: "direct", id: "42" } }, session: { groupScope: "main" } },
    ],
  }`;
  assert.deepEqual(idsOf(config, TRUST), ['security.trust_model.group_scope_main:warn']);
  const detail = finding(config, 'security.trust_model.group_scope_main').detail;
  assert.match(detail, /- bindings\[\]\.session\.groupScope="main": telegram peer=group:-100123 \(agent=main\)/);
  assert.doesNotMatch(detail, /direct/);
  assert.deepEqual(idsOf('{ session: { groupScope: "per-group" } }', TRUST), []);
});

test('multi-user signals: telegram groups under the default allowlist policy', () => {
  const config = '{\n  channels: {\n    telegram: { groups: { "-1001": {} } },\n  },\n}';
  assert.deepEqual(idsOf(config, TRUST), ['security.trust_model.multi_user_heuristic:warn']);
  const f = finding(config, 'security.trust_model.multi_user_heuristic');
  assert.match(f.detail, /- channels.telegram.groupPolicy="allowlist" with configured group targets/);
  assert.deepEqual(at(f), [3, 5]);
  assert.deepEqual(idsOf('{ channels: { telegram: { dmPolicy: "pairing", groupAllowFrom: ["42"] } } }', TRUST), []);
});

test('cross-agent session access: info without signals, warn with them, none when visibility is narrowed', () => {
  const two = '{ agents: { ownership: "explicit", entries: { main: {}, helper: {} } } }';
  assert.deepEqual(idsOf(two, TRUST), ['security.trust_model.cross_agent_session_access_default:info']);
  const signals =
    '{ agents: { ownership: "explicit", entries: { main: {}, boxed: { sandbox: { mode: "all" } }, quiet: { tools: { deny: ["group:sessions"] } } } } }';
  assert.deepEqual(idsOf(signals, TRUST), ['security.trust_model.cross_agent_session_access_default:warn']);
  const detail = finding(signals, 'security.trust_model.cross_agent_session_access_default').detail;
  assert.match(detail, /- boxed: sandboxed sessions clamped to their spawn tree/);
  assert.match(detail, /- quiet: session tools removed by agent tool policy/);
  assert.deepEqual(
    idsOf(
      '{ agents: { ownership: "explicit", entries: { main: {}, helper: {} } }, tools: { sessions: { visibility: "agent" } } }',
      TRUST,
    ),
    [],
  );
  assert.deepEqual(
    idsOf(
      '{ agents: { ownership: "explicit", entries: { main: {}, helper: {} } }, tools: { agentToAgent: { allow: ["main"] } } }',
      TRUST,
    ),
    [],
  );
  assert.deepEqual(idsOf('{}', TRUST), []);
});
