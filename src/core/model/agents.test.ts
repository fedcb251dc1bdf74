import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedTools,
  execScopes,
  isToolAllowed,
  listAgentIds,
  listAgents,
  listMultiUserSignals,
  listOpenExecSurfacePaths,
  listOpenInboundPolicies,
  riskyToolContexts,
  runtimeExecDefaults,
  sandboxToolPolicy,
} from './agents.ts';
import { normalizeAgentId } from '../agent-id.ts';

test('a config without a roster has the implicit main agent; entries win over list', () => {
  assert.deepEqual(
    listAgents({}).map((a) => [a.id, a.implicit]),
    [['main', true]],
  );
  assert.deepEqual(
    listAgents({ agents: { entries: {} } }).map((a) => a.id),
    ['main'],
  );
  const both = { agents: { entries: { a: {}, b: {} }, list: [{ id: 'c' }] } };
  assert.deepEqual(
    listAgents(both).map((a) => a.id),
    ['a', 'b'],
  );
  const list = listAgents({ agents: { list: [{ id: 'x' }, { name: 'no id' }, { id: 'y' }] } });
  assert.deepEqual(
    list.map((a) => [a.id, a.path]),
    [
      ['x', ['agents', 'list', 0]],
      ['y', ['agents', 'list', 2]],
    ],
  );
});

test('agent ids normalize like openclaw', () => {
  assert.equal(normalizeAgentId('Ops'), 'ops');
  assert.equal(normalizeAgentId(' my agent! '), 'my-agent');
  assert.equal(normalizeAgentId('!!!'), 'main');
  assert.deepEqual(listAgentIds({ agents: { entries: { Ops: {}, ops: {} } } }), ['ops']);
});

test('profiles, groups, aliases and globs decide which tools an agent has', () => {
  assert.deepEqual(allowedTools({ tools: { profile: 'minimal' } }, ['gateway', 'exec', 'session_status']), [
    'gateway',
    'session_status',
  ]);
  assert.deepEqual(
    allowedTools({ tools: { profile: 'messaging', alsoAllow: ['bash'] } }, ['exec', 'process', 'write']),
    ['exec'],
  );
  assert.deepEqual(allowedTools({ tools: { deny: ['group:fs'] } }, ['read', 'write', 'exec']), ['exec']);
  assert.deepEqual(allowedTools({ tools: { deny: ['cron'] } }, ['automations', 'gateway']), ['gateway']);
  assert.deepEqual(allowedTools({ tools: { allow: ['web_*', 'write'] } }, ['web_fetch', 'apply_patch', 'exec']), [
    'web_fetch',
    'apply_patch',
  ]);
  // alsoAllow alone opens its layer to everything
  assert.deepEqual(allowedTools({ tools: { alsoAllow: ['web_fetch'] } }, ['exec']), ['exec']);
  // the agent profile replaces the global one
  const config = { tools: { profile: 'minimal' }, agents: { entries: { main: { tools: { profile: 'full' } } } } };
  assert.deepEqual(allowedTools(config, ['exec'], { agent: listAgents(config)[0] }), ['exec']);
});

test('the sandbox layer applies only in mode all and denies control-plane tools by default', () => {
  const config = { agents: { defaults: { sandbox: { mode: 'all' } } } };
  assert.deepEqual(allowedTools(config, ['exec', 'automations', 'gateway', 'plugins', 'web_fetch']), ['exec']);
  const policy = sandboxToolPolicy({ tools: { sandbox: { tools: { allow: ['group:automation'] } } } });
  assert.ok(isToolAllowed('gateway', [policy]));
  assert.ok(isToolAllowed('view_image', [policy]));
  assert.ok(!isToolAllowed('exec', [policy]));
});

test('exec scopes: the sole agent replaces the default scope, several agents keep "global"', () => {
  assert.deepEqual(
    execScopes({ tools: { exec: { security: 'full' } } }).map((s) => [s.id, s.security, s.host]),
    [['main', 'full', 'auto']],
  );
  const sole = {
    tools: { exec: { security: 'full' } },
    agents: { entries: { main: { tools: { exec: { mode: 'deny' } } } } },
  };
  assert.deepEqual(
    execScopes(sole).map((s) => [s.id, s.security]),
    [['main', 'deny']],
  );
  const two = {
    tools: { exec: { mode: 'ask' } },
    agents: { ownership: 'explicit', entries: { a: {}, b: { tools: { exec: { security: 'full', host: 'node' } } } } },
  };
  assert.deepEqual(
    execScopes(two).map((s) => [s.id, s.security, s.host]),
    [
      ['global', 'allowlist', 'auto'],
      ['a', 'allowlist', 'auto'],
      ['b', 'full', 'node'],
    ],
  );
});

test('the runtime exec resolver defaults to full on the gateway host and deny in the sandbox', () => {
  assert.deepEqual(runtimeExecDefaults({}), { host: 'gateway', security: 'full', ask: 'off' });
  assert.deepEqual(runtimeExecDefaults({ agents: { defaults: { sandbox: { mode: 'all' } } } }), {
    host: 'sandbox',
    security: 'deny',
    ask: 'off',
  });
  assert.deepEqual(runtimeExecDefaults({ tools: { exec: { mode: 'ask' } } }), {
    host: 'gateway',
    security: 'allowlist',
    ask: 'on-miss',
  });
});

test('open inbound policies and multi-user signals see telegram schema defaults and accounts', () => {
  const config = {
    channels: {
      telegram: {
        groups: { '-1': { groupPolicy: 'open' } },
        allowFrom: ['*'],
        accounts: { alt: { dmPolicy: 'open' } },
      },
    },
  };
  assert.deepEqual(listOpenInboundPolicies(config), [['channels', 'telegram', 'accounts', 'alt', 'dmPolicy']]);
  assert.deepEqual(
    listOpenExecSurfacePaths(config).map((p) => p.join('.')),
    ['channels.telegram.accounts.alt.dmPolicy', 'channels.telegram.groups.-1.groupPolicy'],
  );
  assert.deepEqual(
    listMultiUserSignals(config).map((s) => s.text),
    [
      'channels.telegram.groupPolicy="allowlist" with configured group targets',
      'channels.telegram.allowFrom includes "*"',
      'channels.telegram.accounts.alt.groupPolicy="allowlist" with configured group targets',
      'channels.telegram.accounts.alt.dmPolicy="open"',
      'channels.telegram.accounts.alt.allowFrom includes "*"',
    ],
  );
});

test('risky contexts list the defaults context and every agent', () => {
  const risky = riskyToolContexts({ tools: { fs: { workspaceOnly: true }, deny: ['group:runtime'] } });
  assert.deepEqual(risky, { lines: [], hasRuntimeRisk: false, paths: [] });
  const open = riskyToolContexts({});
  assert.equal(open.hasRuntimeRisk, true);
  assert.deepEqual(open.lines, [
    'agents.defaults (sandbox=off; runtime=[exec, process]; fs=[read, write, edit, apply_patch]; fs.workspaceOnly=false)',
    'agents.entries.main (sandbox=off; runtime=[exec, process]; fs=[read, write, edit, apply_patch]; fs.workspaceOnly=false)',
  ]);
});
