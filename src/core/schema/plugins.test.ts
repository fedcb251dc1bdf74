import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssuePath } from './validate.ts';
import {
  validateChannels,
  validateHeartbeatTargets,
  validateMemorySlot,
  validateWebSearchProvider,
} from './plugins.ts';
import type { SchemaViolation } from './violation.ts';

const show = (issues: SchemaViolation[]) => issues.map((v) => `${formatIssuePath(v.path)} :: ${v.message}`);

test('unknown channel ids: trimmed key in the path; a stale plugins.allow entry only warns', () => {
  assert.deepEqual(show(validateChannels({ channels: { ' wechat ': {}, modelByChannel: {} } })), [
    'channels.wechat :: unknown channel id: wechat',
  ]);
  assert.deepEqual(show(validateChannels({ channels: { wechat: {} }, plugins: { allow: ['WeChat'] } })), []);
  // A known plugin of that id is no stale evidence (the channel is still unknown).
  assert.deepEqual(show(validateChannels({ channels: { browser: {} }, plugins: { allow: ['browser'] } })), [
    'channels.browser :: unknown channel id: browser',
  ]);
  // Official channel ids are known even without their plugins (their schemas are then not checked).
  assert.deepEqual(
    show(validateChannels({ channels: { discord: { bogus: 1 } } }, { officialChannelPluginsInstalled: false })),
    [],
  );
});

test('heartbeat targets: owner/last/none, channel ids and aliases in any case', () => {
  const hb = (target: unknown) => show(validateHeartbeatTargets({ agents: { defaults: { heartbeat: { target } } } }));
  for (const ok of ['owner', 'LAST', ' none ', 'telegram', 'Teams', 'gchat', 'zalouser', 42])
    assert.deepEqual(hb(ok), [], String(ok));
  assert.deepEqual(hb('qa-channel'), ['agents.defaults.heartbeat.target :: unknown heartbeat target: qa-channel']);
  assert.deepEqual(hb(''), ['agents.defaults.heartbeat.target :: heartbeat target must not be empty']);
});

test('memory slot: none, bundled plugins, retired ids and memory-lancedb pass; others are not found', () => {
  const slot = (memory: unknown) => show(validateMemorySlot({ plugins: { slots: { memory } } }));
  for (const ok of ['none', 'None', 'memory-core', 'memory-lancedb', 'skill-workshop', '', 7])
    assert.deepEqual(slot(ok), [], String(ok));
  assert.deepEqual(slot('Memory-Core'), ['plugins.slots.memory :: plugin not found: Memory-Core']);
  assert.deepEqual(show(validateMemorySlot({ plugins: { slots: { contextEngine: 'x' } } })), []);
});

test('web_search provider: a named plugin turns "not available" and "unknown" into warnings', () => {
  const ws = (provider: unknown, plugins?: unknown) =>
    show(validateWebSearchProvider({ tools: { web: { search: { provider } } }, plugins }));
  assert.deepEqual(ws('grok'), []);
  assert.deepEqual(ws('brave', { entries: { brave: { enabled: true } } }), []);
  assert.deepEqual(ws('kimi', { allow: ['moonshot'] }), []);
  assert.deepEqual(ws('kimi'), [
    'tools.web.search.provider :: web_search provider is not available: kimi (install or enable plugin "moonshot", then run openclaw doctor --fix)',
  ]);
  assert.deepEqual(ws('bing', { entries: { bing: {} } }), []);
  assert.deepEqual(ws(' bing '), ['tools.web.search.provider :: unknown web_search provider: bing']);
  const [issue] = validateWebSearchProvider({ tools: { web: { search: { provider: 'bing' } } } });
  assert.ok(issue?.allowedValues?.includes('brave') && issue.allowedValues.includes('gemini'));
});

test('prototype-looking ids are ordinary ids', () => {
  assert.deepEqual(
    show(validateChannels({ channels: { constructor: {}, toString: {} }, plugins: { allow: ['constructor'] } })),
    ['channels.toString :: unknown channel id: toString'],
  );
  assert.deepEqual(show(validateHeartbeatTargets({ agents: { defaults: { heartbeat: { target: 'constructor' } } } })), [
    'agents.defaults.heartbeat.target :: unknown heartbeat target: constructor',
  ]);
  assert.deepEqual(show(validateMemorySlot({ plugins: { slots: { memory: 'hasOwnProperty' } } })), [
    'plugins.slots.memory :: plugin not found: hasOwnProperty',
  ]);
});

test('many agents and channels stay linear (sandbox env, stale evidence)', async () => {
  const { sandboxEnvIssues } = await import('./post-schema.ts');
  const entries: Record<string, unknown> = {};
  for (let i = 0; i < 20000; i++) entries[`a${i}`] = { sandbox: { docker: { env: { OK: 'x' } } } };
  const env: Record<string, string> = {};
  for (let i = 0; i < 20000; i++) env[`K${i}`] = 'v';
  env['BAD-KEY'] = 'v';
  const started = Date.now();
  const issues = sandboxEnvIssues({ agents: { defaults: { sandbox: { docker: { env } } }, entries } });
  assert.deepEqual(
    issues.map((v) => formatIssuePath(v.path)),
    ['agents.defaults.sandbox.docker.env.BAD-KEY'],
  );
  const channels: Record<string, unknown> = {};
  const allow: string[] = [];
  for (let i = 0; i < 20000; i++) {
    channels[`c${i}`] = {};
    allow.push(`p${i}`);
  }
  assert.equal(validateChannels({ channels, plugins: { allow } }).length, 20000);
  assert.ok(Date.now() - started < 5000);
});

test('defaults are filled in once per value: 3,000 discord guilds validate, and an error in the last one is found', () => {
  // Every round of the defaulter re-serialised and re-applied each level below it (11.7 s on a 3.4 MB config).
  const guild = {
    requireMention: true,
    users: ['123456789012345678'],
    channels: { general: { requireMention: false } },
  };
  const guilds: Record<string, unknown> = {};
  for (let i = 0; i < 3_000; i++) guilds[String(100000000000000000n + BigInt(i))] = guild;
  guilds['999999999999999999'] = { ...guild, channels: { general: { requireMention: 'yes' } } };
  const channels = {
    discord: { token: 't', dmPolicy: 'allowlist', allowFrom: ['123456789012345678'], groupPolicy: 'allowlist', guilds },
  };
  assert.deepEqual(show(validateChannels({ channels })), [
    'channels.discord.guilds.999999999999999999.channels.general.requireMention :: invalid config for plugin discord: must be boolean',
  ]);
});
