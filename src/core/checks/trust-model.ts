/** security.trust_model.*: signs of a shared, multi-user gateway (issue 3). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('trust-model', []);

export function collectTrustModel(_ctx: CheckContext): void {}

export function collectCrossAgentSessionAccess(_ctx: CheckContext): void {}
