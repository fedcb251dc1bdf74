/** sandbox.*: config-derived sandbox findings (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('sandbox', []);

export function collectSandbox(_ctx: CheckContext): void {}
