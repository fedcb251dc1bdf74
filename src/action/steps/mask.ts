/** Step 2, before anything is printed: every secret of every audited config (head and base) is masked in the log. */
import { redactText } from '../../core/redact.ts';
import type { AuditOutcome } from '../../core/types.ts';
import { allSecrets } from '../../report/gate.ts';
import type { ActionCore } from '../ports.ts';

export interface Masked {
  secrets: string[];
  redact(text: string): string;
}

/** The Action's only call of `setSecret`. */
export function maskSecrets(core: ActionCore, outcomes: readonly AuditOutcome[]): Masked {
  const secrets = allSecrets(outcomes);
  for (const secret of secrets) core.setSecret(secret);
  return { secrets, redact: (text) => redactText(text, secrets) };
}
