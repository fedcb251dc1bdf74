/** config.agent_roster.*: the configured agent roster (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('agent-roster', []);

export function collectAgentRoster(_ctx: CheckContext): void {}
