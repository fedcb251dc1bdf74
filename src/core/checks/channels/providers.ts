/** The official channel plugins whose setup entry carries a security adapter in 2026.9.6, in audit order. */
import type { ConfigPath } from '../../types.ts';
import type { Json } from '../rule.ts';
import { isObject } from '../util.ts';
import {
  enabledAtRootAndAccount,
  fieldPath,
  keysOf,
  normalizeE164,
  restrictSendersGroupsOpen,
  secretConfigured,
} from './common.ts';
import { discord } from './discord.ts';
import type { Account, PluginFinding, Provider } from './types.ts';

const nonBlank = (v: Json) => typeof v === 'string' && v.trim().length > 0;

const signal: Provider = {
  id: 'signal',
  label: 'Signal',
  implicitAccountKeys: ['account', 'transport'],
  sharedOmitKeys: ['transport', 'defaultAccount'],
  isEnabled: (a) => enabledAtRootAndAccount(a),
  isConfigured: (a) => nonBlank(a.config.account) || Boolean(a.config.transport),
  dm: {
    policy: (a) => a.config.dmPolicy,
    allowFrom: (a) => a.config.allowFrom,
    normalize: (raw) => normalizeE164(raw.replace(/^signal:/i, '').trim()),
  },
  warnings: (a) => restrictSendersGroupsOpen(a, 'Signal groups', 'any member', false),
};

const imessage: Provider = {
  id: 'imessage',
  label: 'iMessage',
  implicitAccountKeys: ['cliPath', 'dbPath'],
  isEnabled: (a) => enabledAtRootAndAccount(a),
  // any iMessage setting (the materialized dmPolicy included) marks the account configured
  isConfigured: () => true,
  dm: {
    policy: (a) => a.config.dmPolicy,
    allowFrom: (a) => a.config.allowFrom,
  },
  warnings: (a) => restrictSendersGroupsOpen(a, 'iMessage groups', 'any member', false),
};

const WA_GROUP_FIELDS = ['groupPolicy', 'groupAllowFrom', 'groups'];

function whatsappGroupBase(a: Account): ConfigPath {
  const accounts = a.root.accounts;
  const find = (id: string) =>
    isObject(accounts) ? Object.keys(accounts).find((k) => k.trim().toLowerCase() === id) : undefined;
  const own = a.entryKey;
  const has = (key: string | undefined) =>
    key !== undefined && isObject(accounts?.[key]) && WA_GROUP_FIELDS.some((f) => accounts[key][f] !== undefined);
  if (has(own)) return ['channels', 'whatsapp', 'accounts', own!];
  const def = find('default');
  if (a.accountId !== 'default' && has(def)) return ['channels', 'whatsapp', 'accounts', def!];
  return ['channels', 'whatsapp'];
}

function whatsappGroupsOpen(a: Account): PluginFinding[] {
  if (a.config.groupPolicy !== 'open') return [];
  const base = whatsappGroupBase(a);
  const p = (f: string) => [...base, f].join('.');
  const routed = keysOf(a.config.groups).length > 0;
  return [
    {
      checkId: 'channels.whatsapp.groups.open',
      titleParams: { label: 'WhatsApp' },
      detail: routed
        ? `WhatsApp groups: groupPolicy="open" allows any member in allowed groups to trigger (mention-gated). Set ${p('groupPolicy')}="allowlist" + ${p('groupAllowFrom')} to restrict senders.`
        : `WhatsApp groups: groupPolicy="open" with no ${p('groups')} allowlist; any group can add + ping (mention-gated). Set ${p('groupPolicy')}="allowlist" + ${p('groupAllowFrom')} or configure ${p('groups')}.`,
      remediation: null,
      path: [...base, 'groupPolicy'],
    },
  ];
}

const whatsapp: Provider = {
  id: 'whatsapp',
  label: 'WhatsApp',
  implicitAccountKeys: ['authDir'],
  noAccountConfig: true,
  isEnabled: (a) => a.config.enabled !== false,
  // every account resolves an auth dir, so it always counts as configured
  isConfigured: () => true,
  dm: {
    policy: (a) => a.config.dmPolicy,
    allowFrom: (a) => a.config.allowFrom,
    normalize: (raw) => normalizeE164(raw),
    inheritFromDefaultAccount: true,
  },
  warnings: whatsappGroupsOpen,
};

function ircNormalize(raw: string): string {
  let value = raw.trim().toLowerCase();
  if (value.startsWith('irc:')) value = value.slice(4);
  if (value.startsWith('user:')) value = value.slice(5);
  return value.trim();
}

