/**
 * The checks openclaw's zod schema runs in code (superRefine/refine) that the generated JSON Schema cannot carry,
 * plus the secret-ref policy openclaw applies around the schema. Conditions follow openclaw 2026.9.6; messages
 * are its exact wording (interface facts). zod skips a refinement when its object already has an aborting issue.
 */
import type { PathSegment } from '../types.ts';
import type { ZodLikeIssue } from './zod-like.ts';
import type { SchemaViolation } from './violation.ts';
import { dig, isRecord } from '../records.ts';
import { normalizeAgentId } from '../agent-id.ts';

export interface Facts {
  builtInModelProviderOverlayIds: string[];
  legacyWebSearchProviderKeys: string[];
  /** [provider, model, reason?] of bundled manifests' unconditional model suppressions. */
  modelSuppressions?: Array<[string, string, string?]>;
  /** Bundled channel aliases (lowercase alias → channel id). */
  channelAliases?: Record<string, string>;
  /** Ids of every plugin shipped inside openclaw (dist/extensions manifests). */
  bundledPluginIds?: string[];
  /** web_search providers the bundled plugins declare, and the install catalog's [providerId, pluginId] pairs. */
  webSearch?: { activeProviders: string[]; installCatalog: Array<[string, string]> };
}

export interface Refined {
  /** Extra zod-level issues (custom refinements), to be mapped like schema issues. */
  zod: ZodLikeIssue[];
  /** Secret-ref policy issues, listed before schema issues. */
  policy: SchemaViolation[];
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

function refineAgents(config: unknown, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const agents = dig(config, 'agents');
  if (!isRecord(agents) || abortedAt(issues, ['agents'])) return;
  const entriesRaw = dig(agents, 'entries');
  const entries = isRecord(entriesRaw) ? Object.keys(entriesRaw).map((k) => [k, entriesRaw[k]] as const) : [];
  if (entries.length === 0)
    out.push(custom(['agents', 'entries'], 'agents.entries must contain at least one configured agent'));
  const firstKey = new Map<string, string>();
  for (const [key] of entries) {
    const id = normalizeAgentId(key);
    const first = firstKey.get(id);
    if (first === undefined) firstKey.set(id, key);
    else
      out.push(
        custom(
          ['agents', 'entries', key],
          `agents.entries keys "${first}" and "${key}" resolve to the same agent id "${id}"; rename one key so each agent has a unique id`,
        ),
      );
  }
  const marked = entries.filter(([, e]) => isRecord(e) && e.default === true);
  const ownership = dig(agents, 'ownership');
  if (marked.length > 1)
    out.push(
      custom(
        ['agents', 'entries'],
        `agents.entries must contain at most one default=true entry (found ${marked.length})`,
      ),
    );
  if (ownership === 'explicit' && marked.length > 0)
    out.push(
      custom(['agents', 'ownership'], 'agents.ownership=explicit cannot be combined with a legacy default=true marker'),
    );
  if (entries.length > 1 && marked.length === 0 && ownership !== 'explicit') {
    out.push(
      custom(
        ['agents', 'ownership'],
        'multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor',
      ),
    );
  }
}

/**
 * openclaw's duration grammar: one number with an optional unit, or unit-suffixed segments (1h30m). Read in one pass:
 * the regexes openclaw uses (`/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g` searched from every position) are quadratic on a long run
 * of digits. A segment's end is never in doubt (digits, an optional fraction, then a unit letter), so one greedy
 * scan decides what the regexes decide.
 */
export function isValidDuration(raw: unknown, defaultUnit: string): boolean {
  if (typeof raw !== 'string' && typeof raw !== 'number') return false;
  const text = String(raw).trim().toLowerCase();
  if (!text) return false;
  const first = numberEnd(text, 0);
  if (first === 0) return false;
  if (first + unitLength(text, first) === text.length) return defaultUnit.length > 0;
  let at = 0;
  while (at < text.length) {
    const number = numberEnd(text, at);
    const unit = unitLength(text, number);
    if (number === at || unit === 0) return false;
    at = number + unit;
  }
  return true;
}

/** The length of the unit (`ms`, `s`, `m`, `h` or `d`) at `at`, 0 when there is none. */
function unitLength(text: string, at: number): number {
  if (text.startsWith('ms', at)) return 2;
  return at < text.length && 'smhd'.includes(text[at]!) ? 1 : 0;
}

const isDigit = (text: string, at: number) =>
  at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57;

/** The end of `\d+(?:\.\d+)?` at `at`, or `at` when there are no digits there. */
function numberEnd(text: string, at: number): number {
  let end = at;
  while (isDigit(text, end)) end++;
  if (end === at || text[end] !== '.' || !isDigit(text, end + 1)) return end;
  end++;
  while (isDigit(text, end)) end++;
  return end;
}

function refineHeartbeat(hb: unknown, at: PathSegment[], issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  if (!isRecord(hb) || abortedAt(issues, at)) return;
  const every = hb.every;
  if (every && !isValidDuration(every, 'm')) out.push(custom([...at, 'every'], 'invalid duration (use ms, s, m, h)'));
}

function refineWebSearch(config: unknown, facts: Facts, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const search = dig(config, 'tools', 'web', 'search');
  const at = ['tools', 'web', 'search'];
  if (!isRecord(search) || abortedAt(issues, at)) return;
  const legacy = new Set(facts.legacyWebSearchProviderKeys);
  for (const key of Object.keys(search)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (key === 'apiKey' || (legacy.has(key) && isRecord(search[key]))) {
      out.push(
        custom([...at, key], 'legacy web_search provider config must use plugins.entries.<plugin>.config.webSearch'),
      );
    }
  }
}

function refineModelProviders(config: unknown, facts: Facts, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const providers = dig(config, 'models', 'providers');
  const at = ['models', 'providers'];
  if (!isRecord(providers) || abortedAt(issues, at)) return;
  const builtIn = new Set(facts.builtInModelProviderOverlayIds);
  for (const id of Object.keys(providers)) {
    if (builtIn.has(id.trim().toLowerCase())) continue;
    const p = providers[id];
    if (!isRecord(p)) continue;
    if (!p.baseUrl)
      out.push(
        custom(
          [...at, id, 'baseUrl'],
          'custom model providers must declare baseUrl; provider overlays without baseUrl are only supported for bundled providers',
        ),
      );
    if (!Array.isArray(p.models))
      out.push(
        custom(
          [...at, id, 'models'],
          'custom model providers must declare models; provider overlays without models are only supported for bundled providers',
        ),
      );
  }
}

// --- sandbox security (agents.defaults.sandbox, agents.entries.<id>.sandbox) ---

function stripWindowsNamespace(input: string): string {
  for (const [lead, unc] of [
    ['\\\\?\\', 'UNC\\'],
    ['//?/', 'UNC/'],
  ] as const) {
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
      out.push(
        custom(
          [...at, 'binds', i],
          `Sandbox security: bind mount "${bind}" uses a non-absolute source path "${source}". Only absolute POSIX or Windows drive-letter paths are supported for sandbox binds.`,
        ),
      );
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
    if (reason === 'host')
      out.push(
        custom(
          [...dockerAt, 'network'],
          'Sandbox security: network mode "host" is blocked. Use "bridge" or "none" instead.',
        ),
      );
    if (reason === 'container_namespace_join')
      out.push(
        custom(
          [...dockerAt, 'network'],
          'Sandbox security: network mode "container:*" is blocked by default. Use a custom bridge network, or set dangerouslyAllowContainerNamespaceJoin=true only when you fully trust this runtime.',
        ),
      );
    if (lower(docker.seccompProfile) === 'unconfined')
      out.push(
        custom(
          [...dockerAt, 'seccompProfile'],
          'Sandbox security: seccomp profile "unconfined" is blocked. Use a custom seccomp profile file or omit this setting.',
        ),
      );
    if (lower(docker.apparmorProfile) === 'unconfined')
      out.push(
        custom(
          [...dockerAt, 'apparmorProfile'],
          'Sandbox security: AppArmor profile "unconfined" is blocked. Use a named AppArmor profile or omit this setting.',
        ),
      );
  }
  const browser = sandbox.browser;
  const browserAt = [...at, 'browser'];
  if (isRecord(browser) && !abortedAt(issues, browserAt)) {
    refineBinds(browser.binds, browserAt, out);
    if (lower(browser.network) === 'host')
      out.push(
        custom(
          [...browserAt, 'network'],
          'Sandbox security: browser network mode "host" is blocked. Use "bridge" or a custom bridge network instead.',
        ),
      );
  }
  if (!abortedAt(issues, at)) {
    const allowJoin = isRecord(docker) && docker.dangerouslyAllowContainerNamespaceJoin === true;
    if (isRecord(browser) && blockedNetwork(browser.network, allowJoin) === 'container_namespace_join') {
      out.push(
        custom(
          [...at, 'browser', 'network'],
          'Sandbox security: browser network mode "container:*" is blocked by default. Set sandbox.docker.dangerouslyAllowContainerNamespaceJoin=true only when you fully trust this runtime.',
        ),
      );
    }
  }
}

// --- MCP servers (mcp.servers.<name>, nodeHost.mcp.servers.<name>) ---

/** Keys other MCP clients use that openclaw rejects (it names them like unknown keys). */
const MCP_FOREIGN_KEYS = [
  'connectTimeout',
  'connect_timeout',
  'timeout',
  'workingDirectory',
  'supports_parallel_tool_calls',
  'ssl_verify',
  'client_cert',
  'client_key',
];

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function isHttpUrl(value: unknown): boolean {
  const url = typeof value === 'string' ? parsedUrl(value) : null;
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

/** The string refinements on a server's URLs (they run even after a failed URL format check). */
function refineMcpUrls(server: Record<string, unknown>, at: PathSegment[], out: ZodLikeIssue[]): void {
  if (typeof server.url === 'string' && !isHttpUrl(server.url))
    out.push(custom([...at, 'url'], 'Expected http:// or https:// URL'));
  const oauth = isRecord(server.oauth) ? server.oauth : {};
  if (typeof oauth.redirectUrl === 'string' && !isHttpUrl(oauth.redirectUrl))
    out.push(custom([...at, 'oauth', 'redirectUrl'], 'Expected http:// or https:// URL'));
  const meta = typeof oauth.clientMetadataUrl === 'string' ? parsedUrl(oauth.clientMetadataUrl) : null;
  if (meta && (meta.protocol !== 'https:' || meta.pathname === '/'))
    out.push(custom([...at, 'oauth', 'clientMetadataUrl'], 'Expected https:// URL with a non-root pathname'));
}

function refinePerRequesterOAuth(server: Record<string, unknown>, at: PathSegment[], out: ZodLikeIssue[]): void {
  const oauth = isRecord(server.oauth) ? server.oauth : {};
  if (oauth.identity !== 'per-requester') return;
  const identityAt = [...at, 'oauth', 'identity'];
  if (server.auth !== 'oauth') out.push(custom(identityAt, 'oauth.identity "per-requester" requires auth: "oauth"'));
  if (oauth.authProfileId)
    out.push(
      custom(
        [...at, 'oauth', 'authProfileId'],
        'oauth.authProfileId cannot be used with oauth.identity "per-requester"',
      ),
    );
  if (!server.url) out.push(custom(identityAt, 'oauth.identity "per-requester" requires an HTTP server URL'));
  if (server.command !== undefined || server.transport === 'stdio')
    out.push(
      custom(identityAt, 'oauth.identity "per-requester" cannot be combined with a command or "stdio" transport'),
    );
}

function refineMcpServer(server: unknown, at: PathSegment[], issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  if (!isRecord(server)) return;
  refineMcpUrls(server, at, out);
  if (abortedAt(issues, at)) return;
  const has = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  // Worded like an unknown key (and pointed at the key), though openclaw raises them as custom issues.
  for (const key of MCP_FOREIGN_KEYS)
    if (has(server, key))
      out.push({ ...custom(at, `Unrecognized key: "${key}"`), code: 'unrecognized_keys', keys: [key] });
  // (openclaw's own check for `codex.default_tools_approval_mode` reads the parsed value, from which the strict
  // `codex` object already dropped that key: only the schema's unknown-key issue is reported.)
  if (has(server, 'disabled')) {
    const disabled = server.disabled;
    const replacement =
      typeof disabled === 'boolean'
        ? `"enabled: ${!disabled}" instead, then run "openclaw doctor --fix" to migrate existing config`
        : 'the canonical "enabled" boolean instead';
    out.push(custom([...at, 'disabled'], `unsupported key "disabled"; use ${replacement}`));
  }
  refinePerRequesterOAuth(server, at, out);
  if (server.transport === 'stdio' && (typeof server.command !== 'string' || server.command.trim().length === 0)) {
    out.push(custom([...at, 'transport'], '"stdio" transport requires a non-empty command'));
  }
}

function refineMcpServers(servers: unknown, at: PathSegment[], issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  if (!isRecord(servers)) return;
  for (const name of Object.keys(servers)) refineMcpServer(servers[name], [...at, name], issues, out);
}

// --- gateway, hooks and cron ---

/** An http(s) origin: no path beyond "/", no query, fragment or credentials. */
function isHttpOrigin(url: URL | null): url is URL {
  return (
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash &&
    !url.username &&
    !url.password
  );
}

const LOOPBACK_ORIGIN_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** String refinements: they run even after a failed URL format check. */
function refineOrigins(config: unknown, out: ZodLikeIssue[]): void {
  const publicOrigin = dig(config, 'gateway', 'publicOrigin');
  if (typeof publicOrigin === 'string') {
    const url = parsedUrl(publicOrigin);
    const ok = isHttpOrigin(url) && (url.protocol === 'https:' || LOOPBACK_ORIGIN_HOSTS.has(url.hostname));
    if (!ok)
      out.push(
        custom(
          ['gateway', 'publicOrigin'],
          'gateway.publicOrigin must be a bare HTTPS origin; HTTP is allowed only for localhost, 127.0.0.1, or [::1]',
        ),
      );
  }
  const sandboxOrigin = dig(config, 'mcp', 'apps', 'sandboxOrigin');
  if (typeof sandboxOrigin === 'string' && !isHttpOrigin(parsedUrl(sandboxOrigin))) {
    out.push(
      custom(
        ['mcp', 'apps', 'sandboxOrigin'],
        'sandboxOrigin must be an HTTP(S) origin without a path, query, or credentials',
      ),
    );
  }
}

function refineGatewayRoles(config: unknown, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const roles = dig(config, 'gateway', 'roles');
  const at = ['gateway', 'roles'];
  if (!isRecord(roles)) return;
  const definitions = roles.definitions;
  if (isRecord(definitions) && !abortedAt(issues, [...at, 'definitions']) && Object.keys(definitions).length === 0) {
    out.push(custom([...at, 'definitions'], 'gateway.roles.definitions must contain at least one role definition'));
  }
  if (abortedAt(issues, at) || !isRecord(definitions) || typeof roles.default !== 'string') return;
  const names = new Set(Object.keys(definitions).map((k) => k.trim()));
  if (!names.has(roles.default.trim()))
    out.push(custom([...at, 'default'], 'gateway.roles.default must name a configured role definition'));
}

/** `hooks.mappings[].transform.module`: relative, no `~`, no drive or scheme colon, no `..` segment. */
function isSafeRelativeModulePath(raw: string): boolean {
  const value = raw.trim();
  if (!value || value.startsWith('/') || value.startsWith('~') || value.includes(':')) return false;
  return !value.split(/[\\/]+/).some((part) => part === '..');
}

function refineHooks(config: unknown, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const hooks = dig(config, 'hooks');
  if (!isRecord(hooks)) return;
  const mappings = Array.isArray(hooks.mappings) ? hooks.mappings : [];
  mappings.forEach((m, i) => {
    const module = dig(m, 'transform', 'module');
    if (typeof module === 'string' && !isSafeRelativeModulePath(module)) {
      out.push(
        custom(
          ['hooks', 'mappings', i, 'transform', 'module'],
          'module must be a safe relative path (no absolute paths)',
        ),
      );
    }
  });
  if (abortedAt(issues, ['hooks'])) return;
  const hasDefaultKey = typeof hooks.defaultSessionKey === 'string' && hooks.defaultSessionKey.trim().length > 0;
  mappings.forEach((m, i) => {
    if (!isRecord(m)) return;
    const sessionKey = typeof m.sessionKey === 'string' ? m.sessionKey.trim() : '';
    if (
      (m.action ?? 'agent') === 'agent' &&
      m.sessionMode === 'persistent' &&
      !sessionKey &&
      !hasDefaultKey &&
      !m.transform
    ) {
      out.push(
        custom(
          ['hooks', 'mappings', i, 'sessionKey'],
          'persistent hook mappings require sessionKey, hooks.defaultSessionKey, or a transform',
        ),
      );
    }
  });
}

function refineCron(config: unknown, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const cron = dig(config, 'cron');
  if (!isRecord(cron) || abortedAt(issues, ['cron'])) return;
  const retention = cron.sessionRetention;
  if (
    retention !== undefined &&
    retention !== false &&
    !isValidDuration(typeof retention === 'string' ? retention.trim() : retention, 'h')
  ) {
    out.push(custom(['cron', 'sessionRetention'], 'invalid duration (use ms, s, m, h, d)'));
  }
}

// --- exec policy: `mode` replaces the legacy security/ask pair (tools.exec, agents.entries.<id>.tools.exec) ---

/** openclaw's mode for a legacy security/ask pair, or null when no mode keeps the same policy. */
function exactExecMode(security: unknown, ask: unknown): string | null {
  if (ask === 'always' || (security === 'full' && ask === 'on-miss')) return null;
  if (security === 'deny') return 'deny';
  if (security === 'allowlist' && ask === 'off') return 'allowlist';
  if (security === 'full') return 'full';
  return 'ask';
}

function refineExecMode(exec: unknown, at: PathSegment[], issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  if (!isRecord(exec) || abortedAt(issues, at)) return;
  if (exec.mode === undefined || (exec.security === undefined && exec.ask === undefined)) return;
  const both = exec.security !== undefined && exec.ask !== undefined;
  const mode = both ? exactExecMode(exec.security, exec.ask) : null;
  const repair = mode
    ? `Replace security/ask with mode="${mode}" (the equivalent of security="${String(exec.security)}" + ask="${String(exec.ask)}").`
    : both
      ? 'This security/ask pair has no exact mode equivalent. To keep this policy, retain both legacy fields and remove mode.'
      : 'The legacy policy is incomplete. Choose the intended security and ask values before converting; no mode equivalent can be inferred.';
  out.push(
    custom(
      [...at, 'mode'],
      `mode cannot be combined with security or ask in the same exec object. Update the deploy script, template, or patch at this scope. ${repair} Doctor migrates supported legacy policies to mode; run "openclaw doctor --fix" only when the saved file still needs migration.`,
    ),
  );
}

// --- secrets.providers.<name>.command: a safe executable named by an absolute path ---

const SHELL_METACHARS = /[;&|`$<>]/;
const BARE_EXECUTABLE = /^[A-Za-z0-9._+-]+$/;

/** A configured executable that cannot smuggle shell syntax (a path, or a bare program name), as openclaw checks it. */
export function isSafeExecutable(value: string): boolean {
  const trimmed = value.trim();
  if (
    !trimmed ||
    trimmed.includes('\0') ||
    /[\r\n]/.test(trimmed) ||
    SHELL_METACHARS.test(trimmed) ||
    /["']/.test(trimmed)
  )
    return false;
  if (
    trimmed.startsWith('.') ||
    trimmed.startsWith('~') ||
    trimmed.includes('/') ||
    trimmed.includes('\\') ||
    /^[A-Za-z]:[\\/]/.test(trimmed)
  )
    return true;
  return !trimmed.startsWith('-') && BARE_EXECUTABLE.test(trimmed);
}

/** POSIX absolute (openclaw runs on POSIX here), a drive-letter path or a UNC path. */
function isAbsoluteCommand(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || /^\\\\[^\\]+\\[^\\]+/.test(value);
}

/**
 * The manual exec provider's two `command` refinements. The provider sits in a union (env, file, exec, plugin
 * integration); we only add them when the schema pass found nothing else in the provider, so the manual exec branch is
 * the one zod reports.
 */
function refineSecretProviders(config: unknown, issues: ZodLikeIssue[], out: ZodLikeIssue[]): void {
  const providers = dig(config, 'secrets', 'providers');
  if (!isRecord(providers)) return;
  for (const name of Object.keys(providers)) {
    const provider = providers[name];
    const at = ['secrets', 'providers', name];
    if (
      !isRecord(provider) ||
      provider.source !== 'exec' ||
      typeof provider.command !== 'string' ||
      provider.command.length === 0
    )
      continue;
    if (issues.some((i) => startsWith(i.path, at))) continue;
    if (!isSafeExecutable(provider.command))
      out.push(custom([...at, 'command'], 'secrets.providers.*.command is unsafe.'));
    if (!isAbsoluteCommand(provider.command))
      out.push(custom([...at, 'command'], 'secrets.providers.*.command must be an absolute path.'));
  }
}

// --- secret-ref policy: credentials openclaw mutates at runtime must stay plain strings ---
const SECRETREF_DOC = 'https://docs.openclaw.ai/reference/secretref-credential-surface';

function isSecretRefObject(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const source = value.source;
  return (
    (source === 'env' || source === 'file' || source === 'exec') &&
    typeof value.id === 'string' &&
    value.id.trim().length > 0
  );
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
  add(['hooks', 'token'], dig(config, 'hooks', 'token'));
  add(['hooks', 'gmail', 'pushToken'], dig(config, 'hooks', 'gmail', 'pushToken'));
  const mappings = dig(config, 'hooks', 'mappings');
  if (Array.isArray(mappings))
    mappings.forEach((m, i) => add(['hooks', 'mappings', i, 'sessionKey'], dig(m, 'sessionKey')));
  return out;
}

export function refineConfig(config: unknown, issues: ZodLikeIssue[], facts: Facts): Refined {
  const zod: ZodLikeIssue[] = [];
  refineSecretProviders(config, issues, zod);
  const agentEntries = dig(config, 'agents', 'entries');
  if (isRecord(agentEntries))
    for (const id of Object.keys(agentEntries))
      refineExecMode(dig(agentEntries[id], 'tools', 'exec'), ['agents', 'entries', id, 'tools', 'exec'], issues, zod);
  refineAgents(config, issues, zod);
  refineHeartbeat(dig(config, 'agents', 'defaults', 'heartbeat'), ['agents', 'defaults', 'heartbeat'], issues, zod);
  const entries = dig(config, 'agents', 'entries');
  if (isRecord(entries))
    for (const id of Object.keys(entries))
      refineHeartbeat(dig(entries[id], 'heartbeat'), ['agents', 'entries', id, 'heartbeat'], issues, zod);
  refineSandbox(dig(config, 'agents', 'defaults', 'sandbox'), ['agents', 'defaults', 'sandbox'], issues, zod);
  if (isRecord(entries))
    for (const id of Object.keys(entries))
      refineSandbox(dig(entries[id], 'sandbox'), ['agents', 'entries', id, 'sandbox'], issues, zod);
  refineMcpServers(dig(config, 'mcp', 'servers'), ['mcp', 'servers'], issues, zod);
  refineMcpServers(dig(config, 'nodeHost', 'mcp', 'servers'), ['nodeHost', 'mcp', 'servers'], issues, zod);
  refineOrigins(config, zod);
  refineGatewayRoles(config, issues, zod);
  refineHooks(config, issues, zod);
  refineCron(config, issues, zod);
  refineExecMode(dig(config, 'tools', 'exec'), ['tools', 'exec'], issues, zod);
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
      if (!pp.startsWith(`${ip}.`) || !/Unrecognized key|must not have additional properties/i.test(cur.message))
        continue;
      const child = pp.slice(ip.length + 1).split('.')[0]!;
      const keys = [...cur.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      if (!keys.includes(child)) continue;
      const rest = keys.filter((k) => k !== child);
      if (rest.length === 0) cur = null;
      else {
        const quoted = rest.map((k) => `"${k}"`).join(', ');
        const message = /must not have additional properties/i.test(cur.message)
          ? `must not have additional properties: ${quoted}`
          : rest.length === 1
            ? `Unrecognized key: ${quoted}`
            : `Unrecognized keys: ${quoted}`;
        cur = { ...cur, message };
      }
    }
    if (cur) kept.push(cur);
  }
  return [...policy, ...kept];
}
