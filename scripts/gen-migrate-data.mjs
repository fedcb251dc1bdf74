#!/usr/bin/env node
/**
 * Generates src/migrate/data/doctor-data.json from the pinned openclaw package's dist: the lists of config paths
 * its doctor deletes as retired (tier-eval tranche, runtime tuning knobs) and its tables of retired model ids. Data only (arrays of path segments, read as
 * JSON), no code. Run by hand when the pinned version changes; never by CI or tests:
 *
 *   mkdir -p /tmp/oc && cd /tmp/oc && npm pack openclaw@2026.9.6 && tar xzf openclaw-2026.9.6.tgz
 *   node scripts/gen-migrate-data.mjs /tmp/oc/package
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node scripts/gen-migrate-data.mjs <openclaw package folder>');
  process.exit(2);
}
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const dist = join(pkg, 'dist');
const LISTS = [
  'TIER_EVAL_RETIRED_ROOT_PATHS',
  'TIER_EVAL_RETIRED_AGENT_PATHS',
  'RETIRED_TUNING_PATHS',
  'RETIRED_AGENT_TUNING_PATHS',
];

/** The array literal assigned to `const NAME = [...]`, read as JSON (the bundler writes plain string arrays). */
function arrayLiteral(source, name) {
  const at = source.indexOf(`const ${name} = [`);
  if (at < 0) return undefined;
  let i = source.indexOf('[', at);
  const start = i;
  let depth = 0;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      i = source.indexOf('"', i + 1);
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  return JSON.parse(source.slice(start, i + 1));
}

/** The object literal passed to `const NAME = modelTable({...})` (target id → space-separated retired ids), as JSON. */
function modelTable(source, name) {
  const at = source.indexOf(`const ${name} = modelTable({`);
  if (at < 0) return undefined;
  const start = source.indexOf('{', at);
  const end = source.indexOf('})', start);
  return JSON.parse(source.slice(start, end + 1));
}
const TABLES = ['RETIRED_GROQ_MODELS', 'RETIRED_XAI_MODELS', 'RETIRED_OPENAI_MODELS', 'RETIRED_CODEX_MODEL_OVERRIDES'];

const out = { openclaw: version };
for (const file of readdirSync(dist)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const source = readFileSync(join(dist, file), 'utf8');
  for (const name of LISTS) {
    if (out[name]) continue;
    const list = arrayLiteral(source, name);
    if (list) out[name] = list;
  }
  for (const name of TABLES) {
    if (out[name]) continue;
    const table = modelTable(source, name);
    if (table) out[name] = table;
  }
}
// The thinking-format dialects model compat accepts, and the catalog context windows doctor repairs when stale.
for (const file of readdirSync(dist)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const source = readFileSync(join(dist, file), 'utf8');
  out.MODEL_THINKING_FORMATS ??= arrayLiteral(source, 'MODEL_DATA_THINKING_FORMATS');
  const at = source.indexOf('const STALE_CONTEXT_WINDOW_FIXES = {');
  if (at >= 0 && !out.STALE_CONTEXT_WINDOW_FIXES) {
    const start = source.indexOf('{', at);
    const end = source.indexOf('\n};', start);
    out.STALE_CONTEXT_WINDOW_FIXES = JSON.parse(
      source.slice(start, end + 2).replace(/^(\s*)([A-Za-z_]\w*):/gm, '$1"$2":'),
    );
  }
}
if (!out.MODEL_THINKING_FORMATS) throw new Error(`MODEL_DATA_THINKING_FORMATS not found in ${dist}`);
if (!out.STALE_CONTEXT_WINDOW_FIXES) throw new Error(`STALE_CONTEXT_WINDOW_FIXES not found in ${dist}`);
for (const name of TABLES) if (!out[name]) throw new Error(`${name} not found in ${dist}`);
for (const name of LISTS) if (!out[name]) throw new Error(`${name} not found in ${dist}`);
// The chat channels openclaw ships (id and label), written as a JS literal with bare keys: quote them to read JSON.
for (const file of readdirSync(dist)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const source = readFileSync(join(dist, file), 'utf8');
  const at = source.indexOf('const GENERATED_BUNDLED_CHANNEL_IDS = [');
  if (at < 0) continue;
  const start = source.indexOf('[', at);
  const end = source.indexOf('\n];', start);
  const list = JSON.parse(source.slice(start, end + 2).replace(/^(\s*)([A-Za-z_]\w*):/gm, '$1"$2":'));
  out.BUNDLED_CHANNELS = Object.fromEntries(list.map((c) => [c.channelId, c.label]));
  break;
}
if (!out.BUNDLED_CHANNELS) throw new Error('GENERATED_BUNDLED_CHANNEL_IDS not found');
// The model providers each bundled plugin owns (dist/extensions/<id>/openclaw.plugin.json `providers`), for doctor's
// plugin auto-enable of configured models.
out.BUNDLED_PROVIDER_PLUGINS = {};
out.BUNDLED_PLUGINS = [];
// Providers whose configuration alone (an auth profile, a models.providers entry, a model ref) enables the bundled
// plugin that owns them (manifest `autoEnableWhenConfiguredProviders`), in doctor's order: provider → plugin.
out.AUTO_ENABLE_PROVIDER_PLUGINS = {};
// The speech providers and web search providers each bundled plugin declares (`contracts`), for doctor's plugin
// auto-enable of a selected TTS provider or web search provider: provider id → plugin ids.
out.BUNDLED_SPEECH_PROVIDERS = {};
out.BUNDLED_WEB_SEARCH_PROVIDERS = {};
for (const dir of readdirSync(join(dist, 'extensions'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, 'extensions', dir, 'openclaw.plugin.json'), 'utf8'));
  } catch {
    continue;
  }
  if (typeof manifest.id === 'string') out.BUNDLED_PLUGINS.push(manifest.id);
  for (const provider of Array.isArray(manifest.providers) ? manifest.providers : []) {
    if (typeof provider === 'string' && typeof manifest.id === 'string')
      out.BUNDLED_PROVIDER_PLUGINS[provider] ??= manifest.id;
  }
  for (const provider of Array.isArray(manifest.autoEnableWhenConfiguredProviders)
    ? manifest.autoEnableWhenConfiguredProviders
    : []) {
    if (typeof provider === 'string' && typeof manifest.id === 'string')
      out.AUTO_ENABLE_PROVIDER_PLUGINS[provider] ??= manifest.id;
  }
  for (const [list, key] of [
    [manifest.contracts?.speechProviders, 'BUNDLED_SPEECH_PROVIDERS'],
    [manifest.contracts?.webSearchProviders, 'BUNDLED_WEB_SEARCH_PROVIDERS'],
  ]) {
    for (const provider of Array.isArray(list) ? list : []) {
      if (typeof provider !== 'string' || typeof manifest.id !== 'string') continue;
      const id = provider.trim().toLowerCase();
      (out[key][id] ??= []).push(manifest.id);
    }
  }
}
// Official external plugins (installable from npm/ClawHub): the bundled catalog module is plain data; importing it
// runs nothing else (its imports are helpers). Ids resolve as openclaw does: plugin id, channel id, first provider id.
const catalogFile = readdirSync(dist)
  .sort()
  .find(
    (f) =>
      f.startsWith('official-external-plugin-bundled-catalogs') &&
      readFileSync(join(dist, f), 'utf8').includes('const BUNDLED_OFFICIAL_EXTERNAL_PLUGIN_CATALOG_ENTRIES = ['),
  );
