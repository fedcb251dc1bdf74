/**
 * doctor's `tools.allow-also-allow-conflict` migration (openclaw 2026.9.6): a tool policy scope that sets both `allow`
 * and `alsoAllow` gets `alsoAllow` merged into `allow` (and emptied), but only where that keeps every consumer's
 * access: each profile that reads the scope's `alsoAllow` (global, agent and `byProvider` layers) must be absent, or
 * grant everything, or already include every extra without opening Gateway configuration reads. Otherwise doctor
 * leaves the scope for a person. Scopes under `tools`, `agents`, `channels` and `gateway`. Paths and messages are
 * openclaw's interface.
 */
import { isToolAllowed, toolProfileAllow } from '../../core/model/agents.ts';
import { isRec, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { BLOCKED_KEYS } from './common.ts';

const ROOTS = ['tools', 'agents', 'channels', 'gateway'];
const ALIASES: Readonly<Record<string, string>> = { bash: 'exec', 'apply-patch': 'apply_patch', cron: 'automations' };
/** Deeper than any real policy; a hostile config cannot make the walk recurse without bound. */
const MAX_DEPTH = 64;

interface Conflict {
  scope: Rec;
  path: string;
  allow: string[];
  alsoAllow: string[];
}

function normalizeTool(name: string): string {
  const lower = name.trim().toLowerCase();
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower]! : lower;
}

/** A non-empty list of strings under `key`, else undefined. */
function grantList(scope: Rec, key: string): string[] | undefined {
  const list = scope[key];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.every((e) => typeof e === 'string') ? (list as string[]) : undefined;
}

function isPolicyPath(path: readonly string[]): boolean {
  if (path[path.length - 1] === 'tools' || path.includes('toolsBySender')) return true;
  const byProvider = path.lastIndexOf('byProvider');
  return byProvider >= 0 && path.slice(0, byProvider).includes('tools');
}

function label(path: readonly string[]): string {
  return path.reduce(
    (prefix, key) =>
      /^[a-zA-Z_$][\w$]*$/.test(key) ? `${prefix}${prefix ? '.' : ''}${key}` : `${prefix}[${JSON.stringify(key)}]`,
    '',
  );
}

function findConflicts(value: unknown, path: string[], out: Conflict[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((entry, index) => findConflicts(entry, [...path, String(index)], out, depth + 1));
    return;
  }
  if (!isRec(value)) return;
  if (path[path.length - 2] === 'tools' && path[path.length - 1] === 'sandbox') return;
  if (isPolicyPath(path)) {
    const allow = grantList(value, 'allow');
    const alsoAllow = grantList(value, 'alsoAllow');
    if (allow && alsoAllow) out.push({ scope: value, path: label(path), allow, alsoAllow });
  }
  for (const key of Object.keys(value)) findConflicts(value[key], [...path, key], out, depth + 1);
}

/** `byProvider` keys compare trimmed and lowercased, the provider part before a `/` trimmed again. */
function providerKey(value: string): string {
  const normalized = value.trim().toLowerCase();
  const slash = normalized.indexOf('/');
  if (slash <= 0) return normalized.trim();
  const provider = normalized.slice(0, slash).trim();
  const model = normalized.slice(slash + 1);
  return model ? `${provider}/${model}` : provider;
}

/** The `byProvider` policy that applies to a provider (and model), as openclaw resolves it. */
function providerPolicy(byProvider: Rec | undefined, provider: string, model: string | undefined): Rec | undefined {
  if (!provider.trim() || !byProvider) return undefined;
  const lookup = new Map<string, { policy: Rec; canonical: boolean }>();
  for (const key of Object.keys(byProvider)) {
    const policy = rec(byProvider[key]);
    const normalized = providerKey(key);
    if (!policy || !normalized) continue;
    const canonical = key.trim().toLowerCase() === normalized;
    const existing = lookup.get(normalized);
    if (!existing || (canonical && !existing.canonical)) lookup.set(normalized, { policy, canonical });
  }
  const normalizedProvider = providerKey(provider);
  const modelId = model?.trim().toLowerCase();
  for (const key of [...(modelId ? [`${normalizedProvider}/${modelId}`] : []), normalizedProvider]) {
    const hit = lookup.get(key);
    if (hit) return hit.policy;
  }
  return undefined;
}

