/**
 * doctor's `mcp.servers.canonicalize` migration (openclaw 2026.9.6), for `mcp.servers` and `nodeHost.mcp.servers`:
 * `disabled` becomes the inverse `enabled`, the seconds-valued timeout aliases become `connectionTimeoutMs` /
 * `requestTimeoutMs`, snake_case and `workingDirectory` aliases take their camelCase/`cwd` spellings, and a CLI-native
 * `type` (http, sse, ...) becomes OpenClaw's `transport`. Paths and messages are openclaw's interface.
 */
import { isRec, put, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';

const CLI_TYPES: Readonly<Record<string, string>> = {
  http: 'streamable-http',
  'streamable-http': 'streamable-http',
  sse: 'sse',
  stdio: 'stdio',
};
const TIMEOUT_ALIASES = [
  ['connectTimeout', 'connectionTimeoutMs'],
  ['connect_timeout', 'connectionTimeoutMs'],
  ['timeout', 'requestTimeoutMs'],
] as const;

const typeKey = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
const isCliType = (value: unknown) => Object.hasOwn(CLI_TYPES, typeKey(value));
/** The transport a CLI `type` names, for the HTTP transports only. */
function transportFor(value: unknown): string | undefined {
  const key = typeKey(value);
  const mapped = Object.hasOwn(CLI_TYPES, key) ? CLI_TYPES[key] : undefined;
  return mapped === 'sse' || mapped === 'streamable-http' ? mapped : undefined;
}

function hasAliases(server: Rec): boolean {
  const codex = rec(server.codex);
  return (
    Object.hasOwn(server, 'workingDirectory') ||
    ['supports_parallel_tool_calls', 'ssl_verify', 'client_cert', 'client_key'].some((k) => Object.hasOwn(server, k)) ||
    (codex !== undefined && Object.hasOwn(codex, 'default_tools_approval_mode'))
  );
}

/** The server with its aliases in canonical spelling (canonical values already set win). */
function canonicalize(server: Rec): Rec {
  const next: Rec = {};
  for (const key of Object.keys(server)) put(next, key, server[key]);
  const transport = transportFor(next.type);
  if (typeof next.transport !== 'string' && transport) next.transport = transport;
  if (isCliType(next.type)) delete next.type;
  if (typeof next.cwd !== 'string' && typeof next.workingDirectory === 'string') next.cwd = next.workingDirectory;
  delete next.workingDirectory;
  const pairs = [
    ['supports_parallel_tool_calls', 'supportsParallelToolCalls', 'boolean'],
    ['ssl_verify', 'sslVerify', 'boolean'],
    ['client_cert', 'clientCert', 'string'],
    ['client_key', 'clientKey', 'string'],
  ] as const;
  for (const [legacy, canonical, type] of pairs) {
    if (typeof next[legacy] === type && typeof next[canonical] !== type) next[canonical] = next[legacy];
    delete next[legacy];
  }
  const codex = rec(next.codex);
  if (codex) {
    const copy: Rec = {};
    for (const key of Object.keys(codex)) put(copy, key, codex[key]);
    if (typeof copy.defaultToolsApprovalMode !== 'string' && typeof copy.default_tools_approval_mode === 'string')
      copy.defaultToolsApprovalMode = copy.default_tools_approval_mode;
    delete copy.default_tools_approval_mode;
    next.codex = copy;
  }
  return next;
}

function migrateServers(value: unknown, prefix: string, changes: string[]): void {
  const servers = rec(value);
  if (!servers) return;
  for (const name of Object.keys(servers)) {
    const server = rec(servers[name]);
    if (!server || typeof server.disabled !== 'boolean') continue;
    const disabled = server.disabled;
    if (typeof server.enabled !== 'boolean') {
      server.enabled = !disabled;
      changes.push(`Moved ${prefix}.${name}.disabled ${disabled} → enabled ${!disabled}.`);
    } else
      changes.push(
        `Removed ${prefix}.${name}.disabled ${disabled} because enabled is already set to ${String(server.enabled)}.`,
      );
    delete server.disabled;
  }
  for (const name of Object.keys(servers)) {
    const server = rec(servers[name]);
    if (!server) continue;
    for (const [alias, canonical] of TIMEOUT_ALIASES) {
      if (!Object.hasOwn(server, alias)) continue;
      const seconds = server[alias];
      if (
        server[canonical] === undefined &&
        typeof seconds === 'number' &&
        seconds > 0 &&
        Number.isFinite(seconds * 1000)
      ) {
        server[canonical] = seconds * 1000;
        changes.push(`Moved ${prefix}.${name}.${alias} → ${canonical} (${seconds * 1000} ms).`);
      } else changes.push(`Removed ${prefix}.${name}.${alias} (${canonical} already set or alias invalid).`);
      delete server[alias];
    }
  }
  for (const name of Object.keys(servers)) {
    const server = rec(servers[name]);
    if (!server || !hasAliases(server)) continue;
    const normalized = canonicalize(server);
    if (JSON.stringify(normalized) === JSON.stringify(server)) continue;
    put(servers, name, normalized);
    changes.push(`Canonicalized legacy aliases in ${prefix}.${name}.`);
  }
}

function apply(root: Rec, changes: string[]): void {
  const mcp = rec(root.mcp);
  migrateServers(mcp?.servers, 'mcp.servers', changes);
  migrateServers(rec(rec(root.nodeHost)?.mcp)?.servers, 'nodeHost.mcp.servers', changes);
  const servers = rec(mcp?.servers);
  for (const name of Object.keys(servers ?? {})) {
    const server = rec(servers![name]);
    if (!server || !isCliType(server.type)) continue;
    const rawType = typeof server.type === 'string' ? server.type : '';
    const transport = transportFor(server.type);
    if (typeof server.transport !== 'string' && transport) {
      server.transport = transport;
      changes.push(`Moved mcp.servers.${name}.type "${rawType}" → transport "${transport}".`);
    } else if (typeof server.transport === 'string')
      changes.push(`Removed mcp.servers.${name}.type (transport "${server.transport}" already set).`);
    else changes.push(`Removed mcp.servers.${name}.type "${rawType}".`);
    delete server.type;
  }
}

function detect(root: Rec): LegacyIssue[] {
  const out: LegacyIssue[] = [];
  const lists: Array<[unknown, string]> = [
    [rec(root.mcp)?.servers, 'mcp.servers'],
    [rec(rec(root.nodeHost)?.mcp)?.servers, 'nodeHost.mcp.servers'],
  ];
  const some = (value: unknown, match: (server: Rec) => boolean) =>
    isRec(value) && Object.values(value).some((s) => isRec(s) && match(s));
  for (const [servers, path] of lists)
    if (some(servers, (s) => typeof s.disabled === 'boolean'))
      out.push({
        path,
        message: `${path} entries use the unsupported "disabled" key; use "enabled" with the inverse boolean value. Run "openclaw doctor --fix" to migrate it.`,
      });
  if (some(lists[0]![0], (s) => isCliType(s.type)))
    out.push({
      path: 'mcp.servers',
      message:
        'mcp.servers entries use OpenClaw transport names; CLI-native type aliases are legacy here. Run "openclaw doctor --fix".',
    });
  for (const [servers, path] of lists)
    if (some(servers, (s) => TIMEOUT_ALIASES.some(([alias]) => Object.hasOwn(s, alias))))
      out.push({
        path,
        message: `${path} timeout aliases were retired; use connectionTimeoutMs and requestTimeoutMs. Run "openclaw doctor --fix".`,
      });
  for (const [servers, path] of lists)
    if (some(servers, hasAliases))
      out.push({
        path,
        message: `${path} legacy aliases were retired; use camelCase spellings and cwd. Run "openclaw doctor --fix".`,
      });
  return out;
}

/** After the gateway migrations, before the model migrations. */
export const MCP_MIGRATION: Migration = { id: 'mcp.servers.canonicalize', detect, apply };
