/**
 * doctor's media-model migrations (openclaw 2026.9.6): per-capability model lists (`tools.media.image.models`,
 * `audio`, `video`) become capability-tagged entries of `tools.media.models` (duplicates collapsed, shared entries
 * kept after them), and legacy `deepgram` option blocks become `providerOptions.deepgram` with the provider's own
 * option names. Paths and messages are openclaw's interface.
 */
import { isRec, put, rec, type Rec } from '../draft.ts';
import type { Migration } from '../migration.ts';

const CAPABILITIES = ['image', 'audio', 'video'];
const MAX_DEPTH = 64;

/** The value with record keys sorted at every level (for a key-order-independent signature). */
function stable(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => stable(v, depth + 1));
  if (!isRec(value)) return value;
  const out: Rec = {};
  for (const key of Object.keys(value).sort()) put(out, key, stable(value[key], depth + 1));
  return out;
}

function signature(model: Rec): string {
  const rest: Rec = {};
  for (const key of Object.keys(model)) if (key !== 'capabilities') put(rest, key, model[key]);
  return JSON.stringify(stable(rest));
}

function deepgramOwner(owner: Rec, path: string, changes: string[]): void {
  const legacy = rec(owner.deepgram);
  if (!legacy) return;
  const providerOptions = rec(owner.providerOptions) ?? {};
  const canonical = rec(providerOptions.deepgram) ?? {};
  const mapped: Rec = {};
  if (typeof legacy.detectLanguage === 'boolean') mapped.detect_language = legacy.detectLanguage;
  if (typeof legacy.punctuate === 'boolean') mapped.punctuate = legacy.punctuate;
  if (typeof legacy.smartFormat === 'boolean') mapped.smart_format = legacy.smartFormat;
  providerOptions.deepgram = { ...mapped, ...canonical };
  owner.providerOptions = providerOptions;
  delete owner.deepgram;
  changes.push(`Moved ${path}.deepgram → ${path}.providerOptions.deepgram.`);
}

/** `deepgram` blocks on `tools.media` models and capability entries move to `providerOptions.deepgram`. */
export function mediaDeepgram(root: Rec, changes: string[]): void {
  const media = rec(rec(root.tools)?.media);
  if (!media) return;
  const models = (list: unknown, path: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((value, index) => {
      const model = rec(value);
      if (model) deepgramOwner(model, `${path}[${index}]`, changes);
    });
  };
  models(media.models, 'tools.media.models');
  for (const capability of ['audio', 'image', 'video']) {
    const entry = rec(media[capability]);
    if (!entry) continue;
    deepgramOwner(entry, `tools.media.${capability}`, changes);
    models(entry.models, `tools.media.${capability}.models`);
  }
}

export function hasMediaDeepgram(value: unknown): boolean {
  const media = rec(value);
  if (!media) return false;
  const alias = (entry: unknown) => Object.hasOwn(rec(entry) ?? {}, 'deepgram');
  const inModels = (list: unknown) => Array.isArray(list) && list.some(alias);
  if (inModels(media.models)) return true;
  return ['audio', 'image', 'video'].some((c) => {
    const entry = rec(media[c]);
    return entry !== undefined && (alias(entry) || inModels(entry.models));
  });
}

function consolidate(root: Rec, changes: string[]): void {
  const media = rec(rec(root.tools)?.media);
  if (!media) return;
  const shared = Array.isArray(media.models) ? media.models.filter((v) => rec(v) !== undefined) : [];
  const migrated: Rec[] = [];
  let changed = false;
  for (const capability of CAPABILITIES) {
    const config = rec(media[capability]);
    if (!config) continue;
    const legacy = Array.isArray(config.models) ? (config.models.filter((v) => rec(v) !== undefined) as Rec[]) : [];
    const seen = new Set<string>();
    for (const model of legacy) {
      if (Array.isArray(model.capabilities) && !model.capabilities.includes(capability)) continue;
      const scoped: Rec = { ...model, capabilities: [capability] };
      const key = signature(scoped);
      if (seen.has(key)) continue;
      seen.add(key);
      migrated.push(scoped);
    }
    if (Object.hasOwn(config, 'models')) {
      delete config.models;
      changed = true;
    }
    if (Object.keys(config).length === 0) delete media[capability];
    changed = changed || legacy.length > 0;
  }
  const models = [...migrated, ...shared];
  if (models.length > 0) media.models = models;
  if (changed)
    changes.push(
      'Consolidated tools.media image/audio/video model settings into capability-tagged tools.media.models entries.',
    );
}

/** After the final-layout kills, before the config tranche. */
export const MEDIA_MODELS_MIGRATION: Migration = {
  id: 'runtime.media-models-consolidation',
  detect: (root) => {
    const media = rec(rec(root.tools)?.media);
    return media && CAPABILITIES.some((c) => Array.isArray(rec(media[c])?.models))
      ? [
          {
            path: 'tools.media',
            message:
              'Per-capability media model settings moved to capability-tagged tools.media.models entries. Run "openclaw doctor --fix".',
          },
        ]
      : [];
  },
  apply: (root, changes) => {
    mediaDeepgram(root, changes);
    consolidate(root, changes);
  },
};
