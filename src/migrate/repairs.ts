/**
 * doctor's other config repairs that `openclaw doctor --fix` writes together with the migrations (its "Doctor
 * changes" lines, not legacy migrations): bundled provider plugins enabled for configured models, and
 * `groupAllowFrom` copied from `allowFrom` on channels whose group allowlist used to fall back to it.
 * The provider → plugin map comes from the pinned package (`scripts/gen-migrate-data.mjs`).
 */
import data from './data/doctor-data.json' with { type: 'json' };
import { ensure, has, isRec, put, rec, type Rec } from './draft.ts';

const PROVIDER_PLUGINS = (data as unknown as { BUNDLED_PROVIDER_PLUGINS: Record<string, string> }).BUNDLED_PROVIDER_PLUGINS;
const STRING_KEYS = new Set(['model', 'primary', 'imageModel', 'pdfModel', 'utilityModel']);
const ARRAY_KEYS = new Set(['fallbacks', 'fallback']);
/** Channels whose group allowlist fell back to `allowFrom` (observed in doctor's answers: Telegram, WhatsApp). */
const GROUP_FALLBACK_CHANNELS = ['telegram', 'whatsapp'];

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

export function enableModelProviderPlugins(root: Rec, changes: string[]): void {
  const plugins = rec(root.plugins);
  if (plugins?.enabled === false) return;
  const seen = new Set<string>();
  for (const ref of configuredModelRefs(root)) {
    const id = pluginForRef(ref);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const current = rec(root.plugins);
    const deny = current?.deny;
    if (Array.isArray(deny) && deny.includes(id)) continue;
    const entry = rec(rec(current?.entries)?.[id]);
    if (entry?.enabled === false) continue;
    const allow = current?.allow;
    const restrictive = Array.isArray(allow) && allow.length > 0;
    const allowMissing = restrictive && !(allow as unknown[]).includes(id);
    if (entry?.enabled === true && !allowMissing) continue;
    const target = ensure(ensure(ensure(root, 'plugins'), 'entries'), id);
    target.enabled = true;
    if (allowMissing) (allow as unknown[]).push(id);
    changes.push(`${ref} model configured, enabled automatically.`);
  }
}

function allowList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '')).filter(Boolean))];
}

export function copyGroupAllowFrom(root: Rec, changes: string[]): void {
  const channels = rec(root.channels);
  if (!channels) return;
  for (const name of Object.keys(channels)) {
    if (!GROUP_FALLBACK_CHANNELS.includes(name)) continue;
    const channel = rec(channels[name]);
    if (!channel || channel.enabled === false) continue;
    const parentHad = allowList(channel.groupAllowFrom).length > 0;
    const copy = (owner: Rec, prefix: string, parent?: Rec) => {
      if (allowList(owner.groupAllowFrom).length > 0 || (parent && parentHad)) return;
      const own = allowList(owner.allowFrom);
      if (parent && own.length === 0 && allowList(parent.groupAllowFrom).length > 0) return;
      const from = own.length > 0 ? own : parent ? allowList(parent.allowFrom) : [];
      if (from.length === 0) return;
      put(owner, 'groupAllowFrom', from);
      changes.push(`${prefix}.groupAllowFrom: copied ${from.length} sender ${from.length === 1 ? 'entry' : 'entries'} from allowFrom for explicit group allowlist.`);
    };
    copy(channel, `channels.${name}`);
    const accounts = rec(channel.accounts);
    for (const id of Object.keys(accounts ?? {})) {
      const account = rec(accounts![id]);
      if (account && account.enabled !== false && has(accounts, id)) copy(account, `channels.${name}.accounts.${id}`, channel);
    }
  }
}