const irc: Provider = {
  id: 'irc',
  label: 'IRC',
  implicitAccountKeys: [],
  implicitAccount: (root) => nonBlank(root.host) && nonBlank(root.nick),
  isEnabled: (a) => enabledAtRootAndAccount(a),
  isConfigured: (a) => nonBlank(a.config.host) && nonBlank(a.config.nick),
  dm: {
    policy: (a) => a.config.dmPolicy,
    allowFrom: (a) => a.config.allowFrom,
    normalize: ircNormalize,
    // a bare nick or nick!user (no verified @host) only matches a mutable identity
    isMutable: (raw) => {
      const v = ircNormalize(raw);
      return v !== '' && v !== '*' && !v.includes('@');
    },
  },
  warnings(a) {
    const out: PluginFinding[] = [];
    const c = a.config;
    if (c.groupPolicy === 'open')
      out.push({
        checkId: 'channels.irc.groups.open',
        titleParams: { label: 'IRC' },
        detail:
          'IRC channels: groupPolicy="open" allows all channels and senders (mention-gated). Prefer channels.irc.groupPolicy="allowlist" with channels.irc.groups.',
        remediation: null,
        path: fieldPath(a, 'groupPolicy'),
      });
    if (c.tls === false)
      out.push({
        checkId: 'warning',
        titleParams: { label: 'IRC' },
        detail: 'IRC TLS is disabled (channels.irc.tls=false); traffic and credentials travel in plaintext.',
        remediation: null,
        path: fieldPath(a, 'tls'),
      });
    const register = isObject(c.nickserv) && Boolean(c.nickserv.register);
    if (register)
      out.push({
        checkId: 'warning',
        titleParams: { label: 'IRC' },
        detail:
          'IRC NickServ registration is enabled (channels.irc.nickserv.register=true); "REGISTER" is sent on every connect. Turn it off after the first successful registration.',
        remediation: null,
        path: [...fieldPath(a, 'nickserv'), 'register'],
      });
    if (register && !nonBlank(c.nickserv.password) && !nonBlank(c.nickserv.passwordFile))
      out.push({
        checkId: 'warning',
        titleParams: { label: 'IRC' },
        detail:
          'IRC NickServ registration is enabled but no NickServ password resolves; set channels.irc.nickserv.password, channels.irc.nickserv.passwordFile, or IRC_NICKSERV_PASSWORD.',
        remediation: null,
        path: [...fieldPath(a, 'nickserv')],
      });
    return out;
  },
};

const secretSet = (v: Json) => nonBlank(v) || (isObject(v) && typeof v.source === 'string' && typeof v.id === 'string');

/** feishu's isFeishuDocToolEnabled: some enabled, credentialed account keeps the `doc` tool (on by default). */
function feishuDocToolEnabled(cfg: Json): boolean {
  const feishu = cfg.channels?.feishu;
  if (!isObject(feishu) || feishu.enabled === false) return false;
  const baseTools = isObject(feishu.tools) ? feishu.tools : undefined;
  const baseDoc = baseTools?.doc !== false;
  const baseAppId = nonBlank(feishu.appId);
  const baseSecret = secretSet(feishu.appSecret);
  const accounts = isObject(feishu.accounts) ? feishu.accounts : undefined;
  if (!accounts || Object.keys(accounts).length === 0) return baseDoc && baseAppId && baseSecret;
  return Object.values(accounts).some((raw) => {
    const account = isObject(raw) ? raw : {};
    if (account.enabled === false) return false;
    if ((isObject(account.tools) ? account.tools : baseTools)?.doc === false) return false;
    return (nonBlank(account.appId) || baseAppId) && (secretSet(account.appSecret) || baseSecret);
  });
}

const feishu: Provider = {
  id: 'feishu',
  label: 'Feishu',
  implicitAccountKeys: [],
  implicitAccount: (root) =>
    nonBlank(root.appId) &&
    root.appSecret !== undefined &&
    root.appSecret !== null &&
    (typeof root.appSecret !== 'string' || nonBlank(root.appSecret)),
  isEnabled: (a) => enabledAtRootAndAccount(a),
  isConfigured: (a, ctx) =>
    nonBlank(a.config.appId) &&
    secretConfigured(
      ctx,
      a.config.appSecret,
      a.entry && Object.hasOwn(a.entry, 'appSecret') ? [...a.prefix, 'appSecret'] : ['channels', 'feishu', 'appSecret'],
    ),
  warnings: (a) =>
    a.config.groupPolicy === 'open'
      ? [
          {
            checkId: 'channels.feishu.groups.open',
            titleParams: { label: 'Feishu' },
            detail: `Feishu[${a.accountId}] groups: groupPolicy="open" allows any member to trigger (mention-gated). Set channels.feishu.groupPolicy="allowlist" + channels.feishu.groupAllowFrom to restrict senders.`,
            remediation: null,
            path: fieldPath(a, 'groupPolicy'),
          },
        ]
      : [],
  audit: (a, ctx) =>
    feishuDocToolEnabled(ctx.config)
      ? [
          {
            checkId: 'channels.feishu.doc_owner_open_id',
            detail:
              'channels.feishu tools include "doc": the feishu_doc "create" action can grant document access to the requesting Feishu user.',
            remediation:
              'Turn channels.feishu.tools.doc off when it is not needed, and restrict tool access for untrusted prompts.',
            path: a.config.tools?.doc !== undefined ? [...fieldPath(a, 'tools'), 'doc'] : ['channels', 'feishu'],
          },
        ]
      : [],
};

/** Audit order: openclaw walks the channel plugins in its registry order. */
export const PROVIDERS: readonly Provider[] = [discord, signal, whatsapp, imessage, irc, feishu];
