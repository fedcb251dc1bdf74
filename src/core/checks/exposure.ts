/** security.exposure.open_groups_*: open channels reaching powerful tools (issue 3). */
import {
  CONTROL_PLANE_TOOLS,
  allowedTools,
  dotted,
  listAuditToolContexts,
  listOpenInboundPolicies,
  riskyToolContexts,
} from '../model/agents.ts';
import { defineRules, type CheckContext } from './rule.ts';
import type { ConfigPath } from '../types.ts';

export const rules = defineRules([
  {
    id: 'security.exposure.open_groups_with_elevated',
    severity: 'critical',
    title: 'Open group/DM policy with elevated tools enabled',
    help:
      'A channel or account accepts anyone (`groupPolicy` or `dmPolicy` "open") while elevated tools are enabled: a prompt ' +
      'injection in one of those conversations can escalate to host-level actions.',
    remediation: 'Set each listed group/DM policy to "allowlist", and keep elevated allowlists very short.',
    configPaths: [
      'channels.<id>.groupPolicy',
      'channels.<id>.dmPolicy',
      'channels.<id>.accounts.<account>.*',
      'tools.elevated.enabled',
    ],
  },
  {
    id: 'security.exposure.open_groups_with_runtime_or_fs',
    severity: 'warn',
    severities: ['warn', 'critical'],
    title: 'Open group/DM policy with runtime/filesystem tools exposed',
    help:
      'A channel or account accepts anyone while some agent context has exec/process or filesystem tools without full ' +
      'sandboxing (or fs tools beyond the workspace). Critical when runtime tools are exposed.',
    remediation:
      'For open groups or DMs prefer `tools.profile: "messaging"` (or deny group:runtime and group:fs), set ' +
      '`tools.fs.workspaceOnly: true`, and run exposed agents with `agents.defaults.sandbox.mode: "all"`.',
    configPaths: [
      'channels.<id>.groupPolicy',
      'channels.<id>.dmPolicy',
      'tools.*',
      'agents.*.tools.*',
      'agents.*.sandbox.mode',
    ],
  },
  {
    id: 'security.exposure.open_groups_with_control_plane_tools',
    severity: 'critical',
    title: 'Open group/DM policy with control-plane tools exposed',
    help:
      'A channel or account accepts anyone while an agent context still has control-plane tools (automations, gateway, ' +
      'plugins). Note that the "minimal" and "messaging" profiles keep `gateway`.',
    remediation:
      'For open groups or DMs deny the control-plane tools (`automations`, `gateway`, `plugins`) and prefer ' +
      '`tools.profile: "messaging"`; tighten dmPolicy/groupPolicy to pairing or allowlist where possible.',
    configPaths: ['channels.<id>.groupPolicy', 'channels.<id>.dmPolicy', 'tools.*', 'agents.*.tools.*'],
  },
]);

export function collectExposure(ctx: CheckContext): void {
  const config = ctx.config;
  const open = listOpenInboundPolicies(config, ctx.offlineDoctor !== undefined);
  if (open.length === 0) return;
  const openLines = open.map((path) => `- ${dotted(path)}`).join('\n');
  const related: ConfigPath[] = open.slice(1);
  if (config?.tools?.elevated?.enabled !== false) {
    ctx.report('security.exposure.open_groups_with_elevated', {
      detail: `inbound policy "open" at:\n${openLines}\nWith tools.elevated enabled, a prompt injection there can turn into a high-impact incident.`,
      path: open[0]!,
      related: [...related, ['tools', 'elevated']],
    });
  }
  const risky = riskyToolContexts(config);
  if (risky.lines.length > 0) {
    ctx.report('security.exposure.open_groups_with_runtime_or_fs', {
      severity: risky.hasRuntimeRisk ? 'critical' : 'warn',
      detail:
        `inbound policy "open" at:\n${openLines}\nContexts with risky tool exposure:\n${risky.lines.map((line) => `- ${line}`).join('\n')}\n` +
        'A prompt injection in an open conversation can run commands or touch files in these contexts.',
      path: open[0]!,
      related: [...related, ...risky.paths],
    });
  }
  const controlPlane: string[] = [];
  const controlPlanePaths: ConfigPath[] = [];
  for (const context of listAuditToolContexts(config)) {
    const tools = allowedTools(config, CONTROL_PLANE_TOOLS, { agent: context.agent });
    if (tools.length === 0) continue;
    const profile = context.agent?.config.tools?.profile ?? config?.tools?.profile ?? 'none';
    controlPlane.push(`${context.label} (profile=${profile}; controlPlane=[${tools.join(', ')}])`);
    controlPlanePaths.push(context.path);
  }
  if (controlPlane.length > 0) {
    ctx.report('security.exposure.open_groups_with_control_plane_tools', {
      detail:
        `inbound policy "open" at:\n${openLines}\nContexts with control-plane tools:\n${controlPlane.map((line) => `- ${line}`).join('\n')}\n` +
        'A prompt injection in an open conversation can update OpenClaw, change plugins or schedule automations.',
      path: open[0]!,
      related: [...related, ...controlPlanePaths],
    });
  }
}
