/**
 * The generic channel audit openclaw runs for every trusted channel plugin that carries a security adapter:
 * per-account DM policy findings, mutable allowlist entries, routing owner, plugin warnings and audit findings, then
 * DM session collisions across every audited account.
 */
import type { ConfigPath } from '../../types.ts';
import type { CheckContext, Json } from '../rule.ts';
import { asArray, isObject } from '../util.ts';
import {
  OwnerMissing,
  canonicalSession,
  directChannelOf,
  linkedIdentity,
  listDirectBindingPeers,
  normalizeAccountId,
  resolveDirectRoute,
  type Route,
} from '../../model/channel-routing.ts';
import type { Account, PluginFinding, Provider } from './types.ts';

/** The plugin trust gate of the cold audit: an npm-installed channel plugin loads only when the config trusts it. */
export function isPluginTrusted(cfg: Json, id: string): boolean {
  const plugins = isObject(cfg?.plugins) ? cfg.plugins : {};
  if (plugins.enabled === false) return false;
  const allow = asArray(plugins.allow).map(String);
  const deny = asArray(plugins.deny).map(String);
  if (deny.includes(id)) return false;
  const entry = isObject(plugins.entries) ? plugins.entries[id] : undefined;
  if (isObject(entry) && entry.enabled === false) return false;
  if (allow.length > 0 && !allow.includes(id)) return false;
  return (isObject(entry) && entry.enabled === true) || allow.includes(id);
}

/** The schema defaults openclaw materializes at the channel root before the audit. */
const ROOT_DEFAULTS: Record<string, Json> = { dmPolicy: 'pairing', groupPolicy: 'allowlist' };

function hasValue(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  return value !== undefined && value !== null;
}

function accountKey(accounts: Json, accountId: string): string | undefined {
  if (!isObject(accounts)) return undefined;
  if (Object.hasOwn(accounts, accountId)) return accountId;
  return Object.keys(accounts).find((k) => normalizeAccountId(k) === accountId);
}

function listAccounts(provider: Provider, cfg: Json): Account[] {
  const root: Record<string, Json> = { ...ROOT_DEFAULTS, ...(cfg.channels[provider.id] as Record<string, Json>) };
  const accounts = isObject(root.accounts) ? root.accounts : undefined;
  const ids = new Set<string>(accounts ? Object.keys(accounts).filter(Boolean) : []);
  if (
    provider.implicitAccount
      ? provider.implicitAccount(root)
      : provider.implicitAccountKeys.some((k) => hasValue(root[k]))
  )
    ids.add('default');
  const listed = ids.size === 0 ? ['default'] : [...ids].sort((a, b) => a.localeCompare(b));
  const preferred = typeof root.defaultAccount === 'string' ? normalizeAccountId(root.defaultAccount) : undefined;
  const defaultId =
    preferred && listed.some((id) => normalizeAccountId(id) === preferred)
      ? preferred
      : listed.includes('default')
        ? 'default'
        : (listed[0] ?? 'default');
  const ordered = [...new Set([defaultId, ...listed])];
  return ordered.map((rawId) => {
    const accountId = normalizeAccountId(rawId);
    const key = accountKey(accounts, rawId) ?? accountKey(accounts, accountId);
    const entry = key !== undefined && isObject(accounts?.[key]) ? (accounts![key] as Record<string, Json>) : undefined;
    const base = Object.fromEntries(
      Object.entries(root).filter(
        ([k]) => k !== 'accounts' && !(accountId !== 'default' && provider.sharedOmitKeys?.includes(k)),
      ),
    );
    const hasExplicitAccountPath = key !== undefined;
    return {
      provider,
      accountId,
      root,
      entry,
      entryKey: key,
      config: { ...base, ...entry },
      prefix: hasExplicitAccountPath ? ['channels', provider.id, 'accounts', key!] : ['channels', provider.id],
      noted: ordered.length > 1 || hasExplicitAccountPath,
      hasExplicitAccountPath,
      orderedAccountIds: ordered,
    };
  });
}

