/** gateway.*, discovery.*, mcp.*: the gateway config block and the gateway HTTP and node-command checks. */
import type { ConfigPath } from '../types.ts';
import { collectDangerousFlags } from './dangerous-flags.ts';
import { gatewaySecretDiagnostics, resolveGatewayAuth, type CredentialPath } from './gateway-auth.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';

/** Tools `POST /tools/invoke` denies unless `gateway.tools.allow` re-enables them (openclaw's order). */
export const DEFAULT_GATEWAY_HTTP_TOOL_DENY: readonly string[] = [
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

/** Node commands that stay off unless `gateway.nodes.commands.allow` names them (openclaw's order). */
export const DANGEROUS_NODE_COMMANDS: readonly string[] = [
  'camera.snap',
  'camera.clip',
  'camera.ptz.control',
  'screen.record',
  'contacts.add',
  'calendar.add',
  'reminders.add',
  'sms.send',
  'sms.search',
  'health.summary',
];

/**
 * The node commands openclaw knows by default, in its discovery order: the pairing allowlists of an iPhone, Android,
 * macOS, Linux, Windows and unknown node, then a talk-capable node. `gateway.nodes.commands.allow` entries are
 * inserted after the iPhone list; the dangerous commands come last.
 */
const NODE_COMMANDS_IPHONE = [
  'camera.list',
  'location.get',
  'device.info',
  'device.status',
  'contacts.search',
  'calendar.events',
  'reminders.list',
  'photos.latest',
  'motion.activity',
  'motion.pedometer',
  'system.notify',
  'watch.status',
  'watch.notify',
];
const NODE_COMMANDS_OTHER_PLATFORMS = [
  'notifications.list',
  'notifications.actions',
  'device.permissions',
  'device.health',
  'device.apps',
  'callLog.search',
  'mobile.ui.observe',
  'mobile.ui.act',
  'camera.ptz.status',
  'system.run.prepare',
  'system.run',
  'system.which',
  'system.execApprovals.get',
  'system.execApprovals.set',
  'fs.listDir',
  'terminal.upload',
  'browser.proxy',
  'browser.proxy.upload.v1',
  'mcp.tools.call.v1',
  'agent.cli.claude.run.v1',
  'screen.snapshot',
  'desktop.stream',
  'computer.act',
  'talk.ptt.start',
  'talk.ptt.stop',
  'talk.ptt.cancel',
  'talk.ptt.once',
];
/** Worker-private commands openclaw never advertises, even when allowed. */
const PRIVATE_NODE_COMMANDS = new Set([
  'worker.bundle.install.v1',
  'worker.launch.v1',
  'worker.status.v1',
  'worker.cancel.v1',
  'worker.environment.stop.v1',
  'worker.workspace.exec.v1',
  'worker.workspace.prepare.v1',
  'worker.workspace.retain.v1',
  'worker.desktop.stream.v1',
  'worker.desktop.launch.v1',
  'worker.desktop.computer.v1',
  'worker.portal.stream.v1',
]);

const G = (...path: Array<string | number>): ConfigPath => ['gateway', ...path];

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
    id: 'gateway.trusted_proxies_missing',
    severity: 'warn',
    title: 'Reverse proxy headers are not trusted',
    help:
      'The gateway binds to loopback with the Control UI on and `gateway.trustedProxies` empty. Behind a reverse proxy, ' +
      'local-client checks then cannot tell proxied requests from local ones and can be spoofed.',
    remediation: 'List your reverse proxy addresses in gateway.trustedProxies, or keep the Control UI reachable locally only.',
    configPaths: ['gateway.bind', 'gateway.controlUi.enabled', 'gateway.trustedProxies'],
  },
  {
    id: 'gateway.loopback_no_auth',
    severity: 'critical',
    title: 'Gateway auth missing on loopback',
    help:
      'The gateway binds to loopback with the Control UI on but has no auth secret (and no Tailscale Serve identity). ' +
      'Exposed through a reverse proxy, it would accept unauthenticated requests.',
    remediation: 'Configure gateway.auth (a token is recommended) or keep the Control UI reachable locally only.',
    configPaths: ['gateway.bind', 'gateway.controlUi.enabled', 'gateway.auth.*', 'gateway.tailscale.mode'],
  },
  {
    id: 'gateway.control_ui.allowed_origins_required',
    severity: 'critical',
    title: 'Non-loopback Control UI missing explicit allowed origins',
    help:
      'The Control UI is on and the gateway binds beyond loopback, but `gateway.controlUi.allowedOrigins` lists no origin. ' +
      'The strict origin policy needs explicit origins for non-loopback deployments.',
    remediation:
      'Set gateway.controlUi.allowedOrigins to the full trusted origins (for example https://control.example.com). Only if ' +
      'the deployment deliberately relies on Host-header origin fallback, set gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback=true.',
    configPaths: ['gateway.bind', 'gateway.controlUi.enabled', 'gateway.controlUi.allowedOrigins', 'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback'],
  },
  {
    id: 'gateway.control_ui.allowed_origins_wildcard',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Control UI allowed origins contains wildcard',
    help:
      '`gateway.controlUi.allowedOrigins` contains `"*"`, which accepts Control UI and WebChat requests from any browser ' +
      'origin and turns origin allowlisting off. Critical when the gateway binds beyond loopback.',
    remediation: 'Replace "*" with the explicit trusted origins (for example https://control.example.com); keep "*" to tightly controlled local testing.',
    configPaths: ['gateway.controlUi.allowedOrigins', 'gateway.bind'],
  },
  {
    id: 'gateway.control_ui.host_header_origin_fallback',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'DANGEROUS: Host-header origin fallback enabled',
    help:
      '`gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback=true` lets Control UI/WebChat websocket origin checks ' +
      'fall back to the Host header, which weakens DNS-rebinding protection. Critical when the gateway binds beyond loopback.',
    remediation: 'Turn gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback off and list explicit gateway.controlUi.allowedOrigins.',
    configPaths: ['gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback', 'gateway.bind'],
  },
  {
    id: 'gateway.real_ip_fallback_enabled',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'X-Real-IP fallback is enabled',
    help:
      '`gateway.allowRealIpFallback=true` trusts `X-Real-IP` when a trusted proxy sends no `X-Forwarded-For`; a proxy that ' +
      'passes a client-supplied `X-Real-IP` lets clients spoof their address and local-client checks. Critical beyond ' +
      'loopback, or in trusted-proxy mode with a non-loopback trusted proxy.',
    remediation:
      'Leave gateway.allowRealIpFallback at false (the default); enable it only when the trusted proxy always overwrites ' +
      'X-Real-IP and cannot send X-Forwarded-For.',
    configPaths: ['gateway.allowRealIpFallback', 'gateway.bind', 'gateway.auth.mode', 'gateway.trustedProxies'],
  },
  {
    id: 'discovery.mdns_full_mode',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'mDNS full mode can leak host metadata',
    help:
      '`discovery.mdns.mode="full"` publishes the CLI path and SSH port in local-network TXT records, revealing user ' +
      'names, filesystem layout and management ports. Critical when the gateway binds beyond loopback.',
    remediation: 'Use discovery.mdns.mode="minimal" (recommended) or "off", above all when gateway.bind is not loopback.',
    configPaths: ['discovery.mdns.mode', 'gateway.bind'],
  },
  {
    id: 'gateway.tailscale_funnel',
    severity: 'critical',
    title: 'Tailscale Funnel exposure enabled',
    help: '`gateway.tailscale.mode="funnel"` publishes the gateway on the public internet through Tailscale Funnel.',
    remediation: 'Prefer gateway.tailscale.mode="serve" (tailnet only) or "off"; if Funnel stays, keep auth strict and treat the gateway as internet-facing.',
    configPaths: ['gateway.tailscale.mode'],
  },
  {
    id: 'gateway.tailscale_serve',
    severity: 'info',
    title: 'Tailscale Serve exposure enabled',
    help: '`gateway.tailscale.mode="serve"` makes the loopback gateway reachable from your whole tailnet through Tailscale Serve.',
    remediation: 'Nothing to fix when the whole tailnet is trusted. Otherwise limit who reaches the node with Tailscale ACLs and keep gateway auth on, or set gateway.tailscale.mode to "off".',
    remediationInReport: false,
    configPaths: ['gateway.tailscale.mode'],
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
    remediation: 'Use a random gateway token of at least 24 characters (`openclaw doctor --fix --generate-gateway-token`, or `openssl rand -hex 32`), update the clients, and restart the gateway.',
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
    remediation: 'Use a random password of at least 24 characters (for example `openssl rand -hex 32`), preferably through OPENCLAW_GATEWAY_PASSWORD rather than the file, and restart the gateway.',
    remediationInReport: false,
    configPaths: ['gateway.auth.password', 'gateway.auth.mode'],
  },
  {
    id: 'gateway.trusted_proxy_auth',
    severity: 'critical',
    title: 'Trusted-proxy auth mode enabled',
    help:
      '`gateway.auth.mode="trusted-proxy"` hands authentication to a reverse proxy: the gateway trusts identity headers ' +
      'from `gateway.trustedProxies`. A proxy that does not authenticate, or direct access to the port, bypasses auth.',
    remediation:
      'Check that the proxy terminates TLS and authenticates users, that gateway.trustedProxies holds only the proxy ' +
      'addresses, and that a firewall blocks direct access to the gateway port. Same-host proxy requests are refused ' +
      'unless gateway.auth.trustedProxy.allowLoopback=true and gateway.trustedProxies includes their loopback source — ' +
      'enable that only for a deliberate same-host trust boundary. See /gateway/trusted-proxy-auth.',
    configPaths: ['gateway.auth.mode'],
  },
  {
    id: 'gateway.trusted_proxy_no_proxies',
    severity: 'critical',
    title: 'Trusted-proxy auth enabled but no trusted proxies configured',
    help: 'Trusted-proxy auth is on but `gateway.trustedProxies` is empty, so the gateway rejects every request.',
    remediation: 'Set gateway.trustedProxies to the address(es) of your reverse proxy.',
    configPaths: ['gateway.auth.mode', 'gateway.trustedProxies'],
  },
  {
    id: 'gateway.trusted_proxy_no_user_header',
    severity: 'critical',
    title: 'Trusted-proxy auth missing userHeader config',
    help: 'Trusted-proxy auth is on but `gateway.auth.trustedProxy.userHeader` does not name the identity header the proxy sets.',
    remediation: 'Set gateway.auth.trustedProxy.userHeader to the header your proxy sends (for example "x-forwarded-user" or "x-pomerium-claim-email").',
    configPaths: ['gateway.auth.mode', 'gateway.auth.trustedProxy.userHeader'],
  },
  {
    id: 'gateway.trusted_proxy_allow_loopback',
    severity: 'warn',
    title: 'Trusted-proxy auth allows loopback proxy sources',
    help:
      '`gateway.auth.trustedProxy.allowLoopback=true` lets loopback-source requests from configured trusted proxies ' +
      'satisfy trusted-proxy auth, so any local process that can set the identity header is trusted.',
    remediation:
      'Enable this only when a same-host reverse proxy is the intended trust boundary; keep direct gateway access private ' +
      'to the host and have the proxy strip or overwrite identity headers.',
    configPaths: ['gateway.auth.trustedProxy.allowLoopback'],
  },
  {
    id: 'gateway.trusted_proxy_device_auto_approve',
    severity: 'warn',
    title: 'Trusted-proxy operator device auto-approval enabled',
    help:
      '`gateway.auth.trustedProxy.deviceAutoApprove.enabled=true` pairs new browser and native operator devices on the ' +
      'reverse-proxy identity alone, without manual approval.',
    remediation:
      'Enable this only when the proxy is the only way in, authenticates users strongly, overwrites identity headers, and access is narrowed with allowUsers.',
    configPaths: ['gateway.auth.trustedProxy.deviceAutoApprove.enabled'],
  },
  {
    id: 'gateway.trusted_proxy_device_auto_approve_admin',
    severity: 'critical',
    title: 'Trusted-proxy device auto-approval allows full admin',
    help:
      'Device auto-approval includes the `operator.admin` scope: every user the proxy authenticates can pair a new ' +
      'operator device with full admin rights, and requests without scopes get full admin automatically.',
    remediation: 'Remove operator.admin from the auto-approved scopes and approve admin devices by hand, or grant admin per identity with gateway.auth.identityScopes.',
    configPaths: ['gateway.auth.trustedProxy.deviceAutoApprove.scopes'],
  },
  {
    id: 'gateway.trusted_proxy_no_allowlist',
    severity: 'warn',
    title: 'Trusted-proxy auth allows all authenticated users',
    help: '`gateway.auth.trustedProxy.allowUsers` is empty, so every user your proxy authenticates can use the gateway.',
    remediation: 'Consider listing the permitted users in gateway.auth.trustedProxy.allowUsers (for example ["nick@example.com"]).',
    configPaths: ['gateway.auth.trustedProxy.allowUsers'],
  },
  {
    id: 'gateway.auth_no_rate_limit',
    severity: 'warn',
    title: 'No auth rate limiting configured',
    help: 'The gateway binds beyond loopback and `gateway.auth.rateLimit` is not set, so nothing slows down brute-force attempts on the gateway secret.',
    remediation: 'Set gateway.auth.rateLimit, for example { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000 }.',
    configPaths: ['gateway.bind', 'gateway.auth.rateLimit'],
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
    configPaths: ['gateway.auth.*', 'gateway.http.endpoints', 'plugins.entries.admin-http-rpc.enabled', 'gateway.bind', 'gateway.tailscale.mode'],
  },
  {
    id: 'gateway.http.session_key_override_enabled',
    severity: 'info',
    title: 'HTTP API session-key override is enabled',
    help:
      'The OpenAI-compatible chat-completions or responses endpoint is on; it accepts `x-openclaw-session-key` to route ' +
      'each request to a chosen session, so API credential holders are trusted principals.',
    remediation: 'Give HTTP API credentials only to principals you trust with any session; turn off the chat-completions and responses endpoints (`gateway.http.endpoints.<name>.enabled: false`) when nothing uses them.',
    remediationInReport: false,
    configPaths: ['gateway.http.endpoints.chatCompletions.enabled', 'gateway.http.endpoints.responses.enabled'],
  },
  {
    id: 'gateway.nodes.deny_commands_ineffective',
    severity: 'warn',
    title: 'Some gateway.nodes.commands.deny entries are ineffective',
    help:
      '`gateway.nodes.commands.deny` matches exact node command names only. Pattern-like entries (wildcards, regex ' +
      'syntax, spaces, `group:`) and names openclaw does not know never match, so they block nothing.',
    remediation:
      'Use exact command names (for example camera.list, location.get, device.info). For broader limits, remove risky ' +
      'commands from gateway.nodes.commands.allow and the default workflows and tighten tools.exec policy.',
    configPaths: ['gateway.nodes.commands.deny', 'gateway.nodes.commands.allow'],
  },
  {
    id: 'gateway.nodes.allow_commands_dangerous',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Dangerous node commands explicitly enabled',
    help:
      '`gateway.nodes.commands.allow` turns on node commands that are off by default because they act on devices or read ' +
      'sensitive data (camera, screen recording, contacts, calendar, reminders, SMS, health). Critical when the gateway ' +
      'is reachable beyond loopback.',
    remediation:
      'Remove these commands from gateway.nodes.commands.allow (recommended); if they stay, treat gateway auth as full ' +
      'operator access and keep the gateway local or tailnet-only.',
    configPaths: ['gateway.nodes.commands.allow', 'gateway.nodes.commands.deny', 'gateway.bind', 'gateway.tailscale.mode'],
  },
  {
    id: 'mcp.apps.enabled',
    severity: 'warn',
    title: 'MCP Apps UI bridge enabled',
    help:
      '`mcp.apps.enabled=true` lets configured MCP servers render interactive HTML views. The views are CSP-restricted and ' +
      'origin-isolated but can call app-visible tools of their MCP server while the session runtime is active.',
    remediation: 'Keep it on only for MCP servers you trust; turn it off with `openclaw config set mcp.apps.enabled false --strict-json` when unused.',
    configPaths: ['mcp.apps.enabled'],
  },
]);

