import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditText, findingIds } from '../../../test/helpers/memory-host.ts';
import { isPluginTrusted } from './channels/engine.ts';

/** The channels.* findings (id:severity) of a config, in report order. */
const channels = (config: string) => findingIds(config).filter((id) => id.startsWith('channels.'));
const titles = (config: string) => {
  const outcome = auditText(config);
  assert.ok(outcome.ok);
  return outcome.findings.filter((f) => f.checkId.startsWith('channels.')).map((f) => f.title);
};
const trusted = (ids: string[]) =>
  `plugins: { entries: { ${ids.map((id) => `${id}: { enabled: true }`).join(', ')} } },`;

describe('plugin trust gate', () => {
  it('loads a plugin trusted by plugins.entries or plugins.allow, and nothing else', () => {
    assert.equal(isPluginTrusted({ plugins: { entries: { discord: { enabled: true } } } }, 'discord'), true);
    assert.equal(isPluginTrusted({ plugins: { allow: ['discord'] } }, 'discord'), true);
    assert.equal(isPluginTrusted({}, 'discord'), false);
    assert.equal(
      isPluginTrusted({ plugins: { entries: { discord: { enabled: false } }, allow: ['discord'] } }, 'discord'),
      false,
    );
    assert.equal(
      isPluginTrusted({ plugins: { allow: ['signal'], entries: { discord: { enabled: true } } } }, 'discord'),
      false,
    );
    assert.equal(
      isPluginTrusted({ plugins: { deny: ['discord'], entries: { discord: { enabled: true } } } }, 'discord'),
      false,
    );
    assert.equal(
      isPluginTrusted({ plugins: { enabled: false, entries: { discord: { enabled: true } } } }, 'discord'),
      false,
    );
  });

  it('reports nothing for an untrusted plugin or a provider without a security adapter', () => {
    assert.deepEqual(channels(`{ channels: { discord: { token: "t", dmPolicy: "open", allowFrom: ["*"] } } }`), []);
    assert.deepEqual(
      channels(
        `{ ${trusted(['telegram'])} channels: { telegram: { botToken: "1:a", dmPolicy: "open", allowFrom: ["*"] } } }`,
      ),
      [],
    );
    assert.deepEqual(
      channels(`{ ${trusted(['slack'])} channels: { slack: { botToken: "x", groupPolicy: "open" } } }`),
      [],
    );
  });
});

