/** hooks.*: webhook hardening, only when hooks are enabled. */
import { resolveGatewayAuth } from '../model/gateway-auth.ts';
import { defineRules, type CheckContext } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'hooks.token_too_short',
    severity: 'warn',
    title: 'Hooks token looks short',
    help: '`hooks.token` authenticates webhook callers but is shorter than 24 characters; a long random token resists guessing and brute force.',
    remediation:
      'Use a random hooks.token of at least 24 characters (for example `openssl rand -hex 32`), give it to the webhook senders, and restart the gateway.',
    remediationInReport: false,
    configPaths: ['hooks.enabled', 'hooks.token'],
  },
  {
    id: 'hooks.token_reuse_gateway_token',
    severity: 'critical',
    title: 'Hooks token reuses the Gateway token',
    titles: { password: 'Hooks token reuses the Gateway password' },
    help:
      '`hooks.token` equals the active gateway secret (the token in token mode, the password in password or ' +
      'trusted-proxy mode). Anyone who learns the webhook token — typically shared with external senders — also gets ' +
      'the gateway API.',
    remediation:
      'Run `openclaw doctor --fix` to rotate a persisted hooks.token, then give external hook senders the new token.',
    configPaths: ['hooks.token', 'gateway.auth.token', 'gateway.auth.password', 'gateway.auth.mode'],
  },
  {
    id: 'hooks.path_root',
    severity: 'critical',
    title: "Hooks base path is '/'",
    help: '`hooks.path` is `/`, so the webhook handler would shadow every other HTTP endpoint of the gateway.',
    remediation: "Use a dedicated path such as '/hooks'.",
    configPaths: ['hooks.path'],
  },
  {
    id: 'hooks.default_session_key_unset',
    severity: 'warn',
    title: 'hooks.defaultSessionKey is not configured',
    help:
      'Without `hooks.defaultSessionKey`, hook agent runs that name no session key get a generated key per request, so ' +
      'hook traffic is not confined to one known session.',
    remediation: 'Set hooks.defaultSessionKey (for example "hook:ingress").',
    configPaths: ['hooks.defaultSessionKey'],
  },
  {
    id: 'hooks.allowed_agent_ids_unrestricted',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Hook agent routing allows any configured agent',
    help:
      '`hooks.allowedAgentIds` is unset or contains `*`, so an authenticated hook caller can route to any configured ' +
      'agent, including the default agent when no agentId is given. Critical when the gateway is reachable beyond loopback.',
    remediation:
      'Set hooks.allowedAgentIds to an explicit allowlist (for example ["hooks", "main"]), or [] to forbid hook agent routing.',
    configPaths: ['hooks.allowedAgentIds', 'gateway.bind', 'gateway.tailscale.mode'],
  },
  {
    id: 'hooks.request_session_key_enabled',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'External hook payloads may override sessionKey',
    help:
      '`hooks.allowRequestSessionKey=true` lets `/hooks/agent` callers choose the session key, so hook token holders can ' +
      'write into any session unless prefixes are restricted. Critical when the gateway is reachable beyond loopback.',
    remediation: 'Set hooks.allowRequestSessionKey=false (recommended), or restrict hooks.allowedSessionKeyPrefixes.',
    configPaths: ['hooks.allowRequestSessionKey', 'gateway.bind', 'gateway.tailscale.mode'],
  },
  {
    id: 'hooks.request_session_key_prefixes_missing',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Request sessionKey override is enabled without prefix restrictions',
    help:
      'Request-chosen session keys are allowed and `hooks.allowedSessionKeyPrefixes` is unset or empty, so payloads can ' +
      'target session keys of any shape. Critical when the gateway is reachable beyond loopback.',
    remediation: 'Set hooks.allowedSessionKeyPrefixes (for example ["hook:"]) or turn request overrides off.',
    configPaths: ['hooks.allowRequestSessionKey', 'hooks.allowedSessionKeyPrefixes'],
  },
]);

