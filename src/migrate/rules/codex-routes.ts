/**
 * doctor's Codex route repairs, written with the migrations (its "Doctor changes" lines, not legacy migrations):
 * - model refs on the retired Codex providers (`openai-codex/<m>`, `codex/<m>`) become `openai/<m>`, and the agent
 *   scope that selected them records `models["openai/<m>"].agentRuntime.id: "codex"` so they keep Codex routing;
 * - the Codex plugin is enabled (and added to a restrictive `plugins.allow`) when a configured route runs on the
 *   Codex runtime, which is the default runtime of an OpenAI model on the official endpoints (the implicit default
 *   model `openai/gpt-6-astra` included);
 * - auth profiles of the retired providers (`openai-codex:<name>`) become `openai:<name>`.
 * Approximations (openclaw decides these with its OpenAI provider plugin and machine state): a route counts as
 * Codex's when no runtime is pinned and the OpenAI provider's `api`/`baseUrl` are unset or name the official
 * endpoints; compaction model refs and auth-profile suffixes inside model refs are not rewritten.
 */
import { has, isRec, put, rec, visitAgentScopes, type Rec } from '../draft.ts';
import { isLegacyCodexProvider } from './codex-provider.ts';

const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
const DEFAULT_MODEL_REF = 'openai/gpt-6-astra';

interface Hit {
  path: string;
  model: string;
  canonical: string;
}

/** `openai/<m>` for a ref on a retired Codex provider, else undefined. */
function canonicalRef(ref: string): string | undefined {
  const trimmed = ref.trim();
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || !isLegacyCodexProvider(trimmed.slice(0, slash))) return undefined;
  const model = trimmed.slice(slash + 1).trim();
  return model ? `openai/${model}` : undefined;
}

/** The agent scopes doctor repairs: the defaults, then each keyed entry. */
function scopes(root: Rec): Array<{ scope: Rec; path: string; defaults: boolean }> {
  const out: Array<{ scope: Rec; path: string; defaults: boolean }> = [];
  visitAgentScopes(root, (scope, path) => {
    if (!path.startsWith('agents.list.')) out.push({ scope, path, defaults: path === 'agents.defaults' });
  });
  return out;
}

const explicitRuntime = (v: unknown) => {
  const id = norm(rec(v)?.id);
  return id && id !== 'auto' && id !== 'default' ? (id === 'codex-app-server' ? 'codex' : id) : undefined;
};

function openaiProvider(root: Rec): Rec | undefined {
  const providers = rec(rec(root.models)?.providers);
  const key = Object.keys(providers ?? {}).find((k) => norm(k) === 'openai');
  return key === undefined ? undefined : rec(providers![key]);
}

const OFFICIAL_PLATFORM = /^https:\/\/api\.openai\.com(?:\/v1)?\/?$/i;
const OFFICIAL_CHATGPT = /^https:\/\/chatgpt\.com\/backend-api(?:\/codex)?\/?$/i;

/** Whether `openai/<modelId>` runs on the Codex runtime for this agent scope (see the module note). */
function openaiUsesCodex(root: Rec, modelId: string, scope?: Rec): boolean {
  const ref = `openai/${modelId}`;
  const defaults = rec(rec(root.agents)?.defaults);
  const provider = openaiProvider(root);
  const row = Array.isArray(provider?.models)
    ? provider.models.map(rec).find((m) => typeof m?.id === 'string' && m.id.trim() === modelId)
    : undefined;
  const pinned =
    explicitRuntime(rec(rec(scope?.models)?.[ref])?.agentRuntime) ??
    explicitRuntime(rec(rec(defaults?.models)?.[ref])?.agentRuntime) ??
    explicitRuntime(row?.agentRuntime) ??
    explicitRuntime(provider?.agentRuntime);
  if (pinned) return pinned === 'codex';
  if (provider && (provider.request !== undefined || provider.headers !== undefined)) return false;
  const api = (row?.api ?? provider?.api) as unknown;
  const baseUrl = (row?.baseUrl ?? provider?.baseUrl) as unknown;
  if (baseUrl === undefined)
    return api === undefined || api === 'openai-responses' || api === 'openai-chatgpt-responses';
  if (typeof baseUrl !== 'string') return false;
  if (OFFICIAL_PLATFORM.test(baseUrl.trim())) return api === undefined || api === 'openai-responses';
  if (OFFICIAL_CHATGPT.test(baseUrl.trim())) return api === undefined || api === 'openai-chatgpt-responses';
  return false;
}