/** Dotted form of a config path, as openclaw prints it. */
const dotted = (path: ConfigPath): string => path.map(String).join('.');

interface Principal {
  accountKey: string;
  logical: string;
  bucket: string;
}

export function collectProviders(ctx: CheckContext, providers: readonly Provider[]): void {
  const cfg = ctx.config;
  if (!isObject(cfg) || !isObject(cfg.channels)) return;
  const principals: Principal[] = [];
  const seen = new Set<string>();
  let count = 0;
  /** Reports unless an identical finding came first (openclaw dedupes on id, severity, title, detail, remediation). */
  const emit: Emit = (input, title, providerId) => {
    count += 1; // a plain plugin warning is numbered by the findings pushed before it, duplicates included
    const f: PluginFinding =
      input.checkId === 'warning' ? { ...input, checkId: `channels.${providerId}.warning.${count}` } : input;
    const key = [f.checkId, f.severity ?? '', title, f.detail, f.remediation ?? ''].join('\n');
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(f.checkId, f);
  };
  const active = providers.filter((p) => cfg.channels[p.id] !== undefined && isPluginTrusted(cfg, p.id));
  for (const provider of active) {
    const all = listAccounts(provider, cfg);
    for (const account of all) {
      if (!provider.isEnabled(account, all, ctx) || !provider.isConfigured(account, ctx)) continue;
      auditAccount(ctx, account, principals, emit);
    }
  }
  reportCollisions(ctx, principals);
}

type Emit = (finding: PluginFinding, title: string, providerId?: string) => void;

