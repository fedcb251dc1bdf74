import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf } from '../../../test/helpers/findings.ts';

test('a global minimal profile overridden by agent profiles', () => {
  const config =
    '{\n  agents: { ownership: "explicit", entries: {\n    main: { tools: { profile: "coding" } },\n    quiet: { tools: { profile: "minimal" } },\n  } },\n  tools: { profile: "minimal" },\n}';
  assert.deepEqual(idsOf(config, 'tools.profile'), ['tools.profile_minimal_overridden:warn']);
  const f = finding(config, 'tools.profile_minimal_overridden');
  assert.match(f.detail, /\n- agents.entries.main=coding$/);
  assert.deepEqual(at(f), [3, 22]);
});

test('no finding when agents keep minimal or the global profile is not minimal', () => {
  assert.deepEqual(
    idsOf(
      '{ agents: { entries: { main: { tools: { profile: "minimal" } } } }, tools: { profile: "minimal" } }',
      'tools.profile',
    ),
    [],
  );
  assert.deepEqual(
    idsOf(
      '{ agents: { entries: { main: { tools: { profile: "full" } } } }, tools: { profile: "coding" } }',
      'tools.profile',
    ),
    [],
  );
});