/** For each `alsoAllow` supplier, the profiles of the layers that read it. */
function profileConsumers(root: Rec): Map<Rec, unknown[]> {
  const consumers = new Map<Rec, unknown[]>();
  const global = rec(root.tools);
  const agents = rec(root.agents);
  const agentTools: Array<Rec | undefined> = [undefined];
  const entries = rec(agents?.entries);
  if (entries) {
    for (const id of Object.keys(entries))
      if (!BLOCKED_KEYS.has(id) && rec(entries[id])) agentTools.push(rec(rec(entries[id])!.tools));
  } else if (Array.isArray(agents?.list))
    for (const item of agents.list) if (isRec(item)) agentTools.push(rec(item.tools));
  const roster =
    agents !== undefined &&
    ((Object.hasOwn(agents, 'entries') && agents.entries !== undefined) ||
      (Object.hasOwn(agents, 'list') && agents.list !== undefined));
  if (!roster) agentTools.push(rec(rec(agents?.defaults)?.tools));
  const add = (outer: Rec | undefined, inner: Rec | undefined) => {
    const supplier = Array.isArray(inner?.alsoAllow) ? inner : Array.isArray(outer?.alsoAllow) ? outer : undefined;
    if (!supplier) return;
    const profiles = consumers.get(supplier) ?? [];
    profiles.push(inner?.profile ?? outer?.profile);
    consumers.set(supplier, profiles);
  };
  for (const agent of agentTools) {
    add(global, agent);
    const globalProviders = rec(global?.byProvider);
    const agentProviders = rec(agent?.byProvider);
    const contexts = new Set<string>();
    for (const key of [...Object.keys(globalProviders ?? {}), ...Object.keys(agentProviders ?? {})]) {
      const normalized = providerKey(key);
      const slash = normalized.indexOf('/');
      contexts.add(normalized);
      contexts.add(slash < 0 ? normalized : normalized.slice(0, slash));
    }
    for (const context of contexts) {
      const slash = context.indexOf('/');
      const provider = slash < 0 ? context : context.slice(0, slash);
      const model = slash < 0 ? undefined : context.slice(slash + 1);
      add(providerPolicy(globalProviders, provider, model), providerPolicy(agentProviders, provider, model));
    }
  }
  return consumers;
}

/** Whether a consumer's profile gives the extras anyway, so merging them into `allow` changes nothing for it. */
function profileCoversExtras(profile: unknown, extras: readonly string[]): boolean {
  if (profile === undefined || profile === null) return true;
  if (typeof profile !== 'string') return false;
  const allow = toolProfileAllow(profile);
  if (!allow) return false;
  if (allow.includes('*')) return true;
  const normalized = extras.map(normalizeTool).filter(Boolean);
  if (normalized.length > 0 && isToolAllowed('gateway', [{ allow: normalized }])) return false;
  const tokens = new Set(allow.map(normalizeTool).filter(Boolean));
  return normalized.every((entry) => tokens.has(entry));
}

function conflictsOf(root: Rec): Conflict[] {
  const out: Conflict[] = [];
  for (const key of ROOTS) if (Object.hasOwn(root, key)) findConflicts(root[key], [key], out);
  return out;
}

function detect(root: Rec): LegacyIssue[] {
  return ROOTS.filter((key) => {
    const out: Conflict[] = [];
    if (Object.hasOwn(root, key)) findConflicts(root[key], [key], out);
    return out.length > 0;
  }).map((key) => ({
    path: key,
    message:
      'Tool policy sets both allow and alsoAllow in the same scope; run "openclaw doctor --fix" for a permission-preserving repair or manual guidance.',
  }));
}

function apply(root: Rec, changes: string[]): void {
  const consumers = profileConsumers(root);
  for (const { scope, path, allow, alsoAllow } of conflictsOf(root)) {
    if (!(consumers.get(scope) ?? []).every((profile) => profileCoversExtras(profile, alsoAllow))) continue;
    scope.allow = [...new Set([...allow, ...alsoAllow])];
    scope.alsoAllow = [];
    changes.push(`Merged ${path}.alsoAllow into ${path}.allow.`);
  }
}

/** After the tool-name renames, before the roster migration. */
export const TOOL_POLICY_CONFLICTS_MIGRATION: Migration = { id: 'tools.allow-also-allow-conflict', detect, apply };

/**
 * doctor's lines for the conflicts it left (the consuming profiles need the extras): what each choice would change.
 * Printed with the migration lines.
 */
export function toolPolicyConflictWarnings(root: Rec): string[] {
  return conflictsOf(root).map(({ path, allow, alsoAllow }) => {
    const merged = [...new Set([...allow, ...alsoAllow])];
    return `Left ${path}.allow=${JSON.stringify(allow)} and ${path}.alsoAllow=${JSON.stringify(alsoAllow)} unchanged: merging may change profile grants or Gateway configuration-read access. To choose the profile plus its explicit extras, remove ${path}.allow (may broaden the explicit restriction). To choose the merged allowlist without profile extras, set ${path}.allow=${JSON.stringify(merged)} and ${path}.alsoAllow=[] (may remove profile grants). Review these permissions before choosing.`;
  });
}
