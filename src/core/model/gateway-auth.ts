/**
 * The gateway auth model of openclaw 2026.9.6 as the cold audit sees it: which credential is active, whether the
 * gateway counts as authenticated, and which secret references the audit would try (and fail) to resolve.
 *
 * Two views of the four credential inputs (`gateway.auth.token`, `gateway.auth.password`, `gateway.remote.token`,
 * `gateway.remote.password`) are kept, as openclaw keeps two configs:
 * - the *source* view: the config as written (after `${VAR}` substitution), SecretRef objects still objects;
 * - the *resolved* view: active env SecretRefs resolved against the config's own `env.vars`, active refs that cannot
 *   be resolved removed, inactive refs left as objects.
 * A `${VAR}` string left unresolved, and the `$NAME` env shorthand, count as configured but without a value in both.
 * Nothing is ever read or run: file and exec refs always stay unresolved.
 */
import type { ConfigPath } from '../types.ts';
import type { CheckContext, Json } from '../checks/rule.ts';
import { isObject, isSecretRef } from '../checks/util.ts';
import { dig } from '../records.ts';
import { redactedValue } from '../redact.ts';

export type CredentialPath =
  'gateway.auth.token' | 'gateway.auth.password' | 'gateway.remote.token' | 'gateway.remote.password';

const CREDENTIAL_PATHS: readonly CredentialPath[] = [
  'gateway.auth.token',
  'gateway.auth.password',
  'gateway.remote.token',
  'gateway.remote.password',
];

function credentialSegments(path: CredentialPath): ConfigPath {
  return path.split('.');
}

/** A secret reference as openclaw coerces one: an object `{source, provider?, id}` or an env template string. */
interface SecretReference {
  source: string;
  provider: string;
  id: string;
  /** Written as `${NAME}` or `$NAME` rather than as an object. */
  template: boolean;
}

/** How one credential input reads in one view (openclaw's `resolveConfiguredGatewayCredentialInput`). */
interface CredentialInput {
  path: CredentialPath;
  /** A non-blank string, a SecretRef, or a reference left unresolved. */
  configured: boolean;
  /** The usable trimmed literal, if any. */
  value?: string;
  /** A SecretRef object is (still) in place. */
  hasSecretRef: boolean;
  /** The input is a reference (object, env template, or unresolved `${VAR}` text). */
  isRef: boolean;
}

interface CredentialPlan {
  authMode?: string;
  envToken?: string;
  envPassword?: string;
  localToken: CredentialInput;
  localPassword: CredentialInput;
  remoteToken: CredentialInput;
  remotePassword: CredentialInput;
  localTokenCanWin: boolean;
  tokenCanWin: boolean;
  passwordCanWin: boolean;
  localTokenSurfaceActive: boolean;
  remoteMode: boolean;
  remoteUrlConfigured: boolean;
  tailscaleRemoteExposure: boolean;
  remoteConfiguredSurface: boolean;
  remoteTokenFallbackActive: boolean;
  remotePasswordFallbackActive: boolean;
}

interface ResolvedAuth {
  /** `gateway.auth.mode` if set, else `password` when a password resolves, else `token`. */
  mode: string;
  token?: string;
  password?: string;
  allowTailscale: boolean;
}

export interface GatewayAuthModel {
  /** `gateway.bind` if it is a string, else `loopback`. */
  bind: string;
  /** `gateway.tailscale.mode`, default `off`. */
  tailscaleMode: string;
  /** bind ≠ loopback, or Tailscale serve/funnel. */
  remoteExposure: boolean;
  /** The auth openclaw resolves from the resolved config. */
  auth: ResolvedAuth;
  /** The credential plan over the source config. */
  sourcePlan: CredentialPlan;
  /** The credential plan over the resolved config. */
  resolvedPlan: CredentialPlan;
  /** A token/password (or trusted-proxy) counts as configured for bind_no_auth / loopback_no_auth. */
  hasGatewayAuth: boolean;
  /** hasGatewayAuth, or Tailscale identity on serve. */
  hasLoopbackAuth: boolean;
  /** The HTTP APIs require a shared secret (gateway.http.no_auth). */
  hasHttpAuth: boolean;
  /** The raw value of a credential input in the resolved view (a resolved SecretRef reads as its string). */
  resolvedRaw(path: CredentialPath): unknown;
  /** The reference at a credential path of the source config, if it is one. */
  sourceRef(path: CredentialPath): SecretReference | undefined;
  /** Whether a source reference stays unresolved (undefined when the path holds no reference). */
  refResolution(
    path: CredentialPath,
  ): { active: boolean; resolved: boolean; value?: string; error?: string } | undefined;
  /** Why a credential surface is (in)active, as openclaw words it. */
  surfaceReason(path: CredentialPath): string;
  surfaceActive(path: CredentialPath): boolean;
}

