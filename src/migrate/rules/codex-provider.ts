/**
 * doctor's `models.providers.codex-routes->models.providers.openai` migration: the legacy Codex-route providers
 * (`models.providers.codex` / `openai-codex`) become the canonical `models.providers.openai` (moved when there is none,
 * their new models merged into it, or removed when it already has them), and the retired `openai-codex-responses` API
 * becomes `openai-chatgpt-responses`. A provider is left alone (and reported) when its models collide with different
 * definitions, when provider-level defaults cannot be carried onto the merged models, or when a `modelPolicy.allow`
 * wildcard `codex/*` would widen to every OpenAI model.
 */
import { has, isRec, put, rec, samePlain, visitAgentScopes, type Rec } from '../draft.ts';
import type { LegacyIssue } from '../migration.ts';

const OPENAI = 'openai';
const LEGACY_API = 'openai-codex-responses';
const CHATGPT_API = 'openai-chatgpt-responses';
/** Provider defaults that cannot be scoped onto individual merged models. */
const UNSCOPED_PROVIDER_KEYS = [
  'apiKey',
  'auth',
  'request',
  'timeoutSeconds',
  'region',
  'injectNumCtxForOpenAICompat',
  'localService',
  'headers',
  'authHeader',
];
/** Canonical-provider settings that would leak onto the merged models. */
const CANONICAL_LEAK_KEYS = [
  'apiKey',
  'auth',
  'contextWindow',
  'contextTokens',
  'maxTokens',
  'timeoutSeconds',
  'region',
  'injectNumCtxForOpenAICompat',
  'params',
  'agentRuntime',
  'localService',
  'headers',
  'authHeader',
  'request',
];

const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
export const isLegacyCodexProvider = (id: unknown) => ['codex', 'openai-codex'].includes(norm(id));
const defined = (r: Rec, k: string) => has(r, k) && r[k] !== undefined;

/** `modelPolicy.allow` entries `codex/*` / `openai-codex/*`, by provider: those providers cannot migrate. */
function wildcardPaths(root: Rec): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const agents = rec(root.agents);
  // doctor visits agents.entries, or the legacy list when there are no entries.
  const scopes: Array<[Rec, string]> = [];
  visitAgentScopes(root, (scope, path) => {
    if (path.startsWith('agents.list.') && rec(agents?.entries)) return;
    scopes.push([scope, path.startsWith('agents.list.') ? `agents.list[${path.slice(12)}]` : path]);
  });
  for (const [scope, path] of scopes) {
    const allow = rec(scope.modelPolicy)?.allow;
    if (!Array.isArray(allow)) continue;
    allow.forEach((entry, index) => {
      if (typeof entry !== 'string' || !entry.trim().endsWith('/*')) return;
      const provider = norm(entry.trim().slice(0, -2));
      if (!isLegacyCodexProvider(provider)) return;
      out.set(provider, [...(out.get(provider) ?? []), `${path}.modelPolicy.allow.${index}`]);
    });
  }
  return out;
}

/** The provider with `openai-codex-responses` replaced (on it and on its models). */
function normalizeApi(providerId: string, provider: Rec, changes: string[]): { value: Rec; changed: boolean } {
  let changed = false;
  const next: Rec = { ...provider };
  if (next.api === LEGACY_API) {
    next.api = CHATGPT_API;
    changes.push(`Moved models.providers.${providerId}.api "${LEGACY_API}" → "${CHATGPT_API}".`);
    changed = true;
  }
  if (Array.isArray(provider.models)) {
    let modelsChanged = false;
    const models = provider.models.map((model: unknown, index: number) => {
      if (!isRec(model) || model.api !== LEGACY_API) return model;
      modelsChanged = true;
      changes.push(`Moved models.providers.${providerId}.models[${index}].api "${LEGACY_API}" → "${CHATGPT_API}".`);
      return { ...model, api: CHATGPT_API };
    });
    if (modelsChanged) {
      next.models = models;
      changed = true;
    }
  }
  return { value: next, changed };
}

function canonicalEntry(providers: Rec): { key: string; value: Rec } | undefined {
  const key = Object.keys(providers).find((k) => norm(k) === OPENAI);
  const value = key === undefined ? undefined : rec(providers[key]);
  return key !== undefined && value ? { key, value } : undefined;
}

const runtimeId = (v: unknown) => {
  const id = norm(v);
  if (!id) return undefined;
  if (id === 'pi') return 'openclaw';
  return id === 'codex-app-server' ? 'codex' : id;
};

