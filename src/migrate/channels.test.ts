import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../io/node-host.ts';
import { runMigration } from './run.ts';
import type { Rec } from './draft.ts';
import { renderMigrationText, summarizeMigration } from '../report/migration.ts';

/** Migrates one config file written to a temporary folder. */
function migrate(text: string) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oc-migrate-channels-')));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'openclaw.json'), text);
  const run = runMigration({ host: nodeHost, configPath: join(dir, 'openclaw.json'), root: dir });
  assert.ok(run);
  return run;
}

const findings = (run: ReturnType<typeof migrate>) => (run.after.ok ? run.after.findings.map((f) => f.checkId) : []);

test('the audit after a migration sees what an offline doctor leaves: npm plugins missing, retired installs kept as records', () => {
  const run = migrate(`{
  gateway: { mode: 'local', bind: 'loopback', auth: { mode: 'token', token: 'a-long-enough-gateway-token-value-0123' } },
  channels: {
    // Feishu is an npm plugin: doctor cannot install it offline, so its settings wait unchecked.
    feishu: { enabled: true, appId: 'cli_x', appSecret: 'secret', blockStreaming: true },
  },
  plugins: {
    entries: { feishu: { enabled: true } },
    installs: {
      feishu: { source: 'npm', spec: '@vendor/feishu', installPath: '/root/.openclaw/extensions/feishu' },
      pinned: { source: 'npm', spec: 'pinned-plugin@1.2.3', integrity: 'sha512-abc' },
      local: { source: 'path', sourcePath: '/opt/plugin' },
    },
  },
}
`);
  assert.ok(run.plan.changes.includes('Removed retired plugins.installs after preserving plugin install records.'));
  assert.equal(run.after.ok, true, 'an unknown feishu key is not rejected: the plugin that checks it is not installed');
  const ids = findings(run);
  assert.ok(ids.includes('plugins.installs_unpinned_npm_specs'));
  assert.ok(ids.includes('plugins.installs_missing_integrity'));
  assert.ok(!ids.some((id) => id.startsWith('channels.feishu.')), "the feishu plugin's own audit does not run");
  const detail = (id: string) => (run.after.ok ? run.after.findings.find((f) => f.checkId === id)?.detail : undefined);
  assert.equal(
    detail('plugins.installs_unpinned_npm_specs'),
    'Unpinned plugin index install records:\n- feishu (@vendor/feishu)',
  );
  assert.equal(detail('plugins.installs_missing_integrity'), 'Plugin index records missing integrity:\n- feishu');
  // The report says what waits, in doctor's words, instead of dropping it silently.
  const text = renderMigrationText('openclaw.json', summarizeMigration(run));
  assert.match(
    text,
    /^ {2}pending {2}channels\.feishu: Plugin "feishu" channel settings cannot be checked until its data\/settings upgrade finishes\. Your existing settings have been kept\./m,
  );
  assert.match(text, /^ {2}pending {2}plugins\.entries\.feishu: Plugin "feishu" settings cannot be checked/m);
});

test("doctor's channel access repairs: legacy dm keys made canonical for an open policy, group allowlists copied, sender keys typed", () => {
  const run = migrate(`{
  channels: {
    slack: { enabled: true, dm: { enabled: true, policy: 'open', allowFrom: ['*'] } },
    zalouser: { enabled: true, accounts: { work: { dmPolicy: 'open', allowFrom: ['12345'] } } },
    signal: { enabled: true, dmPolicy: 'allowlist', allowFrom: ['+15550001'] },
    // Discord's group allowlist never fell back to allowFrom: nothing is copied there.
    discord: {
      enabled: true,
      allowFrom: ['111'],
      guilds: { g1: { toolsBySender: { '222': { allow: ['*'] }, 'id:333': { deny: ['exec'] } } } },
    },
  },
}
`);
  assert.deepEqual(run.plan.repairs, [
    '- channels.slack.dmPolicy: set to "open" (migrated from channels.slack.dm.policy)',
    '- channels.slack.dm.allowFrom: removed after moving allowlist to channels.slack.allowFrom',
    '- channels.slack.allowFrom: moved wildcard allowlist from channels.slack.dm.allowFrom',
    '- channels.zalouser.accounts.work.allowFrom: added "*" (required by dmPolicy="open")',
    'channels.signal.groupAllowFrom: copied 1 sender entry from allowFrom for explicit group allowlist.',
    '- channels.discord.guilds.g1.toolsBySender: migrated 1 legacy key to typed id: entries (222 -> id:222).',
  ]);
  // No legacy migration: the repairs alone are written, as doctor writes them, with the roster step's line (the
  // implicit main agent written out, as doctor answered for the slack config of the TommyKammy case).
  assert.deepEqual(run.plan.changes, [
    'Prepared the canonical agent roster without retired default markers for persistence.',
  ]);
  assert.equal(run.files.length, 1);
  // A config openclaw accepts needs no doctor run: its channel settings are left as written.
  const accepted = migrate(
    `{ channels: { signal: { enabled: true, dmPolicy: 'allowlist', allowFrom: ['+15550001'] } } }\n`,
  );
  assert.deepEqual([accepted.plan.changes, accepted.plan.repairs, accepted.files], [[], [], []]);
  const channels = (run.plan.migrated as { channels: Record<string, Record<string, unknown>> }).channels;
  assert.deepEqual(channels.slack, { enabled: true, dm: { enabled: true }, dmPolicy: 'open', allowFrom: ['*'] });
  assert.deepEqual(channels.signal!.groupAllowFrom, ['+15550001']);
  assert.equal(channels.discord!.groupAllowFrom, undefined);
  assert.match(run.files[0]!.after, /"id:222": \{ allow: \['\*'\] \}|'id:222': \{ allow: \['\*'\] \}/);
});

