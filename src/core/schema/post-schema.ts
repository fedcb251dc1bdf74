/**
 * openclaw's checks that run once the core schema (and the secret-ref policy) accepted the config, before the
 * plugin stage. openclaw runs them one after another and stops at the first that reports anything, in this order:
 * sandbox container env, (duplicate agent dirs, avatars: not reproduced), Tailscale bind, Tailscale auth, model
 * policy allowlist refs.
 * Conditions follow openclaw 2026.9.6; messages and paths are its exact wording (interface facts).
 */
import type { PathSegment } from '../types.ts';
import type { SchemaViolation } from './violation.ts';
import { asRecord, isRecord } from '../records.ts';
import { pushAll } from '../arrays.ts';

interface AgentEntry {
  key: string;
  entry: Record<string, unknown>;
}

/** `agents.entries` in key order (the pre-validation rewrite always leaves a keyed roster). */
function agentEntries(config: unknown): AgentEntry[] {
  const entries = asRecord(asRecord(asRecord(config).agents).entries);
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
  const remediation =
    problem === 'invalid-name'
      ? `Rename key ${quoted} to use letters, digits, and underscores without a leading digit.`
      : `Use a single-line, non-NUL value for key ${quoted}, or deliver multiline material through a mounted file or custom image.`;
  return `${engine} sandbox backend requires portable environment names and single-line, non-NUL values because the secure env-file transport is line-delimited. ${remediation} SSH/OpenShell backends may keep multiline values. Run openclaw doctor to report the invalid path; manual remediation is required.`;
}

function trimmedString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

interface EnvIssue {
  /** Position in the merged env: the defaults' keys first (in their order), then the agent's own new keys. */
  order: number;
  path: PathSegment[];
  key: string;
  problem: EnvProblem;
}

const DEFAULTS_ENV_PATH: PathSegment[] = ['agents', 'defaults', 'sandbox', 'docker', 'env'];

/**
 * openclaw checks, for every docker/podman agent, the env its container gets (the defaults' env, or `LANG`, with the
 * agent's own env merged over it unless `scope: "shared"`), reporting a key under the agent when the agent sets it
 * and under the defaults otherwise, once per path and problem. A defaults key is reported by the first agent that
 * does not override it, so only those still pending are looked at: the work stays linear in the config.
 */
export function sandboxEnvIssues(config: unknown): SchemaViolation[] {
  const defaults = asRecord(asRecord(asRecord(config).agents).defaults);
  const defaultSandbox = asRecord(defaults.sandbox);
  const defaultsEnvRaw = asRecord(defaultSandbox.docker).env;
  const agents = agentEntries(config);
  if (!defaultsEnvRaw && !agents.some((a) => asRecord(asRecord(a.entry.sandbox).docker).env)) return [];
  const defaultsEnv: Record<string, unknown> = isRecord(defaultsEnvRaw) ? defaultsEnvRaw : { LANG: 'C.UTF-8' };
  const defaultsKeys = Object.keys(defaultsEnv);
  const defaultsIndex = new Map(defaultsKeys.map((k, i) => [k, i]));
  // Defaults keys with a problem that no agent has reported yet, in the defaults' order.
  const pending = new Map<string, EnvProblem>();
  for (const key of defaultsKeys) {
    const problem = envEntryProblem(key, defaultsEnv[key]);
    if (problem) pending.set(key, problem);
  }
  const out: SchemaViolation[] = [];
  const effective: Array<AgentEntry | undefined> = agents.length > 0 ? agents : [undefined];
  for (const agent of effective) {
    const sandbox = asRecord(agent?.entry.sandbox);
    const scopeRaw = sandbox.scope ?? defaultSandbox.scope;
    const scope = typeof scopeRaw === 'string' && scopeRaw ? scopeRaw : 'agent';
    const backend = trimmedString(sandbox.backend) || trimmedString(defaultSandbox.backend) || 'docker';
    if (backend !== 'docker' && backend !== 'podman') continue;
    const agentEnv = asRecord(sandbox.docker).env;
    const own = agent !== undefined && scope !== 'shared' && isRecord(agentEnv) ? agentEnv : {};
    const ownKeys = Object.keys(own);
    const found: EnvIssue[] = [];
    for (const [i, key] of ownKeys.entries()) {
      const problem = envEntryProblem(key, own[key]);
      if (problem)
        found.push({
          order: defaultsIndex.get(key) ?? defaultsKeys.length + i,
          path: ['agents', 'entries', agent!.key, 'sandbox', 'docker', 'env', key],
          key,
          problem,
        });
    }
    for (const [key, problem] of pending) {
      if (Object.prototype.hasOwnProperty.call(own, key)) continue;
      found.push({ order: defaultsIndex.get(key)!, path: [...DEFAULTS_ENV_PATH, key], key, problem });
      pending.delete(key);
    }
    found.sort((a, b) => a.order - b.order);
    for (const issue of found)
      out.push({ path: issue.path, message: sandboxEnvMessage(backend, issue.key, issue.problem) });
  }
  return out;
}

