/** tools.exec.*: exec runtime and boundary findings (issue 3), plus security.exposure.open_channels_with_exec. */
import { posix } from 'node:path';
import type { ConfigPath } from '../types.ts';
import {
  MUTATING_FS_TOOLS,
  RUNTIME_TOOLS,
  agentPath,
  configuredToolPolicies,
  dotted,
  execScopes,
  isToolAllowed,
  listAgents,
  listOpenExecSurfacePaths,
  runtimeExecDefaults,
  sandboxMode,
  sandboxModePath,
  sandboxWorkspaceAccess,
  type AgentEntry,
} from '../model/agents.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';
import { dig } from '../records.ts';

export const rules = [
  ...defineRules([
    {
      id: 'tools.exec.host_sandbox_no_sandbox_defaults',
      severity: 'warn',
      title: 'Exec host is sandbox but sandbox mode is off',
      help:
        '`tools.exec.host` is `sandbox` while `agents.defaults.sandbox.mode` is off: there is no sandbox to run in, so ' +
        'exec fails closed for every agent that inherits these settings.',
      remediation:
        'Turn sandboxing on (`agents.defaults.sandbox.mode` "non-main" or "all"), or move exec to the "gateway" host with approvals.',
      configPaths: ['tools.exec.host', 'agents.defaults.sandbox.mode'],
    },
    {
      id: 'tools.exec.host_sandbox_no_sandbox_agents',
      severity: 'warn',
      title: 'Agent exec host uses sandbox while sandbox mode is off',
      help: 'Some agents set their own `tools.exec.host` to `sandbox` but run with sandbox mode off, so exec fails closed for them.',
      remediation:
        'Enable sandbox mode for those agents (`agents.entries.<id>.sandbox.mode`), or set their exec host to "gateway".',
      configPaths: [
        'agents.entries.<id>.tools.exec.host',
        'agents.entries.<id>.sandbox.mode',
        'agents.defaults.sandbox.mode',
      ],
    },
    {
      id: 'tools.exec.security_full_configured',
      severity: 'warn',
      severities: ['warn', 'critical'],
      title: 'Exec security=full is configured',
      help:
        'At least one exec scope runs with `security: "full"` (or `mode: "full"`): every command is trusted without an ' +
        'allowlist or approval. Critical when a channel also has an open DM or group policy.',
      remediation:
        'Use `tools.exec.mode` "ask" or "allowlist", and keep "full" for narrowly scoped break-glass agents.',
      configPaths: [
        'tools.exec.security',
        'tools.exec.mode',
        'agents.entries.<id>.tools.exec.security',
        'agents.entries.<id>.tools.exec.mode',
      ],
    },
  ]),
  ...defineRules([
    {
      id: 'security.exposure.open_channels_with_exec',
      severity: 'warn',
      severities: ['warn', 'critical'],
      title: 'Open channels can reach exec-enabled agents',
      help:
        'A channel (or one of its groups or accounts) has `dmPolicy` or `groupPolicy` set to "open" while some exec scope ' +
        'is not "deny". Critical when a scope runs with security "full".',
      remediation:
        'Tighten those policies to "pairing" or "allowlist", or deny exec for agents that shared or public channels reach.',
      configPaths: [
        'channels.**.dmPolicy',
        'channels.**.groupPolicy',
        'tools.exec.*',
        'agents.entries.<id>.tools.exec.*',
      ],
    },
  ]),
  ...defineRules([
    {
      id: 'tools.exec.fs_tools_disabled_but_exec_enabled',
      severity: 'warn',
      title: 'Filesystem tool policy does not make exec read-only',
      help:
        'The tool policy removes write, edit and apply_patch but still allows exec. A shell can write files anyway, so ' +
        'the agent is not read-only unless the sandbox constrains its filesystem.',
      remediation:
        'Deny exec and process as well for read-only agents, or run them with sandbox mode "all" and workspaceAccess "ro" or "none".',
      configPaths: [
        'tools.profile',
        'tools.allow',
        'tools.alsoAllow',
        'tools.deny',
        'agents.entries.<id>.tools.*',
        'agents.*.sandbox.mode',
        'agents.*.sandbox.workspaceAccess',
        'tools.exec.host',
      ],
    },
    {
      id: 'tools.exec.safe_bins_interpreter_unprofiled',
      severity: 'warn',
      title: 'safeBins includes interpreter/runtime binaries without explicit profiles',
      help:
        '`safeBins` lists interpreters or runtimes (python, node, bash, sed, awk, …) without a matching `safeBinProfiles` ' +
        'entry. With permissive arguments these run arbitrary programs through the safe-bin fast path.',
      remediation:
        'Move interpreters from safeBins to allowlist entries, or define a hardened `tools.exec.safeBinProfiles.<bin>` for each.',
      configPaths: [
        'tools.exec.safeBins',
        'tools.exec.safeBinProfiles',
        'agents.entries.<id>.tools.exec.safeBins',
        'agents.entries.<id>.tools.exec.safeBinProfiles',
      ],
    },
    {
      id: 'tools.exec.safe_bins_broad_behavior',
      severity: 'warn',
      title: 'safeBins includes binaries with broader semantics than low-risk stream filters',
      help: '`safeBins` lists jq, awk-family or sed binaries, which can run commands, read the environment or write files — more than a stdin filter should.',
      remediation: 'Remove them from safeBins; use explicit allowlist entries or approval-gated runs instead.',
      configPaths: ['tools.exec.safeBins', 'agents.entries.<id>.tools.exec.safeBins'],
    },
    {
      id: 'tools.exec.safe_bin_trusted_dirs_risky',
      severity: 'warn',
      title: 'safeBinTrustedDirs includes risky mutable directories',
      help:
        '`safeBinTrustedDirs` trusts a relative, temporary, package-manager or home directory. Anyone who can write ' +
        'there can plant a binary that exec then treats as safe.',
      remediation:
        'Trust only root-owned, immutable directories (the defaults /bin and /usr/bin); avoid tmp, home and package-manager bins.',
      configPaths: ['tools.exec.safeBinTrustedDirs', 'agents.entries.<id>.tools.exec.safeBinTrustedDirs'],
    },
    {
      id: 'tools.exec.agent_skill_mcp_boundary_drift',
      severity: 'warn',
      title: 'Agent skill allowlists do not constrain host exec MCP clients',
      help:
        'Agents restrict their skills with `skills`, yet can exec on the host while MCP servers are configured. A skill ' +
        'allowlist only filters what the agent sees; a host shell can still run MCP clients and reach those servers.',
      remediation:
        'For agents that need MCP isolation, deny exec or use a tight allowlist, run them sandboxed or as a separate OS user, ' +
        'move sensitive MCP servers to another gateway, or require per-agent MCP credentials.',
      configPaths: ['agents.defaults.skills', 'agents.entries.<id>.skills', 'tools.exec.*', 'mcp.servers'],
    },
  ]),
];