/** A canonical ref (`openai/<m>`, or a bare id/alias read on the default provider) that runs on Codex. */
function refUsesCodex(root: Rec, ref: string, scope?: Rec): boolean {
  const trimmed = ref.trim();
  if (canonicalRef(trimmed)) return true;
  let resolved = trimmed;
  if (!trimmed.includes('/')) {
    const models = rec(rec(rec(root.agents)?.defaults)?.models) ?? {};
    const alias = Object.keys(models).find((k) => norm(rec(models[k])?.alias) === norm(trimmed));
    resolved = alias === undefined ? `openai/${trimmed}` : alias.includes('/') ? alias : `openai/${alias}`;
  }
  const slash = resolved.indexOf('/');
  if (slash <= 0 || norm(resolved.slice(0, slash)) !== 'openai') return false;
  const modelId = resolved.slice(slash + 1).trim();
  return modelId !== '' && openaiUsesCodex(root, modelId, scope);
}

interface Repair {
  root: Rec;
  hits: Hit[];
  blocked: Set<string>;
  policyLines: string[];
}

/** Records a hit for a retired-provider ref (unless its provider could not migrate); returns the new ref. */
function hit(r: Repair, path: string, value: string): string | undefined {
  const model = value.trim();
  const slash = model.indexOf('/');
  if (slash > 0 && r.blocked.has(norm(model.slice(0, slash)))) return undefined;
  const canonical = canonicalRef(model);
  if (canonical) r.hits.push({ path, model, canonical });
  return canonical;
}

/** A string slot or `{ primary, fallbacks }` selector; `when` limits which canonical refs are rewritten. */
function rewriteSlot(r: Repair, owner: Rec | undefined, key: string, path: string, when?: (c: string) => boolean) {
  if (!owner) return;
  const value = owner[key];
  const one = (v: string, at: string): string | undefined => {
    const canonical = canonicalRef(v);
    if (!canonical || (when && !when(canonical))) return undefined;
    return hit(r, at, v);
  };
  if (typeof value === 'string') {
    const next = one(value, path);
    if (next !== undefined) put(owner, key, next);
    return;
  }
  const selector = rec(value);
  if (!selector) return;
  if (typeof selector.primary === 'string') {
    const next = one(selector.primary, `${path}.primary`);
    if (next !== undefined) selector.primary = next;
  }
  if (Array.isArray(selector.fallbacks))
    selector.fallbacks = selector.fallbacks.map((entry, index) =>
      typeof entry === 'string' ? (one(entry, `${path}.fallbacks.${index}`) ?? entry) : entry,
    );
}

/** The scope's model map entry for a repaired ref keeps Codex routing (unless a runtime is pinned already). */
function keepCodexRuntime(r: Repair, scope: Rec, path: string, canonical: string) {
  const models = rec(scope.models);
  const entry = rec(models?.[canonical]);
  if (explicitRuntime(entry?.agentRuntime)) return;
  for (const key of Object.keys(models ?? {}))
    if (key !== canonical && canonicalRef(key) === canonical && explicitRuntime(rec(models![key])?.agentRuntime))
      return;
  const map = models ?? {};
  if (!models) put(scope, 'models', map);
  const target = entry ?? {};
  if (!entry) put(map, canonical, target);
  target.agentRuntime = { ...(rec(target.agentRuntime) ?? {}), id: 'codex' };
  r.policyLines.push(
    `Set ${path}.models.${canonical}.agentRuntime.id to "codex" so repaired OpenAI refs keep Codex auth routing.`,
  );
}

