/**
 * The agents and tool-policy model that openclaw 2026.9.6 audits against: the roster as the loader materializes it
 * (`agents.entries`, a migrated `agents.list`, or the implicit `main` agent), per-agent sandbox settings, the tool
 * profiles and groups, layered allow/deny policies, exec policy scopes, and the channel sections with the schema
 * defaults openclaw fills in before it audits.
 *
 * Everything here is pure: config in, plain data out. Other check families may import
 * it.
 */
import type { ConfigPath } from '../types.ts';
import type { Json } from '../checks/rule.ts';
import { isObject } from '../checks/util.ts';
import { schemaData } from '../schema/data.ts';
import { dig } from '../records.ts';
import { normalizeAgentId } from '../agent-id.ts';
import { pushAll } from '../arrays.ts';

// ---------------------------------------------------------------------------------------------------------------------
// Roster

export interface AgentEntry {
  /** The agent id as written (the `agents.entries` key, or the `id` of an `agents.list` item). */
  id: string;
  /** The agent's config object (without `id`). */
  config: Record<string, Json>;
  /** Where the entry lives; the implicit main agent points at `agents` (or the root). */
  path: ConfigPath;
  /** True for the `main` agent openclaw adds when the config declares no agent. */
  implicit: boolean;
}

const IMPLICIT_AGENT_ID = 'main';

/**
 * The roster in openclaw's iteration order. `agents.entries` wins over `agents.list` (which the loader migrates to
 * entries); an absent or empty roster becomes the implicit `main` agent.
 */
export function listAgents(config: Json): AgentEntry[] {
  const agents = isObject(config) ? config.agents : undefined;
  const out: AgentEntry[] = [];
  if (isObject(agents)) {
    if (agents.entries !== undefined) {
      if (isObject(agents.entries)) {
        for (const [key, value] of Object.entries(agents.entries)) {
          if (isObject(value)) out.push({ id: key, config: value, path: ['agents', 'entries', key], implicit: false });
        }
      }
    } else if (Array.isArray(agents.list)) {
      agents.list.forEach((value: Json, index: number) => {
        if (isObject(value) && typeof value.id === 'string') {
          out.push({ id: value.id, config: value, path: ['agents', 'list', index], implicit: false });
        }
      });
    }
  }
  if (out.length === 0) out.push({ id: IMPLICIT_AGENT_ID, config: {}, path: ['agents', 'entries'], implicit: true });
  return out;
}

/** Unique normalized agent ids in roster order. */
export function listAgentIds(config: Json): string[] {
  return [...new Set(listAgents(config).map((agent) => normalizeAgentId(agent.id)))];
}

/** The agent every unscoped exec setting belongs to: the sole agent, else none (openclaw names that scope `global`). */
function soleAgentId(config: Json): string | undefined {
  const agents = listAgents(config);
  return agents.length === 1 ? normalizeAgentId(agents[0]!.id) : undefined;
}

/** The path of a key below an agent's entry (`agents.entries.<id>.tools.exec.host`). */
export function agentPath(agent: AgentEntry, ...rest: ConfigPath): ConfigPath {
  return [...agent.path, ...rest];
}

function agentDefaults(config: Json): Record<string, Json> {
  const defaults = dig(config, 'agents', 'defaults');
  return isObject(defaults) ? defaults : {};
}

// ---------------------------------------------------------------------------------------------------------------------
// Sandbox

export type SandboxMode = string;

/** `sandbox.mode` of an agent, else of `agents.defaults`, else `off`. No agent: the defaults context. */
export function sandboxMode(config: Json, agent?: AgentEntry): SandboxMode {
  return dig(agent?.config, 'sandbox', 'mode') ?? dig(agentDefaults(config), 'sandbox', 'mode') ?? 'off';
}

/** `sandbox.workspaceAccess` of an agent, else of `agents.defaults`, else `none`. */
export function sandboxWorkspaceAccess(config: Json, agent?: AgentEntry): string {
  return (
    dig(agent?.config, 'sandbox', 'workspaceAccess') ??
    dig(agentDefaults(config), 'sandbox', 'workspaceAccess') ??
    'none'
  );
}

