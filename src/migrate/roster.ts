/**
 * The agent roster as `openclaw doctor --fix` (2026.9.6) persists it. openclaw reads a legacy roster in memory before
 * anything else: a valid `agents.list` becomes keyed `agents.entries`, a missing roster becomes `{ main: {} }`, and
 * the single `default: true` agent of a multi-agent roster has its ownership written out (channel-wide bindings,
 * heartbeats, system work, auth inheritance, talk) before its marker is dropped. doctor then writes that roster:
 *
 * - When the legacy migrations leave a valid config (and no `$include`), doctor commits them before its main pass
 *   ("automatic repair"): the roster is written silently, and its roster step only reports what the written file
 *   still needs (a `default` marker the migrations left, a multi-agent roster without ownership).
 * - Otherwise its roster step reports what the roster of the config as written needed, then "Prepared the canonical
 *   agent roster…", and stamps explicit ownership on a multi-agent roster.
 */
import { normalizeAgentId } from '../core/agent-id.ts';
import { clonePlain, has, isRec, put, rec, type Rec } from './draft.ts';

const MOVED = 'Moved agents.list to keyed agents.entries.';
const PINNED = "Preserved the first legacy agent's existing workspace.";
const MATERIALIZED = 'Materialized legacy per-surface agent ownership.';
const MARKERS = 'Removed retired agents.entries.*.default markers.';
const PREPARED = 'Prepared the canonical agent roster without retired default markers for persistence.';
const STAMPED = 'Stamped the multi-agent roster for explicit per-surface ownership.';

/** A legacy list openclaw can read as keyed entries (every id canonical and unique), in order; else undefined. */
function parseLegacyList(value: unknown): Array<[string, Rec]> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Array<[string, Rec]> = [];
  const seen = new Set<string>();
  for (const item of value) {
    if (!isRec(item)) return undefined;
    const id = item.id;
    if (typeof id !== 'string' || !id || id.trim() !== id || normalizeAgentId(id) !== id || seen.has(id))
      return undefined;
    seen.add(id);
    const config: Rec = {};
    for (const key of Object.keys(item)) if (key !== 'id') put(config, key, item[key]);
    out.push([id, config]);
  }
  return out;
}

const blank = (v: unknown) => typeof v !== 'string' || !v.trim();

/**
 * The workspace the legacy default agent (or the first agent of a converted markerless list) keeps: the defaults'
 * workspace when the entry has none. When that is unset too doctor writes its machine's state folder, which is no
 * config fact: `null` then (pinned, nothing written).
 */
function workspacePin(defaults: unknown, entry: Rec): string | null | undefined {
  if (has(entry, 'workspace') && !(typeof entry.workspace === 'string' && !entry.workspace.trim())) return undefined;
  const fallback = rec(defaults)?.workspace;
  return blank(fallback) ? null : (fallback as string).trim();
}

const CHANNEL_META_KEYS = new Set(['defaults', 'modelByChannel']);

/**
 * A multi-agent roster whose single legacy `default: true` agent owned everything: its ownership written out
 * (channel-wide bindings for unbound channels, the agent for heartbeats, system work, auth inheritance and talk; with
 * `workspace`, the workspace it used). Returns whether anything was written.
 */