describe('generic DM checks', () => {
  it('under --lenient, an allowFrom that is not a list (here a SecretRef) counts as no entries instead of crashing', () => {
    const cfg = `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "open", allowFrom: { source: "exec", provider: "p", id: "x" } } } }`;
    const ids = findingIds(cfg, {}, { lenient: true }).filter((id) => id.startsWith('channels.'));
    assert.ok(ids.includes('channels.discord.dm.open:critical'), ids.join(', '));
  });

  it('open DMs with "*" collide in the main session', () => {
    const cfg = `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "open", allowFrom: ["*"] } } }`;
    assert.deepEqual(channels(cfg), [
      'channels.discord.dm.open:critical',
      'channels.dm.session_collision.discord-default.1:warn',
    ]);
    assert.deepEqual(titles(cfg), ['Discord DMs are open', 'DM principals share a session']);
  });

  it('open without "*" is also inconsistent', () => {
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "open", allowFrom: ["123456789012345678"] } } }`,
      ),
      ['channels.discord.dm.open:critical', 'channels.discord.dm.open_invalid:warn'],
    );
  });

  it('a wildcard next to a concrete sender under per-channel-peer may share a session', () => {
    const cfg = `{ ${trusted(['whatsapp'])} session: { dmScope: "per-channel-peer" }, channels: { whatsapp: { dmPolicy: "open", allowFrom: ["*", "+15550000001"] } } }`;
    assert.deepEqual(channels(cfg), [
      'channels.whatsapp.dm.open:critical',
      'channels.dm.session_collision.whatsapp-default.1:warn',
    ]);
    assert.equal(titles(cfg)[1], 'DM principals may share a session');
  });

  it('identity links join senders only when they are the same person', () => {
    const cfg = `{ ${trusted(['signal'])} session: { dmScope: "per-peer", identityLinks: { alice: ["signal:+15550000001", "+15550000002"] } },
      channels: { signal: { account: "+15551234567", dmPolicy: "allowlist", allowFrom: ["+15550000001", "+15550000002", "+15550000003"] } } }`;
    assert.deepEqual(channels(cfg), []);
  });

  it('per-channel-peer scope isolates the wildcard', () => {
    const cfg = `{ ${trusted(['discord'])} session: { dmScope: "per-channel-peer" }, channels: { discord: { token: "t", dmPolicy: "open", allowFrom: ["*"] } } }`;
    assert.deepEqual(channels(cfg), ['channels.discord.dm.open:critical']);
  });

  it('disabled DMs report only dm.disabled', () => {
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "disabled", allowFrom: ["*"] } } }`,
      ),
      ['channels.discord.dm.disabled:info'],
    );
  });

  it('pairing with no admitted sender is locked; one stable id is neither locked nor a collision', () => {
    assert.deepEqual(channels(`{ ${trusted(['discord'])} channels: { discord: { token: "t" } } }`), [
      'channels.discord.dm.locked:info',
    ]);
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "allowlist", allowFrom: ["123456789012345678"] } } }`,
      ),
      [],
    );
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "allowlist", allowFrom: ["123456789012345678", "<@223456789012345678>"] } } }`,
      ),
      ['channels.dm.session_collision.discord-default.1:warn'],
    );
  });

  it('skips accounts without credentials or disabled', () => {
    assert.deepEqual(
      channels(`{ ${trusted(['discord'])} channels: { discord: { dmPolicy: "open", allowFrom: ["*"] } } }`),
      [],
    );
    assert.deepEqual(
      channels(`{ ${trusted(['signal'])} channels: { signal: { dmPolicy: "open", allowFrom: ["*"] } } }`),
      [],
    );
    assert.deepEqual(
      channels(
        `{ ${trusted(['imessage'])} channels: { imessage: { enabled: false, dmPolicy: "open", allowFrom: ["*"] } } }`,
      ),
      [],
    );
  });

  it('names the account in titles and the collision id when there are several accounts', () => {
    const cfg = `{ ${trusted(['discord'])} channels: { discord: { accounts: {
      home: { token: "h", dmPolicy: "open", allowFrom: ["*"] },
      work: { token: "w", dmPolicy: "open", allowFrom: ["*"], groupPolicy: "open" } } } } }`;
    assert.deepEqual(channels(cfg), [
      'channels.discord.dm.open:critical',
      'channels.discord.dm.open:critical',
      'channels.discord.groups.open:warn',
      'channels.dm.session_collision.discord-home_discord-work.1:warn',
    ]);
    assert.deepEqual(titles(cfg).slice(0, 2), [
      'Discord (account: home) DMs are open',
      'Discord (account: work) DMs are open',
    ]);
  });

  it('reports a missing routing owner for an explicit multi-agent roster', () => {
    const base = `${trusted(['discord'])} agents: { ownership: "explicit", entries: { alpha: {}, beta: {} } }`;
    const ch = `channels: { discord: { token: "t", dmPolicy: "allowlist", allowFrom: ["123456789012345678"] } }`;
    assert.deepEqual(channels(`{ ${base}, ${ch} }`), ['channels.discord.routing.owner_missing.default:warn']);
    assert.deepEqual(
      channels(
        `{ ${base}, bindings: [{ agentId: "alpha", match: { channel: "discord", accountId: "default" } }], ${ch} }`,
      ),
      [],
    );
  });

  it('reports it for an account id with a space, as openclaw names it', () => {
    const base = `${trusted(['discord'])} agents: { ownership: "explicit", entries: { alpha: {}, beta: {} } }`;
    const ch = `channels: { discord: { dmPolicy: "allowlist", allowFrom: ["123456789012345678"], accounts: { "ops team": { token: "t" } } } }`;
    assert.deepEqual(channels(`{ ${base}, ${ch} }`), ['channels.discord.routing.owner_missing.ops team:warn']);
    assert.deepEqual(titles(`{ ${base}, ${ch} }`), ['Discord (account: ops team) routing has no explicit owner']);
  });
});

