/**
 * doctor's other config repairs that `openclaw doctor --fix` writes together with the migrations (its "Doctor
 * changes" lines, not legacy migrations): plugins enabled for configured channels and models, stale plugin ids
 * dropped. The channel access repairs are in channel-access.ts.
 * The provider → plugin map comes from the pinned package (`scripts/gen-migrate-data.mjs`).
 */
import data from './data/doctor-data.json' with { type: 'json' };
import { ensure, has, isRec, put, rec, type Rec } from './draft.ts';
import { configuredSpeechProviders } from './speech-providers.ts';

const DATA = data as unknown as {
  BUNDLED_PROVIDER_PLUGINS: Record<string, string>;
  AUTO_ENABLE_PROVIDER_PLUGINS: Record<string, string>;
  BUNDLED_SPEECH_PROVIDERS: Record<string, string[]>;
  BUNDLED_WEB_SEARCH_PROVIDERS: Record<string, string[]>;
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

/** The plugins a provider-id table lists for `id` (own keys only). */
function ownedBy(table: Record<string, string[]>, id: string): string[] | undefined {
  return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
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
  // Providers whose plugin turns on once they are configured at all (an auth profile, a provider entry, a model).
  const refs = configuredModelRefs(root);
  for (const [provider, pluginId] of Object.entries(DATA.AUTO_ENABLE_PROVIDER_PLUGINS))
    if (providerConfigured(root, provider, refs)) out.push({ pluginId, reason: `${provider} auth configured` });
  const seen = new Set<string>();
  for (const ref of refs) {
    const id = pluginForRef(ref);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ pluginId: id, reason: `${ref} model configured` });
  }
  for (const provider of configuredSpeechProviders(root))
    for (const pluginId of [...(ownedBy(DATA.BUNDLED_SPEECH_PROVIDERS, provider) ?? [])].sort((a, b) =>
      a.localeCompare(b),
    ))
      out.push({ pluginId, reason: `${provider} speech provider selected` });
  const search = rec(rec(rec(root.tools)?.web)?.search);
  const searchProvider =
    search?.enabled !== false && typeof search?.provider === 'string' ? search.provider.trim().toLowerCase() : '';
  const searchPlugin = searchProvider ? ownedBy(DATA.BUNDLED_WEB_SEARCH_PROVIDERS, searchProvider)?.[0] : undefined;
  if (searchPlugin) out.push({ pluginId: searchPlugin, reason: `${searchProvider} web search provider selected` });
  if (rec(root.browser)) out.push({ pluginId: 'browser', reason: 'browser configured' });
  else if (mentionsBrowserTool(root)) out.push({ pluginId: 'browser', reason: 'browser tool referenced' });
  return out;
}

function providerConfigured(root: Rec, provider: string, refs: string[]): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
  const profiles = rec(rec(root.auth)?.profiles);
  if (Object.values(profiles ?? {}).some((p) => norm(rec(p)?.provider) === provider)) return true;
  if (Object.keys(rec(rec(root.models)?.providers) ?? {}).some((k) => norm(k) === provider)) return true;
  return refs.some((ref) => {
    const slash = ref.trim().indexOf('/');
    return slash > 0 && norm(ref.trim().slice(0, slash)) === provider;
  });
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

/** openclaw's built-in plugin id aliases and retired plugins (a reference to a retired one is only warned about). */
const PLUGIN_ALIASES = new Map([
  ['google-gemini-cli', 'google'],
  ['minimax-portal', 'minimax'],
  ['minimax-portal-auth', 'minimax'],
]);
const RETIRED_PLUGINS = new Set(['google-antigravity-auth', 'google-gemini-cli-auth', 'skill-workshop']);
const CHANNEL_META_KEYS = new Set(['defaults', 'modelByChannel']);

/** openclaw's plugin id key form: trimmed, lowercase, built-in aliases resolved. */
export function normalizePluginId(id: string): string {
  const lowered = id.trim().toLowerCase();
  return PLUGIN_ALIASES.get(lowered) ?? lowered;
}

/** `{ enabled: false }` and nothing else: a deliberate "keep this plugin off", never stale. */
const isDisableMarker = (entry: unknown) => isRec(entry) && entry.enabled === false && Object.keys(entry).length === 1;

