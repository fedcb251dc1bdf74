/** config.insecure_or_dangerous_flags: one finding per enabled break-glass flag (emitted inside the gateway block). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('config', []);

export function collectDangerousFlags(_ctx: CheckContext): void {}
