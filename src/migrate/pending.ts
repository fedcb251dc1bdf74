/**
 * What `openclaw doctor --fix` leaves pending on a machine without network (as in CI): the settings of plugins it
 * installs from npm wait, kept as written and unchecked, for the plugin's own data/settings upgrade; a plugin load
 * path it cannot read leaves every plugin setting uninspected. Reported in doctor's words, never dropped silently.
 */
import { schemaData } from '../core/schema/data.ts';
import { isRec, rec, type Rec } from './draft.ts';
import type { LegacyIssue } from './migration.ts';

const CHANNEL_META_KEYS = new Set(['defaults', 'modelByChannel']);
const UPGRADE = 'cannot be checked until its data/settings upgrade finishes. Your existing settings have been kept.';
const STATUS = 'Run "openclaw update status" for repair details.';

/** doctor's warnings for the plugin work it leaves pending in the migrated config. */
export function pendingPluginWork(migrated: unknown, unavailableLoadPaths: readonly string[]): LegacyIssue[] {
  if (unavailableLoadPaths.length > 0)
    return unavailableLoadPaths.map((path) => ({
      path: 'plugins.load.paths',
      message: `Configured plugin load path is unavailable: ${path}. Uninspected plugin configuration is preserved. Restore access to the path, then run \`openclaw doctor --fix\`.`,
    }));
  const root = rec(migrated);
  const plugins = rec(root?.plugins);
  if (!root || plugins?.enabled === false) return [];
  const out: LegacyIssue[] = [];
  const data = schemaData();
  const channels = rec(root.channels);
  for (const id of Object.keys(channels ?? {})) {
    const channel = channels![id];
    if (CHANNEL_META_KEYS.has(id) || !isRec(channel) || channel.enabled === false) continue;
    if (Object.keys(channel).every((k) => k === 'enabled')) continue;
    const owner = Object.prototype.hasOwnProperty.call(data.channels, id) ? data.channels[id] : undefined;
    if (owner && !owner.bundled)
      out.push({ path: `channels.${id}`, message: `Plugin "${owner.pluginId}" channel settings ${UPGRADE} ${STATUS}` });
  }
  const bundled = new Set(data.facts.bundledPluginIds ?? Object.keys(data.plugins));
  const entries = rec(plugins?.entries);
  for (const id of Object.keys(entries ?? {})) {
    const entry: Rec | undefined = rec(entries![id]);
    if (!entry || entry.enabled === false || bundled.has(id.trim().toLowerCase())) continue;
    out.push({ path: `plugins.entries.${id}`, message: `Plugin "${id}" settings ${UPGRADE} ${STATUS}` });
  }
  return out;
}