/** A model moved from `models.providers.codex` runs on the Codex runtime unless it chose another. */
function movedCodexRuntime(legacyId: string, legacy: Rec, model: Rec): Rec | undefined {
  if (norm(legacyId) !== 'codex') return undefined;
  const own = rec(model.agentRuntime);
  const ownId = runtimeId(own?.id);
  if (ownId && ownId !== 'auto') return undefined;
  if (ownId === 'auto') return { ...own, id: 'codex' };
  const providerRuntime = rec(legacy.agentRuntime);
  const providerId = runtimeId(providerRuntime?.id);
  return providerId && providerId !== 'auto' ? providerRuntime : { ...providerRuntime, id: 'codex' };
}

/** The exact shape `/models add` wrote for Codex models (marked as such when merged). */
function isModelsAddCodexShape(providerId: string, model: Rec): boolean {
  const provider = norm(providerId);
  if (provider !== 'codex' && provider !== 'openai-codex') return false;
  const id = norm(model.id);
  const cost = rec(model.cost);
  const input = model.input;
  return (
    (id === 'gpt-5.5' || id === 'gpt-5.5-pro') &&
    (model.api === LEGACY_API || model.api === CHATGPT_API) &&
    model.reasoning === true &&
    Array.isArray(input) &&
    input.length === 2 &&
    input[0] === 'text' &&
    input[1] === 'image' &&
    cost?.input === 5 &&
    cost.output === 30 &&
    cost.cacheRead === 0.5 &&
    cost.cacheWrite === 0 &&
    model.contextWindow === 400000 &&
    model.contextTokens === 272000 &&
    model.maxTokens === 128000
  );
}

/** A legacy provider's model as it would read once merged: provider-level settings it relied on carried onto it. */
function mergedModel(model: unknown, legacy: Rec, legacyId: string): unknown {
  if (!isRec(model)) return model;
  const patch: Rec = {};
  const runtime = movedCodexRuntime(legacyId, legacy, model);
  if (typeof legacy.baseUrl === 'string' && legacy.baseUrl && !model.baseUrl) patch.baseUrl = legacy.baseUrl;
  if (typeof legacy.api === 'string' && legacy.api && !model.api) patch.api = legacy.api;
  for (const key of ['contextWindow', 'contextTokens', 'maxTokens'])
    if (typeof legacy[key] === 'number' && model[key] === undefined) put(patch, key, legacy[key]);
  const legacyParams = rec(legacy.params);
  if (legacyParams) {
    const own = rec(model.params);
    if (own) patch.params = { ...legacyParams, ...own };
    else if (model.params === undefined) patch.params = legacyParams;
  }
  if (runtime) patch.agentRuntime = runtime;
  else if (rec(legacy.agentRuntime) && model.agentRuntime === undefined) patch.agentRuntime = legacy.agentRuntime;
  if (model.metadataSource === undefined && isModelsAddCodexShape(legacyId, model)) patch.metadataSource = 'models-add';
  return Object.keys(patch).length > 0 ? { ...model, ...patch } : model;
}

const modelsOf = (p: Rec) => (Array.isArray(p.models) ? (p.models as unknown[]) : []);

/** Legacy model ids (or names) the canonical provider also defines, differently. */
function collisions(canonical: Rec, legacy: Rec, legacyId: string): string[] {
  const out = new Set<string>();
  for (const model of modelsOf(legacy)) {
    const r = rec(model);
    const id = typeof r?.id === 'string' ? r.id : undefined;
    const name = typeof r?.name === 'string' ? r.name : undefined;
    if (!r || (!id && !name)) continue;
    const hits = modelsOf(canonical).filter((c) => (id ? rec(c)?.id === id : rec(c)?.name === name));
    if (hits.length === 0) continue;
    const effective = mergedModel(model, legacy, legacyId);
    const same = hits.every(
      (c) =>
        samePlain(mergedModel(c, canonical, OPENAI), effective) &&
        UNSCOPED_PROVIDER_KEYS.every((k) => samePlain(canonical[k], legacy[k])),
    );
    if (!same) out.add(id ?? name ?? 'unknown');
  }
  return [...out];
}

/** Legacy models the canonical provider lacks (by id, else by name). */
function mergeable(canonical: Rec, legacy: Rec): unknown[] {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const m of modelsOf(canonical)) {
    const r = rec(m);
    if (typeof r?.id === 'string' && r.id) ids.add(r.id);
    if (typeof r?.name === 'string' && r.name) names.add(r.name);
  }
  return modelsOf(legacy).filter((m) => {
    const r = rec(m);
    if (!r) return false;
    const id = typeof r.id === 'string' ? r.id : undefined;
    const name = typeof r.name === 'string' ? r.name : undefined;
    if (!id && !name) return false;
    return id ? !ids.has(id) : name ? !names.has(name) : false;
  });
}

