/**
 * doctor's model-ref canonicalization (`models.canonical-model-refs`): retired model ids in model settings are
 * replaced by their successors. The retired-id tables come from the pinned package (`scripts/gen-migrate-data.mjs`);
 * the Claude and Gemini successor rules are written here from openclaw's observable behaviour. Provider catalogs
 * (`models.providers.<id>.models[].id`) are upgraded too; rows that end up with the same id are merged into one.
 */
import retired from './data/doctor-data.json' with { type: 'json' };
import { has, isRec, put, samePlain, type Rec } from './draft.ts';

type Table = Record<string, string>;

/** `{ successor: "old1 old2" }` → `{ old1: successor, old2: successor }`. */
function invert(groups: Record<string, string>): Table {
  const out: Table = {};
  for (const [target, olds] of Object.entries(groups)) for (const old of olds.split(' ')) out[old] = target;
  return out;
}

const data = retired as unknown as Record<string, Record<string, string>>;
const GROQ = invert(data.RETIRED_GROQ_MODELS!);
const XAI = invert(data.RETIRED_XAI_MODELS!);
const OPENAI = invert(data.RETIRED_OPENAI_MODELS!);
const CODEX = invert(data.RETIRED_CODEX_MODEL_OVERRIDES!);

const STRING_KEYS = new Set([
  'model',
  'primary',
  'summaryModel',
  'imageModel',
  'utilityModel',
  'voiceModel',
  'imageGenerationModel',
  'musicGenerationModel',
  'pdfModel',
  'videoGenerationModel',
  'preferredModel',
]);
const ARRAY_KEYS = new Set(['fallback', 'fallbacks', 'allowedModels', 'modelFallbacks', 'imageModelFallbacks']);
const MAP_KEYS = new Set(['models']);

const GOOGLE_IDS: Table = {
  'gemini-3-pro': 'gemini-3.1-pro-preview',
  'gemini-3-pro-preview': 'gemini-3.1-pro-preview',
  'gemini-3-flash': 'gemini-3-flash-preview',
  'gemini-3.1-pro': 'gemini-3.1-pro-preview',
  'gemini-3.1-flash-lite-preview': 'gemini-3.1-flash-lite',
  'gemini-3.1-flash': 'gemini-3-flash-preview',
  'gemini-3.1-flash-preview': 'gemini-3-flash-preview',
  'gemma-4-26b': 'gemma-4-26b-a4b-it',
};
const GOOGLE_PROVIDERS = new Set(['google', 'google-gemini-cli', 'google-vertex']);

function lookup(table: Table, id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
}

/** A Claude model token's successor: retired Opus → 4.7 (4.6 on some resellers), retired Sonnet/Haiku → Sonnet 4.6. */
function claudeSuccessor(token: string, separator: string, provider: string): string | undefined {
  const t = token.toLowerCase();
  if (!t) return undefined;
  const target = (family: 'opus' | 'sonnet', sep = separator) => {
    const version = family === 'opus' && provider !== 'venice' && provider !== 'vercel-ai-gateway' ? '4.7' : '4.6';
    return `claude-${family}-${sep === '.' ? version : version.replace('.', '-')}`;
  };
  const versionPrefix = (prefixes: string[]) =>
    prefixes.some((p) => t === p || (t.startsWith(p) && '-.:@'.includes(t[p.length]!)));
  if (/^claude-(opus-4[-.][67]|sonnet-4[-.]6|haiku-4[-.]5)/.test(t)) return undefined;
  if (
    t === 'claude-opus-4' ||
    versionPrefix([
      'claude-opus-4-5',
      'claude-opus-4.5',
      'claude-opus-4-1',
      'claude-opus-4.1',
      'claude-opus-4-0',
      'claude-opus-4.0',
    ]) ||
    /^claude-opus-4-20\d{6}/.test(t)
  )
    return target('opus');
  if (
    t === 'claude-sonnet-4' ||
    versionPrefix([
      'claude-sonnet-4-5',
      'claude-sonnet-4.5',
      'claude-sonnet-4-1',
      'claude-sonnet-4.1',
      'claude-sonnet-4-0',
      'claude-sonnet-4.0',
    ]) ||
    /^claude-sonnet-4-20\d{6}/.test(t)
  )
    return target('sonnet');
  if (t.startsWith('claude-3') && t.includes('opus')) return target('opus');
  if (t.startsWith('claude-3') && (t.includes('sonnet') || t.includes('haiku'))) return target('sonnet');
  const bedrock = provider === 'amazon-bedrock' || provider === 'amazon-bedrock-mantle';
  if (t.startsWith('anthropic.claude-opus-'))
    return bedrock || /^anthropic\.claude-opus-4-[67]/.test(t) ? undefined : `anthropic.${target('opus', '-')}`;
  if (t.startsWith('anthropic.claude-sonnet-') || t.startsWith('anthropic.claude-haiku-'))
    return bedrock || t.startsWith('anthropic.claude-sonnet-4-6') ? undefined : `anthropic.${target('sonnet', '-')}`;
  if (['opus-4.5', 'opus-4.1', 'opus-4', 'opus-3'].includes(t)) return target('opus');
  if (
    [
      'sonnet-4.5',
      'sonnet-4.1',
      'sonnet-4.0',
      'sonnet-4',
      'sonnet-3.7',
      'sonnet-3.5',
      'sonnet-3',
      'haiku-3.5',
      'haiku-3',
    ].includes(t)
  )
    return target('sonnet');
  return undefined;
}

