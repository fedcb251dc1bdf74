/** tools.profile_minimal_overridden (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('tools-profile', []);

export function collectToolsProfile(_ctx: CheckContext): void {}
