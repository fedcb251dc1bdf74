/**
 * doctor's TTS migrations (openclaw 2026.9.6, `tts.*` in its legacy registry, run after the model migrations):
 * `messages.tts` becomes the top-level `tts` block, the `edge` provider is now `microsoft`, bundled provider blocks
 * (`tts.openai`, `tts.edge`, ...) move under `tts.providers`, speaker selection keys (`voice`, `voiceName`,
 * `voiceId`) become `speakerVoice`/`speakerVoiceId`, and `enabled` toggles become `auto` modes. Also the tier-eval
 * tranche's removal of TTS persona prompts. Ids, paths and messages are openclaw's interface.
 */
import { clonePlain, has, put, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { BLOCKED_KEYS, RUN, agentEntries, mergeMissing } from './common.ts';

/** Provider blocks written directly under a TTS block (the legacy shape). */
const LEGACY_PROVIDER_KEYS = ['openai', 'elevenlabs', 'microsoft', 'edge'];
/** Plugins whose config carries a TTS block doctor migrates. */
const TTS_PLUGIN_IDS = new Set(['voice-call']);
/** Channels whose root `tts` block is not a TTS config. */
const CHANNEL_ROOT_TTS_UNSUPPORTED = new Set(['discord']);

const isEdge = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === 'edge';

/** The TTS blocks doctor knows (root, agents, channels and accounts, the voice-call plugin), in its order. */
function ttsLocations(root: Rec): Array<[Rec | undefined, string]> {
  const out: Array<[Rec | undefined, string]> = [[rec(root.tts), 'tts']];
  for (const [entry, path] of agentEntries(root)) out.push([rec(entry.tts), `${path}.tts`]);
  const channels = rec(root.channels);
  for (const id of Object.keys(channels ?? {})) {
    if (BLOCKED_KEYS.has(id)) continue;
    const channel = rec(channels![id]);
    const rootTts = !CHANNEL_ROOT_TTS_UNSUPPORTED.has(id.trim().toLowerCase());
    if (rootTts) out.push([rec(channel?.tts), `channels.${id}.tts`]);
    out.push([rec(rec(channel?.voice)?.tts), `channels.${id}.voice.tts`]);
    const accounts = rec(channel?.accounts);
    for (const accountId of Object.keys(accounts ?? {})) {
      if (BLOCKED_KEYS.has(accountId)) continue;
      const account = rec(accounts![accountId]);
      if (rootTts) out.push([rec(account?.tts), `channels.${id}.accounts.${accountId}.tts`]);
      out.push([rec(rec(account?.voice)?.tts), `channels.${id}.accounts.${accountId}.voice.tts`]);
    }
  }
  const plugins = rec(rec(root.plugins)?.entries);
  for (const id of Object.keys(plugins ?? {}))
    if (!BLOCKED_KEYS.has(id) && TTS_PLUGIN_IDS.has(id))
      out.push([rec(rec(rec(plugins![id])?.config)?.tts), `plugins.entries.${id}.config.tts`]);
  return out;
}

function hasLegacyProviderKeys(tts: Rec | undefined): boolean {
  if (!tts) return false;
  return isEdge(tts.provider) || LEGACY_PROVIDER_KEYS.some((k) => has(tts, k)) || has(rec(tts.providers), 'edge');
}

const hasLegacyEnabled = (tts: Rec | undefined) => typeof tts?.enabled === 'boolean';

/** The provider configs of a TTS block and of its personas whose speaker keys doctor renames. */
function speakerConfigs(tts: Rec | undefined, path: string): Array<[Rec, string]> {
  const out: Array<[Rec, string]> = [];
  const scope = (value: unknown, at: string) => {
    const s = rec(value);
    if (!s) return;
    const providers = rec(s.providers);
    for (const id of Object.keys(providers ?? {})) {
      const config = rec(providers![id]);
      if (config && !BLOCKED_KEYS.has(id)) out.push([config, `${at}.providers.${id}`]);
    }
    for (const id of LEGACY_PROVIDER_KEYS) {
      const config = rec(s[id]);
      if (config) out.push([config, `${at}.${id}`]);
    }
  };
  scope(tts, path);
  const personas = rec(tts?.personas);
  for (const id of Object.keys(personas ?? {}))
    if (!BLOCKED_KEYS.has(id)) scope(personas![id], `${path}.personas.${id}`);
  return out;
}

const hasLegacySpeaker = (tts: Rec | undefined) =>
  speakerConfigs(tts, '').some(([c]) => has(c, 'voice') || has(c, 'voiceName') || has(c, 'voiceId'));

function anyLocation(root: Rec, match: (tts: Rec | undefined) => boolean): boolean {
  return ttsLocations(root).some(([tts]) => match(tts));
}

function moveTopLevelOwner(root: Rec, changes: string[]): void {
  const messages = rec(root.messages);
  if (!messages || !has(messages, 'tts')) return;
  const legacy = rec(messages.tts);
  if (!legacy) {
    delete messages.tts;
    changes.push('Removed messages.tts (invalid value).');
    return;
  }
  const realtime = rec(legacy.realtime);
  if (realtime) {
    const voice = realtime.speakerVoice ?? realtime.voice;
    const talk = rec(root.talk) ?? {};
    const talkRealtime = rec(talk.realtime) ?? {};
    if (voice !== undefined && talkRealtime.speakerVoice === undefined) {
      talkRealtime.speakerVoice = voice;
      talk.realtime = talkRealtime;
      root.talk = talk;
      changes.push('Moved messages.tts.realtime voice → talk.realtime.speakerVoice.');
    } else changes.push('Removed messages.tts.realtime (talk.realtime already configured).');
    delete legacy.realtime;
  }
  const canonical = rec(root.tts) ?? {};
  mergeMissing(canonical, legacy);
  root.tts = canonical;
  delete messages.tts;
  changes.push('Moved messages.tts to top-level tts.');
}

function mergeProviderBlock(tts: Rec, legacyKey: string, providerId: string, fromProviders: boolean): boolean {
  const owner = fromProviders ? rec(tts.providers) : tts;
  const legacy = rec(owner?.[legacyKey]);
  if (!owner || !legacy) return false;
  const providers = fromProviders ? owner : (tts.providers = rec(tts.providers) ?? {});
  const merged = clonePlain(rec(providers[providerId]) ?? {});
  mergeMissing(merged, legacy);
  put(providers, providerId, merged);
  delete owner[legacyKey];
  return true;
}

function migrateProviderShape(tts: Rec | undefined, path: string, changes: string[]): void {
  if (!tts) return;
  if (isEdge(tts.provider)) {
    tts.provider = 'microsoft';
    changes.push(`Moved ${path}.provider "edge" → "microsoft".`);
  }
  for (const [key, providerId, fromProviders] of [
    ['openai', 'openai', false],
    ['elevenlabs', 'elevenlabs', false],
    ['microsoft', 'microsoft', false],
    ['edge', 'microsoft', true],
    ['edge', 'microsoft', false],
  ] as const) {
    if (!mergeProviderBlock(tts, key, providerId, fromProviders)) continue;
    changes.push(
      `Moved ${fromProviders ? `${path}.providers.${key}` : `${path}.${key}`} → ${path}.providers.${providerId}.`,
    );
  }
}

function migrateSpeakerKeys(tts: Rec | undefined, path: string, changes: string[]): void {
  for (const [config, at] of speakerConfigs(tts, path))
    for (const [legacy, canonical] of [
      ['voice', 'speakerVoice'],
      ['voiceName', 'speakerVoice'],
      ['voiceId', 'speakerVoiceId'],
    ] as const) {
      if (!has(config, legacy)) continue;
      if (config[canonical] === undefined) {
        config[canonical] = config[legacy];
        changes.push(`Moved ${at}.${legacy} → ${at}.${canonical}.`);
      } else changes.push(`Removed ${at}.${legacy} because ${at}.${canonical} is already set.`);
      delete config[legacy];
    }
}

function migrateEnabled(tts: Rec | undefined, path: string, changes: string[]): void {
  if (!tts || typeof tts.enabled !== 'boolean') return;
  const auto = tts.enabled ? 'always' : 'off';
  delete tts.enabled;
  if (typeof tts.auto === 'string' && tts.auto.trim()) {
    changes.push(`Removed ${path}.enabled because ${path}.auto is already set.`);
    return;
  }
  tts.auto = auto;
  changes.push(`Moved ${path}.enabled → ${path}.auto "${auto}".`);
}

/** The tier-eval tranche's part: persona `prompt`s are retired in every TTS block of root, agents and channels. */
export function stripTtsPersonaPrompts(root: Rec, changes: string[]): void {
  const strip = (value: unknown, path: string) => {
    const personas = rec(rec(value)?.personas);
    for (const id of Object.keys(personas ?? {})) {
      const persona = rec(personas![id]);
      if (persona && has(persona, 'prompt')) {
        delete persona.prompt;
        changes.push(
          `Removed ${path}.personas.${id}.prompt; move custom shaping into a speech provider prepareSynthesis implementation.`,
        );
      }
    }
  };
  strip(root.tts, 'tts');
  const agents = rec(root.agents);
  const defaults = rec(agents?.defaults);
  if (defaults) strip(defaults.tts, 'agents.defaults.tts');
  for (const [entry, path] of agentEntries(root)) strip(entry.tts, `${path}.tts`);
  const channels = rec(root.channels);
  for (const id of Object.keys(channels ?? {})) {
    const channel = rec(channels![id]);
    if (!channel) continue;
    const visit = (entry: Rec, path: string) => {
      strip(entry.tts, `${path}.tts`);
      strip(rec(entry.voice)?.tts, `${path}.voice.tts`);
    };
    visit(channel, `channels.${id}`);
    const accounts = rec(channel.accounts);
    for (const accountId of Object.keys(accounts ?? {})) {
      const account = rec(accounts![accountId]);
      if (account) visit(account, `channels.${id}.accounts.${accountId}`);
    }
  }
}

/** Detection lines for the rules that look at one location kind (root, agents, channels, the voice-call plugin). */
function detectByLocation(
  root: Rec,
  match: (tts: Rec | undefined) => boolean,
  messages: { tts?: string; agents?: string; channels?: string; plugins?: string },
): LegacyIssue[] {
  const out: LegacyIssue[] = [];
  if (messages.tts && match(rec(root.tts))) out.push({ path: 'tts', message: messages.tts });
  if (messages.agents && root.agents !== undefined && anyLocation({ agents: root.agents }, match))
    out.push({ path: 'agents', message: messages.agents });
  if (messages.channels && root.channels !== undefined && anyLocation({ channels: root.channels }, match))
    out.push({ path: 'channels', message: messages.channels });
  const entries = rec(root.plugins)?.entries;
  if (messages.plugins && entries !== undefined && anyLocation({ plugins: { entries } }, match))
    out.push({ path: 'plugins.entries', message: messages.plugins });
  return out;
}

export const TTS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'tts.top-level-owner',
    detect: (root) =>
      has(rec(root.messages), 'tts')
        ? [{ path: 'messages.tts', message: `messages.tts moved to top-level tts. ${RUN}` }]
        : [],
    apply: moveTopLevelOwner,
  },
  {
    id: 'tts.providers-generic-shape',
    detect: (root) =>
      detectByLocation(root, hasLegacyProviderKeys, {
        tts: `tts legacy provider aliases/keys are legacy; use provider: "microsoft" and tts.providers.<provider>. ${RUN}`,
        plugins: `plugins.entries.voice-call.config.tts legacy provider aliases/keys are legacy; use provider: "microsoft" and plugins.entries.voice-call.config.tts.providers.<provider>. ${RUN}`,
      }),
    apply: (root, changes) => {
      for (const [tts, path] of ttsLocations({ tts: root.tts, plugins: root.plugins }))
        migrateProviderShape(tts, path, changes);
    },
  },
  {
    id: 'tts.speaker-selection-keys',
    detect: (root) =>
      detectByLocation(root, hasLegacySpeaker, {
        tts: `tts speaker selection fields voice/voiceName/voiceId are legacy; use speakerVoice or speakerVoiceId. ${RUN}`,
        agents: `agents.entries.*.tts speaker selection fields voice/voiceName/voiceId are legacy; use speakerVoice or speakerVoiceId. ${RUN}`,
        channels: `supported channel TTS speaker selection fields voice/voiceName/voiceId are legacy; use speakerVoice or speakerVoiceId. ${RUN}`,
        plugins: `plugins.entries.voice-call.config.tts speaker selection fields voice/voiceName/voiceId are legacy; use speakerVoice or speakerVoiceId. ${RUN}`,
      }),
    apply: (root, changes) => {
      for (const [tts, path] of ttsLocations(root)) migrateSpeakerKeys(tts, path, changes);
    },
  },
  {
    id: 'tts.enabled-auto-mode',
    detect: (root) =>
      detectByLocation(root, hasLegacyEnabled, {
        tts: `tts.enabled is legacy; use tts.auto. ${RUN}`,
        agents: `agents.entries.*.tts.enabled is legacy; use agents.entries.*.tts.auto. ${RUN}`,
        channels: `supported channel TTS enabled fields are legacy; use the same TTS block auto field. ${RUN}`,
        plugins: `plugins.entries.voice-call.config.tts.enabled is legacy; use plugins.entries.voice-call.config.tts.auto. ${RUN}`,
      }),
    apply: (root, changes) => {
      for (const [tts, path] of ttsLocations(root)) migrateEnabled(tts, path, changes);
    },
  },
];
