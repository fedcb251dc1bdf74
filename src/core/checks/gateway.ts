/**
 * gateway.*: the gateway config block in openclaw's report order. Its parts live beside it: gateway-http.ts,
 * gateway-control-ui.ts, gateway-trusted-proxy.ts, gateway-tailscale.ts, discovery.ts and mcp.ts (openclaw reports
 * them from the same block), gateway-nodes.ts (its own collectors).
 */
import type { ConfigPath } from '../types.ts';
import { collectDangerousFlags } from './dangerous-flags.ts';
import { gatewaySecretDiagnostics, resolveGatewayAuth, type CredentialPath } from '../model/gateway-auth.ts';
import { defineRules, type CheckContext } from './rule.ts';
import { dig } from '../records.ts';
import { checkMdnsMode } from './discovery.ts';
import { checkControlUi } from './gateway-control-ui.ts';
import { checkToolsInvokeAllow } from './gateway-http.ts';
import { checkTailscale } from './gateway-tailscale.ts';
import { checkRealIpFallback, checkTrustedProxyAuth } from './gateway-trusted-proxy.ts';
import { G, gatewayView } from './gateway-view.ts';
import { checkMcpApps } from './mcp.ts';

export const rules = defineRules([
  {
    id: 'gateway.bind_no_auth',
    severity: 'critical',
    title: 'Gateway binds beyond loopback without auth',
    help:
      'The gateway listens on a non-loopback address (`lan`, `auto`, `tailnet`, `custom`) but no token or password is ' +
      'configured, so anyone who can reach the port can drive it.',
    remediation: 'Configure gateway.auth (a token is recommended) or bind the gateway to loopback.',
    configPaths: ['gateway.bind', 'gateway.auth.*', 'gateway.remote.token', 'gateway.remote.password'],
  },
  {
    id: 'gateway.env_token_overrides_config',
    severity: 'warn',
    title: 'OPENCLAW_GATEWAY_TOKEN conflicts with gateway.auth.token',
    help:
      '`OPENCLAW_GATEWAY_TOKEN` (here from `env.vars`) differs from the configured `gateway.auth.token`. Local clients and ' +
      'the managed service use the config token while env-driven targets use the env token, so a stale value can keep ' +
      'authenticating against the wrong gateway.',
    remediation:
      'Remove OPENCLAW_GATEWAY_TOKEN from the environment (shell, ~/.openclaw/.env, launchctl, env.vars) when ' +
      'gateway.auth.token is meant to win, or set gateway.auth.token to ${OPENCLAW_GATEWAY_TOKEN} when the env var is the source of truth.',
    configPaths: ['env.vars.OPENCLAW_GATEWAY_TOKEN', 'gateway.auth.token', 'gateway.auth.mode', 'gateway.mode'],
  },
  {
    id: 'gateway.token_placeholder_value',
    severity: 'critical',
    title: 'Gateway token is a blank or undefined/null placeholder',
    help:
      'The selected gateway token is blank or the literal text `undefined` or `null` (typically a failed templating step). ' +
      'It is not a secret, and the gateway refuses to start with it.',
    remediation:
      'Generate an inline token with `openclaw doctor --fix --generate-gateway-token`, or rotate the external secret source; then restart the gateway.',
    configPaths: ['gateway.auth.token', 'gateway.auth.mode'],
  },
  {
    id: 'gateway.token_too_short',
    severity: 'warn',
    title: 'Gateway token looks short',
    help: 'The selected gateway token is shorter than 24 characters; a long random token resists guessing and brute force.',
    remediation:
      'Use a random gateway token of at least 24 characters (`openclaw doctor --fix --generate-gateway-token`, or `openssl rand -hex 32`), update the clients, and restart the gateway.',
    remediationInReport: false,
    configPaths: ['gateway.auth.token', 'gateway.auth.mode'],
  },
  {
    id: 'gateway.password_placeholder_value',
    severity: 'critical',
    title: 'Gateway password is a blank or undefined/null placeholder',
    help:
      'The selected gateway password is blank or the literal text `undefined` or `null`. It is not a secret, and the ' +
      'gateway refuses to start with it.',
    remediation:
      'Generate a real secret (for example `openssl rand -hex 32`), put it in OPENCLAW_GATEWAY_PASSWORD or gateway.auth.password (or its external source), and restart the gateway.',
    configPaths: ['gateway.auth.password', 'gateway.auth.mode'],
  },
  {
    id: 'gateway.password_too_short',
    severity: 'warn',
    title: 'Gateway password looks short',
    help: 'The selected gateway password is shorter than 24 characters; a long random secret resists guessing and brute force.',
    remediation:
      'Use a random password of at least 24 characters (for example `openssl rand -hex 32`), preferably through OPENCLAW_GATEWAY_PASSWORD rather than the file, and restart the gateway.',
    remediationInReport: false,
    configPaths: ['gateway.auth.password', 'gateway.auth.mode'],
  },
  {
    id: 'gateway.auth_no_rate_limit',
    severity: 'warn',
    title: 'No auth rate limiting configured',
    help: 'The gateway binds beyond loopback and `gateway.auth.rateLimit` is not set, so nothing slows down brute-force attempts on the gateway secret.',
    remediation: 'Set gateway.auth.rateLimit, for example { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000 }.',
    configPaths: ['gateway.bind', 'gateway.auth.rateLimit'],
  },
]);

