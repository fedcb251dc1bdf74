/** gateway.real_ip_fallback_enabled, gateway.trusted_proxy_*: authentication delegated to a reverse proxy. */
import { dig } from '../records.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { G, type GatewayView } from './gateway-view.ts';

export const rules = defineRules([
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
    remediation:
      'Set gateway.auth.trustedProxy.userHeader to the header your proxy sends (for example "x-forwarded-user" or "x-pomerium-claim-email").',
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
    remediation:
      'Remove operator.admin from the auto-approved scopes and approve admin devices by hand, or grant admin per identity with gateway.auth.identityScopes.',
    configPaths: ['gateway.auth.trustedProxy.deviceAutoApprove.scopes'],
  },
  {
    id: 'gateway.trusted_proxy_no_allowlist',
    severity: 'warn',
    title: 'Trusted-proxy auth allows all authenticated users',
    help: '`gateway.auth.trustedProxy.allowUsers` is empty, so every user your proxy authenticates can use the gateway.',
    remediation:
      'Consider listing the permitted users in gateway.auth.trustedProxy.allowUsers (for example ["nick@example.com"]).',
    configPaths: ['gateway.auth.trustedProxy.allowUsers'],
  },
]);

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

/** Part of the gateway config block. */
export function checkRealIpFallback(ctx: CheckContext, view: GatewayView): void {
  const { gateway, loopback, auth, trustedProxies } = view;
  if (dig(gateway, 'allowRealIpFallback') === true) {
    const nonLoopbackProxy = trustedProxies.some((proxy) => !isStrictLoopbackProxy(proxy));
    ctx.report('gateway.real_ip_fallback_enabled', {
      severity: !loopback || (auth.mode === 'trusted-proxy' && nonLoopbackProxy) ? 'critical' : 'warn',
      detail:
        'gateway.allowRealIpFallback=true trusts X-Real-IP when trusted proxies send no X-Forwarded-For. A misconfigured ' +
        'proxy that forwards a client-supplied X-Real-IP lets clients spoof their source IP and local-client checks.',
      path: G('allowRealIpFallback'),
    });
  }
}

/** Part of the gateway config block. */
export function checkTrustedProxyAuth(ctx: CheckContext, view: GatewayView): void {
  const { gateway, auth, trustedProxies } = view;
  if (auth.mode === 'trusted-proxy') {
    const trustedProxy = dig(gateway, 'auth', 'trustedProxy');
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
    if (!dig(trustedProxy, 'userHeader')) {
      ctx.report('gateway.trusted_proxy_no_user_header', {
        detail: 'gateway.auth.mode="trusted-proxy" but gateway.auth.trustedProxy.userHeader is not configured.',
        path: G('auth', 'trustedProxy', 'userHeader'),
        related: [G('auth', 'mode')],
      });
    }
    if (dig(trustedProxy, 'allowLoopback') === true) {
      ctx.report('gateway.trusted_proxy_allow_loopback', {
        detail:
          'gateway.auth.trustedProxy.allowLoopback=true lets loopback-source requests from configured gateway.trustedProxies entries satisfy trusted-proxy auth.',
        path: G('auth', 'trustedProxy', 'allowLoopback'),
      });
    }
    if (dig(trustedProxy, 'deviceAutoApprove', 'enabled') === true) {
      ctx.report('gateway.trusted_proxy_device_auto_approve', {
        detail:
          'gateway.auth.trustedProxy.deviceAutoApprove.enabled=true leaves pairing of new browser and native UI operator devices entirely to the reverse-proxy identity.',
        path: G('auth', 'trustedProxy', 'deviceAutoApprove', 'enabled'),
      });
      const scopes = dig(trustedProxy, 'deviceAutoApprove', 'scopes');
      const adminIndex = Array.isArray(scopes)
        ? scopes.findIndex((s) => typeof s === 'string' && s.trim() === 'operator.admin')
        : -1;
      if (adminIndex >= 0) {
        ctx.report('gateway.trusted_proxy_device_auto_approve_admin', {
          detail:
            'gateway.auth.trustedProxy.deviceAutoApprove.scopes includes operator.admin: every proxy-authenticated user can ' +
            'auto-approve a new operator device with full admin, and requests without scopes get full admin automatically.',
          path: G('auth', 'trustedProxy', 'deviceAutoApprove', 'scopes', adminIndex),
        });
      }
    }
    const allowUsers = dig(trustedProxy, 'allowUsers');
    if (allowUsers === undefined || allowUsers === null || (allowUsers as Json).length === 0) {
      ctx.report('gateway.trusted_proxy_no_allowlist', {
        detail:
          'gateway.auth.trustedProxy.allowUsers is empty, so any user your proxy authenticates can use the gateway.',
        path: G('auth', 'trustedProxy', 'allowUsers'),
      });
    }
  }
}