function repairScope(r: Repair, scope: Rec, path: string) {
  const keep = (from: number) => {
    for (const h of r.hits.slice(from)) keepCodexRuntime(r, scope, path, h.canonical);
  };
  const codex = (c: string) => openaiUsesCodex(r.root, c.slice('openai/'.length), scope);
  let start = r.hits.length;
  rewriteSlot(r, scope, 'model', `${path}.model`);
  keep(start);
  for (const key of ['utilityModel', 'imageModel', 'voiceModel', 'pdfModel'])
    rewriteSlot(r, scope, key, `${path}.${key}`, codex);
  const heartbeat = rec(scope.heartbeat);
  if (typeof heartbeat?.model === 'string') rewriteSlot(r, heartbeat, 'model', `${path}.heartbeat.model`, codex);
  rewriteSlot(r, rec(scope.subagents), 'model', `${path}.subagents.model`, codex);
  const media = rec(scope.mediaModels);
  for (const key of ['image', 'video', 'music']) rewriteSlot(r, media, key, `${path}.mediaModels.${key}`);
  start = r.hits.length;
  const allow = rec(scope.modelPolicy)?.allow;
  if (Array.isArray(allow))
    rec(scope.modelPolicy)!.allow = allow.map((entry, index) =>
      typeof entry === 'string' ? (hit(r, `${path}.modelPolicy.allow.${index}`, entry) ?? entry) : entry,
    );
  keep(start);
  start = r.hits.length;
  const models = rec(scope.models);
  for (const legacy of Object.keys(models ?? {})) {
    const canonical = hit(r, `${path}.models.${legacy}`, legacy);
    if (!canonical) continue;
    const legacyEntry = models![legacy] ?? {};
    const existing = models![canonical];
    let merged: unknown = existing ?? legacyEntry;
    if (isRec(legacyEntry) && isRec(existing)) {
      const m: Rec = { ...legacyEntry, ...existing };
      const legacyRuntime = rec(legacyEntry.agentRuntime);
      if (explicitRuntime(legacyRuntime) && !explicitRuntime(existing.agentRuntime))
        m.agentRuntime = { ...legacyRuntime, ...(rec(existing.agentRuntime) ?? {}), id: legacyRuntime!.id };
      merged = m;
    }
    put(models!, canonical, merged);
    delete models![legacy];
  }
  keep(start);
}

/** Model refs outside the agents that doctor repairs when they run on Codex. */
function repairElsewhere(r: Repair) {
  const codex = (c: string) => openaiUsesCodex(r.root, c.slice('openai/'.length));
  const byChannel = rec(rec(r.root.channels)?.modelByChannel);
  for (const channel of Object.keys(byChannel ?? {})) {
    const targets = rec(byChannel![channel]);
    for (const target of Object.keys(targets ?? {}))
      if (typeof targets![target] === 'string')
        rewriteSlot(r, targets, target, `channels.modelByChannel.${channel}.${target}`, codex);
  }
  const hooks = rec(r.root.hooks);
  if (Array.isArray(hooks?.mappings))
    hooks.mappings.forEach((mapping, index) => {
      if (typeof rec(mapping)?.model === 'string')
        rewriteSlot(r, rec(mapping), 'model', `hooks.mappings.${index}.model`, codex);
    });
  if (typeof rec(hooks?.gmail)?.model === 'string')
    rewriteSlot(r, rec(hooks!.gmail), 'model', 'hooks.gmail.model', codex);
  if (typeof rec(r.root.tts)?.summaryModel === 'string')
    rewriteSlot(r, rec(r.root.tts), 'summaryModel', 'tts.summaryModel', codex);
  const voice = rec(rec(rec(r.root.channels)?.discord)?.voice);
  if (typeof voice?.model === 'string') rewriteSlot(r, voice, 'model', 'channels.discord.voice.model', codex);
}

type Route = { ref: string; scope?: Rec };

/** A scope's own refs: its model selector, heartbeat and subagent models, and model entries pinned to Codex. */
function ownRoutes(scope: Rec | undefined): {
  model: Route[];
  heartbeat: Route[];
  subagents: Route[];
  pinned: Route[];
} {
  const selector = (v: unknown): Route[] => {
    if (typeof v === 'string') return v.trim() ? [{ ref: v.trim(), scope }] : [];
    const s = rec(v);
    if (!s) return [];
    const refs = [s.primary, ...(Array.isArray(s.fallbacks) ? s.fallbacks : [])];
    return refs.flatMap((r) => (typeof r === 'string' && r.trim() ? [{ ref: r.trim(), scope }] : []));
  };
  const beat = rec(scope?.heartbeat)?.model;
  const models = rec(scope?.models);
  return {
    model: scope && has(scope, 'model') ? selector(scope.model) : [],
    heartbeat: typeof beat === 'string' && beat.trim() ? [{ ref: beat.trim(), scope }] : [],
    subagents: selector(rec(scope?.subagents)?.model),
    pinned: Object.keys(models ?? {}).flatMap((key) =>
      key.trim() && explicitRuntime(rec(models![key])?.agentRuntime) === 'codex' ? [{ ref: key.trim(), scope }] : [],
    ),
  };
}