function materializeDefaultAgentRoles(root: Rec, agentId: string, workspace = false): boolean {
  let changed = false;
  const id = normalizeAgentId(agentId);
  const agents = rec(root.agents);
  if (workspace && agents) {
    const entries = rec(agents.entries);
    const key = Object.keys(entries ?? {}).find((k) => normalizeAgentId(k) === id);
    const entry = key === undefined ? undefined : rec(entries![key]);
    const pin = entry ? workspacePin(agents.defaults, entry) : undefined;
    if (entry && pin !== undefined) {
      if (pin !== null) entry.workspace = pin;
      changed = true;
    }
  }
  const bindings = Array.isArray(root.bindings) ? root.bindings : root.bindings === undefined ? [] : undefined;
  if (bindings) {
    const wide = (b: unknown, channel: string) => {
      const match = rec(rec(b)?.match);
      return (
        match !== undefined &&
        typeof match.channel === 'string' &&
        match.channel.trim().toLowerCase() === channel &&
        typeof match.accountId === 'string' &&
        match.accountId.trim() === '*' &&
        match.peer === undefined &&
        blank(match.guildId) &&
        blank(match.teamId) &&
        (!Array.isArray(match.roles) || match.roles.length === 0)
      );
    };
    const relevant = bindings.filter((b) => isRec(b) && b.type !== 'acp');
    const channels = rec(root.channels);
    const ids = [
      ...new Set(
        Object.keys(channels ?? {})
          .filter((c) => !CHANNEL_META_KEYS.has(c) && rec(channels![c])?.enabled !== false)
          .map((c) => c.trim().toLowerCase())
          .filter((c) => c !== ''),
      ),
    ].sort();
    const unbound = ids.filter((c) => !relevant.some((b) => wide(b, c)));
    if (unbound.length > 0) {
      root.bindings = [...bindings, ...unbound.map((channel) => ({ agentId: id, match: { channel, accountId: '*' } }))];
      changed = true;
    }
  }
  const rawDefaults = agents?.defaults;
  if (agents && (rawDefaults === undefined || isRec(rawDefaults))) {
    const defaults = rec(rawDefaults) ?? {};
    const unset = (key: string) =>
      defaults[key] === undefined || (isRec(defaults[key]) && !has(defaults[key] as Rec, 'agentId'));
    const entries = Object.values(rec(agents.entries) ?? {});
    let touched = false;
    const set = (key: string) => {
      put(defaults, key, { ...(rec(defaults[key]) ?? {}), agentId: id });
      touched = true;
    };
    if (!entries.some((e) => rec(e)?.heartbeat) && defaults.heartbeat === undefined) set('heartbeat');
    if (unset('systemAgent')) set('systemAgent');
    if (id !== 'main' && unset('authInheritance')) set('authInheritance');
    // A fixed session store (one file, no `{agentId}`) belonged to the default agent.
    const store = rec(root.session)?.store;
    if (typeof store === 'string' && store.trim() && !store.includes('{agentId}') && unset('sessionStore'))
      set('sessionStore');
    if (touched) {
      if (rawDefaults === undefined) agents.defaults = defaults;
      changed = true;
    }
  }
  const talk = root.talk;
  if (talk === undefined || (isRec(talk) && !has(talk, 'agentId'))) {
    root.talk = { ...(rec(talk) ?? {}), agentId: id };
    changed = true;
  }
  return changed;
}

export interface RosterStep {
  /** The roster changed (and doctor would persist it). */
  changed: boolean;
  /** doctor's lines for what changed, in its order. */
  lines: string[];
  /** The single legacy `default: true` agent of a multi-agent roster (or the one `retained` from an earlier read). */
  legacyDefaultAgentId?: string;
}

/**
 * openclaw's reading of a persisted roster, applied to `root` in place: a valid legacy list made keyed (its first
 * agent pinned to the workspace it used when no agent was marked), a missing roster made `{ main: {} }`, a legacy
 * default agent's ownership materialized and its marker dropped. `retained` is the legacy default an earlier read of
 * the same config found; `workspace` also pins that agent's workspace.
 */
