/**
 * The checks openclaw's zod schema runs in code (superRefine/refine) that the generated JSON Schema cannot carry,
 * plus the secret-ref policy openclaw applies around the schema. Conditions follow openclaw 2026.9.6; messages
 * are its exact wording (interface facts). zod skips a refinement when its object already has an aborting issue.
 */
import type { PathSegment } from '../types.ts';
import type { ZodLikeIssue } from './zod-like.ts';
import type { SchemaViolation } from './validate.ts';

export interface Facts {
  builtInModelProviderOverlayIds: string[];
  legacyWebSearchProviderKeys: string[];
  /** [provider, model, reason?] of bundled manifests' unconditional model suppressions. */
  modelSuppressions?: Array<[string, string, string?]>;
}

export interface Refined {
  /** Extra zod-level issues (custom refinements), to be mapped like schema issues. */
  zod: ZodLikeIssue[];
  /** Secret-ref policy issues, listed before schema issues. */
  policy: SchemaViolation[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(value: unknown, ...keys: string[]): unknown {
  let node = value;
  for (const k of keys) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, k)) return undefined;
    node = node[k];
  }
  return node;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.every((seg, i) => path[i] === seg);
}

/** True when zod would skip a refinement at `at`: an aborting issue lies at or below it. */
function abortedAt(issues: readonly ZodLikeIssue[], at: readonly PathSegment[]): boolean {
  return issues.some((i) => i.continue !== true && startsWith(i.path, at));
}

function custom(path: PathSegment[], message: string): ZodLikeIssue {
  return { code: 'custom', path, message, continue: true };
}

const VALID_AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
function normalizeAgentId(value: string): string {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (VALID_AGENT_ID.test(trimmed)) return lower;
  return lower.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '').replace(/-+$/, '').slice(0, 64) || 'main';
}

function refineAgents(config: unknown, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const agents = get(config, 'agents');
  if (!isRecord(agents) || abortedAt(issues, ['agents'])) return;
  const entriesRaw = get(agents, 'entries');
  const entries = isRecord(entriesRaw) ? Object.keys(entriesRaw).map((k) => [k, entriesRaw[k]] as const) : [];
  if (entries.length === 0) out.push(custom(['agents', 'entries'], 'agents.entries must contain at least one configured agent'));
  const firstKey = new Map<string, string>();
  for (const [key] of entries) {
    const id = normalizeAgentId(key);
    const first = firstKey.get(id);
    if (first === undefined) firstKey.set(id, key);
    else out.push(custom(['agents', 'entries', key], `agents.entries keys "${first}" and "${key}" resolve to the same agent id "${id}"; rename one key so each agent has a unique id`));
  }
  const marked = entries.filter(([, e]) => isRecord(e) && e.default === true);
  const ownership = get(agents, 'ownership');
  if (marked.length > 1) out.push(custom(['agents', 'entries'], `agents.entries must contain at most one default=true entry (found ${marked.length})`));
  if (ownership === 'explicit' && marked.length > 0) out.push(custom(['agents', 'ownership'], 'agents.ownership=explicit cannot be combined with a legacy default=true marker'));
  if (entries.length > 1 && marked.length === 0 && ownership !== 'explicit') {
    out.push(custom(['agents', 'ownership'], 'multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor'));
  }
}

/** openclaw's duration grammar: one number with an optional unit, or unit-suffixed segments (1h30m). */
export function isValidDuration(raw: unknown, defaultUnit: string): boolean {
  if (typeof raw !== 'string' && typeof raw !== 'number') return false;
  const text = String(raw).trim().toLowerCase();
  if (!text) return false;
  if (/^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.test(text)) return defaultUnit.length > 0;
  let consumed = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    if (m.index !== consumed) return false;
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0;
}

function refineHeartbeat(hb: unknown, at: PathSegment[], issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  if (!isRecord(hb) || abortedAt(issues, at)) return;
  const every = hb.every;
  if (every && !isValidDuration(every, 'm')) out.push(custom([...at, 'every'], 'invalid duration (use ms, s, m, h)'));
}

function refineWebSearch(config: unknown, facts: Facts, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const search = get(config, 'tools', 'web', 'search');
  const at = ['tools', 'web', 'search'];
  if (!isRecord(search) || abortedAt(issues, at)) return;
  const legacy = new Set(facts.legacyWebSearchProviderKeys);
  for (const key of Object.keys(search)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (key === 'apiKey' || (legacy.has(key) && isRecord(search[key]))) {
      out.push(custom([...at, key], 'legacy web_search provider config must use plugins.entries.<plugin>.config.webSearch'));
    }
  }
}