export function collectExecRuntime(ctx: CheckContext): void {
  const config = ctx.config;
  const globalExec = dig(config, 'tools', 'exec');
  const agents = listAgents(config);

  if (dig(globalExec, 'host') === 'sandbox' && sandboxMode(config) === 'off') {
    ctx.report('tools.exec.host_sandbox_no_sandbox_defaults', {
      detail:
        'tools.exec.host is "sandbox" but agents.defaults.sandbox.mode=off: no sandbox runtime exists, so exec fails closed.',
      path: ['tools', 'exec', 'host'],
      related: [sandboxModePath()],
    });
  }

  const sandboxHostAgents = agents
    .filter((agent) => dig(agent.config, 'tools', 'exec', 'host') === 'sandbox' && sandboxMode(config, agent) === 'off')
    .slice(0, 5);
  if (sandboxHostAgents.length > 0) {
    ctx.report('tools.exec.host_sandbox_no_sandbox_agents', {
      detail:
        `agents.entries.*.tools.exec.host is "sandbox" for ${sandboxHostAgents.map((a) => a.id).join(', ')}, ` +
        'whose sandbox mode is off: exec fails closed for them.',
      path: agentPath(sandboxHostAgents[0]!, 'tools', 'exec', 'host'),
      related: sandboxHostAgents.slice(1).map((agent) => agentPath(agent, 'tools', 'exec', 'host')),
    });
  }

  const scopes = execScopes(config);
  const fullScopes = scopes.filter((scope) => scope.security === 'full');
  const enabledScopes = scopes.filter((scope) => scope.security !== 'deny');
  const openPaths = listOpenExecSurfacePaths(config, ctx.offlineDoctor !== undefined);
  if (fullScopes.length > 0) {
    ctx.report('tools.exec.security_full_configured', {
      severity: openPaths.length > 0 ? 'critical' : 'warn',
      detail:
        `Exec runs with full trust for: ${fullScopes.map((scope) => scope.id).join(', ')}.` +
        (openPaths.length > 0
          ? ` Open channel access exists at:\n${openPaths.map((p) => `- ${dotted(p)}`).join('\n')}`
          : ''),
      path: fullScopes[0]!.path,
      related: [...fullScopes.slice(1).map((scope) => scope.path), ...openPaths],
    });
  }
  if (openPaths.length > 0 && enabledScopes.length > 0) {
    ctx.report('security.exposure.open_channels_with_exec', {
      severity: fullScopes.length > 0 ? 'critical' : 'warn',
      detail:
        `Open DM/group policies at:\n${openPaths.map((p) => `- ${dotted(p)}`).join('\n')}\n` +
        `Scopes where exec is enabled:\n${enabledScopes.map((scope) => `- ${scope.id}: security=${scope.security}, host=${scope.host}`).join('\n')}`,
      path: openPaths[0]!,
      related: [...openPaths.slice(1), ...enabledScopes.map((scope) => scope.path)],
    });
  }

  collectFsToolsDrift(ctx, agents);
  collectSafeBins(ctx, agents);
  collectTrustedDirs(ctx, agents);
}

