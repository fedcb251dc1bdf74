/**
 * The slice of openclaw's agent routing the channel audit needs: which agent owns a direct message from one sender on
 * one channel account, and which session key it lands in (bindings, agent roster, session.dmScope, identityLinks).
 */
import type { Json } from '../checks/rule.ts';
import { asArray, isObject } from '../checks/util.ts';

export interface Route {
  agentId: string;
  accountId: string;
  dmScope: string;
  sessionKey: string;
}

/** openclaw's AgentSelectionRequiredError: the route has no owner among several agents. */
export class OwnerMissing extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const lower = (value: unknown): string => (typeof value === 'string' ? value.trim().toLowerCase() : '');

export function normalizeAccountId(value: unknown): string {
  const t = lower(value);
  return t === '' ? 'default' : t;
}

/**
 * The roster as channel routing reads it: lowercased ids (`agents.entries` keys or `agents.list[].id`, an entry without
 * an id counting as `main`), the raw entries, and whether the config owns a roster. Kept apart from `listAgents` in
 * agents.ts (canonical ids, the implicit `main` agent, entries with paths), which the tool-policy checks use.
 */
function routingRoster(cfg: Json): { ids: string[]; entries: Array<Record<string, Json>>; hasRoster: boolean } {
  const agents = cfg?.agents;
  if (!isObject(agents)) return { ids: [], entries: [], hasRoster: false };
  if (agents.entries !== undefined) {
    const entries = Object.entries(isObject(agents.entries) ? agents.entries : {})
      .filter(([, v]) => isObject(v))
      .map(([id, v]) => ({ ...v, id }));
    return { ids: unique(entries.map((e) => lower(e.id))), entries, hasRoster: true };
  }
  if (agents.list !== undefined) {
    const entries = asArray(agents.list).filter((e) => typeof e === 'object' && e !== null);
    return { ids: unique(entries.map((e: Json) => lower(e.id) || 'main')), entries, hasRoster: true };
  }
  return { ids: [], entries: [], hasRoster: false };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function soleAgent(cfg: Json): string | undefined {
  const { ids, hasRoster } = routingRoster(cfg);
  if (ids.length === 0) return hasRoster ? undefined : 'main';
  return ids.length === 1 ? ids[0] : undefined;
}

function rawLegacyDefault(cfg: Json): string | undefined {
  if (cfg?.agents?.ownership === 'explicit') return undefined;
  const marked = routingRoster(cfg).entries.filter((e) => e.default === true);
  return marked.length === 1 ? lower(marked[0]!.id) : undefined;
}

function compatibilityAgent(cfg: Json): string | undefined {
  if (cfg?.agents?.ownership === 'explicit') {
    const recorded = lower(cfg.agents.defaults?.systemAgent?.agentId);
    return recorded && routingRoster(cfg).ids.includes(recorded) ? recorded : undefined;
  }
  return rawLegacyDefault(cfg) ?? soleAgent(cfg) ?? routingRoster(cfg).ids[0]; /* legacy roster: first agent */
}

function defaultAgent(cfg: Json, surface: string, hint: string): string {
  const found = rawLegacyDefault(cfg) ?? soleAgent(cfg);
  if (found) return found;
  throw new OwnerMissing(`Multiple agents are configured, but ${surface} has no explicit owner. ${hint}`, hint);
}

function pickExistingAgent(cfg: Json, agentId: unknown): string {
  const wanted = lower(agentId);
  const { ids } = routingRoster(cfg);
  if (!wanted)
    return (
      compatibilityAgent(cfg) ??
      defaultAgent(cfg, 'agent lookup', 'Pass an explicit agent id instead of relying on an implicit route.')
    );
  if (ids.includes(wanted) || wanted === 'main' || ids.length === 0) return wanted;
  const hint = `Update the binding agentId "${String(agentId).trim()}" to a configured agent.`;
  throw new OwnerMissing(`Multiple agents are configured, but route binding has no explicit owner. ${hint}`, hint);
}

interface Binding {
  agentId: unknown;
  accountPattern: string;
  peer:
    | { state: 'none' }
    | { state: 'invalid' }
    | { state: 'wildcard'; kind: string }
    | { state: 'valid'; kind: string; id: string };
  scoped: boolean;
  session: Json;
}

function bindingsFor(cfg: Json, channel: string, accountId: string): Binding[] {
  const out: Binding[] = [];
  for (const b of asArray(cfg?.bindings)) {
    if (!isObject(b) || lower(b.match?.channel) !== channel) continue;
    const match = isObject(b.match) ? b.match : {};
    const accountPattern = typeof match.accountId === 'string' ? match.accountId.trim() : '';
    let peer: Binding['peer'] = { state: 'none' };
    if (match.peer !== undefined && match.peer !== null) {
      const kind = lower(match.peer?.kind);
      const id = lower(match.peer?.id);
      peer =
        !kind || !id ? { state: 'invalid' } : id === '*' ? { state: 'wildcard', kind } : { state: 'valid', kind, id };
    }
    if (peer.state === 'invalid') continue;
    if (accountPattern !== '*' && normalizeAccountId(accountPattern) !== accountId) continue;
    const scoped = Boolean(lower(match.guildId) || lower(match.teamId) || asArray(match.roles).length > 0);
    out.push({ agentId: b.agentId, accountPattern, peer, scoped, session: b.session });
  }
  return out;
}

/** Exact direct-message peers named by bindings for this channel account (openclaw admits them with a wildcard). */
export function listDirectBindingPeers(cfg: Json, channel: string, accountId: string): string[] {
  return unique(
    bindingsFor(cfg, channel, normalizeAccountId(accountId)).flatMap((b) =>
      b.peer.state === 'valid' && b.peer.kind === 'direct' ? [b.peer.id] : [],
    ),
  );
}

function resolveLinkedPeer(cfg: Json, channel: string, peerId: string): string | undefined {
  const links = cfg?.session?.identityLinks;
  if (!isObject(links)) return undefined;
  const candidates = new Set([lower(peerId), lower(`${channel}:${peerId}`)].filter(Boolean));
  for (const [canonical, ids] of Object.entries(links)) {
    if (!canonical.trim() || !Array.isArray(ids)) continue;
    if (ids.some((id) => candidates.has(lower(id)))) return canonical.trim();
  }
  return undefined;
}

export function linkedIdentity(cfg: Json, channel: string, peerId: string): string | undefined {
  return peerId.trim() ? resolveLinkedPeer(cfg, channel, peerId) : undefined;
}

function sessionKeyFor(
  cfg: Json,
  agentId: string,
  channel: string,
  accountId: string,
  peerId: string,
  dmScope: string,
): string {
  const mainKey = lower(cfg?.session?.mainKey) || 'main';
  let peer = peerId.trim();
  if (dmScope !== 'main') peer = resolveLinkedPeer(cfg, channel, peer) ?? peer;
  peer = peer.toLowerCase();
  if (dmScope === 'per-account-channel-peer' && peer) return `agent:${agentId}:${channel}:${accountId}:direct:${peer}`;
  if (dmScope === 'per-channel-peer' && peer) return `agent:${agentId}:${channel}:direct:${peer}`;
  if (dmScope === 'per-peer' && peer) return `agent:${agentId}:direct:${peer}`;
  return `agent:${agentId}:${mainKey}`;
}

/** openclaw's resolveAgentRoute for a direct peer (`peerId` empty for the unknown sender). Throws OwnerMissing. */
export function resolveDirectRoute(cfg: Json, channelId: string, rawAccountId: string, peerId: string): Route {
  const channel = channelId.toLowerCase();
  const accountId = normalizeAccountId(rawAccountId);
  const peer = lower(peerId) || 'unknown';
  const baseScope: string = cfg?.session?.dmScope ?? 'main';
  const bindings = bindingsFor(cfg, channel, accountId);
  const choose = (agentIdRaw: unknown, session: Json): Route => {
    const agentId = pickExistingAgent(cfg, agentIdRaw);
    const dmScope =
      (isObject(session) && typeof session.dmScope === 'string' ? session.dmScope : undefined) ?? baseScope;
    return { agentId, accountId, dmScope, sessionKey: sessionKeyFor(cfg, agentId, channel, accountId, peer, dmScope) };
  };
  const tiers: Array<(b: Binding) => boolean> = [
    (b) => b.peer.state === 'valid' && b.peer.kind === 'direct' && b.peer.id === lower(peerId),
    (b) => b.peer.state === 'wildcard' && b.peer.kind === 'direct',
    (b) => b.peer.state === 'none' && !b.scoped && b.accountPattern !== '*',
    (b) => b.peer.state === 'none' && !b.scoped && b.accountPattern === '*',
  ];
  for (const tier of tiers) {
    const hit = bindings.find(tier);
    if (hit) return choose(hit.agentId, hit.session);
  }
  const hint =
    `Add a channel-wide binding for ${channel}:${accountId}: ` +
    `${JSON.stringify({ agentId: '<agentId>', match: { channel, accountId } })}. Replace <agentId> with a configured agent, then restart the Gateway.`;
  const agentId = compatibilityAgent(cfg) ?? defaultAgent(cfg, `${channel} account ${accountId} routing`, hint);
  return choose(agentId, undefined);
}

/** The canonical session bucket key (main aliases folded, `global` under session.scope=global). */
export function canonicalSession(cfg: Json, route: Route): string {
  const mainKey = lower(cfg?.session?.mainKey) || 'main';
  const key = route.sessionKey;
  const isMain = key === `agent:${route.agentId}:${mainKey}` || key === `agent:${route.agentId}:main`;
  if (isMain && cfg?.session?.scope === 'global') return 'global';
  return isMain ? `agent:${route.agentId}:${mainKey}` : key;
}

/** The direct channel a canonical per-peer session key names (`agent:a:<channel>[:<account>]:direct:<peer>`). */
export function directChannelOf(key: string): string | undefined {
  const parts = key.split(':');
  if (parts[0] !== 'agent' || parts.length < 3) return undefined;
  const rest = parts.slice(2);
  if (rest[0] === 'agent' || rest.length < 3) return undefined;
  if (rest.length >= 4 && (rest[2] === 'direct' || rest[2] === 'dm')) return rest[0];
  if (rest[1] === 'direct' || rest[1] === 'dm') return rest[0];
  return undefined;
}
