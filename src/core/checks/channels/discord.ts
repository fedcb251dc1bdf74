/** `@openclaw/discord` 2026.9.6: account resolution, DM policy and its plugin-specific audit findings. */
import type { ConfigPath } from '../../types.ts';
import type { CheckContext, Json } from '../rule.ts';
import { asArray, isObject } from '../util.ts';
import { enabledAtRootAndAccount, fieldPath, keysOf, secretConfigured } from './common.ts';
import type { Account, PluginFinding, Provider } from './types.ts';

const ID_PREFIXES = ['discord:', 'user:', 'pk:'];

/** A stable Discord id entry: digits, `<@id>`/`<@!id>`, or a `discord:`/`user:`/`pk:` prefixed value. */
function stableId(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const maybe = text.replace(/^<@!?/, '').replace(/>$/, '');
  if (/^\d+$/.test(maybe)) return maybe;
  const prefix = ID_PREFIXES.find((p) => text.startsWith(p));
  return prefix ? text.slice(prefix.length).trim() || null : null;
}

/** Entries that authorize only by a (mutable) user name or tag. */
function isMutable(raw: string): boolean {
  const text = raw.trim();
  if (!text || text === '*' || text.startsWith('accessGroup:')) return false;
  if (stableId(text)) return false;
  return /[a-z0-9]/i.test(text);
}

/** The name/tag detector of the Discord security audit (`buildMutableAllowEntryDetector`). */
function isNameEntry(raw: string): boolean {
  const text = raw.trim();
  if (!text || text === '*' || /^accessGroup:\S/.test(text)) return false;
  return !/^(?:\d+|<@!?\d+>|(?:discord|user|pk):.+)$/.test(text);
}

interface TokenState {
  configured: boolean;
  token: string;
  source: 'config' | 'env' | 'none';
}

function tokenState(account: Account, ctx: CheckContext): TokenState {
  const { entry, prefix } = account;
  if (entry && Object.hasOwn(entry, 'token')) {
    return secretConfigured(ctx, entry.token, [...prefix, 'token'])
      ? { configured: true, token: typeof entry.token === 'string' ? entry.token.trim() : '', source: 'config' }
      : { configured: false, token: '', source: 'none' };
  }
  const root = account.root.token;
  if (secretConfigured(ctx, root, ['channels', 'discord', 'token']))
    return { configured: true, token: typeof root === 'string' ? root.trim() : '', source: 'config' };
  const env = account.accountId === 'default' ? ctx.env.DISCORD_BOT_TOKEN?.trim() : undefined;
  return env ? { configured: true, token: env, source: 'env' } : { configured: false, token: '', source: 'none' };
}

function guildsOf(config: Json): Array<[string, Record<string, Json>]> {
  return Object.entries(isObject(config.guilds) ? config.guilds : {}).filter(([, g]) => isObject(g)) as Array<
    [string, Record<string, Json>]
  >;
}

function narrow(guild: Json, channel?: Json): boolean {
  const users = asArray(channel?.users ?? guild.users);
  const roles = asArray(channel?.roles ?? guild.roles);
  if ([...users, ...roles].some((e) => String(e).trim() === '*')) return false;
  return users.length > 0 || roles.length > 0;
}

