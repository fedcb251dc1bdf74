/** models.small_params: small models with web tools and no sandbox (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('small-params', []);

export function collectSmallParams(_ctx: CheckContext): void {}
