/**
 * openclaw's "Unknown model" rule (plugin stage): a configured model ref naming a model that a bundled provider
 * plugin's manifest suppresses unconditionally is rejected with `Unknown model: <provider>/<model>. <reason>` at the
 * ref's path. The suppression list is generated data (`facts.modelSuppressions`); the ref locations follow openclaw.
 */
import type { PathSegment } from '../types.ts';
import type { SchemaViolation } from './violation.ts';
import { asRecord, isRecord } from '../records.ts';

interface Ref {
  path: PathSegment[];
  value: string;
}

const AGENT_MODEL_KEYS = ['model', 'utilityModel', 'imageModel', 'voiceModel', 'pdfModel'];

/** Model refs in openclaw's collection order (agents, tools, channels, hooks, tts, discord voice). */
function configuredModelRefs(config: unknown): Ref[] {
  const refs: Ref[] = [];
  const push = (path: PathSegment[], value: unknown): void => {
    if (typeof value === 'string' && value.trim()) refs.push({ path, value: value.trim() });
  };
  const selector = (path: PathSegment[], value: unknown): void => {
    if (typeof value === 'string') return push(path, value);
    if (!isRecord(value)) return;
    if (typeof value.primary === 'string') push([...path, 'primary'], value.primary);
    if (Array.isArray(value.fallbacks))
      value.fallbacks.forEach((f, i) => typeof f === 'string' && push([...path, 'fallbacks', i], f));
  };
  const agent = (path: PathSegment[], a: unknown, entrySelectors: boolean): void => {
    if (!isRecord(a)) return;
    for (const key of AGENT_MODEL_KEYS) selector([...path, key], a[key]);
    const media = asRecord(a.mediaModels);
    for (const cap of ['image', 'video', 'music']) selector([...path, 'mediaModels', cap], media[cap]);
    push([...path, 'heartbeat', 'model'], isRecord(a.heartbeat) ? a.heartbeat.model : undefined);
    selector([...path, 'subagents', 'model'], isRecord(a.subagents) ? a.subagents.model : undefined);
    if (isRecord(a.compaction)) {
      push([...path, 'compaction', 'model'], a.compaction.model);
      push(
        [...path, 'compaction', 'memoryFlush', 'model'],
        isRecord(a.compaction.memoryFlush) ? a.compaction.memoryFlush.model : undefined,
      );
    }
    if (isRecord(a.models)) for (const ref of Object.keys(a.models)) push([...path, 'models', ref], ref);
    if (entrySelectors) {
      const exec = asRecord(asRecord(a.tools).exec);
      selector(
        [...path, 'tools', 'exec', 'reviewer', 'model'],
        isRecord(exec.reviewer) ? exec.reviewer.model : undefined,
      );
      push([...path, 'tts', 'summaryModel'], isRecord(a.tts) ? a.tts.summaryModel : undefined);
    }
  };
  const root = asRecord(config);
  const tools = asRecord(root.tools);
  const exec = asRecord(tools.exec);
  selector(['tools', 'exec', 'reviewer', 'model'], isRecord(exec.reviewer) ? exec.reviewer.model : undefined);
  const media = asRecord(tools.media);
  for (const cap of ['image', 'audio', 'video'])
    push(['tools', 'media', cap, 'preferredModel'], isRecord(media[cap]) ? media[cap].preferredModel : undefined);
  const agents = asRecord(root.agents);
  agent(['agents', 'defaults'], agents.defaults, false);
  if (Object.prototype.hasOwnProperty.call(agents, 'entries')) {
    if (isRecord(agents.entries))
      for (const [id, e] of Object.entries(agents.entries)) agent(['agents', 'entries', id], e, true);
  } else if (Array.isArray(agents.list)) agents.list.forEach((e, i) => agent(['agents', 'list', i], e, true));
  const channels = asRecord(root.channels);
  for (const [ch, map] of Object.entries(asRecord(channels.modelByChannel))) {
    if (!isRecord(map)) continue;
    for (const [target, ref] of Object.entries(map)) push(['channels', 'modelByChannel', ch, target], ref);
  }
  const hooks = asRecord(root.hooks);
  if (Array.isArray(hooks.mappings))
    hooks.mappings.forEach((m, i) => push(['hooks', 'mappings', i, 'model'], isRecord(m) ? m.model : undefined));
  push(['hooks', 'gmail', 'model'], isRecord(hooks.gmail) ? hooks.gmail.model : undefined);
  push(['tts', 'summaryModel'], isRecord(root.tts) ? root.tts.summaryModel : undefined);
  const discord = asRecord(channels.discord);
  const voice = (path: PathSegment[], v: unknown): void => {
    const r = asRecord(v);
    push([...path, 'model'], r.model);
    push([...path, 'tts', 'summaryModel'], isRecord(r.tts) ? r.tts.summaryModel : undefined);
  };
  voice(['channels', 'discord', 'voice'], discord.voice);
  if (isRecord(discord.accounts))
    for (const [id, acc] of Object.entries(discord.accounts))
      voice(['channels', 'discord', 'accounts', id, 'voice'], isRecord(acc) ? acc.voice : undefined);
  return refs;
}

