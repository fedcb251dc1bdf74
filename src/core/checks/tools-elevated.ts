/** tools.elevated.allowFrom.<provider>.*: who may use elevated tools (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('tools-elevated', []);

export function collectElevatedAllowFrom(_ctx: CheckContext): void {}
