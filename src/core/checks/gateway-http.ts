/** gateway.tools_invoke_http.*, gateway.http.*: what the gateway's HTTP endpoints let callers do. */
import { resolveGatewayAuth } from '../model/gateway-auth.ts';
import { dig } from '../records.ts';
import { defineRules, type CheckContext } from './rule.ts';
import { G, type GatewayView } from './gateway-view.ts';

/** Tools `POST /tools/invoke` denies unless `gateway.tools.allow` re-enables them (openclaw's order). */
const DEFAULT_GATEWAY_HTTP_TOOL_DENY: readonly string[] = [
  'exec',
  'spawn',
  'shell',
  'fs_write',
  'fs_delete',
  'fs_move',
  'apply_patch',
  'terminal',
  'portal',
  'sessions_spawn',
  'sessions_send',
  'conversations_list',
  'conversations_send',
  'conversations_turn',
  'automations',
  'gateway',
  'plugins',
  'nodes',
  'computer',
  'mobile_ui',
  'openclaw',
];

export const rules = defineRules([
  {
    id: 'gateway.tools_invoke_http.dangerous_allow',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Gateway HTTP /tools/invoke re-enables dangerous tools',
    help:
      '`gateway.tools.allow` lifts tools off the default deny list of the HTTP `POST /tools/invoke` endpoint. Those tools ' +
      'spawn sessions or drive the control plane, so anyone holding the gateway secret can reach them over HTTP. Critical ' +
      'when the gateway binds beyond loopback or uses Tailscale Funnel.',
    remediation:
      'Drop the listed tools from gateway.tools.allow. If they must stay, keep the gateway on loopback (or tailnet only), ' +
      'limit network exposure, and treat the gateway token or password as full admin access.',
    configPaths: ['gateway.tools.allow', 'gateway.bind', 'gateway.tailscale.mode'],
  },
  {
    id: 'gateway.http.no_auth',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Gateway HTTP APIs are reachable without auth',
    help:
      'No shared secret resolves for the selected auth mode (or the mode is `none`), so the gateway HTTP APIs — ' +
      '`/tools/invoke` and any enabled OpenAI-compatible or admin endpoints — accept unauthenticated calls. Critical ' +
      'when the gateway is reachable beyond loopback (bind or Tailscale Serve/Funnel).',
    remediation:
      'Set gateway.auth.mode to token or password with a real secret (recommended). If mode none is intended, keep ' +
      'gateway.bind=loopback and turn off the optional HTTP endpoints and plugins.',
    configPaths: [
      'gateway.auth.*',
      'gateway.http.endpoints',
      'plugins.entries.admin-http-rpc.enabled',
      'gateway.bind',
      'gateway.tailscale.mode',
    ],
  },
  {
    id: 'gateway.http.session_key_override_enabled',
    severity: 'info',
    title: 'HTTP API session-key override is enabled',
    help:
      'The OpenAI-compatible chat-completions or responses endpoint is on; it accepts `x-openclaw-session-key` to route ' +
      'each request to a chosen session, so API credential holders are trusted principals.',
    remediation:
      'Give HTTP API credentials only to principals you trust with any session; turn off the chat-completions and responses endpoints (`gateway.http.endpoints.<name>.enabled: false`) when nothing uses them.',
    remediationInReport: false,
    configPaths: ['gateway.http.endpoints.chatCompletions.enabled', 'gateway.http.endpoints.responses.enabled'],
  },
]);

/** Part of the gateway config block (collectGatewayConfig runs it first). */
export function checkToolsInvokeAllow(ctx: CheckContext, view: GatewayView): void {
  const { gateway, loopback, tailscaleMode } = view;
  const toolsAllow = dig(gateway, 'tools', 'allow');
  const allowed = new Set(
    (Array.isArray(toolsAllow) ? toolsAllow : [])
      .map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''))
      .filter(Boolean),
  );
  const reenabled = DEFAULT_GATEWAY_HTTP_TOOL_DENY.filter((name) => allowed.has(name));
  if (reenabled.length > 0) {
    ctx.report('gateway.tools_invoke_http.dangerous_allow', {
      severity: !loopback || tailscaleMode === 'funnel' ? 'critical' : 'warn',
      detail:
        `gateway.tools.allow includes ${reenabled.join(', ')}, taking them off the default HTTP deny list of /tools/invoke. ` +
        'Remote callers could then spawn sessions or run control-plane actions over HTTP, widening the blast radius if the gateway is reachable.',
      path: G('tools', 'allow'),
      related: [G('bind')],
    });
  }
}

export function collectGatewayHttpNoAuth(ctx: CheckContext): void {
  const model = resolveGatewayAuth(ctx);
  if (model.hasHttpAuth) return;
  const cfg = ctx.config;
  const endpoints = dig(cfg, 'gateway', 'http', 'endpoints');
  const chat = dig(endpoints, 'chatCompletions', 'enabled') === true;
  const responses = dig(endpoints, 'responses', 'enabled') === true;
  const adminRpc = dig(cfg, 'plugins', 'entries', 'admin-http-rpc', 'enabled') === true;
  const list = [
    '/tools/invoke',
    chat ? '/v1/chat/completions' : '',
    responses ? '/v1/responses' : '',
    adminRpc ? '/api/v1/admin/rpc' : '',
  ].filter(Boolean);
  ctx.report('gateway.http.no_auth', {
    severity: model.remoteExposure ? 'critical' : 'warn',
    detail:
      `gateway.auth.mode="none" leaves ${list.join(', ')} callable without a shared secret. Treat this as trusted-local ` +
      'only and do not expose the gateway beyond loopback.',
    path: G('auth'),
    related: [G('bind')],
  });
}

export function collectGatewayHttpSessionKey(ctx: CheckContext): void {
  const endpoints = dig(ctx.config, 'gateway', 'http', 'endpoints');
  const chat = dig(endpoints, 'chatCompletions', 'enabled') === true;
  const responses = dig(endpoints, 'responses', 'enabled') === true;
  if (!chat && !responses) return;
  const list = [chat ? '/v1/chat/completions' : '', responses ? '/v1/responses' : ''].filter(Boolean);
  ctx.report('gateway.http.session_key_override_enabled', {
    detail: `${list.join(', ')} accept x-openclaw-session-key to route each request to a session; treat API credential holders as trusted principals.`,
    path: chat ? G('http', 'endpoints', 'chatCompletions', 'enabled') : G('http', 'endpoints', 'responses', 'enabled'),
  });
}