/** Whether a ref ends in an auth profile (`@name`; a `@YYYYMMDD` version or `@q4_k_m`/`@8bit` quantization is not one). */
export function hasAuthProfile(ref: string): boolean {
  return splitProfile(ref).profile !== undefined;
}

/** A trailing `@profile` split off a ref, keeping `@YYYYMMDD` versions and `@q4_k_m`/`@8bit` quantizations. */
function splitProfile(raw: string): { model: string; profile?: string } {
  const trimmed = raw.trim();
  if (!trimmed) return { model: '' };
  let at = trimmed.indexOf('@', trimmed.lastIndexOf('/') + 1);
  if (at <= 0) return { model: trimmed };
  if (/^\d{8}(?:@|$)/.test(trimmed.slice(at + 1))) {
    const next = trimmed.indexOf('@', at + 9);
    if (next < 0) return { model: trimmed };
    at = next;
  }
  if (/^(?:i?q\d+(?:_[a-z0-9]+)*|\d+bit)(?:@|$)/i.test(trimmed.slice(at + 1))) {
    const next = trimmed.indexOf('@', at + 1);
    if (next < 0) return { model: trimmed };
    at = next;
  }
  const model = trimmed.slice(0, at).trim();
  const profile = trimmed.slice(at + 1).trim();
  return model && profile ? { model, profile } : { model: trimmed };
}

/** Google's renamed preview ids (also under a `google/` namespace). */
function googlePreviewId(id: string): string {
  if (id.startsWith('google/')) {
    const inner = googlePreviewId(id.slice(7));
    return inner === id.slice(7) ? id : `google/${inner}`;
  }
  return lookup(GOOGLE_IDS, id) ?? id;
}

/** A catalog model id as openclaw writes it for a (lowercase) provider: Google and Together renames. */
function catalogIdForConfig(provider: string, model: string): string {
  if (GOOGLE_PROVIDERS.has(provider) || model.startsWith('google/')) return googlePreviewId(model);
  return provider === 'together' && model === 'moonshotai/Kimi-K2.5' ? 'moonshotai/Kimi-K2.6' : model;
}

/** `provider/model` with the provider lowercased and the model id renamed as openclaw writes it. */
function refForConfig(ref: string): string {
  const trimmed = ref.trim();
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash >= trimmed.length - 1) return trimmed;
  const provider = trimmed.slice(0, slash).trim().toLowerCase();
  const model = trimmed.slice(slash + 1).trim();
  return provider && model ? `${provider}/${catalogIdForConfig(provider, model)}` : trimmed;
}

/** The successor of a retired model ref (its provider kept as written), or undefined. */
function retiredSuccessor(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const split = splitProfile(trimmed);
  const profile = split.profile ? `@${split.profile}` : '';
  const slash = split.model.indexOf('/');
  const provider = slash > 0 ? split.model.slice(0, slash).trim() : '';
  const model = slash > 0 ? split.model.slice(slash + 1).trim() : split.model;
  const p = provider.toLowerCase();
  const m = model.toLowerCase();
  if (p === 'openai' && m === 'gpt-5.6') return `${provider}/gpt-5.6-sol${profile}`;
  const table =
    p === 'groq'
      ? lookup(GROQ, m)
      : p === 'xai'
        ? lookup(XAI, m)
        : p === 'openai' || p === 'openai-codex' || p === 'github-copilot'
          ? ((p === 'openai-codex' ? lookup(CODEX, m) : undefined) ?? lookup(OPENAI, m))
          : undefined;
  if (table) return `${provider}/${table}${profile}`;
  if ((p === 'github-copilot' || p === 'copilot-proxy') && m === 'grok-code-fast-1')
    return `${provider}/gpt-5.4-mini${profile}`;
  if (p && !['anthropic', 'github-copilot', 'copilot-proxy', 'venice', 'vercel-ai-gateway'].includes(p))
    return undefined;
  const separator = p === 'github-copilot' || p === 'copilot-proxy' ? '.' : '-';
  const parts = model.split('/');
  const last = parts[parts.length - 1] ? claudeSuccessor(parts[parts.length - 1]!, separator, p) : undefined;
  const next = last ? [...parts.slice(0, -1), last].join('/') : claudeSuccessor(model, separator, p);
  if (!next || next === model) return undefined;
  return `${provider ? `${provider}/${next}` : next}${profile}`;
}