test("Telegram's retired tuning knobs go; a plugin load path outside the repository leaves plugin-owned settings as written", () => {
  const legacy = `{
  agents: { list: [{ id: 'main' }] },
  channels: { telegram: { botToken: 'x', streamMode: 'partial', retry: { attempts: 3 }, groups: { '-1': { errorCooldownMs: 5 } } } },
}
`;
  const run = migrate(legacy);
  assert.ok(run.plan.changes.includes('Removed retired Telegram tuning knobs.'));
  assert.ok(
    run.plan.changes.includes('Moved channels.telegram.streamMode → channels.telegram.streaming.mode (partial).'),
  );
  const telegram = (run.plan.migrated as { channels: { telegram: Record<string, unknown> } }).channels.telegram;
  assert.equal(telegram.retry, undefined);
  assert.deepEqual(telegram.groups, { '-1': {} });

  const withPath = migrate(
    legacy.replace('agents: {', "plugins: { load: { paths: ['/opt/openclaw/plugins'] } },\n  agents: {"),
  );
  assert.ok(!withPath.plan.changes.some((line) => /Telegram|streamMode/.test(line)));
  assert.deepEqual(withPath.plan.pending, [
    {
      path: 'plugins.load.paths',
      message:
        'Configured plugin load path is unavailable: /opt/openclaw/plugins. Uninspected plugin configuration is preserved. Restore access to the path, then run `openclaw doctor --fix`.',
    },
  ]);
  const kept = (withPath.plan.migrated as { channels: { telegram: Record<string, unknown> } }).channels.telegram;
  assert.equal(kept.streamMode, 'partial');
  assert.equal(
    withPath.after.ok,
    true,
    'the audit after leaves the uninspected telegram settings unjudged, as doctor does',
  );
});

test('stale plugin ids go with the channel config only they could own; plugins with install records and pending settings stay', () => {
  const run = migrate(`{
  gateway: { tailscale: { resetOnExit: false } },
  channels: { 'http-webhook': { enabled: true, inbound: { port: 8080 } } },
  plugins: {
    allow: ['http-webhook', 'minimax-portal-auth', 'dingtalk'],
    entries: {
      'http-webhook': { enabled: true },
      'minimax-portal-auth': { enabled: true }, // an alias of the bundled minimax plugin
      'memory-lancedb': { enabled: false }, // a deliberate "off" is never stale
      'team-tools': { enabled: true, config: { baseUrl: 'http://127.0.0.1:18081' } },
    },
    installs: { dingtalk: { source: 'npm', spec: 'https://example.invalid/dingtalk.git' } },
  },
}
`);
  assert.deepEqual(
    run.plan.repairs.filter((line) => line.includes('stale')),
    [
      '- plugins.allow: removed 1 stale plugin id (http-webhook)',
      '- plugins.entries: removed 2 stale plugin entries (http-webhook, team-tools)',
      '- channels: removed 1 stale channel config (http-webhook)',
    ],
  );
  const migrated = run.plan.migrated as { channels?: Rec; plugins: { allow: string[]; entries: Rec } };
  assert.equal(migrated.channels?.['http-webhook'], undefined);
  assert.deepEqual(migrated.plugins.allow.slice(0, 2), ['minimax-portal-auth', 'dingtalk']);
  assert.deepEqual(migrated.plugins.entries['team-tools'], { config: { baseUrl: 'http://127.0.0.1:18081' } });
  assert.deepEqual(migrated.plugins.entries['memory-lancedb'], { enabled: false });
});

