/** channels.*: channel plugin security adapters (issue 10). */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('channels', []);

export function collectChannels(_ctx: CheckContext): void {}
