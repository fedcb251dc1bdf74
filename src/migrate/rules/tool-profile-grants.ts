/**
 * doctor's `tools.profile-configured-sections-alsoAllow` migration (openclaw 2026.9.6). A tool policy that sets a
 * profile other than "full" and an explicit `allow` list, and configures a tool section (`tools.exec` grants exec and
 * process, `tools.fs` grants read, write and edit), used to get those tools even when the profile filtered them out.
 * openclaw now applies the profile first, so doctor keeps the access the config asked for: the scope's `allow` becomes
 * the profile's grants that `allow` named, plus plugin grants, plus the configured-section grants it named, `alsoAllow`
 * is merged into it, and the profile becomes "full" so that `allow` alone decides. Applies to `tools`, each agent's
 * `tools`, and their `byProvider` policies. Paths and messages are openclaw's interface.
 */
import { expandToolGroups, isCoreToolId, isToolAllowed, toolProfileAllow } from '../../core/model/agents.ts';
import { isRec, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { BLOCKED_KEYS, agentEntries } from './common.ts';

const SECTION_GRANTS: ReadonlyArray<{ key: string; grants: readonly string[] }> = [
  { key: 'exec', grants: ['exec', 'process'] },
  { key: 'fs', grants: ['read', 'write', 'edit'] },
];

interface Policy {
  allow: string[];
}

const unique = (list: readonly string[]) => [...new Set(list)];
const allowed = (tool: string, policy: Policy | undefined) => !policy || isToolAllowed(tool, [policy]);

/** The scope's own list of strings under `key`, or undefined when it sets none. */
function ownList(value: unknown, key: string): string[] | undefined {
  const list = rec(value)?.[key];
  return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : undefined;
}

function profilePolicy(profile: string, alsoAllow: readonly string[]): Policy | undefined {
  const allow = toolProfileAllow(profile);
  if (!allow) return undefined;
  return { allow: alsoAllow.length > 0 ? unique([...allow, ...alsoAllow]) : allow };
}

function sectionGrants(tools: Rec): string[] {
  return unique(SECTION_GRANTS.filter((s) => isRec(tools[s.key])).flatMap((s) => s.grants));
}

/** An agent's configured-section grants: its own sections, plus the global ones when it sets no profile of its own. */
function effectiveSectionGrants(global: Rec | undefined, tools: Rec | undefined): string[] {
  const inherit = typeof tools?.profile !== 'string';
  return unique([...(inherit && global ? sectionGrants(global) : []), ...(tools ? sectionGrants(tools) : [])]);
}

const profileOf = (tools: Rec, inherited?: string) => (typeof tools.profile === 'string' ? tools.profile : inherited);

/** The configured-section grants `allow` names that the profile would filter out. */
function repairGrants(
  value: unknown,
  inheritedProfile: string | undefined,
  inheritedAlsoAllow: readonly string[] | undefined,
  configured: readonly string[],
): string[] {
  const tools = rec(value);
  if (!tools) return [];
  const profile = profileOf(tools, inheritedProfile);
  if (!profile || profile === 'full') return [];
  const own = ownList(tools, 'allow') ?? [];
  if (own.length === 0) return [];
  const alsoAllow = ownList(tools, 'alsoAllow');
  const explicit: Policy = { allow: unique([...own, ...(alsoAllow ?? [])]) };
  const byProfile = profilePolicy(profile, alsoAllow ?? inheritedAlsoAllow ?? []);
  return unique(
    configured.filter(
      (tool) =>
        allowed(tool, explicit) &&
        (!allowed(tool, byProfile) || (alsoAllow ? allowed(tool, { allow: alsoAllow }) : false)),
    ),
  );
}

/** The allow list that keeps the profile's grants `allow` named, plugin grants, and the configured-section grants. */
function boundAllow(
  tools: Rec,
  profile: string,
  allow: readonly string[],
  inheritedAlsoAllow: readonly string[] | undefined,
  grants: readonly string[],
): string[] {
  const byProfile = profilePolicy(profile, ownList(tools, 'alsoAllow') ?? inheritedAlsoAllow ?? []);
  const profileAllow = expandToolGroups(byProfile?.allow ?? []);
  const core = profileAllow.includes('*')
    ? expandToolGroups(allow)
    : profileAllow.filter((tool) => allowed(tool, { allow: [...allow] }));
  const plugin = expandToolGroups(allow).filter(
    (entry) => entry !== '*' && !isCoreToolId(entry) && !profileAllow.some((tool) => allowed(tool, { allow: [entry] })),
  );
  return unique([...core, ...plugin, ...grants]);
}

function repairScope(
  value: unknown,
  path: string,
  changes: string[],
  inheritedProfile?: string,
  inheritedAlsoAllow?: readonly string[],
  configured?: readonly string[],
  materialize = true,
): void {
  const tools = rec(value);
  if (!tools || !materialize) return;
  const profile = profileOf(tools, inheritedProfile);
  if (!profile) return;
  const grants = repairGrants(tools, inheritedProfile, inheritedAlsoAllow, configured ?? sectionGrants(tools));
  const allow = ownList(tools, 'allow') ?? [];
  if (grants.length === 0 || allow.length === 0 || profile === 'full') return;
  const alsoAllow = ownList(tools, 'alsoAllow');
  tools.allow = boundAllow(tools, profile, unique([...allow, ...(alsoAllow ?? [])]), inheritedAlsoAllow, grants);
  changes.push(
    `Replaced ${path}.allow entries with profile "${profile}" grants plus explicit configured-section grants.`,
  );
  if (alsoAllow) {
    delete tools.alsoAllow;
    changes.push(`Merged ${path}.alsoAllow into ${path}.allow.`);
  }
  tools.profile = 'full';
  changes.push(`Set ${path}.profile to "full" so ${path}.allow controls explicit configured-section grants directly.`);
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

interface InheritedProvider {
  key: string;
  normalized: string;
  policy: Rec;
}

/** The inherited `byProvider` policies by normalized key (a key already written canonically wins). */
function providerLookup(inherited: Rec | undefined): Map<string, InheritedProvider & { canonical: boolean }> {
  const lookup = new Map<string, InheritedProvider & { canonical: boolean }>();
  for (const key of Object.keys(inherited ?? {})) {
    if (BLOCKED_KEYS.has(key)) continue;
    const policy = rec(inherited![key]);
    const normalized = providerKey(key);
    if (!policy || !normalized) continue;
    const canonical = key.trim().toLowerCase() === normalized;
    const existing = lookup.get(normalized);
    if (!existing || (canonical && !existing.canonical)) lookup.set(normalized, { key, normalized, policy, canonical });
  }
  return lookup;
}

function inheritedProviderPolicy(inherited: Rec | undefined, key: string): Rec | undefined {
  const lookup = providerLookup(inherited);
  const normalized = providerKey(key);
  const slash = normalized.indexOf('/');
  for (const candidate of slash > 0 ? [normalized, normalized.slice(0, slash)] : [normalized]) {
    const hit = lookup.get(candidate);
    if (hit) return hit.policy;
  }
  return undefined;
}

const inheritedWithProfiles = (inherited: Rec | undefined): InheritedProvider[] =>
  [...providerLookup(inherited).values()].filter((p) => typeof p.policy.profile === 'string');

function repairProviders(
  value: unknown,
  path: string,
  changes: string[],
  configuredOverride: readonly string[] | undefined,
  inheritedProfile: string | undefined,
  inherited?: Rec,
): void {
  const tools = rec(value);
  if (!tools) return;
  const configured = configuredOverride ?? sectionGrants(tools);
  if (configured.length === 0) return;
  const byProvider = rec(tools.byProvider);
  const handled = new Set<string>();
  for (const key of Object.keys(byProvider ?? {})) {
    if (BLOCKED_KEYS.has(key)) continue;
    handled.add(providerKey(key));
    const policy = byProvider![key];
    const parent = inheritedProviderPolicy(inherited, key);
    const parentProfile = typeof parent?.profile === 'string' ? parent.profile : undefined;
    const owns = typeof rec(policy)?.profile === 'string';
    repairScope(
      policy,
      `${path}.byProvider.${key}`,
      changes,
      parentProfile ?? inheritedProfile,
      ownList(parent, 'alsoAllow'),
      configured,
      owns || Boolean(parentProfile),
    );
  }
  const local = sectionGrants(tools);
  if (local.length === 0) return;
  for (const provider of inheritedWithProfiles(inherited)) {
    if (handled.has(provider.normalized)) continue;
    const policy: Rec = {};
    const before = changes.length;
    repairScope(
      policy,
      `${path}.byProvider.${provider.key}`,
      changes,
      provider.policy.profile as string,
      ownList(provider.policy, 'alsoAllow'),
      local,
    );
    if (changes.length > before) {
      if (!rec(tools.byProvider)) tools.byProvider = {};
      (tools.byProvider as Rec)[provider.key] = policy;
      handled.add(provider.normalized);
    }
  }
}

/** Whether a `byProvider` policy (own, or inherited and not overridden) would be repaired. */
function providersNeedRepair(
  tools: Rec,
  configured: readonly string[],
  inheritedAlsoAllow: readonly string[] | undefined,
  inherited: Rec | undefined,
): boolean {
  const byProvider = rec(tools.byProvider);
  const own = Object.keys(byProvider ?? {}).some((key) => {
    const policy = byProvider![key];
    const parent = inheritedProviderPolicy(inherited, key);
    const parentProfile = typeof parent?.profile === 'string' ? parent.profile : undefined;
    if (!(typeof rec(policy)?.profile === 'string' || parentProfile)) return false;
    return (
      repairGrants(policy, parentProfile, ownList(parent, 'alsoAllow') ?? inheritedAlsoAllow, configured).length > 0
    );
  });
  if (own) return true;
  const local = sectionGrants(tools);
  if (local.length === 0) return false;
  const handled = new Set(Object.keys(byProvider ?? {}).map(providerKey));
  return inheritedWithProfiles(inherited).some(
    (p) =>
      !handled.has(p.normalized) &&
      repairGrants({}, p.policy.profile as string, ownList(p.policy, 'alsoAllow'), local).length > 0,
  );
}

function needsRepair(
  value: unknown,
  inheritedProfile?: string,
  inheritedAlsoAllow?: readonly string[],
  configuredOverride?: readonly string[],
  inheritedByProvider?: Rec,
): boolean {
  const tools = rec(value);
  if (!tools) return false;
  const configured = configuredOverride ?? sectionGrants(tools);
  return (
    repairGrants(value, inheritedProfile, inheritedAlsoAllow, configured).length > 0 ||
    providersNeedRepair(tools, configured, ownList(tools, 'alsoAllow') ?? inheritedAlsoAllow, inheritedByProvider)
  );
}

function detect(root: Rec): LegacyIssue[] {
  const out: LegacyIssue[] = [];
  const global = rec(root.tools);
  if (needsRepair(global))
    out.push({
      path: 'tools',
      message:
        'tools.profile filters explicit configured-section tool grants; run "openclaw doctor --fix" to rewrite the explicit grants into a valid allowlist.',
    });
  const inheritedProfile = typeof global?.profile === 'string' ? global.profile : undefined;
  const inheritedAlsoAllow = ownList(global, 'alsoAllow') ?? [];
  if (
    root.agents !== undefined &&
    agentEntries({ agents: root.agents }).some(([agent]) => {
      const tools = rec(agent.tools);
      return needsRepair(
        tools,
        inheritedProfile,
        inheritedAlsoAllow,
        effectiveSectionGrants(global, tools),
        rec(global?.byProvider),
      );
    })
  )
    out.push({
      path: 'agents',
      message:
        'agents.entries.*.tools.profile filters explicit configured-section tool grants; run "openclaw doctor --fix" to rewrite the explicit grants into a valid allowlist.',
    });
  return out;
}

function apply(root: Rec, changes: string[]): void {
  const global = rec(root.tools);
  const inheritedProfile = typeof global?.profile === 'string' ? global.profile : undefined;
  const inheritedAlsoAllow = ownList(global, 'alsoAllow') ?? [];
  repairScope(root.tools, 'tools', changes);
  repairProviders(root.tools, 'tools', changes, undefined, inheritedProfile);
  for (const [agent, path] of agentEntries(root)) {
    const tools = rec(agent.tools);
    const configured = effectiveSectionGrants(global, tools);
    repairScope(tools, `${path}.tools`, changes, inheritedProfile, inheritedAlsoAllow, configured);
    repairProviders(
      tools,
      `${path}.tools`,
      changes,
      configured,
      profileOf(tools ?? {}, inheritedProfile),
      rec(global?.byProvider),
    );
  }
}

export const TOOL_PROFILE_GRANTS_MIGRATION: Migration = {
  id: 'tools.profile-configured-sections-alsoAllow',
  detect,
  apply,
};