/** Where the effective sandbox mode of an agent comes from (for locations). */
export function sandboxModePath(agent?: AgentEntry): ConfigPath {
  if (agent && dig(agent.config, 'sandbox', 'mode') !== undefined) return agentPath(agent, 'sandbox', 'mode');
  return ['agents', 'defaults', 'sandbox', 'mode'];
}

// ---------------------------------------------------------------------------------------------------------------------
// Tool catalog (openclaw 2026.9.6 core tools)

const TOOL_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'group:openclaw': [
    'code_execution',
    'secrets',
    'web_search',
    'web_fetch',
    'x_search',
    'memory_search',
    'memory_get',
    'sessions',
    'sessions_list',
    'sessions_history',
    'sessions_search',
    'conversations_list',
    'conversations_send',
    'conversations_turn',
    'sessions_send',
    'sessions_spawn',
    'github_identity_status',
    'github_publish',
    'agents_wait',
    'sessions_yield',
    'subagents',
    'session_status',
    'suggest_task',
    'dismiss_task',
    'browser',
    'screen',
    'theme',
    'dashboard',
    'terminal',
    'portal',
    'show_widget',
    'message',
    'heartbeat_respond',
    'automations',
    'gateway',
    'plugins',
    'openclaw',
    'nodes',
    'computer',
    'mobile_ui',
    'agents_list',
    'get_goal',
    'create_goal',
    'update_goal',
    'progress_card',
    'ask_user',
    'skill_workshop',
    'view_image',
    'image_generate',
    'music_generate',
    'video_generate',
    'tts',
    'pdf',
  ],
  'group:fs': ['ls', 'read', 'write', 'edit', 'apply_patch'],
  'group:runtime': ['exec', 'process', 'code_execution', 'secrets'],
  'group:web': ['web_search', 'web_fetch', 'x_search'],
  'group:memory': ['memory_search', 'memory_get'],
  'group:sessions': [
    'sessions',
    'sessions_list',
    'sessions_history',
    'sessions_search',
    'conversations_list',
    'conversations_send',
    'conversations_turn',
    'sessions_send',
    'sessions_spawn',
    'github_identity_status',
    'github_publish',
    'agents_wait',
    'sessions_yield',
    'subagents',
    'session_status',
    'suggest_task',
    'dismiss_task',
  ],
  'group:ui': ['browser', 'screen', 'theme', 'dashboard', 'terminal', 'portal', 'canvas', 'show_widget'],
  'group:messaging': ['message'],
  'group:automation': ['heartbeat_respond', 'automations', 'gateway', 'plugins', 'openclaw'],
  'group:nodes': ['nodes', 'computer', 'mobile_ui'],
  'group:agents': [
    'agents_list',
    'get_goal',
    'create_goal',
    'update_goal',
    'progress_card',
    'ask_user',
    'skill_workshop',
  ],
  'group:media': ['view_image', 'image_generate', 'music_generate', 'video_generate', 'tts', 'pdf'],
};

const TOOL_PROFILES: Readonly<Record<string, readonly string[]>> = {
  minimal: ['session_status', 'gateway'],
  coding: [
    'ls',
    'read',
    'write',
    'edit',
    'apply_patch',
    'exec',
    'process',
    'code_execution',
    'secrets',
    'web_search',
    'web_fetch',
    'x_search',
    'memory_search',
    'memory_get',
    'sessions',
    'sessions_list',
    'sessions_history',
    'sessions_search',
    'conversations_list',
    'conversations_send',
    'conversations_turn',
    'sessions_send',
    'sessions_spawn',
    'github_identity_status',
    'github_publish',
    'agents_wait',
    'sessions_yield',
    'subagents',
    'session_status',
    'suggest_task',
    'dismiss_task',
    'screen',
    'theme',
    'dashboard',
    'terminal',
    'portal',
    'automations',
    'gateway',
    'plugins',
    'get_goal',
    'create_goal',
    'update_goal',
    'progress_card',
    'ask_user',
    'skill_workshop',
    'view_image',
    'image_generate',
    'music_generate',
    'video_generate',
    'bundle-mcp',
  ],
  messaging: [
    'secrets',
    'sessions',
    'sessions_list',
    'sessions_history',
    'sessions_search',
    'conversations_list',
    'conversations_send',
    'conversations_turn',
    'sessions_send',
    'sessions_spawn',
    'sessions_yield',
    'subagents',
    'session_status',
    'theme',
    'message',
    'gateway',
    'ask_user',
    'bundle-mcp',
  ],
  full: ['*'],
};