function auditAccount(ctx: CheckContext, account: Account, principals: Principal[], emit: Emit): void {
  const cfg = ctx.config;
  const { provider, accountId } = account;
  const label = provider.label + (account.noted ? ` (account: ${accountId})` : '');
  const note = account.noted ? ` (account: ${accountId})` : '';
  const dm = provider.dm;
  const nameMatching = !provider.noAccountConfig && account.config.dangerouslyAllowNameMatching === true;
  const flagPath: ConfigPath =
    account.entry && Object.hasOwn(account.entry, 'dangerouslyAllowNameMatching')
      ? [...account.prefix, 'dangerouslyAllowNameMatching']
      : ['channels', provider.id, 'dangerouslyAllowNameMatching'];

  let policy: string | undefined;
  let allowFrom: string[] = [];
  let base: ConfigPath = ['channels', provider.id];
  if (dm) {
    policy = dm.policy(account) ?? 'pairing';
    // Only a --lenient audit sees a non-array here (openclaw rejects it); read it as no entries.
    const entries: unknown = dm.allowFrom(account);
    allowFrom = Array.isArray(entries) ? entries.map((v) => String(v)) : [];
    base = dmBasePath(account);
  }
  const configured = allowFrom.filter((raw) => raw.trim() !== '*');
  const mutable = dm?.isMutable
    ? configured.filter((raw) => !raw.trim().startsWith('accessGroup:') && dm.isMutable!(raw)).length
    : 0;
  const allowFromPath: ConfigPath = [...base, 'allowFrom'];
  const policyPath: ConfigPath = [...base, 'dmPolicy'];

  if (nameMatching) {
    const title = `${provider.label} dangerous name matching is enabled${note}`;
    emit(
      {
        checkId: `channels.${provider.id}.allowFrom.dangerous_name_matching_enabled`,
        titleParams: { label: provider.label, note },
        detail:
          'dangerouslyAllowNameMatching=true lets mutable aliases (display names, tags, nicknames that can change or be shared) authorize senders.' +
          (dm?.isMutable
            ? ` ${mutable} of ${configured.length} allowFrom entries rely on mutable matching and would stop authorizing if the flag is turned off.`
            : ''),
        path: flagPath,
        related: dm ? [allowFromPath] : [],
      },
      title,
    );
  }
  if (!nameMatching && mutable > 0 && dm) {
    emit(
      {
        checkId: `channels.${provider.id}.allowFrom.mutable_entries_inert`,
        titleParams: { label: provider.label, note },
        detail: `${mutable} of ${configured.length} entries in ${dotted(allowFromPath)} only match mutable identifiers (display names, tags, aliases); with name matching off they can never authorize a sender, so they silently do nothing.`,
        path: allowFromPath,
      },
      `${provider.label} mutable allowFrom entries are inert${note}`,
    );
  }

  if (dm && policy !== undefined) {
    const normalize = dm.normalize ?? ((v: string) => v);
    const hasWildcard = allowFrom.map((v) => v.trim()).includes('*');
    const admitted = [...new Set(configured.map((v) => normalize(v.trim()).trim()).filter(Boolean))];
    if (policy === 'open') {
      emit(
        {
          checkId: `channels.${provider.id}.dm.open`,
          titleParams: { label },
          detail: `${dotted(policyPath)}="open" lets anyone message the bot directly.`,
          remediation: `Prefer dmPolicy "pairing" or "allowlist"; if open DMs are really intended, make sure ${dotted(allowFromPath)} includes "*".`,
          path: policyPath,
          related: [allowFromPath],
        },
        `${label} DMs are open`,
      );
      if (!hasWildcard)
        emit(
          {
            checkId: `channels.${provider.id}.dm.open_invalid`,
            titleParams: { label },
            detail: `dmPolicy "open" requires ${dotted(allowFromPath)} to include "*".`,
            path: allowFromPath,
            related: [policyPath],
          },
          `${label} DM config looks inconsistent`,
        );
    }
    if (policy === 'disabled') {
      emit(
        {
          checkId: `channels.${provider.id}.dm.disabled`,
          titleParams: { label },
          detail: `${dotted(policyPath)}="disabled": inbound direct messages are ignored.`,
          path: policyPath,
        },
        `${label} DMs are disabled`,
      );
    } else {
      if (policy !== 'open' && admitted.length === 0)
        emit(
          {
            checkId: `channels.${provider.id}.dm.locked`,
            titleParams: { label },
            detail: `${dotted(policyPath)}="${policy}" admits no sender yet; unknown senders are blocked or get a pairing code.`,
            remediation: `Approve senders with: openclaw pairing list ${provider.id} / openclaw pairing approve ${provider.id} <code>`,
            path: policyPath,
            related: [allowFromPath],
          },
          `${label} DMs are locked`,
        );
      const peers = [
        ...new Set([...admitted, ...(hasWildcard ? listDirectBindingPeers(cfg, provider.id, accountId) : [])]),
      ];
      const candidates: Array<string | undefined> = [...peers, ...(hasWildcard ? [undefined] : [])];
      for (const principal of candidates) {
        let route: Route;
        try {
          route = resolveDirectRoute(cfg, provider.id, accountId, principal ?? '');
        } catch (error) {
          if (!(error instanceof OwnerMissing)) throw error;
          emit(
            {
              checkId: `channels.${provider.id}.routing.owner_missing.${accountId}`,
              titleParams: { label },
              detail: error.message,
              remediation: error.hint,
              path: Array.isArray(cfg.bindings) ? ['bindings'] : ['agents'],
              related: [account.prefix],
            },
            `${label} routing has no explicit owner`,
          );
          continue;
        }
        recordRoute(cfg, provider.id, route, principal, principals);
      }
    }
  }

  for (const finding of [...(provider.warnings?.(account, ctx) ?? []), ...(provider.audit?.(account, ctx) ?? [])])
    emit(finding, finding.checkId, provider.id);
}

/** Where the plugin says the DM fields of this account live (`buildAccountScopedDmSecurityPolicy`). */
function dmBasePath(account: Account): ConfigPath {
  const { provider, entry, root } = account;
  const has = (obj: Json) => isObject(obj) && (obj.dmPolicy !== undefined || obj.allowFrom !== undefined);
  const rawRoot = root;
  if (has(entry)) return account.prefix;
  if (provider.dm?.inheritFromDefaultAccount && account.accountId !== 'default') {
    const accounts = rawRoot.accounts;
    const key = isObject(accounts) ? Object.keys(accounts).find((k) => normalizeAccountId(k) === 'default') : undefined;
    if (key !== undefined && has(accounts![key])) return ['channels', provider.id, 'accounts', key];
  }
  if (has(rawRoot)) return ['channels', provider.id];
  return entry ? account.prefix : ['channels', provider.id];
}

