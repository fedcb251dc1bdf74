import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, findRule } from './registry.ts';

test('a templated checkId is found whatever text fills its placeholders: spaces, dots, slashes, non-ASCII, nothing', () => {
  const templates = RULES.filter((rule) => rule.id.includes('<'));
  assert.ok(templates.length > 0);
  for (const rule of templates) {
    for (const value of ['ops team', 'a.b', 'x/y', 'é 🦀', '', ' ', 'tab\there', 'line\nbreak']) {
      const checkId = rule.id.replace(/<[^>]+>/g, value);
      assert.ok(findRule(checkId), `${rule.id} with ${JSON.stringify(value)}`);
    }
  }
  assert.equal(
    findRule('channels.discord.routing.owner_missing.ops team')?.id,
    'channels.<provider>.routing.owner_missing.<accountId>',
  );
  assert.equal(findRule('channels.discord.routing.owner_missing'), undefined);
  assert.equal(findRule('no.such.check'), undefined);
});