function collectFsToolsDrift(ctx: CheckContext, agents: AgentEntry[]): void {
  const config = ctx.config;
  const globalExec = dig(config, 'tools', 'exec');
  const hits: { line: string; path: ConfigPath }[] = [];
  const contexts: { label: string; agent?: AgentEntry; path: ConfigPath }[] = [
    { label: 'tools', path: ['tools'] },
    ...agents.map((agent) => ({ label: `agents.entries.${agent.id}.tools`, agent, path: agentPath(agent, 'tools') })),
  ];
  for (const context of contexts) {
    const mode = sandboxMode(config, context.agent);
    const workspaceAccess = sandboxWorkspaceAccess(config, context.agent);
    const host = dig(context.agent?.config, 'tools', 'exec', 'host') ?? dig(globalExec, 'host') ?? 'auto';
    if (mode === 'all' && host !== 'gateway' && host !== 'node' && workspaceAccess !== 'rw') continue;
    const policies = configuredToolPolicies(config, { agent: context.agent });
    const runtime = RUNTIME_TOOLS.filter((tool) => isToolAllowed(tool, policies));
    if (!runtime.includes('exec')) continue;
    const disabled = MUTATING_FS_TOOLS.filter((tool) => !isToolAllowed(tool, policies));
    if (disabled.length !== MUTATING_FS_TOOLS.length) continue;
    hits.push({
      line: `- ${context.label}: runtime=[${runtime.join(', ')}], disabledFs=[${disabled.join(', ')}], exec.host=${host}, sandbox=${mode}, workspaceAccess=${workspaceAccess}`,
      path: context.path,
    });
  }
  if (hits.length === 0) return;
  ctx.report('tools.exec.fs_tools_disabled_but_exec_enabled', {
    detail:
      `write/edit/apply_patch are unavailable but exec is still allowed in:\n${hits.map((hit) => hit.line).join('\n')}\n` +
      'exec is a shell: it can write files wherever its host or sandbox filesystem allows.',
    path: hits[0]!.path,
    related: hits.slice(1).map((hit) => hit.path),
  });
}