const TEMPLATE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$/;
const SHORTHAND = /^\$([A-Z][A-Z0-9_]{0,127})$/;

function trimOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** openclaw's `coerceSecretRef`: a SecretRef object (provider defaulting), or a `${NAME}` / `$NAME` string. */
function coerceSecretReference(value: unknown, defaults?: Json): SecretReference | undefined {
  if (isSecretRef(value)) {
    const source = value.source;
    const provider =
      typeof value.provider === 'string'
        ? value.provider
        : isObject(defaults) && typeof defaults[source] === 'string'
          ? defaults[source]
          : 'default';
    return { source, provider, id: value.id, template: false };
  }
  if (typeof value === 'string') {
    const t = value.trim();
    const match = TEMPLATE.exec(t) ?? SHORTHAND.exec(t);
    if (match) {
      const envDefault = isObject(defaults) && typeof defaults.env === 'string' ? defaults.env.trim() : '';
      return { source: 'env', provider: envDefault || 'default', id: match[1]!, template: true };
    }
  }
  return undefined;
}

/** One view of the four credential inputs. */
interface CredentialView {
  raw(path: CredentialPath): unknown;
  /** Configured but without a value: an unresolved `${VAR}` or a pending env template (`$NAME`). */
  pending(path: CredentialPath): boolean;
}

function readInput(view: CredentialView, path: CredentialPath): CredentialInput {
  const raw = view.raw(path);
  if (view.pending(path)) return { path, configured: true, hasSecretRef: false, isRef: true };
  if (typeof raw === 'string')
    return {
      path,
      configured: trimOrUndefined(raw) !== undefined,
      value: trimOrUndefined(raw),
      hasSecretRef: false,
      isRef: false,
    };
  if (isSecretRef(raw)) return { path, configured: true, hasSecretRef: true, isRef: true };
  return { path, configured: false, hasSecretRef: false, isRef: false };
}

function buildPlan(config: Json, env: Readonly<Record<string, string>>, view: CredentialView): CredentialPlan {
  const gateway = isObject(config) ? config.gateway : undefined;
  const authMode =
    isObject(gateway) && isObject(gateway.auth) && typeof gateway.auth.mode === 'string'
      ? gateway.auth.mode
      : undefined;
  const remote = isObject(gateway) ? gateway.remote : undefined;
  const envToken = trimOrUndefined(env.OPENCLAW_GATEWAY_TOKEN);
  const envPassword = trimOrUndefined(env.OPENCLAW_GATEWAY_PASSWORD);
  const localToken = readInput(view, 'gateway.auth.token');
  const localPassword = readInput(view, 'gateway.auth.password');
  const remoteToken = readInput(view, 'gateway.remote.token');
  const remotePassword = readInput(view, 'gateway.remote.password');
  const localTokenCanWin = authMode !== 'password' && authMode !== 'none' && authMode !== 'trusted-proxy';
  const tokenCanWin = Boolean(envToken || localToken.configured || remoteToken.configured);
  const passwordCanWin =
    authMode === 'password' ||
    authMode === 'trusted-proxy' ||
    (authMode !== 'token' && authMode !== 'none' && !tokenCanWin);
  const localTokenSurfaceActive =
    localTokenCanWin &&
    (authMode === 'token' || (authMode === undefined && !(envPassword || localPassword.configured)));
  const remoteMode = isObject(gateway) && gateway.mode === 'remote';
  const remoteUrlConfigured = isObject(remote) && trimOrUndefined(remote.url) !== undefined;
  const tailscale = isObject(gateway) && isObject(gateway.tailscale) ? gateway.tailscale.mode : undefined;
  const tailscaleRemoteExposure = tailscale === 'serve' || tailscale === 'funnel';
  return {
    authMode,
    envToken,
    envPassword,
    localToken,
    localPassword,
    remoteToken,
    remotePassword,
    localTokenCanWin,
    tokenCanWin,
    passwordCanWin,
    localTokenSurfaceActive,
    remoteMode,
    remoteUrlConfigured,
    tailscaleRemoteExposure,
    remoteConfiguredSurface: remoteMode || remoteUrlConfigured || tailscaleRemoteExposure,
    remoteTokenFallbackActive: localTokenCanWin && !envToken && !localToken.configured,
    remotePasswordFallbackActive:
      authMode !== 'trusted-proxy' && !envPassword && !localPassword.configured && passwordCanWin,
  };
}

