/** hooks.*: webhook hardening, only when hooks are enabled. */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('hooks', []);

export function collectHooks(_ctx: CheckContext): void {}