/**
 * doctor's stale-plugin repair: plugin ids no known plugin answers to (shipped with openclaw, its chat channels, its
 * official catalog) are dropped from plugins.allow/deny/entries/slots, and a channel config only such a plugin could
 * own goes too, with the heartbeat targets and model overrides naming it. `preserve` holds the plugins doctor tried
 * and failed to install or update (offline: every plugin with an install record), which it keeps.
 */
export function dropStalePlugins(
  root: Rec,
  changes: string[],
  options: { localPlugins: boolean; preserve: ReadonlySet<string> },
): void {
  const plugins = rec(root.plugins);
  // Plugins loaded from local paths are unknown here: nothing is judged stale then.
  if (!plugins || plugins.enabled === false || options.localPlugins) return;
  const known = (id: string) => KNOWN_PLUGINS.has(id);
  const evidence = new Set([...options.preserve].filter((id) => !known(id)));
  const staleId = (raw: unknown): raw is string => {
    if (typeof raw !== 'string') return false;
    const id = normalizePluginId(raw);
    return id !== '' && !known(id);
  };
  const kept = (raw: string) => options.preserve.has(normalizePluginId(raw));
  for (const key of ['allow', 'deny'] as const) {
    const list = plugins[key];
    if (!Array.isArray(list)) continue;
    const hits = list.filter(staleId);
    for (const id of hits) evidence.add(normalizePluginId(id));
    const removed = hits.filter((id) => !kept(id));
    if (removed.length === 0) continue;
    const gone = new Set(removed.map(normalizePluginId));
    plugins[key] = list.filter((id) => typeof id !== 'string' || !gone.has(normalizePluginId(id)));
    changes.push(
      `- plugins.${key}: removed ${removed.length} stale plugin id${removed.length === 1 ? '' : 's'} (${removed.join(', ')})`,
    );
  }
  const entries = rec(plugins.entries);
  const entryHits = Object.keys(entries ?? {}).filter(
    (id) => staleId(id) && (!isDisableMarker(entries![id]) || RETIRED_PLUGINS.has(normalizePluginId(id))),
  );
  for (const id of entryHits) evidence.add(normalizePluginId(id));
  const removedEntries = entryHits.filter((id) => !kept(id));
  for (const id of removedEntries) {
    // The plugin is configured but cannot be installed offline: doctor keeps its settings for the pending upgrade
    // (plugins.entries.<id>.config is restored after the repair), and only those.
    const entry = rec(entries![id]);
    if (entry && has(entry, 'config') && entry.enabled !== false) put(entries!, id, { config: entry.config });
    else delete entries![id];
  }
  if (removedEntries.length > 0)
    changes.push(
      `- plugins.entries: removed ${removedEntries.length} stale plugin entr${removedEntries.length === 1 ? 'y' : 'ies'} (${removedEntries.join(', ')})`,
    );
  const slots = rec(plugins.slots);
  if (slots) {
    const hits = ['memory', 'contextEngine'].filter((k) => {
      const v = slots[k];
      return typeof v === 'string' && v.trim().toLowerCase() !== 'none' && staleId(v) && !kept(v);
    });
    const defaults: Record<string, string> = { memory: 'memory-core', contextEngine: 'legacy' };
    const labels = hits.map((k) => `${k}: ${String(slots[k])} -> ${defaults[k]}`);
    for (const k of hits) delete slots[k];
    if (hits.length > 0) {
      if (Object.keys(slots).length === 0) delete plugins.slots;
      changes.push(
        `- plugins.slots: reset ${hits.length} stale plugin slot${hits.length === 1 ? '' : 's'} (${labels.join(', ')})`,
      );
    }
  }
  dropDanglingChannels(root, changes, evidence, kept);
}

