/**
 * Provider compatibility repairs doctor makes to model and skill settings:
 * - the bundled Ollama plugin's legacy migration: the `OLLAMA_API_KEY` marker with its bare `ollama:default` auth
 *   profile becomes the `ollama-local` key (a doctor migration line);
 * - the retired `nano-banana-pro` skill: its image model becomes `agents.defaults.mediaModels.image`, its Gemini key
 *   `models.providers.google.apiKey`, and the skill entry goes ("Doctor changes");
 * - the retired `api: "openai"` adapter id becomes `openai-completions` ("Doctor changes");
 * - native Ollama models get `params.num_ctx` from their context budget ("Doctor changes").
 */
import { ensure, has, isRec, put, rec, type Rec } from '../draft.ts';
import type { LegacyIssue } from '../migration.ts';

const OLLAMA_PROFILE = 'ollama:default';

function isLegacyOllamaLocal(root: Rec): boolean {
  const provider = rec(rec(rec(root.models)?.providers)?.ollama);
  const profile = rec(rec(rec(root.auth)?.profiles)?.[OLLAMA_PROFILE]);
  return (
    provider?.api === 'ollama' &&
    provider.apiKey === 'OLLAMA_API_KEY' &&
    profile?.provider === 'ollama' &&
    profile.mode === 'api_key' &&
    Object.keys(profile).length === 2
  );
}

export function detectOllamaLocalAuth(root: Rec): LegacyIssue[] {
  return isLegacyOllamaLocal(root)
    ? [
        {
          path: 'models.providers.ollama',
          message: 'Legacy local Ollama authentication markers must be migrated. Run "openclaw doctor --fix".',
        },
      ]
    : [];
}

export function migrateOllamaLocalAuth(root: Rec, changes: string[]): void {
  if (!isLegacyOllamaLocal(root)) return;
  rec(rec(rec(root.models)?.providers)?.ollama)!.apiKey = 'ollama-local';
  const auth = rec(root.auth)!;
  const profiles = rec(auth.profiles)!;
  delete profiles[OLLAMA_PROFILE];
  if (Object.keys(profiles).length === 0) delete auth.profiles;
  if (Object.keys(auth).length === 0) delete root.auth;
  changes.push(
    `Migrated models.providers.ollama.apiKey to ollama-local and removed the obsolete ${OLLAMA_PROFILE} auth profile marker.`,
  );
}

const NANO_BANANA = 'nano-banana-pro';
const NANO_BANANA_MODEL = 'google/gemini-3-pro-image-preview';
const GOOGLE_API_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

