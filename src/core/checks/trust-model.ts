/** security.trust_model.*: signs of a shared, multi-user gateway (issue 3). */
import type { ConfigPath } from '../types.ts';
import {
  SESSION_TOOLS,
  allowedTools,
  listAgents,
  listMultiUserSignals,
  riskyToolContexts,
  sandboxMode,
  type AgentEntry,
} from '../model/agents.ts';
import { normalizeAgentId } from '../agent-id.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';
import { pushAll } from '../arrays.ts';

export const rules = defineRules([
  {
    id: 'security.trust_model.group_scope_main',
    severity: 'warn',
    title: 'Group rooms share the main session',
    help:
      '`session.groupScope: "main"` (globally or in a binding) routes group and channel rooms into the agent\'s main ' +
      "session, so every member of those rooms shares the operator's main-session context.",
    remediation:
      'Use `session.groupScope: "per-group"` and drop the binding overrides, or keep "main" only for rooms whose members ' +
      'you trust (https://docs.openclaw.ai/channels/groups#session-keys).',
    configPaths: ['session.groupScope', 'bindings[].session.groupScope'],
  },
  {
    id: 'security.trust_model.multi_user_heuristic',
    severity: 'warn',
    precision: 'medium',
    title: 'Potential multi-user setup detected (personal-assistant model warning)',
    help:
      'Channel settings (open policies, `"*"` allowlists, allowlisted group targets) suggest that several people can ' +
      "reach this gateway. OpenClaw's security model is one trusted operator per gateway, not hostile multi-tenancy.",
    remediation:
      'If users may not trust each other, split them across gateways with their own credentials (ideally separate OS ' +
      'users or hosts). For intentionally shared access, set `agents.defaults.sandbox.mode: "all"`, keep ' +
      '`tools.fs.workspaceOnly: true`, deny runtime/fs/web tools you do not need, and keep personal identities and ' +
      'credentials off that runtime.',
    configPaths: [
      'channels.<id>.groupPolicy',
      'channels.<id>.dmPolicy',
      'channels.<id>.allowFrom',
      'channels.<id>.groupAllowFrom',
      'channels.<id>.groups',
    ],
  },
  {
    id: 'security.trust_model.cross_agent_session_access_default',
    severity: 'info',
    severities: ['info', 'warn'],
    title: 'Agents share Gateway-wide session access (default)',
    help:
      'With several agents, `tools.sessions.visibility` resolving to "all" and agent-to-agent messaging on without an ' +
      "allow list, agents can read and message each other's sessions. Warn when sandboxing, agent tool restrictions or " +
      'shared-user channels suggest different trust levels.',
    remediation:
      'Set `tools.sessions.visibility` to "agent", "tree" or "self", restrict `tools.agentToAgent.allow` to the intended ' +
      'agent ids, or set `tools.agentToAgent.enabled: false` (https://docs.openclaw.ai/gateway/config-tools#tools-agenttoagent).',
    configPaths: [
      'tools.sessions.visibility',
      'tools.agentToAgent',
      'agents.defaults.sandbox.sessionToolsVisibility',
      'agents.entries.<id>.tools.*',
    ],
  },
]);

// --- group scope ------------------------------------------------------------------------------------------------------

function describeBindingMatch(match: Record<string, Json>): string {
  const parts = [String(match.channel)];
  if (match.accountId) parts.push(`accountId=${match.accountId}`);
  if (isObject(match.peer)) parts.push(`peer=${match.peer.kind}:${match.peer.id}`);
  if (match.guildId) parts.push(`guild=${match.guildId}`);
  if (match.teamId) parts.push(`team=${match.teamId}`);
  if (Array.isArray(match.roles) && match.roles.length > 0) parts.push(`roles=${match.roles.join(',')}`);
  return parts.join(' ');
}

function matchKey(match: Record<string, Json>): string {
  const lower = (v: Json) => (typeof v === 'string' ? v.trim().toLowerCase() : v == null ? '' : String(v));
  const peer = isObject(match.peer) ? `${lower(match.peer.kind)}:${lower(match.peer.id)}` : '';
  const roles = Array.isArray(match.roles) ? [...match.roles].map(lower).sort().join(',') : '';
  return JSON.stringify([
    lower(match.channel),
    lower(match.accountId),
    peer,
    lower(match.guildId),
    lower(match.teamId),
    roles,
  ]);
}

/**
 * Route bindings that some group/channel conversation can select. openclaw probes its router for each binding; we
 * approximate it: direct-message peers are skipped, and a binding whose match repeats an earlier binding's is shadowed.
 */
function listGroupRouteBindings(config: Json): { binding: Record<string, Json>; index: number }[] {
  const bindings: Json[] = Array.isArray(config?.bindings) ? config.bindings : [];
  const seen = new Set<string>();
  const out: { binding: Record<string, Json>; index: number }[] = [];
  bindings.forEach((binding, index) => {
    if (!isObject(binding) || (binding.type !== undefined && binding.type !== 'route')) return;
    const match = binding.match;
    if (!isObject(match) || typeof match.channel !== 'string' || !match.channel.trim()) return;
    const key = matchKey(match);
    if (seen.has(key)) return;
    seen.add(key);
    if (match.peer !== undefined) {
      if (!isObject(match.peer) || typeof match.peer.kind !== 'string') return;
      const kind = match.peer.kind.trim().toLowerCase();
      if (kind === 'direct' || kind === 'dm') return;
    }
    out.push({ binding, index });
  });
  return out;
}

