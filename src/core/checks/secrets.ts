/** config.secrets.*: credentials stored in the config itself. */
import { defineRules, type CheckContext } from './rule.ts';

export const rules = defineRules('secrets', []);

export function collectSecretsInConfig(_ctx: CheckContext): void {}