const ANY_CREDENTIAL: ConfigPath[] = [G('auth'), G('remote')];

/** The gateway config block, in openclaw's order (its parts in the sibling modules, dangerous flags included). */
export function collectGatewayConfig(ctx: CheckContext): void {
  const view = gatewayView(ctx);
  const { gateway, model, bind, auth, loopback } = view;
  for (const line of gatewaySecretDiagnostics(ctx, model)) ctx.diagnose(line);

  checkToolsInvokeAllow(ctx, view);

  if (!loopback && !model.hasGatewayAuth) {
    ctx.report('gateway.bind_no_auth', {
      detail: `gateway.bind="${bind}" but neither a gateway.auth token nor a password is configured.`,
      path: G('bind'),
      related: ANY_CREDENTIAL,
    });
  }

  if (envTokenConflicts(ctx)) {
    ctx.report('gateway.env_token_overrides_config', {
      detail:
        'OPENCLAW_GATEWAY_TOKEN is set while gateway.auth.token comes from a different source. Configured local gateway ' +
        'clients and the managed gateway service prefer gateway.auth.token; the env credential stays in effect for ' +
        'explicit env URL and node-host targets, so a stale value can still authenticate against the wrong target.',
      path: G('auth', 'token'),
      related: [['env', 'vars', 'OPENCLAW_GATEWAY_TOKEN']],
    });
  }

  checkControlUi(ctx, view);
  checkRealIpFallback(ctx, view);
  checkMdnsMode(ctx, view);
  checkTailscale(ctx, view);
  checkMcpApps(ctx);

  collectDangerousFlags(ctx);

  for (const credential of ['token', 'password'] as const) {
    if (auth.mode !== credential) continue;
    const path: CredentialPath = `gateway.auth.${credential}`;
    const sourceInput = credential === 'token' ? model.sourcePlan.localToken : model.sourcePlan.localPassword;
    const resolvedValue = model.resolvedRaw(path);
    let input: unknown = auth[credential] ?? resolvedValue;
    if (sourceInput.isRef) {
      // A reference counts only once it resolved to a string (a pending or unresolved one has no value).
      const resolution = model.refResolution(path);
      input =
        resolution?.resolved && !model.sourceRef(path)?.template && typeof resolvedValue === 'string'
          ? resolvedValue
          : undefined;
    }
    const value = typeof input === 'string' ? input.trim() : undefined;
    const location = dig(gateway, 'auth', credential) !== undefined ? G('auth', credential) : G('auth');
    if (value !== undefined && ['', 'undefined', 'null'].includes(value)) {
      ctx.report(`gateway.${credential}_placeholder_value`, {
        detail: `The selected gateway ${credential} is a known non-secret value (blank, "undefined" or "null"); the gateway refuses to start with it.`,
        path: location,
      });
    } else if (value && value.length < 24) {
      ctx.report(`gateway.${credential}_too_short`, {
        detail: `gateway auth ${credential} is ${value.length} chars; prefer a long random ${credential}.`,
        path: location,
      });
    }
  }

  checkTrustedProxyAuth(ctx, view);

  if (!loopback && auth.mode !== 'trusted-proxy' && !dig(gateway, 'auth', 'rateLimit')) {
    ctx.report('gateway.auth_no_rate_limit', {
      detail:
        'gateway.bind is not loopback and gateway.auth.rateLimit is not configured, so brute-force attempts on the gateway secret are not slowed down.',
      path: G('auth', 'rateLimit'),
      related: [G('bind')],
    });
  }
}

/** openclaw's `resolveGatewayAuthTokenSourceConflict`, over the source config and the `env.vars` environment. */
function envTokenConflicts(ctx: CheckContext): boolean {
  const envToken = ctx.env.OPENCLAW_GATEWAY_TOKEN?.trim();
  if (!envToken) return false;
  if (ctx.env.OPENCLAW_SERVICE_KIND?.trim() === 'gateway') return false;
  const gateway = dig(ctx.config, 'gateway');
  if (dig(gateway, 'mode') === 'remote') return false;
  const mode = dig(gateway, 'auth', 'mode');
  if (mode === 'password' || mode === 'none' || mode === 'trusted-proxy') return false;
  const model = resolveGatewayAuth(ctx);
  const input = dig(gateway, 'auth', 'token');
  const ref = model.sourceRef('gateway.auth.token');
  if (ref && ref.source === 'env' && ref.id === 'OPENCLAW_GATEWAY_TOKEN') return false;
  const configToken = ref ? undefined : typeof input === 'string' && input.trim() !== '' ? input.trim() : undefined;
  if (!ref && !configToken) return false;
  return configToken !== envToken;
}
