/** Every rule we implement, in one list: the engine, SARIF `rules[]`, docs and tests read it. */
import { rules as agentRoster } from './agent-roster.ts';
import { rules as channels } from './channels.ts';
import { rules as dangerousFlags } from './dangerous-flags.ts';
import { rules as exec } from './exec.ts';
import { rules as exposure } from './exposure.ts';
import { rules as discovery } from './discovery.ts';
import { rules as gateway } from './gateway.ts';
import { rules as gatewayControlUi } from './gateway-control-ui.ts';
import { rules as gatewayHttp } from './gateway-http.ts';
import { rules as gatewayNodes } from './gateway-nodes.ts';
import { rules as gatewayTailscale } from './gateway-tailscale.ts';
import { rules as gatewayTrustedProxy } from './gateway-trusted-proxy.ts';
import { rules as mcp } from './mcp.ts';
import { rules as hooks } from './hooks.ts';
import { rules as models } from './models.ts';
import { rules as pluginInstalls } from './plugin-installs.ts';
import { ruleMatcher, type Rule } from './rule.ts';
import { rules as sandbox } from './sandbox.ts';
import { rules as secrets } from './secrets.ts';
import { rules as smallParams } from './small-params.ts';
import { rules as summary } from './summary.ts';
import { rules as toolsElevated } from './tools-elevated.ts';
import { rules as toolsProfile } from './tools-profile.ts';
import { rules as trustModel } from './trust-model.ts';
import { rules as suppressions } from '../suppressions.ts';
import { rules as configInvalid } from './config-invalid.ts';

export const RULES: readonly Rule[] = [
  ...summary,
  ...agentRoster,
  ...gateway,
  ...gatewayHttp,
  ...gatewayControlUi,
  ...gatewayTrustedProxy,
  ...gatewayTailscale,
  ...gatewayNodes,
  ...discovery,
  ...mcp,
  ...dangerousFlags,
  ...toolsElevated,
  ...exec,
  ...hooks,
  ...sandbox,
  ...toolsProfile,
  ...secrets,
  ...models,
  ...smallParams,
  ...exposure,
  ...trustModel,
  ...channels,
  ...pluginInstalls,
  ...suppressions,
  ...configInvalid,
];

/** The rule of a concrete checkId (exact first, then a template), with the template's placeholder values. */
export const matchRule = ruleMatcher(RULES);

/** The rule for a concrete checkId: exact first, then a template such as `channels.<provider>.dm.open`. */
export function findRule(checkId: string): Rule | undefined {
  return matchRule(checkId)?.rule;
}
