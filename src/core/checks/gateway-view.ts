/** What every gateway sub-check reads: the gateway block and openclaw's resolved auth, computed once per audit. */
import type { ConfigPath } from '../types.ts';
import { resolveGatewayAuth, type GatewayAuthModel } from '../model/gateway-auth.ts';
import { dig } from '../records.ts';
import type { CheckContext, Json } from './rule.ts';

export const G = (...path: Array<string | number>): ConfigPath => ['gateway', ...path];

export interface GatewayView {
  cfg: Json;
  gateway: Json;
  model: GatewayAuthModel;
  bind: GatewayAuthModel['bind'];
  tailscaleMode: GatewayAuthModel['tailscaleMode'];
  auth: GatewayAuthModel['auth'];
  loopback: boolean;
  controlUi: Json;
  trustedProxies: Json[];
}

export function gatewayView(ctx: CheckContext): GatewayView {
  const cfg = ctx.config;
  const model = resolveGatewayAuth(ctx);
  const { bind, tailscaleMode, auth } = model;
  const gateway = dig(cfg, 'gateway');
  const trustedProxies: Json[] = Array.isArray(dig(gateway, 'trustedProxies')) ? dig(gateway, 'trustedProxies') : [];
  return {
    cfg,
    gateway,
    model,
    bind,
    tailscaleMode,
    auth,
    loopback: bind === 'loopback',
    controlUi: dig(gateway, 'controlUi'),
    trustedProxies,
  };
}
