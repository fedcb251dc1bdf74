/** tools.profile_minimal_overridden (issue 3). */
import { agentPath, listAgents } from '../model/agents.ts';
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules([
  {
    id: 'tools.profile_minimal_overridden',
    severity: 'warn',
    title: 'Global tools.profile=minimal is overridden by agent profiles',
    help:
      '`tools.profile` is "minimal", but some agents set their own, wider `tools.profile`. An agent profile replaces the ' +
      'global one, so those agents do not get the minimal tool set.',
    remediation:
      'Set those agents to `tools.profile: "minimal"`, or drop their profile override, if minimal tools should apply everywhere.',
    configPaths: ['tools.profile', 'agents.entries.<id>.tools.profile'],
  },
]);

export function collectToolsProfile(ctx: CheckContext): void {
  if (ctx.config?.tools?.profile !== 'minimal') return;
  const overrides = listAgents(ctx.config).filter((agent) => {
    const profile = agent.config.tools?.profile;
    return Boolean(profile) && profile !== 'minimal';
  });
  if (overrides.length === 0) return;
  ctx.report('tools.profile_minimal_overridden', {
    detail:
      'tools.profile is "minimal", but these agent profiles replace it:\n' +
      overrides.map((agent) => `- agents.entries.${agent.id}=${agent.config.tools.profile}`).join('\n'),
    path: agentPath(overrides[0]!, 'tools', 'profile'),
    related: [['tools', 'profile'], ...overrides.slice(1).map((agent) => agentPath(agent, 'tools', 'profile'))],
  });
}
