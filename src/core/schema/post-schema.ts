/**
 * openclaw's checks that run once the core schema (and the secret-ref policy) accepted the config, before the
 * plugin stage. openclaw runs them one after another and stops at the first that reports anything, in this order:
 * sandbox container env, (duplicate agent dirs, avatars: not reproduced), Tailscale bind, Tailscale auth, model
 * policy allowlist refs.
 * Conditions follow openclaw 2026.9.6; messages and paths are its exact wording (interface facts).
 */
import type { PathSegment } from '../types.ts';
import type { SchemaViolation } from './validate.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rec(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

interface AgentEntry {
  key: string;
  entry: Record<string, unknown>;
}

/** `agents.entries` in key order (the pre-validation rewrite always leaves a keyed roster). */
function agentEntries(config: unknown): AgentEntry[] {
  const entries = rec(rec(rec(config).agents).entries);
  const out: AgentEntry[] = [];
  for (const key of Object.keys(entries)) {
    const entry = entries[key];
    if (isRecord(entry)) out.push({ key, entry });
  }
  return out;
}

// --- sandbox container env (docker/podman backends pass env through a line-delimited env file) ---

const PORTABLE_ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type EnvProblem = 'invalid-name' | 'line-break' | 'nul';

function envEntryProblem(key: string, value: unknown): EnvProblem | undefined {
  const trimmed = key.trim();
  if (!trimmed || !PORTABLE_ENV_NAME.test(trimmed) || trimmed !== key) return 'invalid-name';
  const text = typeof value === 'string' ? value : String(value);
  if (/[\r\n]/.test(text)) return 'line-break';
  return text.includes('\0') ? 'nul' : undefined;
}

function sandboxEnvMessage(backend: string, key: string, problem: EnvProblem): string {
  const engine = backend === 'podman' ? 'Podman' : 'Docker';
  const quoted = JSON.stringify(key);
  const remediation = problem === 'invalid-name'
    ? `Rename key ${quoted} to use letters, digits, and underscores without a leading digit.`
    : `Use a single-line, non-NUL value for key ${quoted}, or deliver multiline material through a mounted file or custom image.`;
  return `${engine} sandbox backend requires portable environment names and single-line, non-NUL values because the secure env-file transport is line-delimited. ${remediation} SSH/OpenShell backends may keep multiline values. Run openclaw doctor to report the invalid path; manual remediation is required.`;
}

function trimmedString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The env a sandboxed agent's container gets: the defaults' env (or LANG), overlaid by the agent's unless shared. */
function effectiveEnv(defaultsEnv: unknown, agentEnv: unknown, scope: string): Record<string, unknown> {
  const base = isRecord(defaultsEnv) ? defaultsEnv : { LANG: 'C.UTF-8' };
  return scope !== 'shared' && isRecord(agentEnv) ? { ...base, ...agentEnv } : base;
}

export function sandboxEnvIssues(config: unknown): SchemaViolation[] {
  const defaults = rec(rec(rec(config).agents).defaults);
  const defaultSandbox = rec(defaults.sandbox);
  const defaultsEnv = rec(defaultSandbox.docker).env;
  const agents = agentEntries(config);
  if (!defaultsEnv && !agents.some((a) => rec(rec(a.entry.sandbox).docker).env)) return [];
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  const effective: Array<AgentEntry | undefined> = agents.length > 0 ? agents : [undefined];
  for (const agent of effective) {
    const sandbox = rec(agent?.entry.sandbox);
    const scopeRaw = sandbox.scope ?? defaultSandbox.scope;
    const scope = typeof scopeRaw === 'string' && scopeRaw ? scopeRaw : 'agent';
    const backend = trimmedString(sandbox.backend) || trimmedString(defaultSandbox.backend) || 'docker';
    if (backend !== 'docker' && backend !== 'podman') continue;
    const agentEnv = rec(sandbox.docker).env;
    const env = effectiveEnv(defaultsEnv, agentEnv, scope);
    for (const key of Object.keys(env)) {
      const problem = envEntryProblem(key, env[key]);
      if (!problem) continue;
      const own = agent !== undefined && scope !== 'shared' && isRecord(agentEnv) && Object.prototype.hasOwnProperty.call(agentEnv, key);
      const path: PathSegment[] = own
        ? ['agents', 'entries', agent.key, 'sandbox', 'docker', 'env', key]
        : ['agents', 'defaults', 'sandbox', 'docker', 'env', key];
      const id = JSON.stringify([path.join('.'), problem]);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ path, message: sandboxEnvMessage(backend, key, problem) });
    }
  }
  return out;
}

// --- Tailscale exposure ---

function tailscaleMode(config: unknown): unknown {
  return rec(rec(rec(config).gateway).tailscale).mode ?? 'off';
}

/** Canonical dotted-decimal IPv4 (no leading zeros, four parts ≤ 255) in 127.0.0.0/8; brackets and spaces trimmed. */
function isLoopbackDottedIPv4(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  if (!/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(text)) return false;
  const parts = text.split('.').map(Number);
  return parts.every((n) => n <= 255) && parts[0] === 127;
}