export function readRoster(root: Rec, options: { retained?: string; workspace?: boolean } = {}): RosterStep {
  const none: RosterStep = { changed: false, lines: [] };
  if (root.agents !== undefined && !isRec(root.agents)) return none;
  const agents: Rec = rec(root.agents) ?? {};
  let converted: Array<[string, Rec]> | undefined;
  let entries: unknown;
  let hasRoster = false;
  if (has(agents, 'entries') && agents.entries !== undefined) {
    entries = agents.entries;
    hasRoster = true;
  } else if (has(agents, 'list') && agents.list !== undefined) {
    converted = parseLegacyList(agents.list);
    if (!converted) return none;
    const keyed: Rec = {};
    for (const [id, config] of converted) put(keyed, id, config);
    entries = keyed;
    hasRoster = true;
  }
  const lines = converted ? [MOVED] : [];
  const attach = () => {
    if (converted) {
      delete agents.list;
      agents.entries = entries;
    }
    if (root.agents === undefined) root.agents = agents;
  };
  if (!hasRoster || (isRec(entries) && Object.keys(entries).length === 0)) {
    if (agents.ownership === 'explicit') {
      if (converted) attach();
      return { changed: converted !== undefined, lines };
    }
    attach();
    agents.entries = { main: {} };
    return { changed: true, lines };
  }
  if (!isRec(entries)) return none;
  const roster = entries;
  const validIds = converted ? converted.map(([id]) => id) : Object.keys(roster).filter((id) => isRec(roster[id]));
  if (validIds.length === 0) return none;
  if (validIds.some((id) => has(roster[id] as Rec, 'default') && typeof (roster[id] as Rec).default !== 'boolean'))
    return none;
  const marked = validIds.filter((id) => (roster[id] as Rec).default === true);
  const validMarker = agents.ownership !== 'explicit' && marked.length === 1;
  const legacyDefaultAgentId = options.retained ?? (validIds.length > 1 && validMarker ? marked[0] : undefined);
  attach();
  let changed = converted !== undefined;
  if (converted && !legacyDefaultAgentId && agents.ownership === undefined && validIds.length > 1) {
    const list = validIds.map((id) => roster[id] as Rec);
    if (list.every((e) => !has(e, 'default') || e.default === false)) {
      const pin = workspacePin(agents.defaults, list[0]!);
      if (pin !== undefined) {
        if (pin !== null) list[0]!.workspace = pin;
        lines.push(PINNED);
      }
    }
  }
  if (legacyDefaultAgentId && materializeDefaultAgentRoles(root, legacyDefaultAgentId, options.workspace === true)) {
    lines.push(MATERIALIZED);
    changed = true;
  }
  if (validMarker) {
    for (const id of Object.keys(roster)) {
      const entry = rec(roster[id]);
      if (has(entry, 'default')) delete entry.default;
    }
    lines.push(MARKERS);
    changed = true;
  }
  return { changed, lines, ...(legacyDefaultAgentId ? { legacyDefaultAgentId } : {}) };
}

const rosterSize = (root: Rec) => Object.keys(rec(rec(root.agents)?.entries) ?? {}).length;
const unowned = (root: Rec) => rec(root.agents)?.ownership === undefined && rosterSize(root) > 1;

/** doctor's roster step: the lines of the roster reading that needed persisting, then its own lines and stamp. */
function persistStep(draft: Rec, reading: RosterStep, needed: boolean, changes: string[]): void {
  if (!needed) return;
  const several = rosterSize(draft) > 1;
  changes.push(...new Set([...reading.lines, PREPARED, ...(several ? [STAMPED] : [])]));
  if (several) {
    const agents = rec(draft.agents)!;
    agents.ownership = 'explicit';
  }
}

export interface RosterFacts {
  /** The config as written (includes merged), before openclaw's in-memory reading. */
  raw: Rec;
  /** openclaw's in-memory reading of `raw` (the roster step's baseline). */
  read: RosterStep;
  /** The in-memory config before the migrations ran had several agents and no ownership. */
  unownedBefore: boolean;
  /** doctor committed the migrations before its main pass (valid result, no `$include`, no legacy key left). */
  committedEarly: boolean;
}