const primaryOf = (scope: Rec | undefined) => {
  const m = scope?.model;
  return typeof m === 'string'
    ? m.trim()
    : typeof rec(m)?.primary === 'string'
      ? (rec(m)!.primary as string).trim()
      : '';
};

/**
 * The routes the configured agents run, with the agent scope each applies to: an agent's own refs, else what it
 * inherits from the defaults (the implicit default model included when no default primary is set).
 */
function configuredRoutes(root: Rec): Route[] {
  const agents = rec(root.agents);
  const defaults = rec(agents?.defaults);
  const own = ownRoutes(defaults);
  const modelRefs = [...own.model];
  if (agents && !primaryOf(defaults)) {
    const implicit = implicitDefaultRef(root);
    if (!own.model.some((r) => r.ref === implicit)) modelRefs.push({ ref: implicit });
  }
  const byChannel = rec(rec(root.channels)?.modelByChannel);
  const channelRefs: Route[] = Object.keys(byChannel ?? {}).flatMap((channel) =>
    Object.values(rec(byChannel![channel]) ?? {}).flatMap((v) =>
      typeof v === 'string' && v.trim() ? [{ ref: v.trim() }] : [],
    ),
  );
  const entries = scopes(root).filter((s) => !s.defaults);
  if (entries.length === 0) return [...modelRefs, ...own.heartbeat, ...own.subagents, ...own.pinned, ...channelRefs];
  return entries.flatMap(({ scope }) => {
    const mine = ownRoutes(scope);
    const at = (routes: Route[]) => routes.map((r) => ({ ref: r.ref, scope }));
    return [
      ...at(channelRefs),
      ...mine.model,
      ...(primaryOf(scope) ? [] : at(modelRefs)),
      ...mine.heartbeat,
      ...mine.subagents,
      ...(mine.heartbeat.length > 0 ? [] : at(own.heartbeat)),
      ...(primaryOf(rec(scope.subagents) ? { model: rec(scope.subagents)!.model } : undefined)
        ? []
        : at(own.subagents)),
      ...at(own.pinned),
      ...mine.pinned,
    ];
  });
}

/** The model an agent without one runs: the first configured provider row when OpenAI's default is not listed. */
function implicitDefaultRef(root: Rec): string {
  const providers = rec(rec(root.models)?.providers);
  if (!providers) return DEFAULT_MODEL_REF;
  const openai = openaiProvider(root);
  const rows = Array.isArray(openai?.models) ? openai.models.map(rec) : [];
  if (rows.some((m) => m?.id) && rows.some((m) => m?.id === 'gpt-6-astra')) return DEFAULT_MODEL_REF;
  for (const id of Object.keys(providers)) {
    const models = rec(providers[id])?.models;
    if (!Array.isArray(models) || !rec(models[0])?.id) continue;
    const row = models.map(rec).find((m) => m?.id);
    if (row && typeof row.id === 'string') return `${norm(id)}/${row.id}`;
  }
  return DEFAULT_MODEL_REF;
}

function enableCodexPlugin(root: Rec, changes: string[]) {
  const plugins = rec(root.plugins);
  const listed = (list: unknown) => Array.isArray(list) && list.some((id) => norm(id) === 'codex');
  if (plugins?.enabled === false || listed(plugins?.deny) || rec(rec(plugins?.entries)?.codex)?.enabled === false)
    return;
  const allow = plugins?.allow;
  if (!Array.isArray(allow) || allow.length === 0 || listed(allow)) return;
  if (!configuredRoutes(root).some(({ ref, scope }) => refUsesCodex(root, ref, scope))) return;
  const entries = rec(plugins!.entries) ?? {};
  if (!rec(plugins!.entries)) put(plugins!, 'entries', entries);
  const entry = rec(entries.codex);
  if (entry?.enabled !== true) {
    put(entries, 'codex', { ...(entry ?? {}), enabled: true });
    changes.push('Enabled plugins.entries.codex because configured agent routes use Codex runtime.');
  }
  plugins!.allow = [...allow, 'codex'];
  changes.push('Added codex to plugins.allow because configured agent routes use Codex runtime.');
}

