/**
 * openclaw's plugin stage of validation, which runs only once the core schema and refinements pass:
 * - `channels.<id>` against the owning plugin's channel schema: always for channels whose plugin ships inside
 *   openclaw (messages "invalid config: …"); for official npm channel plugins (`@openclaw/<id>`), assumed installed
 *   (a config using such a channel needs it), when openclaw would select the plugin: not blocked, and trusted or
 *   auto-enabled by a configured channel (messages "invalid config for plugin <id>: …");
 * - `plugins.entries.<id>.config` against that plugin's manifest `configSchema` ("invalid config: …").
 * The checking itself is `validateJsonSchema` (json-schema.ts).
 */
import type { PathSegment } from '../types.ts';
import type { SchemaViolation } from './validate.ts';
import { SCHEMA_DATA } from './validate.ts';
import { validateJsonSchema } from './json-schema.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
}

/**
 * Whether the config trusts a non-bundled plugin enough for openclaw to load it: `plugins.entries.<id>.enabled: true`
 * or `plugins.allow` naming it, and nothing turning it off (`plugins.enabled: false`, `plugins.deny`,
 * `plugins.entries.<id>.enabled: false`, or a non-empty `plugins.allow` without it).
 */
export function trustsPlugin(config: unknown, pluginId: string): boolean {
  const plugins = isRecord(config) && isRecord(config.plugins) ? config.plugins : undefined;
  if (!plugins || pluginBlocked(config, pluginId)) return false;
  const entries = isRecord(plugins.entries) ? plugins.entries : {};
  const entry = isRecord(entries[pluginId]) ? (entries[pluginId] as Record<string, unknown>) : undefined;
  return strings(plugins.allow).includes(pluginId) || entry?.enabled === true;
}

/** `plugins.enabled: false`, `plugins.deny`, `plugins.entries.<id>.enabled: false`, or a non-empty allow list without it. */
function pluginBlocked(config: unknown, pluginId: string): boolean {
  const plugins = isRecord(config) && isRecord(config.plugins) ? config.plugins : undefined;
  if (!plugins) return false;
  if (plugins.enabled === false || strings(plugins.deny).includes(pluginId)) return true;
  const entries = isRecord(plugins.entries) ? plugins.entries : {};
  if (isRecord(entries[pluginId]) && (entries[pluginId] as Record<string, unknown>).enabled === false) return true;
  const allow = strings(plugins.allow);
  return allow.length > 0 && !allow.includes(pluginId);
}

/**
 * Whether openclaw selects an installed official channel plugin's schema for `channels.<id>`: the plugin is not
 * blocked and is either trusted, or auto-enabled because the channel is configured (a settings object not
 * switched off), as channel startup would.
 */
function channelPluginSelected(config: unknown, pluginId: string, channelId: string): boolean {
  if (pluginBlocked(config, pluginId)) return false;
  if (trustsPlugin(config, pluginId)) return true;
  const channels = isRecord(config) && isRecord(config.channels) ? config.channels : {};
  const ch = channels[channelId];
  return isRecord(ch) && ch.enabled !== false && Object.keys(ch).length > 0;
}

function withPrefix(base: PathSegment[], prefix: string, issues: ReturnType<typeof validateJsonSchema>): SchemaViolation[] {
  return issues.map((issue) => {
    const v: SchemaViolation = { path: [...base, ...issue.path], message: `${prefix}${issue.message}` };
    if (issue.allowedValues) v.allowedValues = issue.allowedValues;
    return v;
  });
}

export interface PluginStageOptions {
  /**
   * Assume official npm channel plugins the config trusts are installed (what `openclaw plugins install` leaves
   * behind). Default true; false answers like an openclaw without them.
   */
  trustedPluginsInstalled?: boolean;
}

/** Channel schema the real tool would apply to `channels.<id>`, or undefined when it checks nothing there. */
function channelSchemaFor(config: unknown, channelId: string, opts: PluginStageOptions): { schema: unknown; prefix: string } | undefined {
  const entry = SCHEMA_DATA.channels[channelId];
  if (entry?.bundled) return { schema: entry.schema, prefix: 'invalid config: ' };
  if (opts.trustedPluginsInstalled === false) return undefined;
  for (const [pluginId, plugin] of Object.entries(SCHEMA_DATA.officialPlugins ?? {})) {
    if (!plugin.channels.includes(channelId) || !channelPluginSelected(config, pluginId, channelId)) continue;
    const schema = plugin.channelSchemas?.[channelId] ?? entry?.schema;
    if (schema === undefined) return undefined;
    return { schema, prefix: `invalid config for plugin ${pluginId}: ` };
  }
  return undefined;
}

export function validateChannels(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const channels = isRecord(config) ? config.channels : undefined;
  if (!isRecord(channels)) return [];
  const out: SchemaViolation[] = [];
  for (const key of Object.keys(channels)) {
    const id = key.trim();
    if (!id) continue;
    const found = channelSchemaFor(config, id, opts);
    if (!found) continue;
    out.push(...withPrefix(['channels', id], found.prefix, validateJsonSchema(found.schema, channels[key])));
  }
  return out;
}

/**
 * `plugins.entries.<id>.config` of every plugin openclaw knows (bundled ones, plus trusted official npm channel
 * plugins), in plugin-id order. A plugin is checked when its entry has a config; an enabled plugin without one is
 * checked as `{}` (every bundled schema accepts that).
 */
export function validatePluginEntries(config: unknown, opts: PluginStageOptions = {}): SchemaViolation[] {
  const plugins = isRecord(config) ? config.plugins : undefined;
  if (!isRecord(plugins) || !isRecord(plugins.entries)) return [];
  const entries = plugins.entries;
  const known = new Map<string, unknown>(Object.entries(SCHEMA_DATA.plugins));
  if (opts.trustedPluginsInstalled !== false) {
    for (const [id, p] of Object.entries(SCHEMA_DATA.officialPlugins ?? {})) if (p.configSchema !== undefined && trustsPlugin(config, id)) known.set(id, p.configSchema);
  }
  const out: SchemaViolation[] = [];
  for (const id of [...known.keys()].sort()) {
    const entry = entries[id];
    if (!isRecord(entry)) continue;
    const hasConfig = Boolean(entry.config);
    if (!hasConfig && entry.enabled !== true) continue;
    const value = hasConfig ? entry.config : {};
    out.push(...withPrefix(['plugins', 'entries', id, 'config'], 'invalid config: ', validateJsonSchema(known.get(id), value)));
  }
  return out;
}