/** The canonical form of a model ref (`provider/model[@profile]`), or undefined when it is already canonical. */
function canonicalModelRef(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return value === trimmed ? undefined : trimmed;
  const split = splitProfile(trimmed);
  const slash = split.model.indexOf('/');
  const provider = slash > 0 ? split.model.slice(0, slash).toLowerCase().trim() : '';
  const modelId = slash > 0 ? split.model.slice(slash + 1) : split.model;
  const renamed =
    GOOGLE_PROVIDERS.has(provider) || provider === 'together' || modelId.toLowerCase().startsWith('google/');
  const normalized = `${renamed ? refForConfig(split.model) : split.model}${split.profile ? `@${split.profile}` : ''}`;
  const result = retiredSuccessor(normalized) ?? normalized;
  return result === value ? undefined : result;
}

/** Equal as written, or once the model refs inside both are canonical (doctor's comparison when merging). */
function sameEntryValue(a: unknown, b: unknown, path: string): boolean {
  return samePlain(a, b) || samePlain(rewriteModelRefs(a, path, []), rewriteModelRefs(b, path, []));
}

/** `incoming` merged into `existing`: fields `existing` lacks are added; differing fields are kept and named. */
function mergeEntries(existing: unknown, incoming: unknown, path: string): { value: unknown; conflicts: string[] } {
  if (!isRec(existing) || !isRec(incoming))
    return { value: existing, conflicts: sameEntryValue(existing, incoming, path) ? [] : ['value'] };
  const merged: Rec = {};
  for (const field of Object.keys(existing)) put(merged, field, existing[field]);
  const conflicts: string[] = [];
  for (const field of Object.keys(incoming)) {
    if (incoming[field] === undefined) continue;
    if (!has(existing, field) || existing[field] === undefined) put(merged, field, incoming[field]);
    else if (!sameEntryValue(existing[field], incoming[field], `${path}.${field}`)) {
      if (isRec(existing[field]) && isRec(incoming[field])) {
        const nested = mergeEntries(existing[field], incoming[field], `${path}.${field}`);
        put(merged, field, nested.value);
        conflicts.push(...nested.conflicts.map((c) => `${field}.${c}`));
      } else conflicts.push(field);
    }
  }
  return { value: merged, conflicts };
}

function rewriteMapKeys(record: Rec, path: string, changes: string[]): Rec | undefined {
  let changed = false;
  const next: Rec = {};
  const consumed = new Set<string>();
  for (const key of Object.keys(record)) {
    const upgraded = canonicalModelRef(key);
    const target = upgraded ?? key;
    if (!upgraded && consumed.has(key)) continue;
    if (upgraded) {
      changes.push(`Upgraded ${path} key from ${JSON.stringify(key)} to ${JSON.stringify(upgraded)}.`);
      changed = true;
      if (!has(next, target) && has(record, target)) {
        put(next, target, record[target]);
        consumed.add(target);
      }
    }
    if (has(next, target)) {
      const { value, conflicts } = mergeEntries(next[target], record[key], `${path}.${target}`);
      put(next, target, value);
      changes.push(
        conflicts.length > 0
          ? `Merged ${path} key ${JSON.stringify(key)} into ${JSON.stringify(target)}; kept existing values for conflicting fields: ${conflicts.sort().join(', ')}.`
          : `Merged ${path} key ${JSON.stringify(key)} into ${JSON.stringify(target)}.`,
      );
      continue;
    }
    put(next, target, record[key]);
  }
  return changed ? next : undefined;
}

/** A provider catalog row's id as doctor canonicalizes it (trimmed; renamed; retired ids upgraded within the provider). */
function catalogModelId(provider: string, id: string): string {
  const trimmed = id.trim();
  const p = provider.trim().toLowerCase();
  const normalized =
    GOOGLE_PROVIDERS.has(p) || p === 'together' || trimmed.toLowerCase().startsWith('google/')
      ? catalogIdForConfig(p, trimmed)
      : trimmed;
  const upgraded = retiredSuccessor(`${provider}/${normalized}`);
  if (!upgraded) return normalized;
  const slash = upgraded.indexOf('/');
  return slash > 0 && upgraded.slice(0, slash).toLowerCase() === provider.toLowerCase()
    ? upgraded.slice(slash + 1)
    : normalized;
}

interface CatalogRow {
  index: number;
  model: unknown;
  record?: Rec;
  original?: string;
  id?: string;
  changed?: boolean;
}