/** Channel configs for a plugin that is gone (stale evidence above), with what points at them. */
function dropDanglingChannels(
  root: Rec,
  changes: string[],
  evidence: ReadonlySet<string>,
  kept: (id: string) => boolean,
): void {
  const channels = rec(root.channels);
  if (!channels) return;
  const seen = new Set<string>();
  const dangling = Object.keys(channels).filter((id) => {
    const n = normalizePluginId(id);
    if (CHANNEL_META_KEYS.has(id) || !n || KNOWN_PLUGINS.has(n) || !evidence.has(n) || seen.has(n) || kept(id))
      return false;
    seen.add(n);
    return true;
  });
  if (dangling.length === 0) return;
  const gone = new Set(dangling.map(normalizePluginId));
  const targets: string[] = [];
  const agents = rec(root.agents);
  const scopes = [rec(agents?.defaults), ...Object.values(rec(agents?.entries) ?? {}).map(rec)];
  for (const scope of scopes) {
    const heartbeat = rec(scope?.heartbeat);
    if (typeof heartbeat?.target === 'string' && gone.has(normalizePluginId(heartbeat.target))) {
      targets.push(heartbeat.target);
      delete heartbeat.target;
    }
  }
  const overrides: string[] = [];
  const byChannel = rec(channels.modelByChannel);
  for (const provider of Object.keys(byChannel ?? {})) {
    const map = rec(byChannel![provider]);
    if (!map) continue;
    for (const id of Object.keys(map))
      if (gone.has(normalizePluginId(id))) {
        overrides.push(id);
        delete map[id];
      }
    if (Object.keys(map).length === 0) delete byChannel![provider];
  }
  if (byChannel && Object.keys(byChannel).length === 0) delete channels.modelByChannel;
  for (const id of Object.keys(channels))
    if (!CHANNEL_META_KEYS.has(id) && gone.has(normalizePluginId(id))) delete channels[id];
  changes.push(
    `- channels: removed ${dangling.length} stale channel config${dangling.length === 1 ? '' : 's'} (${dangling.join(', ')})`,
  );
  if (targets.length > 0)
    changes.push(
      `- agents heartbeat: removed ${targets.length} stale heartbeat target${targets.length === 1 ? '' : 's'} (${[...new Set(targets)].join(', ')})`,
    );
  if (overrides.length > 0)
    changes.push(
      `- channels.modelByChannel: removed ${overrides.length} stale channel model override${overrides.length === 1 ? '' : 's'} (${[...new Set(overrides)].join(', ')})`,
    );
}

const HEARTBEAT_TIME = /^(?:[01]\d|2[0-3]|24):[0-5]\d$/;

/** Whether `activeHours` is what openclaw's heartbeat schema accepts: `{ start?, end?, timezone? }`, times "HH:MM". */
function validActiveHours(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isRec(value) || Object.keys(value).some((k) => k !== 'start' && k !== 'end' && k !== 'timezone')) return false;
  if ([value.start, value.end, value.timezone].some((v) => v !== undefined && typeof v !== 'string')) return false;
  const time = (raw: unknown, allow24: boolean) => {
    if (!raw) return true;
    const text = raw as string;
    if (!HEARTBEAT_TIME.test(text)) return false;
    return !text.startsWith('24') || (allow24 && text === '24:00');
  };
  return time(value.start, false) && time(value.end, true);
}

/**
 * An `activeHours` the heartbeat schema rejects (a "08:00-23:00" string, say) is removed from `agents.defaults` and
 * each agent's heartbeat; heartbeats then run at any hour until it is set again.
 */
export function dropInvalidActiveHours(root: Rec, changes: string[]): void {
  const repair = (heartbeat: unknown, path: string) => {
    if (!isRec(heartbeat) || !has(heartbeat, 'activeHours') || validActiveHours(heartbeat.activeHours)) return;
    delete heartbeat.activeHours;
    changes.push(
      `Removed invalid ${path}.activeHours; heartbeats will use unrestricted hours until it is reconfigured.`,
    );
  };
  const agents = rec(root.agents);
  repair(rec(agents?.defaults)?.heartbeat, 'agents.defaults.heartbeat');
  const entries = rec(agents?.entries);
  if (entries)
    for (const id of Object.keys(entries)) repair(rec(entries[id])?.heartbeat, `agents.entries.${id}.heartbeat`);
  else if (Array.isArray(agents?.list))
    agents.list.forEach((item, index) => repair(rec(item)?.heartbeat, `agents.list[${index}].heartbeat`));
}