function refineModelProviders(config: unknown, facts: Facts, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const providers = get(config, 'models', 'providers');
  const at = ['models', 'providers'];
  if (!isRecord(providers) || abortedAt(issues, at)) return;
  const builtIn = new Set(facts.builtInModelProviderOverlayIds);
  for (const id of Object.keys(providers)) {
    if (builtIn.has(id.trim().toLowerCase())) continue;
    const p = providers[id];
    if (!isRecord(p)) continue;
    if (!p.baseUrl) out.push(custom([...at, id, 'baseUrl'], 'custom model providers must declare baseUrl; provider overlays without baseUrl are only supported for bundled providers'));
    if (!Array.isArray(p.models)) out.push(custom([...at, id, 'models'], 'custom model providers must declare models; provider overlays without models are only supported for bundled providers'));
  }
}

// --- sandbox security (agents.defaults.sandbox, agents.entries.<id>.sandbox) ---

function stripWindowsNamespace(input: string): string {
  for (const [lead, unc] of [['\\\\?\\', 'UNC\\'], ['//?/', 'UNC/']] as const) {
    if (!input.startsWith(lead)) continue;
    const rest = input.slice(4);
    return rest.toUpperCase().startsWith(unc) ? `${lead.slice(0, 2)}${rest.slice(4)}` : rest;
  }
  return input;
}

/** Host side of a docker bind spec `host:container[:options]` (a drive letter's colon is not a separator). */
function bindSource(spec: string): string {
  const sep = spec.indexOf(':', /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0);
  return sep === -1 ? spec : spec.slice(0, sep);
}

function isAbsoluteHostPath(raw: string): boolean {
  const p = stripWindowsNamespace(raw);
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

function refineBinds(binds: unknown, at: PathSegment[], out: ZodLikeIssue[]): void {
  if (!Array.isArray(binds)) return;
  binds.forEach((raw, i) => {
    const bind = typeof raw === 'string' ? raw : '';
    if (!bind.trim()) {
      out.push(custom([...at, 'binds', i], 'Sandbox security: bind mount entry must be a non-empty string.'));
      return;
    }
    const source = bindSource(bind);
    if (!isAbsoluteHostPath(source)) {
      out.push(custom([...at, 'binds', i], `Sandbox security: bind mount "${bind}" uses a non-absolute source path "${source}". Only absolute POSIX or Windows drive-letter paths are supported for sandbox binds.`));
    }
  });
}

function lower(v: unknown): string {
  return typeof v === 'string' ? v.trim().toLowerCase() : '';
}

function blockedNetwork(network: unknown, allowJoin: boolean): 'host' | 'container_namespace_join' | null {
  const n = lower(network);
  if (!n) return null;
  if (n === 'host') return 'host';
  return n.startsWith('container:') && !allowJoin ? 'container_namespace_join' : null;
}

function refineSandbox(sandbox: unknown, at: PathSegment[], issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  if (!isRecord(sandbox)) return;
  const docker = sandbox.docker;
  const dockerAt = [...at, 'docker'];
  if (isRecord(docker) && !abortedAt(issues, dockerAt)) {
    refineBinds(docker.binds, dockerAt, out);
    const reason = blockedNetwork(docker.network, docker.dangerouslyAllowContainerNamespaceJoin === true);
    if (reason === 'host') out.push(custom([...dockerAt, 'network'], 'Sandbox security: network mode "host" is blocked. Use "bridge" or "none" instead.'));
    if (reason === 'container_namespace_join') out.push(custom([...dockerAt, 'network'], 'Sandbox security: network mode "container:*" is blocked by default. Use a custom bridge network, or set dangerouslyAllowContainerNamespaceJoin=true only when you fully trust this runtime.'));
    if (lower(docker.seccompProfile) === 'unconfined') out.push(custom([...dockerAt, 'seccompProfile'], 'Sandbox security: seccomp profile "unconfined" is blocked. Use a custom seccomp profile file or omit this setting.'));
    if (lower(docker.apparmorProfile) === 'unconfined') out.push(custom([...dockerAt, 'apparmorProfile'], 'Sandbox security: AppArmor profile "unconfined" is blocked. Use a named AppArmor profile or omit this setting.'));
  }
  const browser = sandbox.browser;
  const browserAt = [...at, 'browser'];
  if (isRecord(browser) && !abortedAt(issues, browserAt)) {
    refineBinds(browser.binds, browserAt, out);
    if (lower(browser.network) === 'host') out.push(custom([...browserAt, 'network'], 'Sandbox security: browser network mode "host" is blocked. Use "bridge" or a custom bridge network instead.'));
  }
  if (!abortedAt(issues, at)) {
    const allowJoin = isRecord(docker) && docker.dangerouslyAllowContainerNamespaceJoin === true;
    if (isRecord(browser) && blockedNetwork(browser.network, allowJoin) === 'container_namespace_join') {
      out.push(custom([...at, 'browser', 'network'], 'Sandbox security: browser network mode "container:*" is blocked by default. Set sandbox.docker.dangerouslyAllowContainerNamespaceJoin=true only when you fully trust this runtime.'));
    }
  }
}

// --- secret-ref policy: credentials openclaw mutates at runtime must stay plain strings ---
const SECRETREF_DOC = 'https://docs.openclaw.ai/reference/secretref-credential-surface';

function isSecretRefObject(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const source = value.source;
  return (source === 'env' || source === 'file' || source === 'exec') && typeof value.id === 'string' && value.id.trim().length > 0;
}

function secretRefPolicy(config: unknown): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const add = (path: PathSegment[], value: unknown): void => {
    if (!isSecretRefObject(value)) return;
    const dotted = path.join('.');
    out.push({
      path,
      message: [
        `SecretRef objects are not supported at ${dotted}.`,
        'This credential is runtime-mutable or runtime-managed and must stay a plain string value.',
        'Use a plain string (env template strings like "${MY_VAR}" are allowed).',
        `See ${SECRETREF_DOC}.`,
      ].join(' '),
    });
  };
  add(['hooks', 'token'], get(config, 'hooks', 'token'));
  add(['hooks', 'gmail', 'pushToken'], get(config, 'hooks', 'gmail', 'pushToken'));
  const mappings = get(config, 'hooks', 'mappings');
  if (Array.isArray(mappings)) mappings.forEach((m, i) => add(['hooks', 'mappings', i, 'sessionKey'], get(m, 'sessionKey')));
  return out;
}

