/** security.exposure.*: open channels reaching powerful tools (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('exposure', []);

export function collectExposure(_ctx: CheckContext): void {}
