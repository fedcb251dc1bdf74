/** discovery.*: what the gateway announces on the local network. */
import { dig } from '../records.ts';
import { defineRules, type CheckContext } from './rule.ts';
import type { GatewayView } from './gateway-view.ts';

export const rules = defineRules([
  {
    id: 'discovery.mdns_full_mode',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'mDNS full mode can leak host metadata',
    help:
      '`discovery.mdns.mode="full"` publishes the CLI path and SSH port in local-network TXT records, revealing user ' +
      'names, filesystem layout and management ports. Critical when the gateway binds beyond loopback.',
    remediation:
      'Use discovery.mdns.mode="minimal" (recommended) or "off", above all when gateway.bind is not loopback.',
    configPaths: ['discovery.mdns.mode', 'gateway.bind'],
  },
]);

/** Part of openclaw's gateway config block (severity follows the gateway bind). */
export function checkMdnsMode(ctx: CheckContext, view: GatewayView): void {
  const { cfg, loopback } = view;
  const mdnsMode = dig(cfg, 'discovery', 'mdns', 'mode') ?? 'minimal';
  if (mdnsMode === 'full') {
    ctx.report('discovery.mdns_full_mode', {
      severity: loopback ? 'warn' : 'critical',
      detail:
        'discovery.mdns.mode="full" publishes cliPath and sshPort in local-network TXT records, which can reveal user ' +
        'names, filesystem layout and management ports.',
      path: ['discovery', 'mdns', 'mode'],
    });
  }
}