export function tailscaleBindIssues(config: unknown): SchemaViolation[] {
  const mode = tailscaleMode(config);
  if (mode !== 'serve' && mode !== 'funnel') return [];
  const gateway = rec(rec(config).gateway);
  const bind = gateway.bind ?? 'loopback';
  if (bind === 'loopback') return [];
  if (bind === 'custom' && isLoopbackDottedIPv4(gateway.customBindHost)) return [];
  return [{
    path: ['gateway', 'bind'],
    message: `gateway.bind must resolve to loopback when gateway.tailscale.mode=${mode} (use gateway.bind="loopback" or gateway.bind="custom" with gateway.customBindHost="127.0.0.1")`,
  }];
}

export function tailscaleAuthIssues(config: unknown): SchemaViolation[] {
  const mode = tailscaleMode(config);
  if (mode !== 'serve' && mode !== 'funnel') return [];
  if (rec(rec(rec(config).gateway).auth).mode !== 'none') return [];
  const message = mode === 'funnel'
    ? 'gateway.tailscale.mode=funnel requires gateway.auth.mode=password; auth.mode=none cannot be used when exposing the gateway through Tailscale Funnel'
    : `gateway.auth.mode=none cannot be used with gateway.tailscale.mode=${mode}; configure token, password, or trusted-proxy auth before exposing the gateway through Tailscale`;
  return [{ path: ['gateway', 'auth', 'mode'], message }];
}

// --- model policy allowlists (agents.defaults.modelPolicy.allow, agents.entries.<id>.modelPolicy.allow) ---

const MODEL_POLICY_COMPAT_SELECTORS = new Set(['openrouter:auto', 'openrouter:free']);

function hasControlCharacter(value: string): boolean {
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 31 || code === 127) return true;
  }
  return false;
}

function validSegments(segments: string[], min: number): boolean {
  return segments.length >= min && segments.every((seg) => seg.length > 0 && !seg.includes('*') && !/\s/u.test(seg) && !hasControlCharacter(seg));
}

/** `provider/model[/…]`: a provider and at least one model segment, none empty, wildcard, spaced or with controls. */
function isExactModelRef(ref: string): boolean {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash >= ref.length - 1) return false;
  const provider = ref.slice(0, slash).trim().toLowerCase();
  const model = ref.slice(slash + 1).trim();
  return provider.length > 0 && model.length > 0 && validSegments([provider, ...model.split('/')], 2);
}

/** `provider/*`, `provider/namespace/*`: a trailing wildcard on a segment boundary. */
function isWildcardModelRef(ref: string): boolean {
  const segments = ref.split('/').map((seg) => seg.trim());
  return segments[segments.length - 1] === '*' && validSegments(segments.slice(0, -1), 1) && segments[0]!.toLowerCase().length > 0;
}

function modelAliases(...maps: unknown[]): Set<string> {
  const out = new Set<string>();
  for (const map of maps) {
    for (const entry of Object.values(rec(map))) {
      const alias = rec(entry).alias;
      if (typeof alias === 'string' && alias.trim()) out.add(alias.trim().toLowerCase());
    }
  }
  return out;
}

function sanitizeForLog(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

function policyRefIssues(refs: unknown, at: PathSegment[], aliases: Set<string>): SchemaViolation[] {
  if (!Array.isArray(refs)) return [];
  const out: SchemaViolation[] = [];
  refs.forEach((raw, i) => {
    const ref = typeof raw === 'string' ? raw.trim() : '';
    const lowered = ref.toLowerCase();
    if (aliases.has(lowered) || MODEL_POLICY_COMPAT_SELECTORS.has(lowered) || isExactModelRef(ref) || isWildcardModelRef(ref)) return;
    out.push({
      path: [...at, i],
      message: `invalid model policy ref: ${sanitizeForLog(JSON.stringify(raw))}. Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".`,
    });
  });
  return out;
}

export function modelPolicyIssues(config: unknown): SchemaViolation[] {
  const defaults = rec(rec(rec(config).agents).defaults);
  const out = policyRefIssues(rec(defaults.modelPolicy).allow, ['agents', 'defaults', 'modelPolicy', 'allow'], modelAliases(defaults.models));
  for (const { key, entry } of agentEntries(config)) {
    out.push(...policyRefIssues(rec(entry.modelPolicy).allow, ['agents', 'entries', key, 'modelPolicy', 'allow'], modelAliases(defaults.models, entry.models)));
  }
  return out;
}

/** The post-schema checks in openclaw's order; the first one that reports anything wins. */
export function postSchemaIssues(config: unknown): SchemaViolation[] {
  for (const check of [sandboxEnvIssues, tailscaleBindIssues, tailscaleAuthIssues, modelPolicyIssues]) {
    const issues = check(config);
    if (issues.length > 0) return issues;
  }
  return [];
}
