/** config.agent_roster.*: the configured agent roster (issue 3). */
import { listAgents } from '../model/agents.ts';
import { defineRules, type CheckContext } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'config.agent_roster.invalid_default_count',
    severity: 'warn',
    title: 'Agent roster has an invalid default selection',
    help:
      'openclaw cannot tell which agent owns unscoped work: several agents are configured without `agents.ownership: ' +
      '"explicit"` and without exactly one `default: true` entry. openclaw 2026.9.6 also rejects such a roster at ' +
      'load time, so this shows up only when the audit runs leniently.',
    remediation: 'Run `openclaw doctor --fix` to repair the roster, or set `agents.ownership: "explicit"`.',
    configPaths: ['agents.entries', 'agents.list', 'agents.ownership', 'agents.entries.<id>.default'],
  },
]);

export function collectAgentRoster(ctx: CheckContext): void {
  const agents = ctx.config?.agents;
  if (!isObject(agents) || (agents.entries === undefined && agents.list === undefined)) return;
  // The loader strips `default` markers before the audit: under explicit ownership nothing is left to count.
  if (agents.ownership === 'explicit') return;
  const roster = listAgents(ctx.config).filter((agent) => !agent.implicit);
  if (roster.length <= 1) return;
  const defaults = roster.filter((agent) => agent.config.default === true);
  if (defaults.length === 1) return;
  ctx.report('config.agent_roster.invalid_default_count', {
    detail: `No default agent can be resolved: ${defaults.length} default=true markers across ${roster.length} agents, and agents.ownership is not "explicit".`,
    path: agents.entries !== undefined ? ['agents', 'entries'] : ['agents', 'list'],
  });
}
