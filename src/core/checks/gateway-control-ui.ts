/** gateway.control_ui.*, gateway.trusted_proxies_missing, gateway.loopback_no_auth: who can reach the Control UI. */
import { dig } from '../records.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { G, type GatewayView } from './gateway-view.ts';

export const rules = defineRules([
  {
    id: 'gateway.trusted_proxies_missing',
    severity: 'warn',
    title: 'Reverse proxy headers are not trusted',
    help:
      'The gateway binds to loopback with the Control UI on and `gateway.trustedProxies` empty. Behind a reverse proxy, ' +
      'local-client checks then cannot tell proxied requests from local ones and can be spoofed.',
    remediation:
      'List your reverse proxy addresses in gateway.trustedProxies, or keep the Control UI reachable locally only.',
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
    configPaths: [
      'gateway.bind',
      'gateway.controlUi.enabled',
      'gateway.controlUi.allowedOrigins',
      'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback',
    ],
  },
  {
    id: 'gateway.control_ui.allowed_origins_wildcard',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Control UI allowed origins contains wildcard',
    help:
      '`gateway.controlUi.allowedOrigins` contains `"*"`, which accepts Control UI and WebChat requests from any browser ' +
      'origin and turns origin allowlisting off. Critical when the gateway binds beyond loopback.',
    remediation:
      'Replace "*" with the explicit trusted origins (for example https://control.example.com); keep "*" to tightly controlled local testing.',
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
    remediation:
      'Turn gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback off and list explicit gateway.controlUi.allowedOrigins.',
    configPaths: ['gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback', 'gateway.bind'],
  },
]);

function stringEntries(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => String(entry).trim()).filter(Boolean);
}

/** Part of the gateway config block, in openclaw's order. */
export function checkControlUi(ctx: CheckContext, view: GatewayView): void {
  const { model, loopback, controlUi, trustedProxies } = view;
  const controlUiEnabled = dig(controlUi, 'enabled') !== false;
  const origins = stringEntries(dig(controlUi, 'allowedOrigins'));
  const hostHeaderFallback = dig(controlUi, 'dangerouslyAllowHostHeaderOriginFallback') === true;

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
    const originsList: Json[] = dig(controlUi, 'allowedOrigins');
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
}
