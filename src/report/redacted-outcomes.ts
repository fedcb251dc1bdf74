/**
 * Outcomes with every secret value of the config replaced in every string, before a format escapes them: once a
 * string is escaped for its destination (`%2C` in a workflow command, `&amp;` in XML) a search of the rendered text
 * for the secret could miss it.
 */
import { redactText } from '../core/redact.ts';
import type { AuditOutcome } from '../core/types.ts';
import { allSecrets } from './gate.ts';

export function redactOutcomes(outcomes: readonly AuditOutcome[]): AuditOutcome[] {
  const secrets = allSecrets(outcomes);
  if (secrets.length === 0) return [...outcomes];
  return outcomes.map((outcome) => {
    const { secrets: own, ...rest } = outcome;
    const copy = JSON.parse(JSON.stringify(rest), (_key, value: unknown) => (typeof value === 'string' ? redactText(value, secrets) : value)) as typeof rest;
    return { ...copy, secrets: own } as AuditOutcome;
  });
}