export function refineConfig(config: unknown, issues: ZodLikeIssue[], facts: Facts): Refined {
  const zod: ZodLikeIssue[] = [];
  refineAgents(config, issues, zod);
  refineHeartbeat(get(config, 'agents', 'defaults', 'heartbeat'), ['agents', 'defaults', 'heartbeat'], issues, zod);
  const entries = get(config, 'agents', 'entries');
  if (isRecord(entries)) for (const id of Object.keys(entries)) refineHeartbeat(get(entries[id], 'heartbeat'), ['agents', 'entries', id, 'heartbeat'], issues, zod);
  refineSandbox(get(config, 'agents', 'defaults', 'sandbox'), ['agents', 'defaults', 'sandbox'], issues, zod);
  if (isRecord(entries)) for (const id of Object.keys(entries)) refineSandbox(get(entries[id], 'sandbox'), ['agents', 'entries', id, 'sandbox'], issues, zod);
  refineWebSearch(config, facts, issues, zod);
  refineModelProviders(config, facts, issues, zod);
  return { zod, policy: secretRefPolicy(config) };
}

/** openclaw drops a schema issue that only restates a policy issue (the object at a string-only credential). */
export function mergePolicyIssues(policy: SchemaViolation[], schema: SchemaViolation[]): SchemaViolation[] {
  if (policy.length === 0) return schema;
  const kept: SchemaViolation[] = [];
  for (const issue of schema) {
    let cur: SchemaViolation | null = issue;
    for (const p of policy) {
      if (!cur) break;
      const ip = cur.path.join('.');
      const pp = p.path.join('.');
      if (ip === pp) {
        if (/expected string, received object/i.test(cur.message)) cur = null;
        continue;
      }
      if (!pp.startsWith(`${ip}.`) || !/Unrecognized key|must not have additional properties/i.test(cur.message)) continue;
      const child = pp.slice(ip.length + 1).split('.')[0]!;
      const keys = [...cur.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      if (!keys.includes(child)) continue;
      const rest = keys.filter((k) => k !== child);
      if (rest.length === 0) cur = null;
      else {
        const quoted = rest.map((k) => `"${k}"`).join(', ');
        const message = /must not have additional properties/i.test(cur.message)
          ? `must not have additional properties: ${quoted}`
          : rest.length === 1 ? `Unrecognized key: ${quoted}` : `Unrecognized keys: ${quoted}`;
        cur = { ...cur, message };
      }
    }
    if (cur) kept.push(cur);
  }
  return [...policy, ...kept];
}
