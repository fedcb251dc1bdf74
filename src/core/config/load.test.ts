import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditText } from '../../../test/helpers/memory-host.ts';

test('a JSON5 syntax error is a config issue at the exact line and column', () => {
  const outcome = auditText('{\n  gateway: { bind: "lan", }\n  hooks: {}\n}');
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.issues.length, 1);
  assert.equal(outcome.issues[0]!.path, '<root>');
  assert.match(outcome.issues[0]!.message, /^JSON5 parse failed: /);
  assert.deepEqual(
    [outcome.issues[0]!.location!.file, outcome.issues[0]!.location!.line, outcome.issues[0]!.location!.column],
    ['openclaw.json', 3, 3],
  );
});