function surfaceStates(
  config: Json,
  plan: CredentialPlan,
): Record<CredentialPath, { active: boolean; reason: string }> {
  const gateway = isObject(config) ? config.gateway : undefined;
  if (!isObject(gateway)) {
    const off = { active: false, reason: 'gateway configuration is not set.' };
    return {
      'gateway.auth.token': off,
      'gateway.auth.password': off,
      'gateway.remote.token': off,
      'gateway.remote.password': off,
    };
  }
  const auth = isObject(gateway.auth);
  const remote = isObject(gateway.remote);
  const mode = plan.authMode;
  const fixedMode = mode === 'token' || mode === 'none' || mode === 'trusted-proxy';
  const passwordReason = (): string => {
    if (!auth) return 'gateway.auth is not configured.';
    if (plan.passwordCanWin)
      return mode === 'password'
        ? 'gateway.auth.mode is "password".'
        : 'no token source can win, so password auth can win.';
    if (fixedMode) return `gateway.auth.mode is "${mode}".`;
    if (plan.envToken) return 'gateway token env var is configured.';
    if (plan.localToken.configured) return 'gateway.auth.token is configured.';
    if (plan.remoteToken.configured) return 'gateway.remote.token is configured.';
    return 'token auth can win.';
  };
  const tokenReason = (): string => {
    if (!auth) return 'gateway.auth is not configured.';
    if (mode === 'token') return 'gateway.auth.mode is "token".';
    if (mode === 'password' || mode === 'none' || mode === 'trusted-proxy') return `gateway.auth.mode is "${mode}".`;
    if (plan.envToken) return 'gateway token env var is configured.';
    if (plan.envPassword) return 'gateway password env var is configured.';
    if (plan.localPassword.configured) return 'gateway.auth.password is configured.';
    return 'token auth can win (mode is unset and no password source is configured).';
  };
  const remoteSurface = [
    plan.remoteMode ? 'gateway.mode is "remote"' : '',
    plan.remoteUrlConfigured ? 'gateway.remote.url is configured' : '',
    plan.tailscaleRemoteExposure ? 'gateway.tailscale.mode is "serve" or "funnel"' : '',
  ]
    .filter(Boolean)
    .join('; ');
  const remoteTokenReason = (): string => {
    if (!remote) return 'gateway.remote is not configured.';
    if (plan.remoteConfiguredSurface) return `remote surface is active: ${remoteSurface}.`;
    if (plan.remoteTokenFallbackActive) return 'local token auth can win and no env/auth token is configured.';
    if (!plan.localTokenCanWin) return `token auth cannot win with gateway.auth.mode="${mode ?? 'unset'}".`;
    if (plan.envToken) return 'gateway token env var is configured.';
    if (plan.localToken.configured) return 'gateway.auth.token is configured.';
    return 'remote token fallback is not active.';
  };
  const remotePasswordReason = (): string => {
    if (!remote) return 'gateway.remote is not configured.';
    if (plan.remoteConfiguredSurface) return `remote surface is active: ${remoteSurface}.`;
    if (plan.remotePasswordFallbackActive) return 'password auth can win and no env/auth password is configured.';
    if (!plan.passwordCanWin) {
      if (fixedMode) return `password auth cannot win with gateway.auth.mode="${mode}".`;
      return 'a token source can win, so password auth cannot win.';
    }
    if (plan.envPassword) return 'gateway password env var is configured.';
    if (plan.localPassword.configured) return 'gateway.auth.password is configured.';
    return 'remote password fallback is not active.';
  };
  return {
    'gateway.auth.token': { active: plan.localTokenSurfaceActive, reason: tokenReason() },
    'gateway.auth.password': { active: plan.passwordCanWin, reason: passwordReason() },
    'gateway.remote.token': {
      active: plan.remoteConfiguredSurface || plan.remoteTokenFallbackActive,
      reason: remoteTokenReason(),
    },
    'gateway.remote.password': {
      active: plan.remoteConfiguredSurface || plan.remotePasswordFallbackActive,
      reason: remotePasswordReason(),
    },
  };
}

