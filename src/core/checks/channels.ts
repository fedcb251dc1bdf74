/**
 * channels.*: what the security adapters of the official channel plugins report in the cold audit (issue 10).
 * A plugin only runs when the config trusts it (`plugins.entries.<id>.enabled: true`, or `plugins.allow` names it and
 * nothing denies it); in 2026.9.6 discord, signal, whatsapp, imessage, irc and feishu carry a security adapter.
 */
import { collectProviders } from './channels/engine.ts';
import { PROVIDERS } from './channels/providers.ts';
import { schemaData } from '../schema/data.ts';
import { defineRules, type CheckContext } from './rule.ts';

const GENERIC_PATHS = [
  'channels.<provider>',
  'channels.<provider>.accounts.<account>',
  'plugins.entries',
  'plugins.allow',
];

export const rules = defineRules([
  {
    id: 'channels.<provider>.allowFrom.dangerous_name_matching_enabled',
    severity: 'info',
    title: '<label> dangerous name matching is enabled<note>',
    help:
      '`dangerouslyAllowNameMatching: true` lets display names, tags and other mutable aliases authorize senders. ' +
      'Anyone who can take that name can then talk to the agent.',
    remediation: 'Put stable sender IDs in the allowlists, then turn dangerouslyAllowNameMatching off.',
    configPaths: [
      'channels.<provider>.dangerouslyAllowNameMatching',
      'channels.<provider>.accounts.<account>.dangerouslyAllowNameMatching',
    ],
  },
  {
    id: 'channels.<provider>.allowFrom.mutable_entries_inert',
    severity: 'warn',
    title: '<label> mutable allowFrom entries are inert<note>',
    help:
      'Some allowFrom entries are names or tags rather than stable IDs. With name matching off (the default) they can ' +
      'never match a sender, so the allowlist does less than it appears to.',
    remediation:
      'Replace them with stable sender IDs (turning on dangerouslyAllowNameMatching is a discouraged break-glass alternative).',
    configPaths: ['channels.<provider>.allowFrom', 'channels.<provider>.accounts.<account>.allowFrom'],
  },
  {
    id: 'channels.<provider>.dm.open',
    severity: 'critical',
    title: '<label> DMs are open',
    help: '`dmPolicy: "open"` lets anyone who can reach the bot start a direct conversation with the agent.',
    remediation:
      'Use dmPolicy "pairing" or "allowlist"; keep "open" only with allowFrom ["*"] and a deliberate decision.',
    configPaths: ['channels.<provider>.dmPolicy', 'channels.<provider>.accounts.<account>.dmPolicy'],
  },
  {
    id: 'channels.<provider>.dm.open_invalid',
    severity: 'warn',
    title: '<label> DM config looks inconsistent',
    help: '`dmPolicy: "open"` is only consistent when allowFrom contains `"*"`.',
    remediation:
      'Either add `"*"` to allowFrom to make the open DM policy explicit, or set dmPolicy to "pairing" or "allowlist" and list the senders in allowFrom.',
    remediationInReport: false,
    configPaths: ['channels.<provider>.allowFrom', 'channels.<provider>.accounts.<account>.allowFrom'],
  },
  {
    id: 'channels.<provider>.dm.disabled',
    severity: 'info',
    title: '<label> DMs are disabled',
    help: '`dmPolicy: "disabled"`: the account ignores every inbound direct message.',
    remediation:
      'Nothing to fix when DMs should stay off. To accept direct messages, set dmPolicy to "pairing" (unknown senders get a pairing code) or "allowlist" with the senders in allowFrom.',
    remediationInReport: false,
    configPaths: ['channels.<provider>.dmPolicy', 'channels.<provider>.accounts.<account>.dmPolicy'],
  },
  {
    id: 'channels.<provider>.dm.locked',
    severity: 'info',
    title: '<label> DMs are locked',
    help:
      'The DM policy is `pairing` or `allowlist` and no sender is admitted yet (allowFrom holds no concrete sender), so ' +
      'unknown senders are blocked or receive a pairing code.',
    remediation:
      'Approve senders with `openclaw pairing list <provider>` / `openclaw pairing approve <provider> <code>`.',
    configPaths: ['channels.<provider>.dmPolicy', 'channels.<provider>.allowFrom'],
  },
  {
    id: 'channels.<provider>.routing.owner_missing.<accountId>',
    severity: 'warn',
    title: '<label> routing has no explicit owner',
    help:
      'Several agents are configured and nothing decides which one owns direct messages on this channel account: no ' +
      'binding matches it and there is no default agent.',
    remediation: 'Add a channel-wide binding `{ agentId, match: { channel, accountId } }` for the account.',
    configPaths: ['bindings', 'agents', 'agents.ownership'],
  },
  {
    id: 'channels.<provider>.groups.open',
    severity: 'warn',
    title: '<label> security warning',
    help:
      '`groupPolicy: "open"` lets any group, guild channel or group member trigger the agent (for most providers still ' +
      'only when the bot is mentioned).',
    remediation:
      'Set groupPolicy to "allowlist" (`openclaw-audit --fix` makes this edit) and list the groups or members that may trigger the agent; keep "open" only for a bot meant to serve any group, with mentions required.',
    remediationInReport: false,
    configPaths: ['channels.<provider>.groupPolicy', 'channels.<provider>.accounts.<account>.groupPolicy'],
  },
  {
    id: 'channels.<provider>.warning.<n>',
    severity: 'warn',
    title: '<label> security warning',
    help:
      'A plain security warning from the channel plugin, numbered by its position in the channel findings. IRC uses ' +
      'it for TLS turned off and for NickServ registration on every connect.',
    remediation:
      'Do what the warning says. For IRC: set `channels.irc.tls: true`, and once the nick is registered set `channels.irc.nickserv.register: false`, so the NickServ password is not sent to register on every connect.',
    remediationInReport: false,
    configPaths: ['channels.irc.tls', 'channels.irc.nickserv.register', 'channels.irc.nickserv.password'],
  },
  {
    id: 'channels.discord.allowlisted_groups.broad_members',
    severity: 'warn',
    title: 'Discord allowlisted groups have broad member access',
    help:
      'With `groupPolicy: "allowlist"`, a listed guild or channel without a `users`/`roles` restriction lets every ' +
      'member of it trigger the agent.',
    remediation:
      'Add users or roles restrictions to each listed guild/channel where only some members should trigger the agent.',
    configPaths: ['channels.discord.guilds', 'channels.discord.accounts.<account>.guilds'],
  },
  {
    id: 'channels.discord.allowFrom.name_based_entries',
    severity: 'warn',
    severities: ['warn', 'info'],
    title: 'Discord allowlist contains name or tag entries',
    titles: { breakGlass: 'Discord allowlist uses break-glass name/tag matching' },
    help:
      'Discord allowlists (allowFrom, dm.allowFrom, guild and channel users) hold names or tags instead of stable IDs. ' +
      'Names are mutable and can collide; with dangerouslyAllowNameMatching on it is reported as info.',
    remediation: 'Use stable Discord IDs (or <@id>, user:<id>, pk:<id>) in the allowlists.',
    configPaths: ['channels.discord.allowFrom', 'channels.discord.dm.allowFrom', 'channels.discord.guilds'],
  },
  {
    id: 'channels.discord.commands.native.no_allowlists',
    severity: 'warn',
    title: 'Discord slash commands have no allowlists',
    help:
      'Native slash commands are enabled for guilds, but there is no owner dm.allowFrom and no guild/channel users ' +
      'allowlist, so every command is rejected for everyone.',
    remediation:
      'Add your user id to channels.discord.allowFrom (or approve yourself via pairing), or configure channels.discord.guilds.<id>.users.',
    configPaths: ['channels.discord.commands.native', 'commands.native', 'channels.discord.guilds'],
  },
  {
    id: 'channels.feishu.doc_owner_open_id',
    severity: 'warn',
    title: 'Feishu doc create can grant requester permissions',
    help: 'The Feishu `doc` tool is on (the default): creating a document can grant the requesting user permissions on it.',
    remediation: 'Set channels.feishu.tools.doc to false unless document creation is needed.',
    configPaths: ['channels.feishu.tools.doc'],
  },
  {
    id: 'channels.dm.session_collision.<accountKeys>.<n>',
    severity: 'warn',
    title: 'DM principals share a session',
    titles: { symbolic: 'DM principals may share a session' },
    help:
      'Two or more admitted DM senders are routed into the same agent session (the default `session.dmScope: "main"` ' +
      'puts every DM in one session; a `"*"` admission always counts as several senders), so one sender can see ' +
      "another's context.",
    remediation:
      'Give DMs an isolated scope (session.dmScope "per-channel-peer" or "per-account-channel-peer"), or fix the matching binding.',
    configPaths: ['session.dmScope', 'bindings', ...GENERIC_PATHS],
  },
]);

export function collectChannels(ctx: CheckContext): void {
  // After an offline `openclaw doctor --fix` the npm channel plugins are not installed: only bundled ones audit.
  const installed = ctx.offlineDoctor
    ? PROVIDERS.filter((provider) => schemaData().channels[provider.id]?.bundled === true)
    : PROVIDERS;
  collectProviders(ctx, installed);
}
