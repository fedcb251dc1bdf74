/** The collectors in openclaw's report order (cold mode). Findings are concatenated, never sorted. */
import { collectAgentRoster } from './agent-roster.ts';
import { collectChannels } from './channels.ts';
import { collectExecBoundaryDrift, collectExecRuntime } from './exec.ts';
import { collectExposure } from './exposure.ts';
import { collectGatewayConfig } from './gateway.ts';
import { collectGatewayHttpNoAuth, collectGatewayHttpSessionKey } from './gateway-http.ts';
import { collectNodesAllowCommands, collectNodesDenyCommands } from './gateway-nodes.ts';
import { collectHooks } from './hooks.ts';
import { collectModelTiers } from './models.ts';
import { collectPluginInstalls } from './plugin-installs.ts';
import type { Collector } from './rule.ts';
import { collectSandbox } from './sandbox.ts';
import { collectSecretsInConfig } from './secrets.ts';
import { collectSmallParams } from './small-params.ts';
import { collectAttackSurface } from './summary.ts';
import { collectElevatedAllowFrom } from './tools-elevated.ts';
import { collectToolsProfile } from './tools-profile.ts';
import { collectCrossAgentSessionAccess, collectTrustModel } from './trust-model.ts';

export const PIPELINE: readonly Collector[] = [
  collectAttackSurface,
  collectAgentRoster,
  collectGatewayConfig,
  collectElevatedAllowFrom,
  collectExecRuntime,
  collectExecBoundaryDrift,
  collectHooks,
  collectGatewayHttpNoAuth,
  collectGatewayHttpSessionKey,
  collectSandbox,
  collectNodesDenyCommands,
  collectNodesAllowCommands,
  collectToolsProfile,
  collectSecretsInConfig,
  collectModelTiers,
  collectSmallParams,
  collectExposure,
  collectTrustModel,
  collectCrossAgentSessionAccess,
  collectChannels,
  collectPluginInstalls,
];