export function nanoBananaSkill(root: Rec, changes: string[]): void {
  const skills = rec(root.skills);
  if (!skills) return;
  if (Array.isArray(skills.allowBundled)) {
    const kept = skills.allowBundled.filter((v) => typeof v !== 'string' || v.trim() !== NANO_BANANA);
    if (kept.length !== skills.allowBundled.length) {
      if (kept.length === 0) {
        delete skills.allowBundled;
        changes.push(`Removed skills.allowBundled entry for ${NANO_BANANA}.`);
      } else {
        skills.allowBundled = kept;
        changes.push(`Removed ${NANO_BANANA} from skills.allowBundled.`);
      }
    }
  }
  const entries = rec(skills.entries);
  const legacy = rec(entries?.[NANO_BANANA]);
  if (!entries || !legacy || !has(entries, NANO_BANANA)) {
    if (Object.keys(skills).length === 0) delete root.skills;
    return;
  }
  const defaults = rec(rec(root.agents)?.defaults);
  if (rec(defaults?.mediaModels)?.image === undefined) {
    const media = ensure(ensure(ensure(root, 'agents'), 'defaults'), 'mediaModels');
    media.image = { primary: NANO_BANANA_MODEL };
    changes.push(
      `Moved skills.entries.${NANO_BANANA} → agents.defaults.mediaModels.image.primary (${NANO_BANANA_MODEL}).`,
    );
  }
  const envKey =
    typeof rec(legacy.env)?.GEMINI_API_KEY === 'string' ? (rec(legacy.env)!.GEMINI_API_KEY as string).trim() : '';
  const apiKey =
    envKey ||
    (typeof legacy.apiKey === 'string'
      ? legacy.apiKey.trim() || undefined
      : isRec(legacy.apiKey)
        ? structuredClone(legacy.apiKey)
        : undefined);
  const google = rec(rec(rec(root.models)?.providers)?.google);
  if (google?.apiKey === undefined && apiKey) {
    const target = google ?? ensure(ensure(ensure(root, 'models'), 'providers'), 'google');
    target.apiKey = apiKey;
    if (!target.baseUrl) target.baseUrl = GOOGLE_API_BASE_URL;
    if (!Array.isArray(target.models)) target.models = [];
    changes.push(
      `Moved skills.entries.${NANO_BANANA}.${envKey ? 'env.GEMINI_API_KEY' : 'apiKey'} → models.providers.google.apiKey.`,
    );
  }
  delete entries[NANO_BANANA];
  if (Object.keys(entries).length === 0) delete skills.entries;
  changes.push(`Removed legacy skills.entries.${NANO_BANANA}.`);
  if (Object.keys(skills).length === 0) delete root.skills;
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined);
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/** Native Ollama providers and models get `params.num_ctx` from their configured context budget. */
export function ollamaNumCtx(root: Rec, changes: string[]): void {
  const providers = rec(rec(root.models)?.providers);
  for (const id of Object.keys(providers ?? {})) {
    const provider = rec(providers![id]);
    if (!provider || !Array.isArray(provider.models)) continue;
    const native = lower(provider.api) === 'ollama';
    const hasNumCtx = (p: unknown) => isRec(p) && has(p, 'num_ctx');
    const anyContextTokens = provider.models.some((m) => isRec(m) && positive(m.contextTokens) !== undefined);
    if (native && !anyContextTokens && (provider.params === undefined || isRec(provider.params))) {
      const budget = positive(provider.contextWindow) ?? positive(provider.maxTokens);
      if (!hasNumCtx(provider.params) && budget !== undefined) {
        changes.push(`Set models.providers.${id}.params.num_ctx to ${budget} for native Ollama compatibility.`);
        provider.params = { ...(rec(provider.params) ?? {}), num_ctx: budget };
      }
    }
    const providerNumCtx = native && hasNumCtx(provider.params);
    provider.models.forEach((model, index) => {
      if (!isRec(model) || (lower(model.api) || lower(provider.api)) !== 'ollama') return;
      if (model.params !== undefined && !isRec(model.params)) return;
      if (hasNumCtx(model.params) || positive(model.contextTokens) !== undefined) return;
      const own = positive(model.contextWindow);
      const shared = positive(provider.contextWindow);
      const budget =
        own !== undefined || shared !== undefined
          ? (own ?? (providerNumCtx ? undefined : shared))
          : (positive(model.maxTokens) ?? (providerNumCtx ? undefined : positive(provider.maxTokens)));
      if (budget === undefined) return;
      changes.push(
        `Set models.providers.${id}.models[${index}].params.num_ctx to ${budget} for native Ollama compatibility.`,
      );
      put(model, 'params', { ...(rec(model.params) ?? {}), num_ctx: budget });
    });
  }
}

/** The retired `api: "openai"` adapter id (on a provider or one of its models) becomes `openai-completions`. */
export function openaiCompletionsApi(root: Rec, changes: string[]): void {
  const providers = rec(rec(root.models)?.providers);
  for (const id of Object.keys(providers ?? {})) {
    const provider = rec(providers![id]);
    if (!provider) continue;
    if (provider.api === 'openai') {
      provider.api = 'openai-completions';
      changes.push(`Moved models.providers.${id}.api "openai" → "openai-completions".`);
    }
    if (Array.isArray(provider.models))
      provider.models.forEach((model, index) => {
        if (!isRec(model) || model.api !== 'openai') return;
        model.api = 'openai-completions';
        changes.push(`Moved models.providers.${id}.models[${index}].api "openai" → "openai-completions".`);
      });
  }
}