/**
 * `models.providers.<id>.models[]`: each row's id canonicalized; rows whose ids now coincide become one row (the one
 * already written with the canonical id, else the first), the others merged into it, at the first row's position.
 */
function rewriteCatalogs(providers: Rec, path: string, changes: string[]): Rec {
  let next: Rec | undefined;
  for (const providerId of Object.keys(providers)) {
    const provider = providers[providerId];
    if (!isRec(provider) || !Array.isArray(provider.models)) continue;
    const rows: CatalogRow[] = provider.models.map((model: unknown, index: number) => {
      if (!isRec(model) || typeof model.id !== 'string') return { index, model };
      const id = catalogModelId(providerId, model.id);
      return { index, model, record: model, original: model.id, id, changed: id !== model.id };
    });
    if (!rows.some((r) => r.changed)) continue;
    const byId = new Map<string, CatalogRow[]>();
    for (const row of rows) if (row.id !== undefined) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    const emitted = new Set<string>();
    const models: unknown[] = [];
    for (const row of rows) {
      const group = row.id === undefined ? undefined : byId.get(row.id);
      if (!group || !row.record || !group.some((r) => r.changed)) {
        models.push(row.model);
        continue;
      }
      if (emitted.has(row.id!)) continue;
      emitted.add(row.id!);
      const preferred = group.find((r) => r.original === r.id) ?? group[0]!;
      let merged: unknown = { ...preferred.record, id: row.id };
      for (const other of group) {
        if (other === preferred) continue;
        const result = mergeEntries(
          merged,
          { ...other.record, id: row.id },
          `${path}.${providerId}.models.${preferred.index}`,
        );
        merged = isRec(result.value) ? result.value : merged;
        const at = `${path}.${providerId}.models.${other.index}`;
        changes.push(
          result.conflicts.length > 0
            ? `Merged ${at} into model id ${JSON.stringify(row.id)}; kept canonical values for conflicting fields: ${result.conflicts.sort().join(', ')}.`
            : `Merged ${at} into model id ${JSON.stringify(row.id)}.`,
        );
      }
      for (const r of group)
        if (r.changed)
          changes.push(
            `Upgraded ${path}.${providerId}.models.${r.index}.id from ${JSON.stringify(r.original)} to ${JSON.stringify(r.id)}.`,
          );
      models.push(merged);
    }
    next ??= { ...providers };
    put(next, providerId, { ...provider, models });
  }
  return next ?? providers;
}

const MAX_DEPTH = 64;

/** Rewrites model refs below `value` (path as doctor prints it, rooted at "config"); returns the new value. */
export function rewriteModelRefs(value: unknown, path: string, changes: string[], depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  const key = path.slice(path.lastIndexOf('.') + 1);
  const upgradeString = (s: string, at: string) => {
    const next = canonicalModelRef(s);
    if (next === undefined) return s;
    changes.push(`Upgraded ${at} from ${JSON.stringify(s)} to ${JSON.stringify(next)}.`);
    return next;
  };
  if (typeof value === 'string') {
    const media = ['image', 'video', 'music'].includes(key) && path.includes('.mediaModels.');
    return STRING_KEYS.has(key) || path.includes('.modelByChannel.') || media ? upgradeString(value, path) : value;
  }
  if (Array.isArray(value)) {
    return value.map((entry, i) =>
      typeof entry === 'string' && (ARRAY_KEYS.has(key) || path.endsWith('.modelPolicy.allow'))
        ? upgradeString(entry, `${path}.${i}`)
        : rewriteModelRefs(entry, `${path}.${i}`, changes, depth + 1),
    );
  }
  if (!isRec(value)) return value;
  let working: Rec = value;
  const pair = typeof value.provider === 'string' && typeof value.model === 'string';
  if (pair && (value.provider as string).trim()) {
    const ref = `${value.provider as string}/${value.model as string}`;
    const next = canonicalModelRef(ref);
    if (next) {
      const slash = next.indexOf('/');
      working = { ...value, provider: next.slice(0, slash), model: next.slice(slash + 1) };
      changes.push(`Upgraded ${path} provider/model from ${JSON.stringify(ref)} to ${JSON.stringify(next)}.`);
    }
  }
  if (path === '.providers' || path.endsWith('.models.providers')) working = rewriteCatalogs(working, path, changes);
  if (MAP_KEYS.has(key) && !(path === 'config.models' || path.endsWith('.models.providers')))
    working = rewriteMapKeys(working, path, changes) ?? working;
  const out: Rec = {};
  for (const k of Object.keys(working))
    put(out, k, pair && k === 'model' ? working[k] : rewriteModelRefs(working[k], `${path}.${k}`, changes, depth + 1));
  return out;
}
