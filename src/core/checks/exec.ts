/** tools.exec.*: exec runtime and boundary findings (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('exec', []);

export function collectExecRuntime(_ctx: CheckContext): void {}

export function collectExecBoundaryDrift(_ctx: CheckContext): void {}