function section(value: Json, ...keys: string[]): Json {
  let node = value;
  for (const key of keys) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

function stringEntries(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => String(entry).trim()).filter(Boolean);
}

function isStrictLoopbackProxy(entry: unknown): boolean {
  const candidate = String(entry).trim();
  if (!candidate) return false;
  if (!candidate.includes('/')) return candidate === '127.0.0.1' || candidate.toLowerCase() === '::1';
  const [ip, prefix] = candidate.split('/', 2) as [string, string | undefined];
  if (!ip || !prefix || !/^\d+$/.test(prefix.trim())) return false;
  const bits = Number(prefix.trim());
  if (ip.trim() === '127.0.0.1') return bits === 32;
  if (ip.trim().toLowerCase() === '::1') return bits === 128;
  return false;
}

const ANY_CREDENTIAL: ConfigPath[] = [G('auth'), G('remote')];

/** The gateway config block, in openclaw's order (dangerous flags and mcp.apps.enabled included). */
export function collectGatewayConfig(ctx: CheckContext): void {
  const cfg = ctx.config;
  const model = resolveGatewayAuth(ctx);
  for (const line of gatewaySecretDiagnostics(ctx, model)) ctx.diagnose(line);
  const { bind, tailscaleMode, auth } = model;
  const gateway = section(cfg, 'gateway');
  const loopback = bind === 'loopback';
  const controlUi = section(gateway, 'controlUi');
  const controlUiEnabled = section(controlUi, 'enabled') !== false;
  const origins = stringEntries(section(controlUi, 'allowedOrigins'));
  const hostHeaderFallback = section(controlUi, 'dangerouslyAllowHostHeaderOriginFallback') === true;
  const trustedProxies: Json[] = Array.isArray(section(gateway, 'trustedProxies')) ? section(gateway, 'trustedProxies') : [];

  // tools_invoke_http.dangerous_allow
  const toolsAllow = section(gateway, 'tools', 'allow');
  const allowed = new Set((Array.isArray(toolsAllow) ? toolsAllow : []).map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : '')).filter(Boolean));
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

  if (loopback && controlUiEnabled && trustedProxies.length === 0) {
    ctx.report('gateway.trusted_proxies_missing', {
      detail:
        'gateway.bind is loopback and gateway.trustedProxies is empty. If the Control UI is published through a reverse ' +
        'proxy, configure the trusted proxies so local-client checks cannot be spoofed.',
      path: G('trustedProxies'),
      related: [G('bind')],
    });
  }

  if (loopback && controlUiEnabled && !model.hasLoopbackAuth) {
    ctx.report('gateway.loopback_no_auth', {
      detail:
        'gateway.bind is loopback but no gateway auth secret is configured. If the Control UI is published through a ' +
        'reverse proxy, it can be reached without authentication.',
      path: G('auth'),
      related: [G('bind')],
    });
  }

  if (!loopback && controlUiEnabled && origins.length === 0 && !hostHeaderFallback) {
    ctx.report('gateway.control_ui.allowed_origins_required', {
      detail:
        'The Control UI is enabled on a non-loopback bind but gateway.controlUi.allowedOrigins is empty; the strict ' +
        'origin policy needs explicit allowed origins for non-loopback deployments.',
      path: G('controlUi', 'allowedOrigins'),
      related: [G('bind')],
    });
  }

  if (origins.includes('*')) {
    const originsList: Json[] = section(controlUi, 'allowedOrigins');
    const index = originsList.findIndex((o) => String(o).trim() === '*');
    ctx.report('gateway.control_ui.allowed_origins_wildcard', {
      severity: loopback ? 'warn' : 'critical',
      detail:
        'gateway.controlUi.allowedOrigins includes "*", so Control UI/WebChat requests from any browser origin are ' +
        'accepted. Origin allowlisting is off; treat this as a deliberate allow-all policy.',
      path: G('controlUi', 'allowedOrigins', index),
    });
  }

  if (hostHeaderFallback) {
    ctx.report('gateway.control_ui.host_header_origin_fallback', {
      severity: loopback ? 'warn' : 'critical',
      detail:
        'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback=true turns on Host-header origin fallback for Control ' +
        'UI/WebChat websocket checks and weakens DNS-rebinding protection.',
      path: G('controlUi', 'dangerouslyAllowHostHeaderOriginFallback'),
    });
  }

  if (section(gateway, 'allowRealIpFallback') === true) {
    const nonLoopbackProxy = trustedProxies.some((proxy) => !isStrictLoopbackProxy(proxy));
    ctx.report('gateway.real_ip_fallback_enabled', {
      severity: !loopback || (auth.mode === 'trusted-proxy' && nonLoopbackProxy) ? 'critical' : 'warn',
      detail:
        'gateway.allowRealIpFallback=true trusts X-Real-IP when trusted proxies send no X-Forwarded-For. A misconfigured ' +
        'proxy that forwards a client-supplied X-Real-IP lets clients spoof their source IP and local-client checks.',
      path: G('allowRealIpFallback'),
    });
  }

  const mdnsMode = section(cfg, 'discovery', 'mdns', 'mode') ?? 'minimal';
  if (mdnsMode === 'full') {
    ctx.report('discovery.mdns_full_mode', {
      severity: loopback ? 'warn' : 'critical',
      detail:
        'discovery.mdns.mode="full" publishes cliPath and sshPort in local-network TXT records, which can reveal user ' +
        'names, filesystem layout and management ports.',
      path: ['discovery', 'mdns', 'mode'],
    });
  }

  if (tailscaleMode === 'funnel') {
    ctx.report('gateway.tailscale_funnel', {
      detail: 'gateway.tailscale.mode="funnel" publishes the gateway on the internet; keep auth strict and treat it as internet-facing.',
      path: G('tailscale', 'mode'),
    });
  } else if (tailscaleMode === 'serve') {
    ctx.report('gateway.tailscale_serve', {
      detail: 'gateway.tailscale.mode="serve" makes the gateway reachable from your tailnet (loopback behind Tailscale).',
      path: G('tailscale', 'mode'),
    });
  }

  if (section(cfg, 'mcp', 'apps', 'enabled') === true) {
    ctx.report('mcp.apps.enabled', {
      detail:
        'mcp.apps.enabled=true lets configured MCP servers provide interactive HTML. The views are CSP-restricted and ' +
        'origin-isolated, yet they can call app-visible tools on their MCP server while the session runtime is active.',
      path: ['mcp', 'apps', 'enabled'],
    });
  }

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
      input = resolution?.resolved && !model.sourceRef(path)?.template && typeof resolvedValue === 'string' ? resolvedValue : undefined;
    }
    const value = typeof input === 'string' ? input.trim() : undefined;
    const location = section(gateway, 'auth', credential) !== undefined ? G('auth', credential) : G('auth');
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

  if (auth.mode === 'trusted-proxy') {
    const trustedProxy = section(gateway, 'auth', 'trustedProxy');
    ctx.report('gateway.trusted_proxy_auth', {
      detail:
        'gateway.auth.mode="trusted-proxy" delegates authentication to a reverse proxy. Make sure the proxy (Pomerium, ' +
        'Caddy, nginx) authenticates correctly and gateway.trustedProxies lists only the addresses of your actual proxies.',
      path: G('auth', 'mode'),
    });
    if (trustedProxies.length === 0) {
      ctx.report('gateway.trusted_proxy_no_proxies', {
        detail: 'gateway.auth.mode="trusted-proxy" but gateway.trustedProxies is empty, so every request is rejected.',
        path: G('trustedProxies'),
        related: [G('auth', 'mode')],
      });
    }
    if (!section(trustedProxy, 'userHeader')) {
      ctx.report('gateway.trusted_proxy_no_user_header', {
        detail: 'gateway.auth.mode="trusted-proxy" but gateway.auth.trustedProxy.userHeader is not configured.',
        path: G('auth', 'trustedProxy', 'userHeader'),
        related: [G('auth', 'mode')],
      });
    }
    if (section(trustedProxy, 'allowLoopback') === true) {
      ctx.report('gateway.trusted_proxy_allow_loopback', {
        detail:
          'gateway.auth.trustedProxy.allowLoopback=true lets loopback-source requests from configured gateway.trustedProxies entries satisfy trusted-proxy auth.',
        path: G('auth', 'trustedProxy', 'allowLoopback'),
      });
    }
    if (section(trustedProxy, 'deviceAutoApprove', 'enabled') === true) {
      ctx.report('gateway.trusted_proxy_device_auto_approve', {
        detail:
          'gateway.auth.trustedProxy.deviceAutoApprove.enabled=true leaves pairing of new browser and native UI operator devices entirely to the reverse-proxy identity.',
        path: G('auth', 'trustedProxy', 'deviceAutoApprove', 'enabled'),
      });
      const scopes = section(trustedProxy, 'deviceAutoApprove', 'scopes');
      const adminIndex = Array.isArray(scopes) ? scopes.findIndex((s) => typeof s === 'string' && s.trim() === 'operator.admin') : -1;
      if (adminIndex >= 0) {
        ctx.report('gateway.trusted_proxy_device_auto_approve_admin', {
          detail:
            'gateway.auth.trustedProxy.deviceAutoApprove.scopes includes operator.admin: every proxy-authenticated user can ' +
            'auto-approve a new operator device with full admin, and requests without scopes get full admin automatically.',
          path: G('auth', 'trustedProxy', 'deviceAutoApprove', 'scopes', adminIndex),
        });
      }
    }
    const allowUsers = section(trustedProxy, 'allowUsers');
    if (allowUsers === undefined || allowUsers === null || (allowUsers as Json).length === 0) {
      ctx.report('gateway.trusted_proxy_no_allowlist', {
        detail: 'gateway.auth.trustedProxy.allowUsers is empty, so any user your proxy authenticates can use the gateway.',
        path: G('auth', 'trustedProxy', 'allowUsers'),
      });
    }
  }

  if (!loopback && auth.mode !== 'trusted-proxy' && !section(gateway, 'auth', 'rateLimit')) {
    ctx.report('gateway.auth_no_rate_limit', {
      detail: 'gateway.bind is not loopback and gateway.auth.rateLimit is not configured, so brute-force attempts on the gateway secret are not slowed down.',
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
  const gateway = section(ctx.config, 'gateway');
  if (section(gateway, 'mode') === 'remote') return false;
  const mode = section(gateway, 'auth', 'mode');
  if (mode === 'password' || mode === 'none' || mode === 'trusted-proxy') return false;
  const model = resolveGatewayAuth(ctx);
  const input = section(gateway, 'auth', 'token');
  const ref = model.sourceRef('gateway.auth.token');
  if (ref && ref.source === 'env' && ref.id === 'OPENCLAW_GATEWAY_TOKEN') return false;
  const configToken = ref ? undefined : typeof input === 'string' && input.trim() !== '' ? input.trim() : undefined;
  if (!ref && !configToken) return false;
  return configToken !== envToken;
}

export function collectGatewayHttpNoAuth(ctx: CheckContext): void {
  const model = resolveGatewayAuth(ctx);
  if (model.hasHttpAuth) return;
  const cfg = ctx.config;
  const endpoints = section(cfg, 'gateway', 'http', 'endpoints');
  const chat = section(endpoints, 'chatCompletions', 'enabled') === true;
  const responses = section(endpoints, 'responses', 'enabled') === true;
  const adminRpc = section(cfg, 'plugins', 'entries', 'admin-http-rpc', 'enabled') === true;
  const list = ['/tools/invoke', chat ? '/v1/chat/completions' : '', responses ? '/v1/responses' : '', adminRpc ? '/api/v1/admin/rpc' : ''].filter(Boolean);
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
  const endpoints = section(ctx.config, 'gateway', 'http', 'endpoints');
  const chat = section(endpoints, 'chatCompletions', 'enabled') === true;
  const responses = section(endpoints, 'responses', 'enabled') === true;
  if (!chat && !responses) return;
  const list = [chat ? '/v1/chat/completions' : '', responses ? '/v1/responses' : ''].filter(Boolean);
  ctx.report('gateway.http.session_key_override_enabled', {
    detail: `${list.join(', ')} accept x-openclaw-session-key to route each request to a session; treat API credential holders as trusted principals.`,
    path: chat ? G('http', 'endpoints', 'chatCompletions', 'enabled') : G('http', 'endpoints', 'responses', 'enabled'),
  });
}

function trimmedCommand(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The known node command names, in openclaw's discovery order. */
export function knownNodeCommands(cfg: Json): Set<string> {
  const extra: Json[] = Array.isArray(section(cfg, 'gateway', 'nodes', 'commands', 'allow')) ? section(cfg, 'gateway', 'nodes', 'commands', 'allow') : [];
  const extras = extra.map(trimmedCommand).filter((cmd) => cmd && !PRIVATE_NODE_COMMANDS.has(cmd));
  const noDeviceApps = section(cfg, 'wizard', 'appRecommendations') === false;
  const out = new Set<string>();
  for (const cmd of [...NODE_COMMANDS_IPHONE, ...extras, ...NODE_COMMANDS_OTHER_PLATFORMS]) {
    if (noDeviceApps && cmd === 'device.apps') continue;
    out.add(cmd);
  }
  for (const cmd of DANGEROUS_NODE_COMMANDS) out.add(cmd);
  return out;
}

function looksLikePattern(value: string): boolean {
  if (/[?*[\]{}(),|]/.test(value)) return true;
  if (value.startsWith('/') || value.endsWith('/') || value.startsWith('^') || value.endsWith('$')) return true;
  return /\s/.test(value) || value.includes('group:');
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return b.length;
  if (!b) return a.length;
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = temp;
    }
  }
  return dp[b.length]!;
}

function suggestCommands(unknown: string, known: Set<string>): string[] {
  const needle = unknown.trim();
  if (!needle) return [];
  const prefix = needle.includes('.') ? needle.split('.').slice(0, 2).join('.') : needle;
  const prefixHits = [...known].filter((cmd) => cmd.startsWith(prefix)).slice(0, 3);
  if (prefixHits.length > 0) return prefixHits;
  const ranked = [...known].map((cmd) => ({ cmd, d: editDistance(needle, cmd) })).sort((a, b) => a.d - b.d || a.cmd.localeCompare(b.cmd));
  const threshold = Math.max(2, Math.min(4, ranked[0]?.d ?? Infinity));
  return ranked.filter((r) => r.d <= threshold).slice(0, 3).map((r) => r.cmd);
}

export function collectNodesDenyCommands(ctx: CheckContext): void {
  const denyRaw = section(ctx.config, 'gateway', 'nodes', 'commands', 'deny');
  if (!Array.isArray(denyRaw) || denyRaw.length === 0) return;
  const indexed = denyRaw.map((entry, index) => ({ entry: trimmedCommand(entry), index })).filter((e) => e.entry);
  if (indexed.length === 0) return;
  const known = knownNodeCommands(ctx.config);
  const patterns = indexed.filter((e) => looksLikePattern(e.entry));
  const unknown = indexed.filter((e) => !looksLikePattern(e.entry) && !known.has(e.entry));
  if (patterns.length === 0 && unknown.length === 0) return;
  const lines: string[] = [];
  if (patterns.length > 0) lines.push(`- Pattern-like entries (exact matching does not support them): ${patterns.map((e) => e.entry).join(', ')}`);
  if (unknown.length > 0) {
    const described = unknown.map(({ entry }) => {
      const suggestions = suggestCommands(entry, known);
      return suggestions.length === 0 ? entry : `${entry} (did you mean: ${suggestions.join(', ')})`;
    });
    lines.push(`- Unknown command names (not in the defaults or gateway.nodes.commands.allow): ${described.join(', ')}`);
  }
  const examples = [...known].slice(0, 8);
  const offending = [...patterns, ...unknown].sort((a, b) => a.index - b.index);
  ctx.report('gateway.nodes.deny_commands_ineffective', {
    detail:
      'gateway.nodes.commands.deny matches node command names exactly (for example `system.run`); it does not filter shell text inside a command payload.\n' +
      lines.join('\n'),
    remediation:
      `Use exact command names (for example: ${examples.join(', ')}). For broader limits, remove risky command IDs from ` +
      'gateway.nodes.commands.allow and the default workflows, and tighten tools.exec policy.',
    path: ['gateway', 'nodes', 'commands', 'deny', offending[0]!.index],
    related: offending.slice(1).map((e) => ['gateway', 'nodes', 'commands', 'deny', e.index]),
  });
}

export function collectNodesAllowCommands(ctx: CheckContext): void {
  const allowRaw = section(ctx.config, 'gateway', 'nodes', 'commands', 'allow');
  if (!Array.isArray(allowRaw) || allowRaw.length === 0) return;
  const allow = new Set(allowRaw.map(trimmedCommand).filter(Boolean));
  if (allow.size === 0) return;
  const denyRaw = section(ctx.config, 'gateway', 'nodes', 'commands', 'deny');
  const deny = new Set((Array.isArray(denyRaw) ? denyRaw : []).map(trimmedCommand));
  const dangerous = DANGEROUS_NODE_COMMANDS.filter((cmd) => allow.has(cmd) && !deny.has(cmd));
  if (dangerous.length === 0) return;
  const model = resolveGatewayAuth(ctx);
  const indices = dangerous.map((cmd) => allowRaw.findIndex((entry) => trimmedCommand(entry) === cmd));
  ctx.report('gateway.nodes.allow_commands_dangerous', {
    severity: model.remoteExposure ? 'critical' : 'warn',
    detail:
      `gateway.nodes.commands.allow includes: ${dangerous.join(', ')}. These commands can trigger high-impact device ` +
      'actions or read sensitive data (desktop input/camera/screen/contacts/calendar/reminders/health/SMS/file).',
    path: ['gateway', 'nodes', 'commands', 'allow', indices[0]!],
    related: indices.slice(1).map((i) => ['gateway', 'nodes', 'commands', 'allow', i]),
  });
}
