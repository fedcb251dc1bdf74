/** summary.attack_surface: the inventory that opens every report. */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('summary', []);

export function collectAttackSurface(_ctx: CheckContext): void {}