/** `openai-codex:<name>` auth profiles (and `auth.order` lists) move to the `openai` provider. */
function repairAuthProfiles(root: Rec, changes: string[]) {
  const auth = rec(root.auth);
  const profiles = rec(auth?.profiles);
  if (!auth) return;
  const target = (id: string) => {
    if (id === 'openai:codex-cli') return 'openai:default';
    const colon = id.indexOf(':');
    if (colon <= 0 || !isLegacyCodexProvider(id.slice(0, colon))) return undefined;
    return `openai:${id.slice(colon + 1).trim() || 'default'}`;
  };
  const idMap = new Map<string, string>();
  let changed = false;
  if (profiles) {
    const occupied = new Set(Object.keys(profiles).filter((id) => target(id) === undefined));
    for (const id of Object.keys(profiles)) {
      const profile = rec(profiles[id]);
      if (!profile) continue;
      const next = target(id);
      const legacyProvider = typeof profile.provider === 'string' && isLegacyCodexProvider(profile.provider);
      if (!next && !legacyProvider) continue;
      if (next && typeof profile.provider === 'string' && !legacyProvider && norm(profile.provider) !== 'openai')
        continue;
      let nextId = id;
      if (next) {
        nextId = next;
        for (let n = 1; occupied.has(nextId) && n < 1000; n++)
          nextId = `openai:chatgpt-${next.slice(7)}${n > 1 ? `-${n}` : ''}`;
      }
      occupied.add(nextId);
      const moved = { ...profile, provider: 'openai' };
      if (nextId !== id) {
        delete profiles[id];
        idMap.set(id, nextId);
      }
      put(profiles, nextId, moved);
      changed = true;
    }
  }
  const order = rec(auth.order);
  for (const provider of Object.keys(order ?? {})) {
    const list = order![provider];
    if (!Array.isArray(list)) continue;
    const mapped = list.map((e) => (typeof e === 'string' ? (idMap.get(e) ?? target(e) ?? e) : e));
    if (isLegacyCodexProvider(provider)) {
      const existing = order!.openai;
      if (existing !== undefined && !Array.isArray(existing)) continue;
      delete order![provider];
      put(order!, 'openai', [...((existing as unknown[]) ?? []), ...mapped]);
      changed = true;
    } else if (mapped.some((e, i) => e !== list[i])) {
      put(order!, provider, mapped);
      changed = true;
    }
  }
  if (changed) changes.push('Migrated legacy auth profile config to canonical providers.');
}

/** Legacy Codex providers still configured after the migration (it could not merge them): their refs stay. */
function blockedProviders(root: Rec): Set<string> {
  const out = new Set<string>();
  for (const id of Object.keys(rec(rec(root.models)?.providers) ?? {}))
    if (isLegacyCodexProvider(id)) out.add(norm(id));
  for (const { scope } of scopes(root)) {
    const allow = rec(scope.modelPolicy)?.allow;
    if (Array.isArray(allow))
      for (const entry of allow)
        if (
          typeof entry === 'string' &&
          entry.trim().endsWith('/*') &&
          isLegacyCodexProvider(entry.trim().slice(0, -2))
        )
          out.add(norm(entry.trim().slice(0, -2)));
  }
  return out;
}

/** The Codex route repairs (model refs, then the plugin); pushes doctor's lines. */
export function repairCodexRoutes(root: Rec, changes: string[]): void {
  const r: Repair = { root, hits: [], blocked: blockedProviders(root), policyLines: [] };
  for (const { scope, path } of scopes(root)) repairScope(r, scope, path);
  repairElsewhere(r);
  const pinLines: string[] = [];
  if (r.hits.length > 0 && r.blocked.size === 0)
    for (const { scope, path } of scopes(root))
      for (const key of ['embeddedHarness', 'agentRuntime'])
        if (isRec(scope[key]) && has(scope, key)) {
          delete scope[key];
          pinLines.push(`Removed ${path}.${key}; runtime is now provider/model scoped.`);
        }
  if (r.hits.length > 0)
    changes.push(
      `Repaired Codex model routes:\n${r.hits.map((h) => `- ${h.path}: ${h.model} -> ${h.canonical}.`).join('\n')}`,
    );
  changes.push(...r.policyLines, ...pinLines);
  enableCodexPlugin(root, changes);
}

export { repairAuthProfiles as repairCodexAuthProfiles };