// --- safeBins -------------------------------------------------------------------------------------------------------

const INTERPRETER_BINS = new Set([
  'ash',
  'awk',
  'bash',
  'busybox',
  'bun',
  'cmd',
  'cmd.exe',
  'cscript',
  'dash',
  'deno',
  'fish',
  'gawk',
  'gsed',
  'ksh',
  'lua',
  'mawk',
  'nawk',
  'node',
  'nodejs',
  'perl',
  'php',
  'powershell',
  'powershell.exe',
  'pypy',
  'pwsh',
  'pwsh.exe',
  'python',
  'python2',
  'python3',
  'ruby',
  'sed',
  'sh',
  'toybox',
  'wscript',
  'zsh',
]);
const INTERPRETER_PATTERNS = [
  /^python\d+(?:\.\d+)?$/,
  /^ruby\d+(?:\.\d+)?$/,
  /^perl\d+(?:\.\d+)?$/,
  /^php\d+(?:\.\d+)?$/,
  /^node\d+(?:\.\d+)?$/,
];

const AWK_WARNING =
  'awk-family interpreters can run commands, read ENVIRON and write files; use allowlist entries or approval-gated runs instead';
const BROAD_BINS: Readonly<Record<string, string>> = {
  jq: 'jq can read environment data and load jq code from modules or startup files; use allowlist entries or approval-gated runs instead',
  awk: AWK_WARNING,
  gawk: AWK_WARNING,
  mawk: AWK_WARNING,
  nawk: AWK_WARNING,
  sed: 'sed scripts can run commands and write files; use allowlist entries or approval-gated runs instead',
  gsed: 'sed scripts can run commands and write files; use allowlist entries or approval-gated runs instead',
};

/** A safe bin's name: lowercased basename without a Windows executable suffix. */
function safeBinName(raw: unknown): string {
  const lower = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!lower) return '';
  return (lower.split(/[\\/]/).at(-1) ?? lower).replace(/\.(?:exe|cmd|bat|com)$/i, '');
}

/** Lowercased, trimmed, de-duplicated, sorted safeBins. */
function normalizeSafeBins(entries: unknown): string[] {
  if (!Array.isArray(entries)) return [];
  const names = entries
    .map((entry) => (typeof entry === 'string' ? entry.trim().toLowerCase() : ''))
    .filter((entry) => entry.length > 0);
  return [...new Set(names)].sort();
}

function isInterpreterLikeBin(raw: string): boolean {
  const name = safeBinName(raw);
  return name !== '' && (INTERPRETER_BINS.has(name) || INTERPRETER_PATTERNS.some((pattern) => pattern.test(name)));
}

function profileNames(exec: Json): Set<string> {
  const profiles = dig(exec, 'safeBinProfiles');
  if (!isObject(profiles)) return new Set();
  return new Set(
    Object.keys(profiles)
      .map((key) => key.trim().toLowerCase())
      .filter(Boolean),
  );
}

function broadBins(bins: string[]): { bin: string; warning: string }[] {
  const hits = new Map<string, string>();
  for (const entry of bins) {
    const name = safeBinName(entry);
    if (!name || hits.has(name) || !Object.hasOwn(BROAD_BINS, name)) continue;
    hits.set(name, BROAD_BINS[name]!);
  }
  return [...hits.entries()].map(([bin, warning]) => ({ bin, warning })).sort((a, b) => a.bin.localeCompare(b.bin));
}

