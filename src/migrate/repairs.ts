/**
 * doctor's other config repairs that `openclaw doctor --fix` writes together with the migrations (its "Doctor
 * changes" lines, not legacy migrations): plugins enabled for configured channels and models, stale plugin ids
 * dropped. The channel access repairs are in channel-access.ts.
 * The provider → plugin map comes from the pinned package (`scripts/gen-migrate-data.mjs`).
 */
import data from './data/doctor-data.json' with { type: 'json' };
import { ensure, isRec, rec, type Rec } from './draft.ts';

const DATA = data as unknown as {
  BUNDLED_PROVIDER_PLUGINS: Record<string, string>;
  BUNDLED_CHANNELS: Record<string, string>;
  BUNDLED_PLUGINS: string[];
  OFFICIAL_EXTERNAL_PLUGINS: string[];
  OFFICIAL_EXTERNAL_CHANNELS: string[];
};
const PROVIDER_PLUGINS = DATA.BUNDLED_PROVIDER_PLUGINS;
const CHANNEL_LABELS = DATA.BUNDLED_CHANNELS;
/** Plugin ids openclaw knows: shipped with it, its chat channels, and the official external catalog. */
const KNOWN_PLUGINS = new Set([
  ...DATA.BUNDLED_PLUGINS,
  ...Object.keys(CHANNEL_LABELS),
  ...DATA.OFFICIAL_EXTERNAL_PLUGINS,
  ...DATA.OFFICIAL_EXTERNAL_CHANNELS,
]);
const own = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const STRING_KEYS = new Set(['model', 'primary', 'imageModel', 'pdfModel', 'utilityModel']);
const ARRAY_KEYS = new Set(['fallbacks', 'fallback']);

/** Model refs configured for the agents (defaults, then each entry), in config order. */
function configuredModelRefs(root: Rec): string[] {
  const refs: string[] = [];
  const visit = (value: unknown, key: string, depth: number): void => {
    if (depth > 8) return;
    if (typeof value === 'string') {
      if (STRING_KEYS.has(key)) refs.push(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string' && ARRAY_KEYS.has(key)) refs.push(v);
      return;
    }
    if (!isRec(value)) return;
    if (key === 'models') refs.push(...Object.keys(value));
    for (const k of Object.keys(value)) if (k !== 'models' || key !== 'models') visit(value[k], k, depth + 1);
  };
  const agents = rec(root.agents);
  if (agents) {
    visit(agents.defaults, 'defaults', 0);
    const entries = rec(agents.entries);
    for (const id of Object.keys(entries ?? {})) visit(entries![id], id, 0);
  }
  return refs;
}

function pluginForRef(ref: string): string | undefined {
  const slash = ref.indexOf('/');
  if (slash <= 0) return undefined;
  const provider = ref.slice(0, slash).trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(PROVIDER_PLUGINS, provider) ? PROVIDER_PLUGINS[provider] : undefined;
}

interface Candidate {
  pluginId: string;
  /** A chat channel openclaw ships: enabled under channels.<id> instead of plugins.entries. */
  channelId?: string;
  reason: string;
}

/** What doctor enables automatically: configured chat channels, then providers of configured models, then the browser. */
function candidates(root: Rec): Candidate[] {
  const out: Candidate[] = [];
  const channels = rec(root.channels);
  for (const id of Object.keys(channels ?? {})) {
    const channel = rec(channels![id]);
    if (!channel || !own(CHANNEL_LABELS, id) || Object.keys(channel).every((k) => k === 'enabled')) continue;
    out.push({ pluginId: id, channelId: id, reason: `${CHANNEL_LABELS[id]} configured` });
  }
  const seen = new Set<string>();
  for (const ref of configuredModelRefs(root)) {
    const id = pluginForRef(ref);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ pluginId: id, reason: `${ref} model configured` });
  }
  if (rec(root.browser)) out.push({ pluginId: 'browser', reason: 'browser configured' });
  else if (mentionsBrowserTool(root)) out.push({ pluginId: 'browser', reason: 'browser tool referenced' });
  return out;
}

function mentionsBrowserTool(root: Rec): boolean {
  const lists = (tools: unknown) =>
    ['allow', 'alsoAllow'].some((k) => {
      const list = rec(tools)?.[k];
      return Array.isArray(list) && list.includes('browser');
    });
  if (lists(root.tools)) return true;
  const agents = rec(root.agents);
  const scopes = [agents?.defaults, ...Object.values(rec(agents?.entries) ?? {})];
  return scopes.some((scope) => lists(rec(scope)?.tools));
}