// --- Tailscale exposure ---

function tailscaleMode(config: unknown): unknown {
  return asRecord(asRecord(asRecord(config).gateway).tailscale).mode ?? 'off';
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
  const gateway = asRecord(asRecord(config).gateway);
  const bind = gateway.bind ?? 'loopback';
  if (bind === 'loopback') return [];
  if (bind === 'custom' && isLoopbackDottedIPv4(gateway.customBindHost)) return [];
  return [
    {
      path: ['gateway', 'bind'],
      message: `gateway.bind must resolve to loopback when gateway.tailscale.mode=${mode} (use gateway.bind="loopback" or gateway.bind="custom" with gateway.customBindHost="127.0.0.1")`,
    },
  ];
}

function tailscaleAuthIssues(config: unknown): SchemaViolation[] {
  const mode = tailscaleMode(config);
  if (mode !== 'serve' && mode !== 'funnel') return [];
  if (asRecord(asRecord(asRecord(config).gateway).auth).mode !== 'none') return [];
  const message =
    mode === 'funnel'
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
  return (
    segments.length >= min &&
    segments.every((seg) => seg.length > 0 && !seg.includes('*') && !/\s/u.test(seg) && !hasControlCharacter(seg))
  );
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
  return (
    segments[segments.length - 1] === '*' &&
    validSegments(segments.slice(0, -1), 1) &&
    segments[0]!.toLowerCase().length > 0
  );
}

function modelAliases(map: unknown): Set<string> {
  const out = new Set<string>();
  for (const entry of Object.values(asRecord(map))) {
    const alias = asRecord(entry).alias;
    if (typeof alias === 'string' && alias.trim()) out.add(alias.trim().toLowerCase());
  }
  return out;
}

function sanitizeForLog(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** `aliases`: the alias sets in scope (the defaults', plus the agent's own for an agent's policy). */
function policyRefIssues(refs: unknown, at: PathSegment[], aliases: Set<string>[]): SchemaViolation[] {
  if (!Array.isArray(refs)) return [];
  const out: SchemaViolation[] = [];
  refs.forEach((raw, i) => {
    const ref = typeof raw === 'string' ? raw.trim() : '';
    const lowered = ref.toLowerCase();
    if (
      aliases.some((set) => set.has(lowered)) ||
      MODEL_POLICY_COMPAT_SELECTORS.has(lowered) ||
      isExactModelRef(ref) ||
      isWildcardModelRef(ref)
    )
      return;
    out.push({
      path: [...at, i],
      message: `invalid model policy ref: ${sanitizeForLog(JSON.stringify(raw))}. Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".`,
    });
  });
  return out;
}

function modelPolicyIssues(config: unknown): SchemaViolation[] {
  const defaults = asRecord(asRecord(asRecord(config).agents).defaults);
  const defaultAliases = modelAliases(defaults.models);
  const out = policyRefIssues(
    asRecord(defaults.modelPolicy).allow,
    ['agents', 'defaults', 'modelPolicy', 'allow'],
    [defaultAliases],
  );
  for (const { key, entry } of agentEntries(config)) {
    const allow = asRecord(entry.modelPolicy).allow;
    if (Array.isArray(allow) && allow.length > 0)
      pushAll(
        out,
        policyRefIssues(
          allow,
          ['agents', 'entries', key, 'modelPolicy', 'allow'],
          [defaultAliases, modelAliases(entry.models)],
        ),
      );
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