if (!catalogFile) throw new Error('official external plugin catalog not found');
const catalogModule = await import(join(dist, catalogFile));
const catalog = Object.values(catalogModule).find(
  (v) => Array.isArray(v) && v.some((e) => e && typeof e === 'object' && 'openclaw' in e),
);
out.OFFICIAL_EXTERNAL_PLUGINS = [
  ...new Set(
    catalog
      .map((e) => e.openclaw?.plugin?.id ?? e.openclaw?.channel?.id ?? e.openclaw?.providers?.[0]?.id ?? e.id)
      .filter((id) => typeof id === 'string'),
  ),
].sort();
out.OFFICIAL_EXTERNAL_CHANNELS = [
  ...new Set(catalog.map((e) => e.openclaw?.channel?.id).filter((id) => typeof id === 'string')),
].sort();

// doctor's per-channel behaviour (dist/channel-catalog.json and the bundled external catalog, the latter first as
// openclaw reads them): how DM allowlists are keyed, whether an open DM policy needs "*", whether the group allowlist
// fell back to allowFrom. Written apart from doctor-data.json; channels without an entry use doctor's defaults.
const capabilities = {};
const channelCatalog = JSON.parse(readFileSync(join(dist, 'channel-catalog.json'), 'utf8'));
for (const entry of [...catalog, ...(Array.isArray(channelCatalog.entries) ? channelCatalog.entries : [])]) {
  const channel = entry?.openclaw?.channel;
  const id = typeof channel?.id === 'string' ? channel.id.trim().toLowerCase() : '';
  if (!id || id in capabilities || !channel.doctorCapabilities) continue;
  capabilities[id] = channel.doctorCapabilities;
}
const capabilitiesTarget = join(import.meta.dirname, '..', 'src', 'migrate', 'data', 'channel-doctor.json');
writeFileSync(capabilitiesTarget, JSON.stringify({ openclaw: version, capabilities }, null, 2) + '\n');

const target = join(import.meta.dirname, '..', 'src', 'migrate', 'data', 'doctor-data.json');
writeFileSync(target, JSON.stringify(out) + '\n');
console.log(
  `wrote ${target}: ${LISTS.map((n) => `${n} ${out[n].length}`).join(', ')}, ${Object.keys(out.BUNDLED_PROVIDER_PLUGINS).length} bundled providers`,
);