export function collectTrustModel(ctx: CheckContext): void {
  const config = ctx.config;
  const scopes: { line: string; path: ConfigPath }[] = [];
  if (config?.session?.groupScope === 'main') {
    scopes.push({
      line: '- session.groupScope="main" (global: every group/channel room unless a binding overrides it)',
      path: ['session', 'groupScope'],
    });
  }
  for (const { binding, index } of listGroupRouteBindings(config)) {
    if (binding.session?.groupScope !== 'main') continue;
    scopes.push({
      line: `- bindings[].session.groupScope="main": ${describeBindingMatch(binding.match)} (agent=${binding.agentId})`,
      path: ['bindings', index, 'session', 'groupScope'],
    });
  }
  if (scopes.length > 0) {
    ctx.report('security.trust_model.group_scope_main', {
      detail:
        `These group routing scopes merge room conversations into the agent's main session:\n${scopes.map((s) => s.line).join('\n')}\n` +
        'Every member of an affected room shares the main-session context; use this only for mutually trusted rooms.',
      path: scopes[0]!.path,
      related: scopes.slice(1).map((s) => s.path),
    });
  }

  const signals = listMultiUserSignals(config, ctx.offlineDoctor !== undefined);
  if (signals.length === 0) return;
  const risky = riskyToolContexts(config);
  const impact = risky.hasRuntimeRisk
    ? 'Runtime/process tools are exposed without full sandboxing in at least one context.'
    : 'This heuristic found no unguarded runtime/process tools.';
  const contexts =
    risky.lines.length > 0
      ? `Contexts with potentially high-impact tools:\n${risky.lines.map((line) => `- ${line}`).join('\n')}`
      : 'No unguarded runtime/filesystem contexts found.';
  ctx.report('security.trust_model.multi_user_heuristic', {
    detail:
      `Signals that several users may reach this gateway:\n${signals.map((s) => `- ${s.text}`).join('\n')}\n${impact}\n${contexts}\n` +
      'OpenClaw assumes one trusted operator per gateway (personal assistant), not hostile multi-tenant use; for several ' +
      'users or organizations run one isolated Gateway per tenant: https://docs.openclaw.ai/gateway/multi-tenant-hosting',
    path: signals[0]!.path,
    related: signals.slice(1).map((s) => s.path),
  });
}

// --- cross-agent session access --------------------------------------------------------------------------------------

/** `tools.sessions.visibility` as openclaw resolves it (default `all`). */
function sessionVisibility(config: Json): string {
  const raw = config?.tools?.sessions?.visibility;
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  return ['self', 'tree', 'agent', 'all'].includes(value) ? value : 'all';
}

export function collectCrossAgentSessionAccess(ctx: CheckContext): void {
  const config = ctx.config;
  const agents = listAgents(config);
  const byId = new Map<string, AgentEntry>();
  for (const agent of agents) {
    const id = normalizeAgentId(agent.id);
    if (!byId.has(id)) byId.set(id, agent);
  }
  if (byId.size < 2 || sessionVisibility(config) !== 'all') return;
  const a2a = config?.tools?.agentToAgent;
  if (a2a?.enabled === false || (Array.isArray(a2a?.allow) ? a2a.allow.length > 0 : Boolean(a2a?.allow?.length)))
    return;
  const clamp = config?.agents?.defaults?.sandbox?.sessionToolsVisibility ?? 'spawned';
  const reachers: string[] = [];
  const others: string[] = [];
  const signals: string[] = [];
  const related: ConfigPath[] = [];
  for (const [id, agent] of byId) {
    const mode = sandboxMode(config, agent);
    if (mode !== 'off') signals.push(`${id}: sandbox.mode="${mode}"`);
    const tools = allowedTools(config, SESSION_TOOLS, { agent });
    const unclamped = mode !== 'all' || clamp === 'all';
    if (unclamped && tools.length > 0) {
      const how =
        mode === 'off'
          ? 'unsandboxed sessions'
          : mode === 'non-main'
            ? 'unsandboxed main session'
            : 'sandboxed sessions (clamp disabled)';
      reachers.push(`- ${id}: ${how}; allowed session tools: ${tools.join(', ')}.`);
      related.push(agent.path);
    } else {
      const why = unclamped
        ? 'session tools removed by agent tool policy'
        : 'sandboxed sessions clamped to their spawn tree';
      others.push(`- ${id}: ${why}; the agents above can still read its transcripts.`);
    }
    const ownTools = agent.config.tools;
    const restrictions = ['profile', 'allow', 'deny'].filter(
      (key) => isObject(ownTools) && ownTools[key] !== undefined,
    );
    if (restrictions.length > 0)
      signals.push(`${id}: agent-level tool restrictions (${restrictions.map((key) => `tools.${key}`).join(', ')})`);
  }
  if (reachers.length === 0) return;
  pushAll(
    signals,
    listMultiUserSignals(config, ctx.offlineDoctor !== undefined).map((signal) => signal.text),
  );
  const trust =
    signals.length > 0
      ? `\nTrust-boundary signals:\n${signals.map((s) => `- ${s}`).join('\n')}\n` +
        'Sandboxing, agent tool restrictions or shared-user channels suggest different trust levels, yet session access stays Gateway-wide.'
      : '';
  const path: ConfigPath =
    config?.tools?.sessions?.visibility !== undefined ? ['tools', 'sessions', 'visibility'] : ['agents'];
  ctx.report('security.trust_model.cross_agent_session_access_default', {
    severity: signals.length > 0 ? 'warn' : 'info',
    detail:
      `Agents: ${[...byId.keys()].join(', ')}\ntools.sessions.visibility resolves to "all" and tools.agentToAgent is on with no allow list.\n` +
      `Agents that can reach other agents' sessions, other users' transcripts included:\n${[...reachers, ...others, 'Incognito sessions stay hidden.'].join('\n')}` +
      trust,
    path,
    related,
  });
}