function recordRoute(
  cfg: Json,
  channel: string,
  route: Route,
  principal: string | undefined,
  principals: Principal[],
): void {
  const accountKey = `${channel}-${route.accountId}`;
  const push = (logical: string, bucket: string) =>
    principals.push({ accountKey, logical, bucket: `${route.agentId}\0${bucket}` });
  if (principal !== undefined) {
    const canonical = canonicalSession(cfg, route);
    const linked = linkedIdentity(cfg, channel, principal);
    const logical = linked
      ? `linked:${linked.toLowerCase()}`
      : `direct:${channel}:${route.accountId}:${principal.toLowerCase()}`;
    push(logical, canonical);
    const direct = directChannelOf(canonical);
    if (direct || route.dmScope === 'per-peer') push(logical, 'symbolic:dm:peer');
    if (direct) push(logical, `symbolic:dm:channel:${direct}`);
    return;
  }
  if (route.dmScope === 'main') {
    const canonical = canonicalSession(cfg, route);
    for (const n of ['1', '2']) push(`wildcard:shared:${accountKey}:${n}`, canonical);
  } else if (route.dmScope === 'per-channel-peer' || route.dmScope === 'per-peer') {
    const namespaces = route.dmScope === 'per-peer' ? ['peer'] : [`channel:${channel}`, 'peer'];
    for (const ns of namespaces) push(`wildcard:${route.dmScope}:${accountKey}`, `symbolic:dm:${ns}`);
  }
}

function reportCollisions(ctx: CheckContext, principals: Principal[]): void {
  const byBucket = new Map<string, Principal[]>();
  for (const p of principals) byBucket.set(p.bucket, [...(byBucket.get(p.bucket) ?? []), p]);
  const grouped = [...byBucket.entries()].filter(([, routes]) => new Set(routes.map((r) => r.logical)).size > 1);
  const broadAgents = new Set(
    grouped
      .filter(
        ([bucket, routes]) =>
          bucket.endsWith('\0symbolic:dm:peer') && routes.some((r) => r.logical.startsWith('wildcard:per-peer:')),
      )
      .map(([bucket]) => bucket.split('\0', 1)[0]),
  );
  const collisions = grouped
    .filter(([bucket, routes]) => {
      if (!bucket.includes('\0symbolic:')) return true;
      const agent = bucket.split('\0', 1)[0]!;
      if (bucket.endsWith('\0symbolic:dm:peer')) return routes.some((r) => r.logical.startsWith('wildcard:per-peer:'));
      return !broadAgents.has(agent) && routes.some((r) => r.logical.startsWith('wildcard:per-channel-peer:'));
    })
    .sort(([a], [b]) => a.localeCompare(b));
  const global = ctx.config?.session?.scope === 'global';
  collisions.forEach(([bucket, routes], index) => {
    const accountKeys = [...new Set(routes.map((r) => r.accountKey))].sort();
    const symbolic = bucket.includes('\0symbolic:');
    const agent = bucket.split('\0', 1)[0];
    const count = new Set(routes.map((r) => r.logical)).size;
    const channels = [...new Set(accountKeys.map((k) => k.slice(0, k.lastIndexOf('-'))))];
    ctx.report(`channels.dm.session_collision.${accountKeys.join('_')}.${index + 1}`, {
      variant: symbolic ? 'symbolic' : undefined,
      detail:
        `Collision topology ${index + 1}: ${count} distinct admitted DM principals from ${accountKeys.join(', ')} ` +
        `${symbolic ? 'can resolve' : 'resolve'} to the same session bucket owned by agent "${agent}"` +
        (global ? ' under session.scope="global".' : '.') +
        ' One sender can then see context from another.',
      path: ctx.config?.session?.dmScope !== undefined ? ['session', 'dmScope'] : ['session'],
      related: channels.map((c) => ['channels', c]),
    });
  });
}
