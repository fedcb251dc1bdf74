import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineRules, ruleMatcher } from './rule.ts';
import { matchRule } from './registry.ts';

const rules = defineRules([
  { id: 'gateway.bind_no_auth', severity: 'critical', title: 'T', help: 'H' },
  {
    id: 'channels.<provider>.dm.open',
    severity: 'warn',
    title: 'DMs open on <provider>',
    help: 'H',
    precision: 'high',
  },
  { id: 'channels.<provider>.accounts.<account>.open', severity: 'warn', title: 'T', help: 'H', unsuppressible: 'why' },
]);

test('defineRules derives the family from the id and fills the defaults', () => {
  assert.deepEqual(
    rules.map((r) => [r.family, r.severities, r.configPaths, r.precision]),
    [
      ['gateway', ['critical'], [], 'very-high'],
      ['channels', ['warn'], [], 'high'],
      ['channels', ['warn'], [], 'very-high'],
    ],
  );
});

test('ruleMatcher: exact ids first, then templates with their placeholder values', () => {
  const match = ruleMatcher(rules);
  assert.equal(match('gateway.bind_no_auth')?.rule.id, 'gateway.bind_no_auth');
  assert.deepEqual(match('channels.telegram.dm.open'), { rule: rules[1], bindings: { provider: 'telegram' } });
  assert.deepEqual(match('channels.slack.accounts.work.open')?.bindings, { provider: 'slack', account: 'work' });
  assert.equal(match('channels.telegram.dm.opened'), undefined);
  // openclaw puts keys into ids as written: a placeholder binds any text, spaces included.
  assert.deepEqual(match('channels.tele gram.dm.open')?.bindings, { provider: 'tele gram' });
  assert.equal(match('gateway.bind_no_auth.extra'), undefined);
});

test('the registry: a family is the first segment of its ids (mcp and discovery are their own families)', () => {
  assert.equal(matchRule('mcp.apps.enabled')?.rule.family, 'mcp');
  assert.equal(matchRule('discovery.mdns_full_mode')?.rule.family, 'discovery');
  assert.equal(matchRule('channels.discord.dm.open')?.rule.id, 'channels.<provider>.dm.open');
});