function trimmedString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function collectHooks(ctx: CheckContext): void {
  const hooks = isObject(ctx.config) ? ctx.config.hooks : undefined;
  if (!isObject(hooks) || hooks.enabled !== true) return;
  const model = resolveGatewayAuth(ctx);
  const token = trimmedString(hooks.token);
  if (token && token.length < 24) {
    ctx.report('hooks.token_too_short', {
      detail: `hooks.token is ${token.length} chars; prefer a long random token.`,
      path: ['hooks', 'token'],
    });
  }

  const { auth } = model;
  const activeSecret =
    auth.mode === 'token'
      ? { kind: 'token', value: auth.token }
      : auth.mode === 'password' || auth.mode === 'trusted-proxy'
        ? { kind: 'password', value: auth.password }
        : undefined;
  if (token && activeSecret && trimmedString(activeSecret.value) === token) {
    const password = activeSecret.kind === 'password';
    ctx.report('hooks.token_reuse_gateway_token', {
      variant: password ? 'password' : undefined,
      detail: password
        ? 'hooks.token matches the gateway.auth password; a leaked hooks token would also open Gateway password auth.'
        : 'hooks.token matches the gateway.auth token; a leaked hooks token would also open the Gateway API.',
      path: ['hooks', 'token'],
      related: [['gateway', 'auth', password ? 'password' : 'token']],
    });
  }

  if (trimmedString(hooks.path) === '/') {
    ctx.report('hooks.path_root', {
      detail: "hooks.path='/' would shadow the other HTTP endpoints and is unsafe.",
      path: ['hooks', 'path'],
    });
  }

  const exposed = model.remoteExposure;
  if (!trimmedString(hooks.defaultSessionKey)) {
    ctx.report('hooks.default_session_key_unset', {
      detail:
        'Hook agent runs that carry no sessionKey get a generated key per request. Set hooks.defaultSessionKey to keep hook ingress in one known session.',
      path: ['hooks', 'defaultSessionKey'],
    });
  }

  const agentIds = hooks.allowedAgentIds;
  const unrestricted = !Array.isArray(agentIds) || agentIds.some((id) => trimmedString(id) === '*');
  if (unrestricted) {
    const wildcard = Array.isArray(agentIds) ? agentIds.findIndex((id) => trimmedString(id) === '*') : -1;
    ctx.report('hooks.allowed_agent_ids_unrestricted', {
      severity: exposed ? 'critical' : 'warn',
      detail:
        "hooks.allowedAgentIds is unset or includes '*', so authenticated hook callers can route to any configured agent id, including the default agent when agentId is omitted.",
      path: wildcard >= 0 ? ['hooks', 'allowedAgentIds', wildcard] : ['hooks', 'allowedAgentIds'],
    });
  }

  if (hooks.allowRequestSessionKey === true) {
    ctx.report('hooks.request_session_key_enabled', {
      severity: exposed ? 'critical' : 'warn',
      detail:
        'hooks.allowRequestSessionKey=true lets `/hooks/agent` callers choose the session key. Treat hook token holders as fully trusted unless prefixes are restricted too.',
      path: ['hooks', 'allowRequestSessionKey'],
    });
    const prefixes = Array.isArray(hooks.allowedSessionKeyPrefixes)
      ? hooks.allowedSessionKeyPrefixes.map(trimmedString).filter(Boolean)
      : [];
    if (prefixes.length === 0) {
      ctx.report('hooks.request_session_key_prefixes_missing', {
        severity: exposed ? 'critical' : 'warn',
        detail:
          'hooks.allowRequestSessionKey=true while hooks.allowedSessionKeyPrefixes is unset or empty, so request payloads can target session keys of any shape.',
        path: ['hooks', 'allowedSessionKeyPrefixes'],
        related: [['hooks', 'allowRequestSessionKey']],
      });
    }
  }
}