/** doctor's roster persistence after the legacy migrations (see the module comment); pushes its lines. */
export function persistRoster(draft: Rec, changes: string[], facts: RosterFacts): void {
  if (draft.agents !== undefined && !isRec(draft.agents)) return;
  if (facts.committedEarly) {
    // The early write persists the roster openclaw read, with the legacy default agent's workspace; the roster step
    // then reads the written file again.
    const owner = facts.read.legacyDefaultAgentId;
    if (owner) {
      materializeDefaultAgentRoles(draft, owner, true);
      if (unowned(draft)) rec(draft.agents)!.ownership = 'explicit';
    }
    const again = readRoster(draft, { workspace: true });
    persistStep(draft, again, again.changed || unowned(draft), changes);
    return;
  }
  const asWritten = readRoster(clonePlain(facts.raw));
  const needed = asWritten.changed || facts.unownedBefore;
  if (!needed) return;
  readRoster(draft, { retained: facts.read.legacyDefaultAgentId, workspace: true });
  persistStep(draft, asWritten, true, changes);
}

/**
 * A multi-agent roster whose ambient work (system agent, heartbeats) has no owner: the marked default agent when
 * ownership is explicit, else the `main` agent of a markerless roster.
 */
function missingSystemAgent(root: Rec): { agentId: string; heartbeatUnresolved: boolean } | undefined {
  const agents = rec(root.agents);
  if (!agents) return undefined;
  const defaults = rec(agents.defaults);
  const systemAgent = rec(defaults?.systemAgent);
  if (
    (agents.defaults !== undefined && !defaults) ||
    (defaults?.systemAgent !== undefined && !systemAgent) ||
    systemAgent?.agentId !== undefined
  )
    return undefined;
  let roster: Rec | undefined;
  if (agents.entries !== undefined) roster = rec(agents.entries);
  else {
    const list = parseLegacyList(agents.list);
    if (list) {
      roster = {};
      for (const [id, config] of list) put(roster, id, config);
    }
  }
  if (!roster) return undefined;
  const entries = Object.keys(roster).flatMap((id) => {
    const config = rec(roster[id]);
    return config && id.trim() ? [{ id: normalizeAgentId(id), config }] : [];
  });
  const marked = entries.filter((e) => e.config.default === true);
  if (entries.length < 2 || marked.length > 1 || (marked.length === 1 && agents.ownership !== 'explicit'))
    return undefined;
  const selected = marked[0] ?? entries.find((e) => e.id === 'main');
  if (!selected) return undefined;
  return {
    agentId: selected.id,
    heartbeatUnresolved: defaults?.heartbeat === undefined && !entries.some((e) => e.config.heartbeat),
  };
}

/** doctor's legacy issue for an ambient owner it can restore (checked on the config as written). */
export function detectMissingSystemAgent(root: Rec): Array<{ path: string; message: string }> {
  return missingSystemAgent(root)
    ? [
        {
          path: 'agents',
          message:
            'Legacy ambient operations have no system-agent owner; run "openclaw doctor --fix" to set agents.defaults.systemAgent.agentId from the default agent.',
        },
      ]
    : [];
}

/** Restores the legacy default agent as the owner of ambient operations (and of heartbeats, when none is set). */
export function restoreSystemAgent(root: Rec, changes: string[]): void {
  const owner = missingSystemAgent(root);
  if (!owner) return;
  const agents = rec(root.agents)!;
  const defaults = rec(agents.defaults) ?? {};
  if (agents.defaults === undefined) agents.defaults = defaults;
  const ensureRec = (key: string) => {
    const existing = rec(defaults[key]);
    if (existing) return existing;
    const created: Rec = {};
    put(defaults, key, created);
    return created;
  };
  ensureRec('systemAgent').agentId = owner.agentId;
  changes.push(`Set agents.defaults.systemAgent.agentId to ${owner.agentId} for legacy ambient operations.`);
  if (owner.heartbeatUnresolved) {
    ensureRec('heartbeat').agentId = owner.agentId;
    changes.push(`Set agents.defaults.heartbeat.agentId to ${owner.agentId} for legacy heartbeats.`);
  }
}

/** Channel plugins that ship with openclaw and list accounts (the others are npm plugins doctor cannot load offline). */
const BUNDLED_ACCOUNT_CHANNELS = ['telegram'];

