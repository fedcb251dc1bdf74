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
import type { SchemaViolation } from './validate.ts';
import { SCHEMA_DATA } from './validate.ts';
import { validateJsonSchema } from './json-schema.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
   * Assume the official npm channel plugins are installed (default true): a config that sets `channels.<id>` for
   * one of them needs it, and once installed openclaw checks `channels.<id>` against the plugin's schema whether or
   * not the config trusts the plugin (trust only gates loading it for the audit's channel checks). False answers
   * like an openclaw without them (those settings are then not checked).
   */
  officialChannelPluginsInstalled?: boolean;
}

/** Channel schema the real tool would apply to `channels.<id>`, or undefined when it checks nothing there. */
function channelSchemaFor(channelId: string, opts: PluginStageOptions): { schema: unknown; prefix: string } | undefined {
  const entry = SCHEMA_DATA.channels[channelId];
  if (entry?.bundled) return { schema: entry.schema, prefix: 'invalid config: ' };
  if (opts.officialChannelPluginsInstalled === false) return undefined;
  for (const [pluginId, plugin] of Object.entries(SCHEMA_DATA.officialPlugins ?? {})) {
    if (!plugin.channels.includes(channelId)) continue;
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
    const found = channelSchemaFor(id, opts);
    if (!found) continue;
    out.push(...withPrefix(['channels', id], found.prefix, validateJsonSchema(found.schema, channels[key])));
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
  if (!isRecord(plugins) || !isRecord(plugins.entries)) return [];
  const entries = plugins.entries;
  const known = new Map<string, unknown>(Object.entries(SCHEMA_DATA.plugins));
  if (opts.officialChannelPluginsInstalled !== false) {
    for (const [id, p] of Object.entries(SCHEMA_DATA.officialPlugins ?? {})) if (p.configSchema !== undefined) known.set(id, p.configSchema);
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