function audit(account: Account, ctx: CheckContext): PluginFinding[] {
  const out: PluginFinding[] = [];
  const config = account.config;
  const prefix = account.noted ? `channels.discord.accounts.${account.accountId}` : 'channels.discord';
  const breakGlass = config.dangerouslyAllowNameMatching === true;
  const groupPolicy = config.groupPolicy ?? ctx.config.channels?.defaults?.groupPolicy ?? 'allowlist';
  const guilds = guildsOf(config);
  const guildsPath = fieldPath(account, 'guilds');

  if (groupPolicy === 'allowlist') {
    const broad: string[] = [];
    const broadPaths: ConfigPath[] = [];
    for (const [gk, guild] of guilds) {
      const channels = Object.entries(isObject(guild.channels) ? guild.channels : {});
      if (channels.length === 0) {
        if (!narrow(guild)) {
          broad.push(`${prefix}.guilds.${gk}`);
          broadPaths.push([...guildsPath, gk]);
        }
        continue;
      }
      for (const [ck, channel] of channels) {
        if (channel?.enabled === false || narrow(guild, channel)) continue;
        broad.push(`${prefix}.guilds.${gk}.channels.${ck}`);
        broadPaths.push([...guildsPath, gk, 'channels', ck]);
      }
    }
    if (broad.length > 0) {
      const sorted = [...broad].sort();
      out.push({
        checkId: 'channels.discord.allowlisted_groups.broad_members',
        detail:
          `These allowlisted Discord targets set no effective users or roles restriction:\n${sorted.map((p) => `- ${p}`).join('\n')}\n` +
          'groupPolicy="allowlist" narrows the guilds/channels, but every member of a listed target can still trigger the agent.',
        path: broadPaths[0]!,
        related: broadPaths.slice(1),
      });
    }
  }

  const sources = new Map<string, number>();
  const sourcePaths: ConfigPath[] = [];
  const add = (values: Json, source: string, path: ConfigPath) => {
    if (!Array.isArray(values)) return;
    const names = new Set(values.map((v) => String(v).trim()).filter(isNameEntry));
    if (names.size > 0) {
      sources.set(source, names.size);
      sourcePaths.push(path);
    }
  };
  add(config.allowFrom, `${prefix}.allowFrom`, fieldPath(account, 'allowFrom'));
  add(config.dm?.allowFrom, `${prefix}.dm.allowFrom`, [...fieldPath(account, 'dm'), 'allowFrom']);
  for (const [gk, guild] of guilds) {
    add(guild.users, `${prefix}.guilds.${gk}.users`, [...guildsPath, gk, 'users']);
    if (!isObject(guild.channels)) continue;
    for (const [ck, channel] of Object.entries(guild.channels)) {
      if (!isObject(channel)) continue;
      add(channel.users, `${prefix}.guilds.${gk}.channels.${ck}.users`, [...guildsPath, gk, 'channels', ck, 'users']);
    }
  }
  if (sources.size > 0) {
    const counts = [...sources];
    const total = counts.reduce((n, [, c]) => n + c, 0);
    const shown = counts.slice(0, 5).map(([s, c]) => `${s} (${c})`);
    const more = counts.length > shown.length ? ` (+${counts.length - shown.length} more sources)` : '';
    const summary = `Found ${total} name/tag entries: ${shown.join(', ')}${more}.`;
    out.push({
      checkId: 'channels.discord.allowFrom.name_based_entries',
      severity: breakGlass ? 'info' : 'warn',
      variant: breakGlass ? 'breakGlass' : undefined,
      detail: breakGlass
        ? 'Name/tag allowlist matching is deliberately enabled with dangerouslyAllowNameMatching: an operator-chosen break-glass mode that trusts mutable identities. ' +
          summary
        : 'Discord name/tag allowlist entries match normalized slugs, which can change and collide across users. ' +
          summary,
      remediation: breakGlass
        ? 'Switch to stable Discord IDs (or <@id>/user:<id>/pk:<id>), then turn dangerouslyAllowNameMatching off.'
        : 'Use stable Discord IDs (or <@id>/user:<id>/pk:<id>) in channels.discord.allowFrom and channels.discord.guilds.*.users, or opt in explicitly with dangerouslyAllowNameMatching=true if you accept the risk.',
      path: sourcePaths[0]!,
      related: sourcePaths.slice(1),
    });
  }

  const setting = (provider: Json, global: Json) => {
    const s = provider === undefined ? global : provider;
    return s === true; // "auto" is not enabled in the cold audit (no runtime command defaults)
  };
  const coerce = (v: Json) => (v === true || v === false ? v : undefined);
  const native = setting(coerce(config.commands?.native), ctx.config.commands?.native);
  const nativeSkills = setting(coerce(config.commands?.nativeSkills), ctx.config.commands?.nativeSkills);
  if (!native && !nativeSkills) return out;
  const hasUserAllowlist = guilds.some(
    ([, g]) =>
      asArray(g.users).length > 0 ||
      Object.values(isObject(g.channels) ? g.channels : {}).some(
        (c: Json) => isObject(c) && asArray(c.users).length > 0,
      ),
  );
  const owner =
    asArray(config.dm?.allowFrom)
      .map((v) => String(v).trim())
      .filter(Boolean).length > 0;
  if (
    groupPolicy !== 'disabled' &&
    guilds.length > 0 &&
    keysOf(config.guilds).length > 0 &&
    !owner &&
    !hasUserAllowlist
  ) {
    out.push({
      checkId: 'channels.discord.commands.native.no_allowlists',
      detail:
        'Discord slash commands are on, but there is no owner allowFrom list and no per-guild/channel users allowlist, so every /… command is rejected for everyone.',
      path: fieldPath(account, 'commands'),
      related: [guildsPath],
    });
  }
  return out;
}

function groupsOpen(account: Account): PluginFinding[] {
  if (account.config.groupPolicy !== 'open') return [];
  const routes = keysOf(account.config.guilds).length > 0;
  return [
    {
      checkId: 'channels.discord.groups.open',
      titleParams: { label: 'Discord' },
      detail: routes
        ? 'Discord guilds: groupPolicy="open" allows any channel not explicitly denied to trigger (mention-gated). Set channels.discord.groupPolicy="allowlist" and configure channels.discord.guilds.<id>.channels.'
        : 'Discord guilds: groupPolicy="open" with no guild/channel allowlist; any channel can trigger (mention-gated). Set channels.discord.groupPolicy="allowlist" and configure channels.discord.guilds.<id>.channels.',
      remediation: null,
      path: fieldPath(account, 'groupPolicy'),
    },
  ];
}

export const discord: Provider = {
  id: 'discord',
  label: 'Discord',
  implicitAccountKeys: ['token'],
  isEnabled(account, all, ctx) {
    if (!enabledAtRootAndAccount(account)) return false;
    const mine = tokenState(account, ctx);
    if (!mine.token) return true;
    // a duplicated bot token belongs to the first enabled account that sets it (config over env)
    let owner: { id: string; priority: number } | undefined;
    for (const other of all) {
      if (!enabledAtRootAndAccount(other)) continue;
      const state = tokenState(other, ctx);
      if (state.token !== mine.token) continue;
      const priority = state.source === 'config' ? 2 : state.source === 'env' ? 1 : 0;
      if (!owner || priority > owner.priority) owner = { id: other.accountId, priority };
    }
    return !owner || owner.id === account.accountId;
  },
  isConfigured(account, ctx) {
    return tokenState(account, ctx).configured;
  },
  dm: {
    policy: (a) => a.entry?.dmPolicy ?? a.root.dmPolicy ?? 'pairing',
    allowFrom: (a) => a.entry?.allowFrom ?? a.root.allowFrom,
    normalize: (raw) =>
      raw
        .trim()
        .replace(/^(discord|user):/i, '')
        .replace(/^<@!?(\d+)>$/, '$1'),
    isMutable,
  },
  warnings: (account) => groupsOpen(account),
  audit,
};