const configured = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : isRec(v));
const accountKey = (v: string) => normalizeAgentId(v);

/** A binding that routes the channel account with no peer, guild, team or role context. */
function routesAccount(binding: unknown, channel: string, accountId: string): boolean {
  const match = rec(rec(binding)?.match);
  if (!match || typeof match.channel !== 'string' || match.channel.trim().toLowerCase() !== channel) return false;
  if (match.peer !== undefined || !blank(match.guildId) || !blank(match.teamId)) return false;
  if (Array.isArray(match.roles) && match.roles.length > 0) return false;
  const bound = typeof match.accountId === 'string' ? match.accountId.trim() : '';
  if (bound === '*') return true;
  return (bound ? accountKey(bound) : 'default') === accountId;
}

/** The accounts of a bundled channel: its configured accounts, the accounts bindings name, its implicit default. */
function channelAccountIds(root: Rec, channel: string, entry: Rec): string[] {
  const ids = new Set<string>();
  for (const key of Object.keys(rec(entry.accounts) ?? {})) if (key) ids.add(accountKey(key));
  for (const b of Array.isArray(root.bindings) ? root.bindings : []) {
    const match = rec(rec(b)?.match);
    if (!match || typeof match.channel !== 'string' || match.channel.trim().toLowerCase() !== channel) continue;
    const id = typeof match.accountId === 'string' ? match.accountId.trim() : '';
    if (id && id !== '*') ids.add(accountKey(id));
  }
  if (configured(entry.botToken) || configured(entry.tokenFile) || ids.size === 0) ids.add('default');
  return [...ids].sort();
}

/**
 * A legacy markerless multi-agent list gave every channel account no binding routed to its first agent; explicit
 * ownership would leave those accounts without an owner, so doctor binds each of them to that agent (bundled channels
 * only: offline, doctor cannot load the others). `raw` is the config as written.
 */
export function preserveChannelAccountOwners(root: Rec, changes: string[], raw: Rec): void {
  const agentIds = Object.keys(rec(rec(root.agents)?.entries) ?? {});
  if (agentIds.length < 2 || rec(root.plugins)?.enabled === false) return;
  const bindings = root.bindings === undefined ? [] : root.bindings;
  if (
    !Array.isArray(bindings) ||
    !bindings.every((b) => {
      const match = rec(rec(b)?.match);
      return (
        match !== undefined &&
        typeof b.agentId === 'string' &&
        b.agentId.trim() !== '' &&
        typeof match.channel === 'string' &&
        (match.accountId === undefined || typeof match.accountId === 'string')
      );
    })
  )
    return;
  const source = rec(raw.agents);
  const list = source?.list;
  if (
    !source ||
    source.ownership !== undefined ||
    source.entries !== undefined ||
    !Array.isArray(list) ||
    list.length < 2 ||
    !list.every((e) => isRec(e) && !blank(e.id) && (e.default === undefined || e.default === false))
  )
    return;
  const owner = normalizeAgentId((list[0] as Rec).id);
  if (!agentIds.some((id) => normalizeAgentId(id) === owner)) return;
  const channels = rec(root.channels) ?? {};
  const added: Rec[] = [];
  for (const channel of BUNDLED_ACCOUNT_CHANNELS) {
    const entry = rec(channels[channel]);
    if (!entry || entry.enabled === false) continue;
    const accounts = rec(entry.accounts) ?? {};
    for (const accountId of channelAccountIds(root, channel, entry)) {
      const key = Object.keys(accounts).find((k) => accountKey(k) === accountId);
      if (key !== undefined && rec(accounts[key])?.enabled === false) continue;
      if (bindings.some((b) => routesAccount(b, channel, accountId))) continue;
      const binding = { agentId: owner, match: { channel, accountId } };
      added.push(binding);
      changes.push(`Preserved ${channel}:${accountId} ownership with binding ${JSON.stringify(binding)}.`);
    }
  }
  if (added.length > 0) root.bindings = [...bindings, ...added];
}
