/**
 * openclaw's plugin stage of validation, which runs only once the core schema and refinements pass:
 * - `channels.<id>` against the owning plugin's channel schema: always for channels whose plugin ships inside
 *   openclaw (messages "invalid config: …"); for official npm channel plugins (`@openclaw/<id>`), assumed installed
 *   (a config using such a channel needs it), always — trust, `plugins.allow`, `enabled: false` do not matter here
 *   (observed: own-schema-slack-disabled-channel, own-schema-discord-blocked-by-allow) — with messages
 *   "invalid config for plugin <id>: …";
 * - `plugins.entries.<id>.config` against that plugin's manifest `configSchema` ("invalid config: …").
 * The checking itself is `validateJsonSchema` (json-schema.ts).
 */
import type { PathSegment } from '../types.ts';
import type { SchemaViolation } from './violation.ts';
import { schemaData } from './data.ts';
import { validateJsonSchema } from './json-schema.ts';
import { isRecord } from '../records.ts';
import { pushAll } from '../arrays.ts';

function withPrefix(
  base: PathSegment[],
  prefix: string,
  issues: ReturnType<typeof validateJsonSchema>,
): SchemaViolation[] {
  return issues.map((issue) => {
    const v: SchemaViolation = { path: [...base, ...issue.path], message: `${prefix}${issue.message}` };
    if (issue.allowedValues) v.allowedValues = issue.allowedValues;
    return v;
  });
}

export interface PluginStageOptions {
  /**
   * Assume the official npm channel plugins are installed (default true): a config that sets `channels.<id>` for
   * one of them needs it, and once installed openclaw checks `channels.<id>` against the plugin's schema whether or
   * not the config trusts the plugin (trust only gates loading it for the audit's channel checks). False answers
   * like an openclaw without them (those settings are then not checked).
   */
  officialChannelPluginsInstalled?: boolean;
  /**
   * A configured plugin load path cannot be read (openclaw: "Uninspected plugin configuration is preserved"): channel
   * settings, unknown channel ids and heartbeat targets, an unavailable web_search provider and the plugin entries are
   * not judged. Set only by the migration, for a `plugins.load.paths` entry outside the repository.
   */
  pluginsUninspected?: boolean;
}

/** Channel schema the real tool would apply to `channels.<id>`, or undefined when it checks nothing there. */
function channelSchemaFor(
  channelId: string,
  opts: PluginStageOptions,
): { schema: unknown; prefix: string } | undefined {
  const entry = schemaData().channels[channelId];
  if (entry?.bundled) return { schema: entry.schema, prefix: 'invalid config: ' };
  if (opts.officialChannelPluginsInstalled === false) return undefined;
  for (const [pluginId, plugin] of Object.entries(schemaData().officialPlugins ?? {})) {
    if (!plugin.channels.includes(channelId)) continue;
    const schema = plugin.channelSchemas?.[channelId] ?? entry?.schema;
    if (schema === undefined) return undefined;
    return { schema, prefix: `invalid config for plugin ${pluginId}: ` };
  }
  return undefined;
}

/**
 * Channel ids openclaw knows: the bundled channel metadata (lowercase ids) plus the channels of the plugins in its
 * registry (the bundled plugins' channels are all in that metadata; installed official plugins add theirs).
 */
function knownChannelIds(opts: PluginStageOptions): Set<string> {
  const ids = new Set(Object.keys(schemaData().channels).map((id) => id.toLowerCase()));
  if (opts.officialChannelPluginsInstalled !== false) {
    for (const plugin of Object.values(schemaData().officialPlugins ?? {}))
      for (const id of plugin.channels) ids.add(id.trim());
  }
  return ids;
}

/** Plugin ids in openclaw's registry: the bundled plugins, plus the official channel plugins when installed. */
function knownPluginIds(opts: PluginStageOptions): Set<string> {
  const ids = new Set(schemaData().facts.bundledPluginIds ?? Object.keys(schemaData().plugins));
  if (opts.officialChannelPluginsInstalled !== false)
    for (const id of Object.keys(schemaData().officialPlugins ?? {})) ids.add(id);
  return ids;
}

const PLUGIN_ID_ALIASES = new Map([
  ['google-gemini-cli', 'google'],
  ['minimax-portal', 'minimax'],
  ['minimax-portal-auth', 'minimax'],
]);

/** openclaw's plugin id key form: trimmed, lowercase, a few built-in aliases. */
function normalizePluginId(id: unknown): string {
  const lowered = typeof id === 'string' ? id.trim().toLowerCase() : '';
  return PLUGIN_ID_ALIASES.get(lowered) ?? lowered;
}