function collectSafeBins(ctx: CheckContext, agents: AgentEntry[]): void {
  const globalExec = dig(ctx.config, 'tools', 'exec');
  const interpreterHits: { line: string; path: ConfigPath }[] = [];
  const broadHits: { line: string; path: ConfigPath }[] = [];
  const scan = (label: string, exec: Json, path: ConfigPath, profiles: Set<string>) => {
    const bins = normalizeSafeBins(dig(exec, 'safeBins'));
    if (bins.length === 0) return;
    const interpreters = bins
      .map(safeBinName)
      .filter((bin) => bin.length > 0 && isInterpreterLikeBin(bin))
      .sort()
      .filter((bin) => !profiles.has(bin));
    if (interpreters.length > 0) interpreterHits.push({ line: `- ${label}: ${interpreters.join(', ')}`, path });
    for (const hit of broadBins(bins)) broadHits.push({ line: `- ${label}: ${hit.bin} (${hit.warning})`, path });
  };
  scan('tools.exec.safeBins', globalExec, ['tools', 'exec', 'safeBins'], profileNames(globalExec));
  for (const agent of agents) {
    const exec = dig(agent.config, 'tools', 'exec');
    scan(
      `agents.entries.${agent.id}.tools.exec.safeBins`,
      exec,
      agentPath(agent, 'tools', 'exec', 'safeBins'),
      new Set([...profileNames(globalExec), ...profileNames(exec)]),
    );
  }
  if (interpreterHits.length > 0) {
    ctx.report('tools.exec.safe_bins_interpreter_unprofiled', {
      detail:
        `Interpreter-like safeBins without an explicit profile:\n${interpreterHits.map((hit) => hit.line).join('\n')}\n` +
        'With permissive argv profiles these turn safeBins into a broad execution surface.',
      path: interpreterHits[0]!.path,
      related: interpreterHits.slice(1).map((hit) => hit.path),
    });
  }
  if (broadHits.length > 0) {
    ctx.report('tools.exec.safe_bins_broad_behavior', {
      detail: `safeBins entries with broad semantics:\n${broadHits.map((hit) => hit.line).join('\n')}\nThey do more than the low-risk stdin-filter fast path assumes.`,
      path: broadHits[0]!.path,
      related: broadHits.slice(1).map((hit) => hit.path),
    });
  }
}

// --- safeBinTrustedDirs ---------------------------------------------------------------------------------------------

