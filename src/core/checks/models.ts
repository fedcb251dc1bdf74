/** models.legacy and models.weak_tier. */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('models', []);

export function collectModelTiers(_ctx: CheckContext): void {}