/** The sandbox tool layer's defaults (used only when the sandbox mode is `all`). */
const SANDBOX_DEFAULT_ALLOW: readonly string[] = [
  'exec',
  'process',
  'read',
  'ls',
  'write',
  'edit',
  'apply_patch',
  'view_image',
  'sessions_list',
  'sessions_history',
  'sessions_search',
  'sessions_send',
  'sessions_spawn',
  'sessions_yield',
  'subagents',
  'session_status',
];
const SANDBOX_DEFAULT_DENY: readonly string[] = [
  'browser',
  'canvas',
  'computer',
  'mobile_ui',
  'nodes',
  'automations',
  'gateway',
  'feishu',
  'googlechat',
  'nostr',
  'buzz',
  'msteams',
  'mattermost',
  'nextcloud-talk',
  'matrix',
  'raft',
  'a2a',
  'line',
  'zalo',
  'clickclack',
  'zalouser',
  'sms',
  'synology-chat',
  'tlon',
  'discord',
  'imessage',
  'irc',
  'reef',
  'signal',
  'slack',
  'telegram',
  'twitch',
  'whatsapp',
];

export const RUNTIME_TOOLS = ['exec', 'process'] as const;
const FS_TOOLS = ['read', 'write', 'edit', 'apply_patch'] as const;
export const MUTATING_FS_TOOLS = ['write', 'edit', 'apply_patch'] as const;
export const CONTROL_PLANE_TOOLS = ['automations', 'gateway', 'plugins'] as const;
export const SESSION_TOOLS = [
  'sessions_list',
  'sessions_history',
  'sessions_search',
  'sessions_send',
  'session_status',
] as const;

const TOOL_ALIASES: Readonly<Record<string, string>> = {
  bash: 'exec',
  'apply-patch': 'apply_patch',
  cron: 'automations',
};

/** Lowercased, trimmed, aliases applied (`bash` → `exec`); non-strings become `''`. */
function normalizeToolName(name: unknown): string {
  const lower = typeof name === 'string' ? name.trim().toLowerCase() : '';
  return TOOL_ALIASES[lower] ?? lower;
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Normalizes a policy list and expands `group:*` entries into tool names. */
export function expandToolGroups(list: readonly Json[]): string[] {
  const out: string[] = [];
  for (const entry of list) {
    const name = normalizeToolName(entry);
    if (!name) continue;
    const group = Object.hasOwn(TOOL_GROUPS, name) ? TOOL_GROUPS[name] : undefined;
    if (group) pushAll(out, group);
    else out.push(name);
  }
  return unique(out);
}

/** A built-in tool profile's allow list (a copy), or undefined for an unknown profile. */
export function toolProfileAllow(profile: string): string[] | undefined {
  return Object.hasOwn(TOOL_PROFILES, profile) ? [...TOOL_PROFILES[profile]!] : undefined;
}

/** Whether `id` names one of openclaw's core tools (a member of a core tool group). */
export function isCoreToolId(id: string): boolean {
  return Object.values(TOOL_GROUPS).some((tools) => tools.includes(id));
}

type Pattern = { kind: 'all' } | { kind: 'exact'; value: string } | { kind: 'glob'; parts: string[] };

/** `*` matches any run of characters. Greedy segment search: linear in the name, safe on hostile patterns. */
export function globMatches(name: string, parts: readonly string[]): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first) || name.length < first.length + last.length) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i]!, at);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  return name.length - last.length >= at && name.endsWith(last);
}

function compilePatterns(list: readonly string[]): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of list) {
    const value = normalizeToolName(raw);
    if (!value) continue;
    if (value === '*') out.push({ kind: 'all' });
    else if (!value.includes('*')) out.push({ kind: 'exact', value });
    else out.push({ kind: 'glob', parts: value.split('*') });
  }
  return out;
}

