import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf } from '../../../test/helpers/findings.ts';

const OPEN = 'security.exposure.open_groups';

test('an open DM policy with default tools raises all three exposure findings', () => {
  const config = '{\n  channels: {\n    telegram: { dmPolicy: "open", allowFrom: ["*"] },\n  },\n}';
  assert.deepEqual(idsOf(config, OPEN), [
    'security.exposure.open_groups_with_elevated:critical',
    'security.exposure.open_groups_with_runtime_or_fs:critical',
    'security.exposure.open_groups_with_control_plane_tools:critical',
  ]);
  const f = finding(config, 'security.exposure.open_groups_with_control_plane_tools');
  assert.match(
    f.detail,
    /- agents.defaults \(profile=none; controlPlane=\[automations, gateway, plugins\]\)\n- agents.entries.main /,
  );
  assert.deepEqual(at(f), [3, 17]);
});

test('fs-only exposure is a warning; denied tools and disabled elevated mode remove findings', () => {
  const fsOnly =
    '{ channels: { telegram: { groupPolicy: "open" } }, tools: { elevated: { enabled: false }, deny: ["group:runtime", "cron", "plugins"] } }';
  assert.deepEqual(idsOf(fsOnly, OPEN), [
    'security.exposure.open_groups_with_runtime_or_fs:warn',
    'security.exposure.open_groups_with_control_plane_tools:critical',
  ]);
  assert.match(
    finding(fsOnly, 'security.exposure.open_groups_with_control_plane_tools').detail,
    /controlPlane=\[gateway\]/,
  );
  const none =
    '{ channels: { telegram: { groupPolicy: "open" } }, tools: { elevated: { enabled: false }, profile: "messaging", deny: ["automations", "gateway", "plugins"] } }';
  assert.deepEqual(idsOf(none, OPEN), []);
  const sandboxed =
    '{ channels: { telegram: { groupPolicy: "open" } }, agents: { defaults: { sandbox: { mode: "all" } } }, tools: { elevated: { enabled: false } } }';
  assert.deepEqual(idsOf(sandboxed, OPEN), []);
});

test('no open policy, no exposure finding', () => {
  assert.deepEqual(idsOf('{ channels: { telegram: { groupPolicy: "allowlist" } } }', OPEN), []);
});