describe('allowlist entry checks', () => {
  it('flags mutable discord entries as inert and as name-based', () => {
    const cfg = `{ ${trusted(['discord'])} channels: { discord: { token: "t", dmPolicy: "allowlist", allowFrom: ["alice", "bob#1234", "123456789012345678"] } } }`;
    assert.deepEqual(channels(cfg), [
      'channels.discord.allowFrom.mutable_entries_inert:warn',
      'channels.discord.allowFrom.name_based_entries:warn',
      'channels.dm.session_collision.discord-default.1:warn',
    ]);
  });

  it('reports break-glass name matching as info', () => {
    const cfg = `{ ${trusted(['discord'])} channels: { discord: { token: "t", dangerouslyAllowNameMatching: true, dmPolicy: "allowlist", allowFrom: ["alice", "123456789012345678"] } } }`;
    assert.deepEqual(channels(cfg), [
      'channels.discord.allowFrom.dangerous_name_matching_enabled:info',
      'channels.discord.allowFrom.name_based_entries:info',
      'channels.dm.session_collision.discord-default.1:warn',
    ]);
    assert.equal(titles(cfg)[1], 'Discord allowlist uses break-glass name/tag matching');
  });
});

describe('plugin-specific checks', () => {
  it('discord groups.open in both wordings; the channels.defaults policy alone does not trigger it', () => {
    const open = auditText(`{ ${trusted(['discord'])} channels: { discord: { token: "t", groupPolicy: "open" } } }`);
    const guilds = auditText(
      `{ ${trusted(['discord'])} channels: { discord: { token: "t", groupPolicy: "open", guilds: { "1": { users: ["2"] } } } } }`,
    );
    assert.ok(open.ok && guilds.ok);
    const detail = (o: typeof open) =>
      o.ok ? o.findings.find((f) => f.checkId === 'channels.discord.groups.open')?.detail : undefined;
    assert.match(detail(open)!, /no guild\/channel allowlist/);
    assert.match(detail(guilds)!, /any channel not explicitly denied/);
    assert.deepEqual(
      channels(`{ ${trusted(['discord'])} channels: { defaults: { groupPolicy: "open" }, discord: { token: "t" } } }`),
      ['channels.discord.dm.locked:info'],
    );
  });

  it('discord broad members and native commands without allowlists', () => {
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", guilds: { "1": { channels: { "2": {}, "3": { users: ["4"] } } }, "5": { roles: ["*"] } } } } }`,
      ),
      ['channels.discord.dm.locked:info', 'channels.discord.allowlisted_groups.broad_members:warn'],
    );
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", commands: { native: true }, guilds: { "1": { roles: ["9"] } } } } }`,
      ),
      ['channels.discord.dm.locked:info', 'channels.discord.commands.native.no_allowlists:warn'],
    );
    assert.deepEqual(
      channels(
        `{ ${trusted(['discord'])} channels: { discord: { token: "t", commands: { native: true }, guilds: { "1": { users: ["9"] } } } } }`,
      ),
      ['channels.discord.dm.locked:info'],
    );
  });

  it('whatsapp needs no credentials', () => {
    assert.deepEqual(channels(`{ ${trusted(['whatsapp'])} channels: { whatsapp: {} } }`), [
      'channels.whatsapp.dm.locked:info',
    ]);
    assert.deepEqual(
      channels(`{ ${trusted(['whatsapp'])} channels: { whatsapp: { groupPolicy: "open", dmPolicy: "disabled" } } }`),
      ['channels.whatsapp.dm.disabled:info', 'channels.whatsapp.groups.open:warn'],
    );
  });

  it('irc plain warnings are numbered by the findings before them', () => {
    assert.deepEqual(
      channels(
        `{ ${trusted(['irc'])} channels: { irc: { host: "irc.example.org", nick: "bot", tls: false, dmPolicy: "open", allowFrom: ["*"], groupPolicy: "open" } } }`,
      ),
      [
        'channels.irc.dm.open:critical',
        'channels.irc.groups.open:warn',
        'channels.irc.warning.3:warn',
        'channels.dm.session_collision.irc-default.1:warn',
      ],
    );
  });
});