test("Telegram's own compatibility migration and the default account seeded beside named ones (as the real doctor answered)", () => {
  const run = migrate(`{
  channels: {
    telegram: {
      botToken: '123:abc',
      groupMentionsOnly: true,
      includeGroupHistoryContext: 'none',
      historyLimit: 20,
      dm: { threadReplies: true },
      retry: { attempts: 3 },
      streaming: { mode: 'partial', preview: { nativeToolProgress: true } },
      accounts: {
        alerts: { botToken: '456:def', includeGroupHistoryContext: 'recent', direct: { '42': { threadReplies: true } } },
      },
    },
  },
}
`);
  assert.deepEqual(run.plan.changes, [
    'Removed retired Telegram tuning knobs.',
    'Removed channels.telegram.dm.threadReplies; DM topic sessions now follow Telegram getMe.has_topics_enabled.',
    'Removed channels.telegram.streaming.preview native draft keys; Telegram previews now use rich send/edit messages.',
    'Removed channels.telegram.includeGroupHistoryContext and set historyLimit to 0; Telegram group history is always on for groups and bounded by historyLimit.',
    'Moved channels.telegram.groupMentionsOnly → channels.telegram.groups."*".requireMention.',
    'Removed channels.telegram.accounts.alerts.direct.42.threadReplies; DM topic sessions now follow Telegram getMe.has_topics_enabled.',
    'Removed channels.telegram.accounts.alerts.includeGroupHistoryContext and set historyLimit to 20; Telegram group history is always on for groups and bounded by historyLimit.',
  ]);
  assert.equal(
    run.plan.repairs[0],
    'Moved channels.telegram single-account top-level values into channels.telegram.accounts.default.',
  );
  assert.deepEqual((run.plan.migrated as { channels: Rec }).channels.telegram, {
    historyLimit: 0,
    streaming: { mode: 'partial' },
    accounts: {
      alerts: { botToken: '456:def', direct: { '42': {} }, historyLimit: 20 },
      default: { botToken: '123:abc' },
    },
    groups: { '*': { requireMention: true } },
    enabled: true,
  });
});

test('npm channels: a root of common keys is seeded into accounts.default, an undeclared one waits; their schema defaults are not applied offline', () => {
  const run = migrate(`{
  gateway: {
    mode: 'local',
    bind: 'loopback',
    auth: { mode: 'token', token: 'a-long-enough-gateway-token-value-0123' },
    tailscale: { resetOnExit: false }, // retired: openclaw rejects the config, doctor migrates it
  },
  channels: {
    slack: { botToken: 'xoxb-1', appToken: 'xapp-1', dmPolicy: 'allowlist', allowFrom: ['U1'], accounts: { work: { botToken: 'xoxb-2' } } },
    // guilds is no common key: doctor waits for the Discord plugin to say which keys it owns.
    discord: { token: 'd1', guilds: { g: { requireMention: true } }, accounts: { ops: { token: 'd2' } } },
  },
}
`);
  assert.equal(
    run.plan.repairs[0],
    'Moved channels.slack single-account top-level values into channels.slack.accounts.default.',
  );
  const channels = (run.plan.migrated as { channels: Record<string, Rec> }).channels;
  assert.deepEqual(channels.slack!.accounts, {
    work: { botToken: 'xoxb-2', dmPolicy: 'allowlist', allowFrom: ['U1'] },
    default: { botToken: 'xoxb-1', appToken: 'xapp-1', dmPolicy: 'allowlist', allowFrom: ['U1'] },
  });
  assert.equal(channels.discord!.token, 'd1');
  // Without the Discord plugin its groupPolicy default ("allowlist") is not materialized: no multi-user signal.
  assert.deepEqual(findings(run), ['summary.attack_surface', 'gateway.trusted_proxies_missing']);
});

test("Telegram's compatibility migration runs even when no legacy key is detected (as the real doctor answered)", () => {
  const run = migrate(`{
  gateway: { mode: 'local', bind: 'loopback', auth: { mode: 'token', token: 'a-long-enough-gateway-token-value-0123' } },
  channels: { telegram: { botToken: '123:abc', retry: { attempts: 3 } } },
}
`);
  assert.deepEqual(run.plan.detected, []);
  assert.deepEqual(run.plan.changes, ['Removed retired Telegram tuning knobs.']);
  assert.deepEqual(run.plan.repairs, ['Telegram configured, enabled automatically.']);
  assert.deepEqual((run.plan.migrated as { channels: Rec }).channels.telegram, { botToken: '123:abc', enabled: true });
});
