import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../io/node-host.ts';
import { runMigration } from './run.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** doctor's lines and the migrated config for one config file. */
function migrate(config: unknown): { changes: string[]; migrated: Record<string, unknown> } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oca-roster-')));
  dirs.push(dir);
  writeFileSync(join(dir, 'openclaw.json'), JSON.stringify(config, null, 2));
  const run = runMigration({ host: nodeHost, configPath: join(dir, 'openclaw.json'), root: dir })!;
  return { changes: run.plan.changes, migrated: run.plan.migrated as Record<string, unknown> };
}

const PREPARED = 'Prepared the canonical agent roster without retired default markers for persistence.';
const STAMPED = 'Stamped the multi-agent roster for explicit per-surface ownership.';

test('a markerless multi-agent list with a main agent: ownership stamped, main owns ambient work and heartbeats', () => {
  const { changes, migrated } = migrate({
    gateway: { mode: 'local' },
    messages: { suppressToolErrors: true },
    agents: { list: [{ id: 'main' }, { id: 'ops', heartbeat: { every: '1h' } }] },
  });
  // The migrations leave a valid config: doctor commits them before its roster step, which then has nothing to say.
  assert.deepEqual(changes, [
    'Removed messages.suppressToolErrors (tool failure warnings now appear only when a run ends without a reply).',
    STAMPED,
    'Set agents.defaults.systemAgent.agentId to main for legacy ambient operations.',
  ]);
  assert.deepEqual(migrated.agents, {
    entries: { main: {}, ops: { heartbeat: { every: '1h' } } },
    ownership: 'explicit',
    defaults: { systemAgent: { agentId: 'main' } },
  });
});

test('a legacy default agent whose list openclaw cannot read: its ownership is written out when the roster is persisted', () => {
  const { changes, migrated } = migrate({
    gateway: { mode: 'local' },
    agents: {
      defaults: { workspace: '~/work' },
      list: [
        { id: 'main', default: true },
        { id: 'Night Shift', workspace: '~/night' },
      ],
    },
    channels: { telegram: { botToken: 'x', dmPolicy: 'pairing' } },
  });
  assert.deepEqual(changes, [
    'Normalized agents.list id "Night Shift" → agents.entries.night-shift.',
    'Moved agents.list → keyed agents.entries.',
    'Materialized legacy per-surface agent ownership.',
    'Removed retired agents.entries.*.default markers.',
    PREPARED,
    STAMPED,
  ]);
  assert.deepEqual(migrated.agents, {
    defaults: { workspace: '~/work', heartbeat: { agentId: 'main' }, systemAgent: { agentId: 'main' } },
    entries: { main: { workspace: '~/work' }, 'night-shift': { workspace: '~/night' } },
    ownership: 'explicit',
  });
  assert.deepEqual(migrated.bindings, [{ agentId: 'main', match: { channel: 'telegram', accountId: '*' } }]);
  assert.deepEqual(migrated.talk, { agentId: 'main' });
});

test('a config still invalid after the migrations: the roster step reports the list it converted', () => {
  const { changes, migrated } = migrate({
    gateway: { mode: 'local', tailscale: { resetOnExit: true }, nonsense: 1 },
    agents: { list: [{ id: 'main', default: true }] },
  });
  assert.deepEqual(changes, [
    'Removed gateway.tailscale.resetOnExit; managed Tailscale routes now end automatically with the Gateway lifecycle.',
    'Migration applied; other validation issues remain — run doctor to review.',
    'Moved agents.list to keyed agents.entries.',
    'Removed retired agents.entries.*.default markers.',
    PREPARED,
  ]);
  assert.deepEqual(migrated.agents, { entries: { main: {} } });
});

test('nothing to migrate: a config openclaw accepts keeps its implicit roster; a rejected one gets it written', () => {
  assert.deepEqual(migrate({ gateway: { mode: 'local' } }).changes, []);
  const rejected = migrate({ gateway: { mode: 'local', nonsense: 1 } });
  assert.deepEqual(rejected.changes, [PREPARED]);
  assert.deepEqual(rejected.migrated.agents, { entries: { main: {} } });
});