/** openclaw's `resolveGatewayAuthForConfig` over a plan. */
function authFromPlan(config: Json, plan: CredentialPlan, tailscaleMode: string): ResolvedAuth {
  const token = plan.localToken.hasSecretRef
    ? undefined
    : (plan.localToken.value ?? plan.envToken ?? plan.remoteToken.value);
  const password = plan.localPassword.hasSecretRef
    ? undefined
    : (plan.localPassword.value ??
      plan.envPassword ??
      (plan.authMode === 'trusted-proxy' ? undefined : plan.remotePassword.value));
  const configuredMode = plan.authMode;
  const mode = configuredMode ? configuredMode : password ? 'password' : 'token';
  const authConfig =
    isObject(config) && isObject(config.gateway) && isObject(config.gateway.auth) ? config.gateway.auth : {};
  const allowTailscale =
    authConfig.allowTailscale !== undefined && authConfig.allowTailscale !== null
      ? Boolean(authConfig.allowTailscale)
      : tailscaleMode === 'serve' && mode !== 'password' && mode !== 'trusted-proxy';
  return {
    mode,
    ...(token !== undefined ? { token } : {}),
    ...(password !== undefined ? { password } : {}),
    allowTailscale,
  };
}

function resolveRef(
  ref: SecretReference,
  env: Readonly<Record<string, string>>,
  config: Json,
): { resolved: boolean; value?: string; error: string } {
  if (ref.source === 'env') {
    const value = env[ref.id];
    if (value !== undefined && value.trim() !== '') return { resolved: true, value, error: '' };
    return { resolved: false, error: `Environment variable "${ref.id}" is missing or empty.` };
  }
  const providers =
    isObject(config) && isObject(config.secrets) && isObject(config.secrets.providers) ? config.secrets.providers : {};
  const provider = providers[ref.provider];
  if (ref.source === 'file') {
    const where = isObject(provider) && typeof provider.path === 'string' ? provider.path : '';
    return { resolved: false, error: `secrets.providers.${ref.provider}.path is not readable: ${where}` };
  }
  if (ref.source === 'exec') {
    const command = isObject(provider) && typeof provider.command === 'string' ? provider.command : '';
    return {
      resolved: false,
      error: `secrets.providers.${ref.provider}.command is not readable: ${redactedValue(command)}`,
    };
  }
  return { resolved: false, error: `Secret provider "${ref.provider}" is not configured.` };
}

const cache = new WeakMap<object, GatewayAuthModel>();

/** The gateway auth model of a config; computed once per audit. */
export function resolveGatewayAuth(ctx: CheckContext): GatewayAuthModel {
  const cached = cache.get(ctx.loaded);
  if (cached) return cached;
  const model = computeGatewayAuth(ctx);
  cache.set(ctx.loaded, model);
  return model;
}