/**
 * openclaw downgrades an unknown channel id to a warning when the config still names a plugin of that id (in
 * `plugins.allow` or `plugins.entries`) that is not installed: stale config from a removed plugin.
 */
function stalePluginEvidence(config: unknown, opts: PluginStageOptions): (channelId: string) => boolean {
  const known = knownPluginIds(opts);
  const named = namedPluginIds(config);
  return (channelId) => {
    const id = normalizePluginId(channelId);
    return id.length > 0 && !known.has(id) && named.has(id);
  };
}

/** Plugin ids the config names in `plugins.allow` and as `plugins.entries` keys, in openclaw's key form. */
function namedPluginIds(config: unknown): Set<string> {
  const plugins = isRecord(config) && isRecord(config.plugins) ? config.plugins : {};
  const ids = new Set<string>();
  if (Array.isArray(plugins.allow)) for (const x of plugins.allow) ids.add(normalizePluginId(x));
  if (isRecord(plugins.entries)) for (const x of Object.keys(plugins.entries)) ids.add(normalizePluginId(x));
  ids.delete('');
  return ids;
}

export function validateChannels(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const channels = isRecord(config) ? config.channels : undefined;
  if (!isRecord(channels) || opts.pluginsUninspected) return [];
  const out: SchemaViolation[] = [];
  const known = knownChannelIds(opts);
  const isStale = stalePluginEvidence(config, opts);
  for (const key of Object.keys(channels)) {
    const id = key.trim();
    if (!id) continue;
    if (id !== 'defaults' && id !== 'modelByChannel' && !known.has(id)) {
      if (!isStale(id)) out.push({ path: ['channels', id], message: `unknown channel id: ${id}` });
      continue;
    }
    const found = channelSchemaFor(id, opts);
    if (!found) continue;
    pushAll(out, withPrefix(['channels', id], found.prefix, validateJsonSchema(found.schema, channels[key])));
  }
  return out;
}

/**
 * `plugins.entries.<id>.config` of every plugin openclaw knows (bundled ones, plus the official npm channel
 * plugins, assumed installed), in plugin-id order. A plugin is checked when its entry has a config; an enabled plugin without one is
 * checked as `{}` (every bundled schema accepts that).
 */
export function validatePluginEntries(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const plugins = isRecord(config) ? config.plugins : undefined;
  if (!isRecord(plugins) || !isRecord(plugins.entries) || opts.pluginsUninspected) return [];
  const entries = plugins.entries;
  const known = new Map<string, unknown>(Object.entries(schemaData().plugins));
  if (opts.officialChannelPluginsInstalled !== false) {
    for (const [id, p] of Object.entries(schemaData().officialPlugins ?? {}))
      if (p.configSchema !== undefined) known.set(id, p.configSchema);
  }
  const out: SchemaViolation[] = [];
  for (const id of [...known.keys()].sort()) {
    const entry = entries[id];
    if (!isRecord(entry)) continue;
    const hasConfig = Boolean(entry.config);
    if (!hasConfig && entry.enabled !== true) continue;
    const value = hasConfig ? entry.config : {};
    pushAll(
      out,
      withPrefix(['plugins', 'entries', id, 'config'], 'invalid config: ', validateJsonSchema(known.get(id), value)),
    );
  }
  return out;
}

// --- heartbeat targets ---

function isKnownHeartbeatTarget(target: string, channels: Set<string>): boolean {
  const normalized = target.toLowerCase();
  if (normalized === 'owner' || normalized === 'last' || normalized === 'none') return true;
  const aliases = schemaData().facts.channelAliases ?? {};
  const resolved = Object.prototype.hasOwnProperty.call(aliases, normalized) ? aliases[normalized]! : normalized;
  return channels.has(resolved) || channels.has(normalized);
}

function heartbeatTargetIssue(target: unknown, path: PathSegment[], channels: Set<string>): SchemaViolation[] {
  if (typeof target !== 'string') return [];
  const trimmed = target.trim();
  if (!trimmed) return [{ path, message: 'heartbeat target must not be empty' }];
  return isKnownHeartbeatTarget(trimmed, channels) ? [] : [{ path, message: `unknown heartbeat target: ${target}` }];
}

