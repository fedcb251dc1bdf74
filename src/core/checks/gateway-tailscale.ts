/** gateway.tailscale_*: the gateway published on a tailnet or the internet through Tailscale. */
import { defineRules, type CheckContext } from './rule.ts';
import { G, type GatewayView } from './gateway-view.ts';

export const rules = defineRules([
  {
    id: 'gateway.tailscale_funnel',
    severity: 'critical',
    title: 'Tailscale Funnel exposure enabled',
    help: '`gateway.tailscale.mode="funnel"` publishes the gateway on the public internet through Tailscale Funnel.',
    remediation:
      'Prefer gateway.tailscale.mode="serve" (tailnet only) or "off"; if Funnel stays, keep auth strict and treat the gateway as internet-facing.',
    configPaths: ['gateway.tailscale.mode'],
  },
  {
    id: 'gateway.tailscale_serve',
    severity: 'info',
    title: 'Tailscale Serve exposure enabled',
    help: '`gateway.tailscale.mode="serve"` makes the loopback gateway reachable from your whole tailnet through Tailscale Serve.',
    remediation:
      'Nothing to fix when the whole tailnet is trusted. Otherwise limit who reaches the node with Tailscale ACLs and keep gateway auth on, or set gateway.tailscale.mode to "off".',
    remediationInReport: false,
    configPaths: ['gateway.tailscale.mode'],
  },
]);

/** Part of the gateway config block. */
export function checkTailscale(ctx: CheckContext, view: GatewayView): void {
  const { tailscaleMode } = view;
  if (tailscaleMode === 'funnel') {
    ctx.report('gateway.tailscale_funnel', {
      detail:
        'gateway.tailscale.mode="funnel" publishes the gateway on the internet; keep auth strict and treat it as internet-facing.',
      path: G('tailscale', 'mode'),
    });
  } else if (tailscaleMode === 'serve') {
    ctx.report('gateway.tailscale_serve', {
      detail:
        'gateway.tailscale.mode="serve" makes the gateway reachable from your tailnet (loopback behind Tailscale).',
      path: G('tailscale', 'mode'),
    });
  }
}