test('a markerless legacy list: Telegram accounts no binding routes are bound to its first agent', () => {
  const { changes, migrated } = migrate({
    gateway: { mode: 'local' },
    agents: { list: [{ id: 'max' }, { id: 'ops' }] },
    bindings: [{ agentId: 'ops', match: { channel: 'telegram', accountId: 'b' } }],
    channels: {
      telegram: {
        botToken: 'x',
        accounts: { a: { botToken: 'y' }, b: { botToken: 'z' }, c: { enabled: false } },
      },
    },
  });
  assert.deepEqual(changes, [
    STAMPED,
    'Preserved telegram:a ownership with binding {"agentId":"max","match":{"channel":"telegram","accountId":"a"}}.',
    'Preserved telegram:default ownership with binding {"agentId":"max","match":{"channel":"telegram","accountId":"default"}}.',
  ]);
  assert.deepEqual(migrated.bindings, [
    { agentId: 'ops', match: { channel: 'telegram', accountId: 'b' } },
    { agentId: 'max', match: { channel: 'telegram', accountId: 'a' } },
    { agentId: 'max', match: { channel: 'telegram', accountId: 'default' } },
  ]);
});

test('the retired crestodian block is removed', () => {
  const { changes, migrated } = migrate({ gateway: { mode: 'local' }, crestodian: { enabled: true } });
  assert.deepEqual(changes, ['Removed retired crestodian config; system-agent rescue uses built-in policy.']);
  assert.equal('crestodian' in migrated, false);
});

test("a legacy default agent keeps a fixed session store: it is named as the store's owner", () => {
  const { migrated } = migrate({
    gateway: { mode: 'local' },
    session: { store: '~/.openclaw/sessions.json' },
    messages: { suppressToolErrors: true },
    agents: { list: [{ id: 'main', default: true }, { id: 'dev' }] },
  });
  assert.deepEqual(migrated.agents, {
    entries: { main: {}, dev: {} },
    defaults: {
      heartbeat: { agentId: 'main' },
      systemAgent: { agentId: 'main' },
      sessionStore: { agentId: 'main' },
    },
    ownership: 'explicit',
  });
});

test('a markerless legacy list alone: the migrations commit early, ownership stamped, the unrouted Telegram account bound', () => {
  // Checked against openclaw doctor --fix 2026.9.6 (the first agent's workspace pin is its state folder: left out).
  const { changes, migrated } = migrate({
    gateway: { mode: 'local' },
    agents: { list: [{ id: 'alpha' }, { id: 'beta', workspace: '/srv/beta' }] },
    channels: { telegram: { botToken: '123:abc', dmPolicy: 'pairing' } },
  });
  assert.deepEqual(changes, [
    STAMPED,
    'Preserved telegram:default ownership with binding {"agentId":"alpha","match":{"channel":"telegram","accountId":"default"}}.',
  ]);
  assert.deepEqual(migrated.agents, {
    entries: { alpha: {}, beta: { workspace: '/srv/beta' } },
    ownership: 'explicit',
  });
  assert.deepEqual(migrated.bindings, [{ agentId: 'alpha', match: { channel: 'telegram', accountId: 'default' } }]);
});

test('repeated and unreadable agents.list ids are kept apart like doctor does, in linear time', () => {
  const { changes, migrated } = migrate({
    gateway: { mode: 'local' },
    agents: { list: [{ id: 'Ops' }, { id: 'ops' }, { id: 'ops-2' }, { id: 'ops' }, 'junk', {}] },
  });
  assert.deepEqual(Object.keys((migrated.agents as { entries: object }).entries), [
    'ops',
    'ops-2',
    'ops-2-2',
    'ops-3',
    'agent',
  ]);
  assert.ok(changes.includes('Moved duplicate agents.list id "ops" to agents.entries.ops-3.'));
  assert.ok(changes.includes('Removed malformed agents.list[4] entry.'));
  const many = Array.from({ length: 5000 }, () => ({ id: 'x' }));
  const started = Date.now();
  const big = migrate({ gateway: { mode: 'local' }, agents: { list: many } });
  assert.equal(Object.keys((big.migrated.agents as { entries: object }).entries).length, 5000);
  assert.ok(Date.now() - started < 10000);
});