function allowlist(root: Rec, id: string): void {
  const plugins = ensure(root, 'plugins');
  const allow = plugins.allow;
  if (Array.isArray(allow) && !allow.includes(id)) plugins.allow = [...allow, id];
}

export function enablePlugins(root: Rec, changes: string[]): void {
  if (rec(root.plugins)?.enabled === false) return;
  for (const c of candidates(root)) {
    const plugins = rec(root.plugins);
    const deny = plugins?.deny;
    if (Array.isArray(deny) && deny.includes(c.pluginId)) continue;
    const entry = rec(rec(plugins?.entries)?.[c.pluginId]);
    const channel = c.channelId ? rec(rec(root.channels)?.[c.channelId]) : undefined;
    if (entry?.enabled === false || channel?.enabled === false) continue;
    const allow = plugins?.allow;
    const restrictive = Array.isArray(allow) && allow.length > 0;
    const allowMissing = restrictive && !(allow as unknown[]).includes(c.pluginId);
    const enabled = c.channelId ? channel?.enabled === true : entry?.enabled === true;
    if (enabled && !allowMissing) continue;
    if (c.channelId) ensure(ensure(root, 'channels'), c.channelId).enabled = true;
    else ensure(ensure(ensure(root, 'plugins'), 'entries'), c.pluginId).enabled = true;
    if (restrictive) allowlist(root, c.pluginId);
    changes.push(`${c.reason}, enabled automatically.`);
  }
  // Plugin entries with settings of their own join a restrictive allowlist.
  const plugins = rec(root.plugins);
  const entries = rec(plugins?.entries);
  if (!plugins || !entries || !Array.isArray(plugins.allow) || plugins.allow.length === 0) return;
  for (const id of Object.keys(entries).sort((a, b) => a.localeCompare(b))) {
    const entry = rec(entries[id]);
    const material =
      entry &&
      (entry.enabled === true ||
        isRec(entry.config) ||
        isRec(entry.hooks) ||
        isRec(entry.subagent) ||
        isRec(entry.llm) ||
        entry.apiKey !== undefined ||
        entry.env !== undefined);
    const deny = plugins.deny;
    if (
      !material ||
      entry!.enabled === false ||
      (Array.isArray(deny) && deny.includes(id)) ||
      (plugins.allow as unknown[]).includes(id) ||
      !KNOWN_PLUGINS.has(id)
    )
      continue;
    allowlist(root, id);
    changes.push(`${id} plugin config present, added to plugin allowlist.`);
  }
}

/**
 * Plugin ids no known plugin answers to are dropped from plugins.allow/deny/entries/slots, as doctor's stale-plugin
 * repair does (with nothing installed beyond what ships with openclaw and its official catalog).
 */
export function dropStalePlugins(root: Rec, changes: string[], localPlugins: boolean): void {
  const plugins = rec(root.plugins);
  // Plugins loaded from local paths or install records are unknown here: nothing is judged stale then.
  if (!plugins || plugins.enabled === false || localPlugins) return;
  const stale = (id: unknown) => typeof id === 'string' && !KNOWN_PLUGINS.has(id.trim().toLowerCase());
  for (const key of ['allow', 'deny'] as const) {
    const list = plugins[key];
    if (!Array.isArray(list)) continue;
    const removed = list.filter(stale) as string[];
    if (removed.length === 0) continue;
    plugins[key] = list.filter((id) => !stale(id));
    changes.push(
      `- plugins.${key}: removed ${removed.length} stale plugin id${removed.length === 1 ? '' : 's'} (${removed.join(', ')})`,
    );
  }
  const entries = rec(plugins.entries);
  const removedEntries = Object.keys(entries ?? {}).filter(stale);
  for (const id of removedEntries) {
    // An entry with settings of its own keeps them; only its switch goes.
    const entry = rec(entries![id]);
    if (entry && Object.keys(entry).some((k) => k !== 'enabled')) delete entry.enabled;
    else delete entries![id];
  }
  if (removedEntries.length > 0)
    changes.push(
      `- plugins.entries: removed ${removedEntries.length} stale plugin entr${removedEntries.length === 1 ? 'y' : 'ies'} (${removedEntries.join(', ')})`,
    );
  const slots = rec(plugins.slots);
  if (slots) {
    const hits = Object.keys(slots).filter((k) => stale(slots[k]));
    for (const k of hits) delete slots[k];
    if (hits.length > 0) {
      if (Object.keys(slots).length === 0) delete plugins.slots;
      changes.push(
        `- plugins.slots: reset ${hits.length} stale plugin slot${hits.length === 1 ? '' : 's'} (${hits.join(', ')})`,
      );
    }
  }
}