/** Why a trusted safe-bin directory is risky, or undefined. */
function riskyTrustedDirReason(entry: string): string | undefined {
  const raw = entry.trim();
  if (!raw) return undefined;
  if (!posix.isAbsolute(raw)) return 'relative path (trust boundary depends on process cwd)';
  const normalized = posix.resolve(raw).replace(/\\/g, '/').toLowerCase();
  const under = (dir: string) => normalized === dir || normalized.startsWith(`${dir}/`);
  if (under('/tmp') || under('/var/tmp') || under('/private/tmp'))
    return 'temporary directory is mutable and easy to poison';
  if (
    ['/usr/local/bin', '/opt/homebrew/bin', '/opt/local/bin', '/home/linuxbrew/.linuxbrew/bin'].includes(normalized)
  ) {
    return 'package-manager bin directory (often user-writable)';
  }
  if (normalized.startsWith('/users/') || normalized.startsWith('/home/') || normalized.includes('/.local/bin'))
    return 'home-scoped bin directory (typically user-writable)';
  if (/^[a-z]:\/users\//.test(normalized)) return 'home-scoped bin directory (typically user-writable)';
  return undefined;
}

const TRUSTED_DIR_LINES_MAX = 10;

function collectTrustedDirs(ctx: CheckContext, agents: AgentEntry[]): void {
  const hits: { line: string; path: ConfigPath }[] = [];
  const scan = (label: string, base: ConfigPath, entries: Json) => {
    if (!Array.isArray(entries)) return;
    const seen = new Set<string>();
    entries.forEach((value: Json, index: number) => {
      if (typeof value !== 'string') return;
      const entry = value.trim();
      if (!entry || seen.has(entry)) return;
      seen.add(entry);
      const reason = riskyTrustedDirReason(entry);
      if (reason)
        hits.push({
          line: `- ${label}.safeBinTrustedDirs: ${entry} (${reason})`,
          path: [...base, 'safeBinTrustedDirs', index],
        });
    });
  };
  scan('tools.exec', ['tools', 'exec'], dig(ctx.config, 'tools', 'exec', 'safeBinTrustedDirs'));
  for (const agent of agents) {
    scan(
      `agents.entries.${agent.id}.tools.exec`,
      agentPath(agent, 'tools', 'exec'),
      dig(agent.config, 'tools', 'exec', 'safeBinTrustedDirs'),
    );
  }
  if (hits.length === 0) return;
  const shown = hits.slice(0, TRUSTED_DIR_LINES_MAX).map((hit) => hit.line);
  if (hits.length > TRUSTED_DIR_LINES_MAX) shown.push(`- +${hits.length - TRUSTED_DIR_LINES_MAX} more entries.`);
  ctx.report('tools.exec.safe_bin_trusted_dirs_risky', {
    detail: `Risky safeBinTrustedDirs entries:\n${shown.join('\n')}`,
    path: hits[0]!.path,
    related: hits.slice(1).map((hit) => hit.path),
  });
}

// --- MCP boundary ---------------------------------------------------------------------------------------------------

/** Enabled `mcp.servers` names, sorted. */
function configuredMcpServerNames(config: Json): string[] {
  const servers = dig(config, 'mcp', 'servers');
  if (!isObject(servers)) return [];
  return Object.entries(servers)
    .filter(([, server]) => !(isObject(server) && server.enabled === false))
    .map(([name]) => name)
    .sort();
}

function namesPreview(names: string[]): string {
  const shown = names.slice(0, 6);
  return shown.join(', ') + (names.length > shown.length ? `, +${names.length - shown.length} more` : '');
}

export function collectExecBoundaryDrift(ctx: CheckContext): void {
  const config = ctx.config;
  const defaults = dig(config, 'agents', 'defaults');
  const defaultsHaveSkills = isObject(defaults) && Object.hasOwn(defaults, 'skills');
  const candidates: { id: string; source: string; agent?: AgentEntry; path: ConfigPath }[] = [];
  if (defaultsHaveSkills)
    candidates.push({
      id: 'agents.defaults',
      source: 'agents.defaults.skills',
      path: ['agents', 'defaults', 'skills'],
    });
  for (const agent of listAgents(config)) {
    if (Object.hasOwn(agent.config, 'skills'))
      candidates.push({ id: agent.id, source: 'agents.entries.*.skills', agent, path: agentPath(agent, 'skills') });
    else if (defaultsHaveSkills)
      candidates.push({
        id: agent.id,
        source: 'agents.defaults.skills (inherited)',
        agent,
        path: ['agents', 'defaults', 'skills'],
      });
  }
  const scopes = candidates.flatMap((candidate) => {
    const exec = runtimeExecDefaults(config, candidate.agent);
    if (exec.security === 'deny' || exec.host === 'sandbox') return [];
    return [{ ...candidate, exec }];
  });
  if (scopes.length === 0) return;
  const servers = configuredMcpServerNames(config);
  if (servers.length === 0) return;
  const lines = scopes
    .slice(0, 8)
    .map(
      (scope) =>
        `- ${scope.id}: ${scope.source}, exec.host=${scope.exec.host}, security=${scope.exec.security}, ask=${scope.exec.ask}`,
    );
  if (scopes.length > 8) lines.push(`- +${scopes.length - 8} more scopes.`);
  ctx.report('tools.exec.agent_skill_mcp_boundary_drift', {
    detail:
      `Skill allowlists on scopes that can exec on the host:\n${lines.join('\n')}\n` +
      `MCP server registries the gateway can see:\n- mcp.servers: ${namesPreview(servers)}\n` +
      'agents.*.skills only filters which skills an agent sees; it does not authorize shell commands, so a host exec ' +
      'process can still run MCP clients unless a sandbox, filesystem, network or credential boundary stops it.',
    path: scopes[0]!.path,
    related: [...scopes.slice(1).map((scope) => scope.path), ['mcp', 'servers']],
  });
}