function computeGatewayAuth(ctx: CheckContext): GatewayAuthModel {
  const config = ctx.config;
  const env = ctx.env;
  const gateway = isObject(config) && isObject(config.gateway) ? config.gateway : undefined;
  const bind = typeof gateway?.bind === 'string' ? gateway.bind : 'loopback';
  const tailscaleMode =
    isObject(gateway?.tailscale) && gateway!.tailscale.mode !== undefined && gateway!.tailscale.mode !== null
      ? String(gateway!.tailscale.mode)
      : 'off';
  const defaults = isObject(config) && isObject(config.secrets) ? config.secrets.defaults : undefined;

  const rawAt = (path: CredentialPath) => dig(config, ...credentialSegments(path));
  /** Pending: an unresolved `${VAR}` (whole or embedded) or an env template string that substitution leaves alone. */
  const pendingAt = (path: CredentialPath) => {
    if (ctx.unresolved(credentialSegments(path))) return true;
    const raw = rawAt(path);
    return typeof raw === 'string' && SHORTHAND.test(raw.trim());
  };
  const sourceView: CredentialView = { raw: rawAt, pending: pendingAt };
  const sourcePlan = buildPlan(config, env, sourceView);
  const states = surfaceStates(config, sourcePlan);

  const refs = new Map<CredentialPath, SecretReference>();
  for (const path of CREDENTIAL_PATHS) {
    const raw = rawAt(path);
    // A `${VAR}` that resolved is plain text by now; only what is still a reference counts.
    const ref = coerceSecretReference(raw, defaults);
    if (ref && (!ref.template || pendingAt(path))) refs.set(path, ref);
  }
  const resolutions = new Map<CredentialPath, { active: boolean; resolved: boolean; value?: string; error?: string }>();
  for (const [path, ref] of refs) {
    const active = states[path].active;
    if (!active) {
      resolutions.set(path, { active, resolved: false });
      continue;
    }
    const outcome = resolveRef(ref, env, config);
    resolutions.set(path, {
      active,
      resolved: outcome.resolved,
      ...(outcome.value !== undefined ? { value: outcome.value } : {}),
      ...(outcome.resolved ? {} : { error: outcome.error }),
    });
  }

  const resolvedRaw = (path: CredentialPath): unknown => {
    const resolution = resolutions.get(path);
    const ref = refs.get(path);
    if (!resolution || !ref) return rawAt(path);
    if (ref.template) return rawAt(path);
    if (!resolution.active) return rawAt(path);
    return resolution.resolved ? resolution.value : undefined;
  };
  const resolvedView: CredentialView = { raw: resolvedRaw, pending: pendingAt };
  const resolvedPlan = buildPlan(config, env, resolvedView);
  const auth = authFromPlan(config, resolvedPlan, tailscaleMode);

  // gateway config block: hasGatewayAuth over the source plan plus the resolved credentials.
  const hasToken =
    auth.token !== undefined && auth.token.trim() !== '' && !ctx.unresolved(['gateway', 'auth', 'token']);
  const hasPassword =
    auth.password !== undefined && auth.password.trim() !== '' && !ctx.unresolved(['gateway', 'auth', 'password']);
  const p = sourcePlan;
  const explicitMode = p.authMode;
  const tokenConfigured = Boolean(
    hasToken ||
    p.envToken ||
    p.localToken.value ||
    p.localToken.hasSecretRef ||
    p.remoteToken.value ||
    p.remoteToken.hasSecretRef,
  );
  const passwordConfigured = Boolean(
    hasPassword ||
    ((explicitMode === 'password' ||
      (explicitMode !== 'token' && explicitMode !== 'none' && explicitMode !== 'trusted-proxy' && !tokenConfigured)) &&
      (p.envPassword || p.localPassword.value || p.localPassword.hasSecretRef)),
  );
  const hasGatewayAuth =
    (explicitMode === 'token'
      ? tokenConfigured
      : explicitMode === 'password'
        ? passwordConfigured
        : explicitMode === 'none' || explicitMode === 'trusted-proxy'
          ? false
          : tokenConfigured || passwordConfigured) || auth.mode === 'trusted-proxy';
  const hasLoopbackAuth = hasGatewayAuth || (auth.allowTailscale && tailscaleMode === 'serve');
  const hasHttpAuth =
    auth.mode === 'token'
      ? trimOrUndefined(auth.token) !== undefined
      : auth.mode === 'password'
        ? trimOrUndefined(auth.password) !== undefined
        : auth.mode === 'trusted-proxy';

  return {
    bind,
    tailscaleMode,
    remoteExposure: bind !== 'loopback' || tailscaleMode === 'serve' || tailscaleMode === 'funnel',
    auth,
    sourcePlan,
    resolvedPlan,
    hasGatewayAuth,
    hasLoopbackAuth,
    hasHttpAuth,
    resolvedRaw,
    sourceRef: (path) => refs.get(path),
    refResolution: (path) => resolutions.get(path),
    surfaceReason: (path) => states[path].reason,
    surfaceActive: (path) => states[path].active,
  };
}

