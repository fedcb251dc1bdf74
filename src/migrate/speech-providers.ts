/**
 * The speech (TTS) providers a config selects, as openclaw 2026.9.6 collects them before it enables the plugins that
 * own them: the effective TTS block of the root, of each agent, channel and account (each layered over the root one),
 * channel and account `voice.tts` blocks, plugin `config.tts` blocks, and the Talk provider. A provider counts when it
 * is selected (`provider`, an active persona's provider) or configured as a block, unless that block says
 * `enabled: false`. `edge` is read as `microsoft`.
 */
import { has, isRec, rec, type Rec } from './draft.ts';
import { BLOCKED_KEYS } from './rules/common.ts';

/** TTS block keys that are settings, not provider blocks. */
const RESERVED = new Set([
  'auto',
  'enabled',
  'maxTextLength',
  'mode',
  'modelOverrides',
  'persona',
  'personas',
  'prefsPath',
  'provider',
  'providers',
  'summaryModel',
  'timeoutMs',
]);

function normalizeId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim().toLowerCase();
  if (!id) return undefined;
  return id === 'edge' ? 'microsoft' : id;
}

/** Records merged key by key (the override wins; arrays and scalars are replaced); prototype keys dropped. */
function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isRec(base) || !isRec(override)) return override;
  const out: Rec = {};
  for (const key of Object.keys(base)) if (!BLOCKED_KEYS.has(key)) out[key] = base[key];
  for (const key of Object.keys(override)) {
    if (BLOCKED_KEYS.has(key) || override[key] === undefined) continue;
    out[key] = isRec(override[key]) ? mergeDeep(isRec(out[key]) ? out[key] : {}, override[key]) : override[key];
  }
  return out;
}

const activationEnabled = (value: unknown) => value !== false && !(isRec(value) && value.enabled === false);

/** Whether the block for `providerId` is switched on (undefined: no block for it). */
function activation(tts: Rec, providerId: string): boolean | undefined {
  let fromProviders: boolean | undefined;
  const providers = rec(tts.providers);
  for (const key of Object.keys(providers ?? {}))
    if (normalizeId(key) === providerId) fromProviders = activationEnabled(providers![key]);
  if (fromProviders !== undefined) return fromProviders;
  for (const key of Object.keys(tts)) {
    if (RESERVED.has(key) || !isRec(tts[key])) continue;
    if (normalizeId(key) === providerId) return activationEnabled(tts[key]);
  }
  return undefined;
}

function addIfEnabled(target: Set<string>, tts: Rec, providerId: unknown): void {
  const id = normalizeId(providerId);
  if (id && activation(tts, id) !== false) target.add(id);
}

function addFromBlock(target: Set<string>, value: unknown): void {
  const tts = rec(value);
  if (!tts) return;
  addIfEnabled(target, tts, tts.provider);
  const personaId = typeof tts.persona === 'string' ? tts.persona.trim().toLowerCase() : '';
  const personas = rec(tts.personas);
  if (personaId && personas) {
    const key = Object.keys(personas).find((k) => k.trim().toLowerCase() === personaId && isRec(personas[k]));
    const persona = key === undefined ? undefined : rec(personas[key]);
    const provider = normalizeId(persona?.provider);
    if (persona && provider && (activation(persona, provider) ?? activation(tts, provider)) !== false)
      target.add(provider);
  }
  const providers = rec(tts.providers);
  for (const key of Object.keys(providers ?? {}))
    if (activationEnabled(providers![key])) addIfEnabled(target, tts, key);
  for (const key of Object.keys(tts))
    if (!RESERVED.has(key) && isRec(tts[key]) && activationEnabled(tts[key])) addIfEnabled(target, tts, key);
}

/** The record under `owner` whose key is `id`, else the one whose trimmed lowercase key matches it. */
function entryFor(owner: Rec | undefined, id: string): Rec | undefined {
  if (!owner) return undefined;
  if (has(owner, id)) return rec(owner[id]);
  const wanted = id.trim().toLowerCase();
  const key = Object.keys(owner).find((k) => k.trim().toLowerCase() === wanted);
  return key === undefined ? undefined : rec(owner[key]);
}

/** The Talk provider: `talk.provider`, else the single `talk.providers` key. */
function talkProvider(root: Rec): string | undefined {
  const talk = rec(root.talk);
  if (!talk) return undefined;
  const providers = rec(talk.providers);
  const keys = Object.keys(providers ?? {});
  const raw = talk.provider ?? (keys.length === 1 ? keys[0] : undefined);
  const provider = typeof raw === 'string' ? raw.trim() : '';
  if (!provider || BLOCKED_KEYS.has(provider.toLowerCase())) return undefined;
  if (!providers) return provider;
  return keys.find((k) => k.trim().toLowerCase() === provider.toLowerCase());
}

/** The speech provider ids the config selects, in openclaw's collection order. */
export function configuredSpeechProviders(root: Rec): string[] {
  const out = new Set<string>();
  const base = rec(root.tts) ?? {};
  addFromBlock(out, base);
  const talk = talkProvider(root);
  if (talk) out.add(talk.toLowerCase());
  const agents = rec(root.agents);
  const entries = rec(agents?.entries);
  const roster = entries
    ? Object.values(entries)
    : Array.isArray(agents?.list)
      ? (agents.list as unknown[]).filter(Boolean)
      : [];
  for (const agent of roster) addFromBlock(out, mergeDeep(base, rec(agent)?.tts ?? {}));
  const channels = rec(root.channels);
  for (const id of Object.keys(channels ?? {})) {
    const channel = rec(channels![id]);
    if (!channel) continue;
    const channelTts = rec(entryFor(channels, id.trim())?.tts) ?? {};
    addFromBlock(out, mergeDeep(base, channelTts));
    if (isRec(channel.voice)) addFromBlock(out, channel.voice.tts);
    const accounts = rec(channel.accounts);
    for (const accountId of Object.keys(accounts ?? {})) {
      const account = rec(accounts![accountId]);
      if (!account) continue;
      addFromBlock(out, mergeDeep(mergeDeep(base, channelTts), rec(account.tts) ?? {}));
      if (isRec(account.voice)) addFromBlock(out, account.voice.tts);
    }
  }
  const plugins = rec(rec(root.plugins)?.entries);
  for (const entry of Object.values(plugins ?? {})) {
    const config = rec(rec(entry)?.config);
    if (config) addFromBlock(out, config.tts);
  }
  return [...out];
}