/** `heartbeat.target` of the agent defaults and of each agent: `owner`, `last`, `none`, or a known channel (or alias). */
export function validateHeartbeatTargets(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const issues = heartbeatTargetIssues(config, opts);
  return opts.pluginsUninspected ? issues.filter((i) => !i.message.startsWith('unknown heartbeat target')) : issues;
}

function heartbeatTargetIssues(config: unknown, opts: PluginStageOptions): SchemaViolation[] {
  const agents = isRecord(config) && isRecord(config.agents) ? config.agents : {};
  const target = (holder: unknown): unknown =>
    isRecord(holder) && isRecord(holder.heartbeat) ? holder.heartbeat.target : undefined;
  const channels = knownChannelIds(opts);
  const out = heartbeatTargetIssue(target(agents.defaults), ['agents', 'defaults', 'heartbeat', 'target'], channels);
  const entries = isRecord(agents.entries) ? agents.entries : {};
  for (const key of Object.keys(entries)) {
    if (!isRecord(entries[key])) continue;
    pushAll(
      out,
      heartbeatTargetIssue(target(entries[key]), ['agents', 'entries', key, 'heartbeat', 'target'], channels),
    );
  }
  return out;
}

// --- tools.web.search.provider ---

/** True when the config still names the plugin (or provider) in `plugins.allow` or `plugins.entries`. */
function namesPlugin(config: unknown, ...ids: string[]): boolean {
  const named = namedPluginIds(config);
  return ids.some((id) => named.has(normalizePluginId(id)));
}

/**
 * `tools.web.search.provider` must be a provider some plugin in the registry declares. One of an official plugin
 * openclaw can install is "not available" (a warning instead when the config names that plugin); any other is
 * unknown (a warning when the config names a plugin of that id that is not installed). Both list the known ids.
 */
export function validateWebSearchProvider(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const tools = isRecord(config) && isRecord(config.tools) ? config.tools : {};
  const web = isRecord(tools.web) ? tools.web : {};
  const provider = isRecord(web.search) ? web.search.provider : undefined;
  if (typeof provider !== 'string') return [];
  const path: PathSegment[] = ['tools', 'web', 'search', 'provider'];
  const trimmed = provider.trim();
  if (!trimmed) return [{ path, message: 'web_search provider must not be empty' }];
  const facts = schemaData().facts.webSearch ?? { activeProviders: [], installCatalog: [] };
  if (facts.activeProviders.includes(trimmed) || opts.pluginsUninspected) return [];
  const allowedValues = [
    ...new Set([...facts.activeProviders, ...facts.installCatalog.map(([id]) => id.trim()).filter(Boolean)]),
  ].sort((a, b) => a.localeCompare(b));
  const installable = facts.installCatalog.find(([id]) => id === trimmed);
  if (installable) {
    if (namesPlugin(config, trimmed, installable[1])) return [];
    return [
      {
        path,
        message: `web_search provider is not available: ${trimmed} (install or enable plugin "${installable[1]}", then run openclaw doctor --fix)`,
        allowedValues,
      },
    ];
  }
  if (allowedValues.length === 0) return [];
  const id = normalizePluginId(trimmed);
  if (id && !knownPluginIds(opts).has(id) && namesPlugin(config, trimmed)) return [];
  return [{ path, message: `unknown web_search provider: ${trimmed}`, allowedValues }];
}

// --- plugins.slots.memory ---

/** Plugins openclaw retired: a reference to one is a warning, not an error. */
const RETIRED_PLUGIN_IDS = new Set(['google-antigravity-auth', 'google-gemini-cli-auth', 'skill-workshop']);

/**
 * An explicit `plugins.slots.memory` naming a plugin openclaw does not have: `plugin not found: <id>`. `none` turns
 * the slot off; a retired plugin, and `memory-lancedb` (an official plugin openclaw offers to install), only warn.
 */
export function validateMemorySlot(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const plugins = isRecord(config) && isRecord(config.plugins) ? config.plugins : undefined;
  if (opts.pluginsUninspected) return [];
  const slots = plugins && isRecord(plugins.slots) ? plugins.slots : undefined;
  if (!slots || !Object.prototype.hasOwnProperty.call(slots, 'memory')) return [];
  const raw = slots.memory;
  const slot = typeof raw === 'string' ? raw.trim() : '';
  if (!slot || slot.toLowerCase() === 'none' || knownPluginIds(opts).has(slot)) return [];
  if (RETIRED_PLUGIN_IDS.has(normalizePluginId(slot)) || slot === 'memory-lancedb') return [];
  return [{ path: ['plugins', 'slots', 'memory'], message: `plugin not found: ${slot}` }];
}