function matchesAny(name: string, patterns: readonly Pattern[]): boolean {
  return patterns.some((p) => p.kind === 'all' || (p.kind === 'exact' ? p.value === name : globMatches(name, p.parts)));
}

/** One allow/deny layer: deny wins; an absent or empty allow list allows everything else. */
export interface ToolPolicy {
  allow?: readonly Json[];
  deny?: readonly Json[];
}

function isToolAllowedByPolicy(name: string, policy: ToolPolicy | undefined): boolean {
  if (!policy) return true;
  const normalized = normalizeToolName(name);
  const deny = compilePatterns(expandToolGroups(Array.isArray(policy.deny) ? policy.deny : []));
  if (matchesAny(normalized, deny)) return false;
  const allow = compilePatterns(expandToolGroups(Array.isArray(policy.allow) ? policy.allow : []));
  if (allow.length === 0) return true;
  if (matchesAny(normalized, allow)) return true;
  return normalized === 'apply_patch' && matchesAny('write', allow);
}

/** A tool is available only when every layer allows it. */
export function isToolAllowed(name: string, policies: readonly (ToolPolicy | undefined)[]): boolean {
  return policies.every((policy) => isToolAllowedByPolicy(name, policy));
}

function strings(value: Json): string[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** The layer an `allow`/`alsoAllow`/`deny` section adds (`alsoAllow` alone opens the layer to everything). */
function pickToolPolicy(section: Json): ToolPolicy | undefined {
  if (!isObject(section)) return undefined;
  const allowList = strings(section.allow);
  const alsoAllow = strings(section.alsoAllow);
  const union = (base: string[] | undefined): string[] | undefined => {
    if (!alsoAllow || alsoAllow.length === 0) return base;
    if (!base || base.length === 0) return unique(['*', ...alsoAllow]);
    return unique([...base, ...alsoAllow]);
  };
  const allow = allowList ? union(allowList) : alsoAllow && alsoAllow.length > 0 ? union(undefined) : undefined;
  const deny = strings(section.deny);
  if (!allow && !deny) return undefined;
  return { allow, deny };
}

/** The built-in profile's allow list (unknown or absent profile: no layer), widened by `alsoAllow`. */
function profilePolicy(profile: Json, alsoAllow: Json): ToolPolicy | undefined {
  if (typeof profile !== 'string' || !profile || !Object.hasOwn(TOOL_PROFILES, profile)) return undefined;
  const allow = [...TOOL_PROFILES[profile]!];
  if (Array.isArray(alsoAllow) && alsoAllow.length > 0) return { allow: unique([...allow, ...alsoAllow]) };
  return { allow };
}

/** The sandbox layer (`tools.sandbox.tools`, agent over global), applied when the sandbox mode is `all`. */
export function sandboxToolPolicy(config: Json, agent?: AgentEntry): ToolPolicy {
  const agentPolicy = dig(agent?.config, 'tools', 'sandbox', 'tools');
  const globalPolicy = dig(config, 'tools', 'sandbox', 'tools');
  const pick = (field: string): string[] | undefined =>
    strings(dig(agentPolicy, field)) ?? strings(dig(globalPolicy, field));
  const allowConfig = pick('allow');
  const alsoAllowConfig = pick('alsoAllow');
  const denyConfig = pick('deny');
  let allow: string[];
  if (allowConfig) {
    if (allowConfig.length === 0) allow = [];
    else if (!alsoAllowConfig || alsoAllowConfig.length === 0) allow = [...allowConfig];
    else allow = unique([...allowConfig, ...alsoAllowConfig]);
  } else if (alsoAllowConfig && alsoAllowConfig.length > 0)
    allow = unique([...SANDBOX_DEFAULT_ALLOW, ...alsoAllowConfig]);
  else allow = [...SANDBOX_DEFAULT_ALLOW];
  let deny: string[];
  if (denyConfig) deny = [...denyConfig];
  else {
    const reAllow = compilePatterns(expandToolGroups(unique([...(allowConfig ?? []), ...(alsoAllowConfig ?? [])])));
    deny =
      reAllow.length === 0
        ? [...SANDBOX_DEFAULT_DENY]
        : SANDBOX_DEFAULT_DENY.filter((tool) => !matchesAny(normalizeToolName(tool), reAllow));
  }
  let expandedDeny = expandToolGroups(deny);
  let expandedAllow = expandToolGroups(allow);
  const denyPatterns = compilePatterns(expandedDeny);
  if (matchesAny('image', denyPatterns) && !matchesAny('view_image', denyPatterns))
    expandedDeny = [...expandedDeny, 'view_image'];
  if (expandedAllow.length > 0 && !expandedDeny.includes('view_image') && !expandedAllow.includes('view_image')) {
    expandedAllow = [...expandedAllow, 'view_image'];
  }
  return { allow: expandedAllow, deny: expandedDeny };
}

export interface ToolPolicyContext {
  /** The agent, or none for the `agents.defaults` context (global `tools.*` only). */
  agent?: AgentEntry;
  /** Extra layers (per-provider policies). */
  extra?: readonly (ToolPolicy | undefined)[];
}

/** The agent's own `tools` section (none for the defaults context). */
function agentTools(agent?: AgentEntry): Json {
  return agent?.config.tools;
}

/** openclaw's layered policies: profile (+alsoAllow), global, agent, extra, then the sandbox layer when mode is `all`. */
export function configuredToolPolicies(config: Json, context: ToolPolicyContext = {}): ToolPolicy[] {
  const tools = dig(config, 'tools');
  const own = agentTools(context.agent);
  const policies: ToolPolicy[] = [];
  const profile = dig(own, 'profile') ?? dig(tools, 'profile');
  const alsoAllow = strings(dig(own, 'alsoAllow')) ?? strings(dig(tools, 'alsoAllow'));
  const profileLayer = profilePolicy(profile, alsoAllow);
  if (profileLayer) policies.push(profileLayer);
  const globalLayer = pickToolPolicy(tools);
  if (globalLayer) policies.push(globalLayer);
  const agentLayer = pickToolPolicy(own);
  if (agentLayer) policies.push(agentLayer);
  for (const policy of context.extra ?? []) if (policy) policies.push(policy);
  if (sandboxMode(config, context.agent) === 'all') policies.push(sandboxToolPolicy(config, context.agent));
  return policies;
}

/** The tools of `names` that the context's policies allow, in the order given. */
export function allowedTools(config: Json, names: readonly string[], context: ToolPolicyContext = {}): string[] {
  const policies = configuredToolPolicies(config, context);
  return names.filter((name) => isToolAllowed(name, policies));
}

/** The audit's tool contexts: `agents.defaults` first, then each roster agent. */
export interface AuditToolContext {
  label: string;
  agent?: AgentEntry;
  /** The key a finding about this context points at. */
  path: ConfigPath;
}

export function listAuditToolContexts(config: Json): AuditToolContext[] {
  return [
    { label: 'agents.defaults', path: ['agents', 'defaults'] },
    ...listAgents(config).map((agent) => ({ label: `agents.entries.${agent.id}`, agent, path: agent.path })),
  ];
}

/** `tools.fs.workspaceOnly` of the agent, else global. */
function fsWorkspaceOnly(config: Json, agent?: AgentEntry): Json {
  return dig(agentTools(agent), 'fs', 'workspaceOnly') ?? dig(config, 'tools', 'fs', 'workspaceOnly');
}

export interface RiskyContexts {
  lines: string[];
  hasRuntimeRisk: boolean;
  paths: ConfigPath[];
}

/** Contexts where runtime tools run unsandboxed, or fs tools run unsandboxed outside the workspace. */
export function riskyToolContexts(config: Json): RiskyContexts {
  const result: RiskyContexts = { lines: [], hasRuntimeRisk: false, paths: [] };
  for (const context of listAuditToolContexts(config)) {
    const mode = sandboxMode(config, context.agent);
    const policies = configuredToolPolicies(config, { agent: context.agent });
    const runtime = RUNTIME_TOOLS.filter((tool) => isToolAllowed(tool, policies));
    const fs = FS_TOOLS.filter((tool) => isToolAllowed(tool, policies));
    const workspaceOnly = fsWorkspaceOnly(config, context.agent) === true;
    const runtimeUnguarded = runtime.length > 0 && mode !== 'all';
    const fsUnguarded = fs.length > 0 && mode !== 'all' && !workspaceOnly;
    if (!runtimeUnguarded && !fsUnguarded) continue;
    if (runtimeUnguarded) result.hasRuntimeRisk = true;
    result.paths.push(context.path);
    result.lines.push(
      `${context.label} (sandbox=${mode}; runtime=[${runtime.join(', ') || 'off'}]; fs=[${fs.join(', ') || 'off'}]; fs.workspaceOnly=${workspaceOnly})`,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------------
// Exec policy

interface ExecPolicy {
  security: string;
  ask: string;
}

const MODE_POLICIES: Readonly<Record<string, ExecPolicy>> = {
  deny: { security: 'deny', ask: 'off' },
  allowlist: { security: 'allowlist', ask: 'off' },
  ask: { security: 'allowlist', ask: 'on-miss' },
  auto: { security: 'allowlist', ask: 'on-miss' },
  full: { security: 'full', ask: 'off' },
};

/** `mode` (when set) decides security and ask; otherwise the given values stand. */
function execModePolicy(mode: Json, security: Json, ask: Json): ExecPolicy {
  if (typeof mode === 'string' && mode && MODE_POLICIES[mode]) return MODE_POLICIES[mode]!;
  return { security, ask };
}

export interface ExecScope {
  id: string;
  security: string;
  host: string;
  /** The key that sets the scope's security (mode or security), or the exec section. */
  path: ConfigPath;
  agent?: AgentEntry;
}

function execSecurityPath(base: ConfigPath, exec: Json): ConfigPath {
  if (isObject(exec) && exec.mode !== undefined) return [...base, 'mode'];
  if (isObject(exec) && exec.security !== undefined) return [...base, 'security'];
  return base;
}

/**
 * The exec scopes of the runtime audit: the default scope (the sole agent's id, else `global`) with the global policy,
 * then each agent; a later scope with the same id replaces an earlier one's values but keeps its position.
 */
export function execScopes(config: Json): ExecScope[] {
  const globalExec = dig(config, 'tools', 'exec');
  const inherited = execModePolicy(
    dig(globalExec, 'mode'),
    dig(globalExec, 'security') ?? 'deny',
    dig(globalExec, 'ask') ?? 'off',
  );
  const globalHost = dig(globalExec, 'host') ?? 'auto';
  const scopes = new Map<string, ExecScope>();
  const globalPath = execSecurityPath(['tools', 'exec'], globalExec);
  scopes.set(soleAgentId(config) ?? 'global', {
    id: soleAgentId(config) ?? 'global',
    security: inherited.security,
    host: globalHost,
    path: globalPath,
  });
  for (const agent of listAgents(config)) {
    const exec = dig(agent.config, 'tools', 'exec');
    const policy = execModePolicy(
      dig(exec, 'mode'),
      dig(exec, 'security') ?? inherited.security,
      dig(exec, 'ask') ?? inherited.ask,
    );
    const ownPath = execSecurityPath(agentPath(agent, 'tools', 'exec'), exec);
    const path = isObject(exec) && (exec.mode !== undefined || exec.security !== undefined) ? ownPath : globalPath;
    scopes.set(agent.id, {
      id: agent.id,
      security: policy.security,
      host: dig(exec, 'host') ?? globalHost,
      path,
      agent,
    });
  }
  return [...scopes.values()];
}

/** The runtime exec resolver (used by the MCP boundary check): default security `full` on a non-sandbox host. */
export function runtimeExecDefaults(config: Json, agent?: AgentEntry): { host: string; security: string; ask: string } {
  const globalExec = dig(config, 'tools', 'exec');
  const agentExec = dig(agent?.config, 'tools', 'exec');
  const configured = dig(agentExec, 'host') ?? dig(globalExec, 'host') ?? 'auto';
  const sandboxAvailable = sandboxMode(config, agent) !== 'off';
  const host = configured === 'auto' ? (sandboxAvailable ? 'sandbox' : 'gateway') : configured;
  let layered: ExecPolicy & { mode?: string } = { security: host === 'sandbox' ? 'deny' : 'full', ask: 'off' };
  for (const layer of [globalExec, agentExec]) {
    if (!isObject(layer)) continue;
    if (typeof layer.mode === 'string' && layer.mode)
      layered = { mode: layer.mode, ...(MODE_POLICIES[layer.mode] ?? layered) };
    else if (layer.security !== undefined || layer.ask !== undefined) {
      layered = { security: layer.security ?? layered.security, ask: layer.ask ?? layered.ask };
    }
  }
  const policy = execModePolicy(layered.mode, layered.security, layered.ask);
  return { host, security: policy.security, ask: policy.ask };
}

// ---------------------------------------------------------------------------------------------------------------------
// Channels

/**
 * The root `dmPolicy`/`groupPolicy` defaults of a channel schema (bundled telegram, and the official channel plugins,
 * which our users have installed when they configure the channel), read from the generated schema data. Read per
 * channel on demand: the schemas are parsed only when a config has that channel.
 */
const channelDefaultsCache = new Map<string, Readonly<Record<string, Json>> | undefined>();
function channelSchemaDefaults(id: string): Readonly<Record<string, Json>> | undefined {
  if (channelDefaultsCache.has(id)) return channelDefaultsCache.get(id);
  let defaults: Record<string, Json> | undefined;
  if (Object.prototype.hasOwnProperty.call(schemaData().channels, id)) {
    const properties =
      (schemaData().channels[id]!.schema as { properties?: Record<string, { default?: Json }> }).properties ?? {};
    defaults = {};
    for (const key of ['dmPolicy', 'groupPolicy'])
      if (properties[key]?.default !== undefined) defaults[key] = properties[key]!.default;
  }
  channelDefaultsCache.set(id, defaults);
  return defaults;
}

/**
 * `channels` with the channel schemas' root defaults filled in (telegram: dmPolicy, groupPolicy). With `bundledOnly`
 * (the machine an offline doctor leaves, where the npm channel plugins are not installed) only the channels that ship
 * with openclaw get their defaults.
 */
function effectiveChannels(config: Json, bundledOnly = false): Record<string, Json> {
  const channels = dig(config, 'channels');
  if (!isObject(channels)) return {};
  const out: Record<string, Json> = {};
  for (const [id, section] of Object.entries(channels)) {
    const installed =
      !bundledOnly ||
      (Object.prototype.hasOwnProperty.call(schemaData().channels, id) && schemaData().channels[id]!.bundled);
    const defaults = installed ? channelSchemaDefaults(id) : undefined;
    if (defaults && isObject(section)) {
      const filled: Record<string, Json> = { ...section };
      for (const [key, value] of Object.entries(defaults)) if (filled[key] === undefined) filled[key] = value;
      out[id] = filled;
    } else out[id] = section;
  }
  return out;
}

/** A dotted config path (openclaw's labels) from segments. */
export function dotted(path: ConfigPath): string {
  return path.map(String).join('.');
}

/**
 * The `groupPolicy`/`dmPolicy` keys set to `open` at a channel root or directly in one of its accounts (legacy
 * `dm.policy` counts when `dmPolicy` is absent). Order: channels, then accounts, in key order.
 */
export function listOpenInboundPolicies(config: Json, bundledOnly = false): ConfigPath[] {
  const out: ConfigPath[] = [];
  const inspect = (section: Record<string, Json>, base: ConfigPath) => {
    if (section.groupPolicy === 'open') out.push([...base, 'groupPolicy']);
    const legacy = isObject(section.dm) ? section.dm.policy : undefined;
    if ((section.dmPolicy ?? legacy) === 'open')
      out.push(section.dmPolicy == null ? [...base, 'dm', 'policy'] : [...base, 'dmPolicy']);
  };
  for (const [id, section] of Object.entries(effectiveChannels(config, bundledOnly))) {
    if (!isObject(section)) continue;
    inspect(section, ['channels', id]);
    if (isObject(section.accounts)) {
      for (const [accountId, account] of Object.entries(section.accounts)) {
        if (isObject(account)) inspect(account, ['channels', id, 'accounts', accountId]);
      }
    }
  }
  return out;
}

/** Every `groupPolicy`/`dmPolicy` set to `open` in any object under `channels` (sorted by dotted path). */
export function listOpenExecSurfacePaths(config: Json, bundledOnly = false): ConfigPath[] {
  const hits = new Map<string, ConfigPath>();
  const seen = new Set<object>();
  const visit = (value: Json, path: ConfigPath) => {
    if (!isObject(value) || seen.has(value)) return;
    seen.add(value);
    if (value.groupPolicy === 'open') hits.set(dotted([...path, 'groupPolicy']), [...path, 'groupPolicy']);
    if (value.dmPolicy === 'open') hits.set(dotted([...path, 'dmPolicy']), [...path, 'dmPolicy']);
    for (const [key, nested] of Object.entries(value)) visit(nested, [...path, key]);
  };
  for (const [id, section] of Object.entries(effectiveChannels(config, bundledOnly))) visit(section, ['channels', id]);
  return [...hits.keys()].sort().map((key) => hits.get(key)!);
}

function isWildcardEntry(value: Json): boolean {
  if (typeof value === 'string') return value.trim() === '*';
  return false;
}

function hasGroupTargets(section: Record<string, Json>): boolean {
  return ['groups', 'guilds', 'channels', 'rooms'].some((key) => {
    const value = section[key];
    return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  });
}

export interface Signal {
  text: string;
  path: ConfigPath;
}

/** Heuristic signs that several people can reach the gateway (channel roots, then accounts merged over their root). */
export function listMultiUserSignals(config: Json, bundledOnly = false): Signal[] {
  const out = new Map<string, Signal>();
  const add = (text: string, path: ConfigPath) => {
    if (!out.has(text)) out.set(text, { text, path });
  };
  /** `own` holds the keys written at `base`; inherited keys point at the channel root `rootBase`. */
  const inspect = (
    section: Record<string, Json>,
    base: ConfigPath,
    own: Record<string, Json>,
    rootBase: ConfigPath,
  ) => {
    const at = (...keys: string[]): ConfigPath =>
      own[keys[0]!] !== undefined ? [...base, ...keys] : [...rootBase, ...keys];
    const label = dotted(base);
    const groupPolicy = typeof section.groupPolicy === 'string' ? section.groupPolicy : null;
    if (groupPolicy === 'open') add(`${label}.groupPolicy="open"`, at('groupPolicy'));
    else if (groupPolicy === 'allowlist' && hasGroupTargets(section))
      add(`${label}.groupPolicy="allowlist" with configured group targets`, at('groupPolicy'));
    if (section.dmPolicy === 'open') add(`${label}.dmPolicy="open"`, at('dmPolicy'));
    if (Array.isArray(section.allowFrom) && section.allowFrom.some(isWildcardEntry))
      add(`${label}.allowFrom includes "*"`, at('allowFrom'));
    if (Array.isArray(section.groupAllowFrom) && section.groupAllowFrom.some(isWildcardEntry)) {
      add(`${label}.groupAllowFrom includes "*"`, at('groupAllowFrom'));
    }
    if (isObject(section.dm)) {
      if (section.dm.policy === 'open') add(`${label}.dm.policy="open"`, at('dm', 'policy'));
      if (Array.isArray(section.dm.allowFrom) && section.dm.allowFrom.some(isWildcardEntry))
        add(`${label}.dm.allowFrom includes "*"`, at('dm', 'allowFrom'));
    }
  };
  for (const [id, section] of Object.entries(effectiveChannels(config, bundledOnly))) {
    if (!isObject(section)) continue;
    const rootBase: ConfigPath = ['channels', id];
    inspect(section, rootBase, section, rootBase);
    if (!isObject(section.accounts)) continue;
    const { accounts, ...root } = section;
    for (const [accountId, account] of Object.entries(accounts)) {
      if (!isObject(account)) continue;
      inspect({ ...root, ...account }, ['channels', id, 'accounts', accountId], account, rootBase);
    }
  }
  return [...out.values()];
}