/**
 * The `secretDiagnostics` lines openclaw prints for the gateway credential references: inactive references first,
 * then (when an active one exists) the local resolution failures, the degraded-config notes, and the note that the
 * gateway's own `secrets.resolve` was unreachable.
 */
export function gatewaySecretDiagnostics(ctx: CheckContext, model: GatewayAuthModel): string[] {
  const lines: string[] = [];
  const add = (line: string) => {
    if (!lines.includes(line)) lines.push(line);
  };
  const refPaths = CREDENTIAL_PATHS.filter((path) => model.sourceRef(path) !== undefined);
  if (refPaths.length === 0) return lines;
  for (const path of refPaths) if (!model.surfaceActive(path)) add(`${path}: ${model.surfaceReason(path)}`);
  const active = refPaths.filter((path) => model.surfaceActive(path));
  if (active.length === 0) return lines;
  const unresolved = active.filter((path) => !model.refResolution(path)?.resolved);
  for (const path of unresolved)
    add(`security audit: failed to resolve ${path} locally (${model.refResolution(path)?.error ?? ''}).`);
  for (const path of unresolved)
    add(`security audit: ${path} is unavailable in this command path; continuing with degraded read-only config.`);
  add(
    `security audit: gateway secrets.resolve unavailable (${gatewayCallError(ctx, model, unresolved)}); ${unresolved.length === 0 ? 'resolved command secrets locally.' : 'attempted local command-secret resolution.'}`,
  );
  return lines;
}

/** What the failed call to the (absent) gateway reports. */
function gatewayCallError(ctx: CheckContext, model: GatewayAuthModel, unresolved: CredentialPath[]): string {
  const local = unresolved.find((path) => path.startsWith('gateway.auth.'));
  if (local) {
    return (
      `${local} is configured as a secret reference but is unavailable in this command path.\n` +
      'Fix: set OPENCLAW_GATEWAY_TOKEN/OPENCLAW_GATEWAY_PASSWORD, pass explicit --token/--password,\n' +
      'or run a gateway command path that resolves secret references before credential selection.'
    );
  }
  if (unresolved.length > 0 && !model.auth.token && !model.auth.password) {
    return (
      'gateway secrets.resolve requires credentials before opening a websocket\n' +
      'Fix: configure gateway.auth token/password, pair this device, or pass --token/--password.\n' +
      `Config: ${ctx.loaded.file}`
    );
  }
  const gateway = isObject(ctx.config) && isObject(ctx.config.gateway) ? ctx.config.gateway : {};
  const port = typeof gateway.port === 'number' ? gateway.port : 18789;
  return (
    `Gateway not reachable at ws://127.0.0.1:${port} (ECONNREFUSED).\n` +
    'Start it with `openclaw gateway run` or check `openclaw gateway status`.\n' +
    `Gateway target: ws://127.0.0.1:${port}\n` +
    'Source: local loopback\n' +
    `Config: ${ctx.loaded.file}\n` +
    `Bind: ${model.bind}`
  );
}
