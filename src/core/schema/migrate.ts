/**
 * The in-memory rewrites openclaw 2026.9.6 applies to a config before schema validation (the file is not changed):
 * a valid legacy `agents.list` becomes keyed `agents.entries`, a missing roster becomes `{ main: {} }`, and a
 * single legacy `default: true` marker is dropped (openclaw then treats the roster as explicitly owned).
 */
import { isRecord } from '../records.ts';
import { normalizeAgentId } from '../agent-id.ts';

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A copy of `obj` with `key` set, keeping an own `__proto__` key as data. */
function withKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj))
    Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj))
    if (k !== key)
      Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  return out;
}

function parseLegacyList(value: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const entry of value) {
    if (!isRecord(entry)) return undefined;
    const id = own(entry, 'id');
    if (typeof id !== 'string' || !id || id.trim() !== id) return undefined;
    if (normalizeAgentId(id) !== id || seen.has(id)) return undefined;
    seen.add(id);
    Object.defineProperty(out, id, {
      value: without(entry, 'id'),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

interface MigrationResult {
  config: unknown;
  /** Set when a single legacy default marker was dropped from a multi-agent roster. */
  legacyDefaultAgentId?: string;
}

function migrateRoster(raw: unknown): MigrationResult {
  if (!isRecord(raw)) return { config: raw };
  if (Object.prototype.hasOwnProperty.call(raw, 'agents') && !isRecord(raw.agents)) return { config: raw };
  let agents: Record<string, unknown> = isRecord(raw.agents) ? raw.agents : {};
  let converted = false;
  let entries: unknown;
  let hasRoster = false;
  if (own(agents, 'entries') !== undefined) {
    entries = agents.entries;
    hasRoster = true;
  } else if (own(agents, 'list') !== undefined) {
    const parsed = parseLegacyList(agents.list);
    if (!parsed) return { config: raw };
    agents = withKey(without(agents, 'list'), 'entries', parsed);
    entries = parsed;
    converted = true;
    hasRoster = true;
  }
  if (!hasRoster || (isRecord(entries) && Object.keys(entries).length === 0)) {
    if (own(agents, 'ownership') === 'explicit') return { config: converted ? withKey(raw, 'agents', agents) : raw };
    return { config: withKey(raw, 'agents', withKey(agents, 'entries', { main: {} })) };
  }
  if (!isRecord(entries)) return { config: raw };
  const roster = entries;
  const validIds = Object.keys(roster).filter((id) => isRecord(roster[id]));
  if (validIds.length === 0) return { config: raw };
  if (
    validIds.some((id) => {
      const e = roster[id] as Record<string, unknown>;
      return Object.prototype.hasOwnProperty.call(e, 'default') && typeof e.default !== 'boolean';
    })
  )
    return { config: raw };
  const marked = validIds.filter((id) => (roster[id] as Record<string, unknown>).default === true);
  const validMarker = own(agents, 'ownership') !== 'explicit' && marked.length === 1;
  const legacyDefaultAgentId = validIds.length > 1 && validMarker ? marked[0] : undefined;
  let next = converted ? withKey(raw, 'agents', agents) : raw;
  if (validMarker) {
    const stripped: Record<string, unknown> = {};
    for (const id of Object.keys(roster)) {
      const e = roster[id];
      Object.defineProperty(stripped, id, {
        value: isRecord(e) ? without(e, 'default') : e,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    next = withKey(next as Record<string, unknown>, 'agents', withKey(agents, 'entries', stripped));
  }
  return legacyDefaultAgentId ? { config: next, legacyDefaultAgentId } : { config: next };
}

function clone(value: unknown, depth = 0): unknown {
  if (depth > 500) return value;
  if (Array.isArray(value)) return value.map((v) => clone(v, depth + 1));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value))
    Object.defineProperty(out, k, {
      value: clone(value[k], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * Context budgets moved to models: provider-level `contextTokens`/`contextWindow` are baked into the provider's
 * explicit model entries (or dropped), and agent-level `contextTokens` is dropped, before validation.
 */
export function migrateContextBudgets(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const providers = isRecord(raw.models) ? raw.models.providers : undefined;
  const agents = raw.agents;
  const providerHit =
    isRecord(providers) &&
    Object.values(providers).some(
      (p) =>
        isRecord(p) &&
        (Object.prototype.hasOwnProperty.call(p, 'contextTokens') ||
          Object.prototype.hasOwnProperty.call(p, 'contextWindow')),
    );
  const agentHit =
    isRecord(agents) &&
    ((isRecord(agents.defaults) && Object.prototype.hasOwnProperty.call(agents.defaults, 'contextTokens')) ||
      (isRecord(agents.entries) &&
        Object.values(agents.entries).some(
          (e) => isRecord(e) && Object.prototype.hasOwnProperty.call(e, 'contextTokens'),
        )) ||
      (Array.isArray(agents.list) &&
        agents.list.some((e) => isRecord(e) && Object.prototype.hasOwnProperty.call(e, 'contextTokens'))));
  if (!providerHit && !agentHit) return raw;
  const next = clone(raw) as Record<string, unknown>;
  const nextProviders = isRecord(next.models) ? next.models.providers : undefined;
  if (isRecord(nextProviders)) {
    for (const id of Object.keys(nextProviders)) {
      const p = nextProviders[id];
      if (!isRecord(p)) continue;
      for (const key of ['contextTokens', 'contextWindow']) {
        if (!Object.prototype.hasOwnProperty.call(p, key)) continue;
        if (Array.isArray(p.models) && p.models.length > 0)
          for (const m of p.models) if (isRecord(m) && m[key] === undefined) m[key] = p[key];
        delete p[key];
      }
    }
  }
  const a = next.agents;
  if (isRecord(a)) {
    if (isRecord(a.defaults)) delete a.defaults.contextTokens;
    if (isRecord(a.entries)) for (const e of Object.values(a.entries)) if (isRecord(e)) delete e.contextTokens;
    if (Array.isArray(a.list)) for (const e of a.list) if (isRecord(e)) delete e.contextTokens;
  }
  return next;
}

/** Applies openclaw's pre-validation rewrites; the result is what openclaw's schema sees. */
export function migrateBeforeValidation(raw: unknown): unknown {
  const roster = migrateRoster(migrateContextBudgets(raw));
  let config = roster.config;
  // With a retained legacy default, openclaw validates a multi-agent roster as if ownership were explicit.
  if (roster.legacyDefaultAgentId && isRecord(config) && isRecord(config.agents)) {
    const agents = config.agents;
    if (isRecord(agents.entries) && Object.keys(agents.entries).length > 1 && own(agents, 'ownership') === undefined) {
      config = withKey(config, 'agents', withKey(agents, 'ownership', 'explicit'));
    }
  }
  return config;
}