function blockers(canonical: Rec, legacy: Rec, legacyId: string): string[] {
  return [
    ...UNSCOPED_PROVIDER_KEYS.filter((k) => defined(legacy, k)).map((k) => `models.providers.${legacyId}.${k}`),
    ...CANONICAL_LEAK_KEYS.filter((k) => defined(canonical, k)).map((k) => `models.providers.${OPENAI}.${k}`),
  ];
}

/** A `models.providers.codex` moved whole: its models keep the Codex runtime. */
function prepareMove(providerId: string, provider: Rec): Rec {
  if (norm(providerId) !== 'codex' || !Array.isArray(provider.models)) return provider;
  return {
    ...provider,
    models: provider.models.map((model: unknown) => {
      if (!isRec(model)) return model;
      const runtime = movedCodexRuntime(providerId, provider, model);
      return runtime ? { ...model, agentRuntime: runtime } : model;
    }),
  };
}

function autoFixable(providers: Rec, root: Rec): boolean {
  const wildcards = wildcardPaths(root);
  const canonical = canonicalEntry(providers);
  for (const id of Object.keys(providers)) {
    const provider = rec(providers[id]);
    if (!provider || !isLegacyCodexProvider(id) || wildcards.has(norm(id))) continue;
    const normalized = normalizeApi(id, provider, []);
    if (normalized.changed || !canonical) return true;
    if (collisions(canonical.value, normalized.value, id).length > 0) continue;
    if (mergeable(canonical.value, normalized.value).length === 0) return true;
    if (blockers(canonical.value, normalized.value, id).length === 0) return true;
  }
  return false;
}

export function detectCodexProviders(root: Rec): LegacyIssue[] {
  const providers = rec(rec(root.models)?.providers);
  if (!providers) return [];
  const out: LegacyIssue[] = [];
  if (autoFixable(providers, root))
    out.push({
      path: 'models.providers',
      message:
        'models.providers.codex and models.providers.openai-codex are legacy; run "openclaw doctor --fix" to move them to models.providers.openai.',
    });
  const legacyApi = Object.values(providers).some((value) => {
    const p = rec(value);
    return p?.api === LEGACY_API || (Array.isArray(p?.models) && p.models.some((m) => rec(m)?.api === LEGACY_API));
  });
  if (legacyApi)
    out.push({
      path: 'models.providers',
      message: 'openai-codex-responses is legacy; run "openclaw doctor --fix" to use openai-chatgpt-responses.',
    });
  return out;
}

export function migrateCodexProviders(root: Rec, changes: string[]): void {
  const providers = rec(rec(root.models)?.providers);
  if (!providers) return;
  const wildcards = wildcardPaths(root);
  for (const id of Object.keys(providers)) {
    const provider = rec(providers[id]);
    if (!provider) continue;
    if (isLegacyCodexProvider(id) && wildcards.has(norm(id))) continue;
    const normalized = normalizeApi(id, provider, changes);
    if (!isLegacyCodexProvider(id)) {
      if (normalized.changed) put(providers, id, normalized.value);
      continue;
    }
    const canonical = canonicalEntry(providers);
    if (!Object.keys(providers).some((k) => norm(k) === OPENAI)) {
      put(providers, OPENAI, prepareMove(id, normalized.value));
      changes.push(`Moved models.providers.${id} → models.providers.${OPENAI}.`);
    } else {
      const target = canonical?.value ?? {};
      const clashes = collisions(target, normalized.value, id);
      const toMerge = mergeable(target, normalized.value);
      const blocked = clashes.length === 0 && toMerge.length > 0 ? blockers(target, normalized.value, id) : [];
      if (clashes.length > 0 || blocked.length > 0) {
        if (normalized.changed) {
          put(providers, id, normalized.value);
          changes.push(
            clashes.length > 0
              ? `Skipped merging models.providers.${id} into models.providers.${OPENAI} because colliding model definitions differ for: ${clashes.join(', ')}.`
              : `Skipped merging models.providers.${id} into models.providers.${OPENAI} because provider-level defaults cannot be represented safely on merged models: ${blocked.join(', ')}.`,
          );
        }
        continue;
      }
      const stamped = toMerge.map((m) => mergedModel(m, normalized.value, id));
      if (stamped.length > 0) {
        put(providers, canonical?.key ?? OPENAI, { ...target, models: [...modelsOf(target), ...stamped] });
        const names = stamped.map((m) => {
          const r = rec(m);
          return typeof r?.id === 'string' && r.id ? r.id : typeof r?.name === 'string' && r.name ? r.name : 'unknown';
        });
        changes.push(
          `Merged ${stamped.length} model(s) from models.providers.${id} into models.providers.${OPENAI}: ${names.join(', ')}.`,
        );
      } else changes.push(`Removed models.providers.${id} because models.providers.${OPENAI} already exists.`);
    }
    delete providers[id];
  }
}
