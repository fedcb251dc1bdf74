/**
 * doctor's removals of retired gateway settings (openclaw 2026.9.6): the Control UI tool-title preference, the
 * Tailscale Service name (a managed Service also turns Tailscale off, as its routes cannot follow the Gateway
 * lifecycle), the WebChat gateway block, and a port outside 1–65535. Paths and messages are openclaw's interface.
 */
import { has, rec } from '../draft.ts';
import type { Migration } from '../migration.ts';
import { RUN } from './common.ts';

const DEFAULT_GATEWAY_PORT = 18789;

/** Before `gateway.tailscale.reset-on-exit-remove`. */
export const GATEWAY_RETIRED_BEFORE_RESET: readonly Migration[] = [
  {
    id: 'gateway.control-ui-tool-titles-remove',
    detect: (root) =>
      has(rec(rec(root.gateway)?.controlUi), 'toolTitles')
        ? [
            {
              path: 'gateway.controlUi.toolTitles',
              message: `gateway.controlUi.toolTitles is retired. Tool activity uses agent-provided descriptions automatically, without utility-model calls. Run "openclaw doctor --fix" to remove it.`,
            },
          ]
        : [],
    apply: (root, changes) => {
      const controlUi = rec(rec(root.gateway)?.controlUi);
      if (!has(controlUi, 'toolTitles')) return;
      delete controlUi.toolTitles;
      changes.push(
        'Removed retired gateway.controlUi.toolTitles; tool activity descriptions are automatic and make no utility-model calls.',
      );
    },
  },
  {
    id: 'gateway.tailscale.service-name-remove',
    detect: (root) =>
      has(rec(rec(root.gateway)?.tailscale), 'serviceName')
        ? [
            {
              path: 'gateway.tailscale.serviceName',
              message: `gateway.tailscale.serviceName is retired because named Services require persistent background routes that cannot follow the Gateway lifecycle. ${RUN}`,
            },
          ]
        : [],
    apply: (root, changes) => {
      const tailscale = rec(rec(root.gateway)?.tailscale);
      if (!has(tailscale, 'serviceName')) return;
      const managed = tailscale.mode === 'serve';
      delete tailscale.serviceName;
      if (managed) tailscale.mode = 'off';
      changes.push(
        managed
          ? 'Removed gateway.tailscale.serviceName and set gateway.tailscale.mode=off because named Services cannot use lifecycle-owned routes. Inspect the retained Service route, then run `tailscale serve clear <service-name>`; set gateway.tailscale.mode=serve to use device Serve instead.'
          : 'Removed retired gateway.tailscale.serviceName; the current Tailscale mode is unchanged because named Services applied only to Serve.',
      );
    },
  },
];

/** After `gateway.control-ui-device-auth-bypass->pairing-migration`. */
export const GATEWAY_RETIRED_AFTER_DEVICE_AUTH: readonly Migration[] = [
  {
    id: 'gateway.webchat-remove',
    detect: (root) =>
      rec(root.gateway)?.webchat !== undefined
        ? [{ path: 'gateway.webchat', message: `gateway.webchat is retired. ${RUN}` }]
        : [],
    apply: (root, changes) => {
      const gateway = rec(root.gateway);
      if (!has(gateway, 'webchat')) return;
      delete gateway.webchat;
      if (Object.keys(gateway).length === 0) delete root.gateway;
      changes.push('Removed retired gateway.webchat config.');
    },
  },
  {
    id: 'gateway.port-oob-repair',
    detect: (root) => {
      const port = rec(root.gateway)?.port;
      return typeof port === 'number' && (port < 1 || port > 65535)
        ? [
            {
              path: 'gateway.port',
              message: `gateway.port is outside the valid TCP range (1–65535) and will be removed to avoid startup failure. ${RUN}`,
            },
          ]
        : [];
    },
    apply: (root, changes) => {
      const gateway = rec(root.gateway);
      if (!has(gateway, 'port')) return;
      const port = gateway.port;
      if (typeof port !== 'number' || (port >= 1 && port <= 65535)) return;
      delete gateway.port;
      if (Object.keys(gateway).length === 0) delete root.gateway;
      changes.push(
        `Removed out-of-range gateway.port (${String(port)}). Valid TCP ports are 1–65535; the gateway will use the default port ${DEFAULT_GATEWAY_PORT}.`,
      );
    },
  },
];