/**
 * Before this rule openclaw canonicalises the refs of `agents.defaults.model` (string, primary, fallbacks) and the keys
 * of `agents.defaults.models` (its runtime model defaults; not per-agent entries, not other model keys): a Google
 * preview alias becomes its current id, so `google/gemini-3-pro-preview` there is read as `google/gemini-3.1-pro-preview`
 * and is not rejected. The provider is compared case-insensitively, the model id exactly.
 */
const GOOGLE_PROVIDERS = new Set(['google', 'google-gemini-cli', 'google-vertex']);
const GOOGLE_PREVIEW_ALIASES = new Set([
  'gemini-3-pro',
  'gemini-3-pro-preview',
  'gemini-3-flash',
  'gemini-3.1-pro',
  'gemini-3.1-flash-lite-preview',
  'gemini-3.1-flash',
  'gemini-3.1-flash-preview',
  'gemma-4-26b',
]);

function isDefaultsModelPath(path: readonly PathSegment[]): boolean {
  return (
    path[0] === 'agents' && path[1] === 'defaults' && (path[2] === 'model' || path[2] === 'models') && path.length <= 5
  );
}

function canonicalisedAway(ref: Ref, provider: string, model: string): boolean {
  return isDefaultsModelPath(ref.path) && GOOGLE_PROVIDERS.has(provider) && GOOGLE_PREVIEW_ALIASES.has(model);
}

let index: Map<string, [string, string, string?]> | undefined;

export function validateModelRefs(
  config: unknown,
  suppressions: ReadonlyArray<[string, string, string?]> | undefined,
): SchemaViolation[] {
  if (!suppressions?.length) return [];
  index ??= new Map(suppressions.map((s) => [`${s[0]}/${s[1]}`, s]));
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const ref of configuredModelRefs(config)) {
    const slash = ref.value.indexOf('/');
    if (slash <= 0 || slash >= ref.value.length - 1) continue;
    const provider = ref.value.slice(0, slash).trim().toLowerCase();
    const exactModel = ref.value.slice(slash + 1).trim();
    const model = exactModel.toLowerCase();
    if (!provider || !model || canonicalisedAway(ref, provider, exactModel)) continue;
    const hit = index.get(`${provider}/${model}`);
    const key = `${ref.path.join('.')}\0${provider}/${model}`;
    if (!hit || seen.has(key)) continue;
    seen.add(key);
    const name = `${hit[0]}/${hit[1]}`;
    out.push({ path: ref.path, message: hit[2] ? `Unknown model: ${name}. ${hit[2]}` : `Unknown model: ${name}.` });
  }
  return out;
}
