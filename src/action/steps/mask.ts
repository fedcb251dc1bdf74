/** Step 2, before anything is printed: the distinctive secrets of every audited config (head and base) are masked in the log. */
import { actionMasks, mergeSecrets, type ConfigSecrets } from '../../core/redact.ts';
import type { AuditOutcome } from '../../core/types.ts';
import type { ActionCore } from '../ports.ts';

/**
 * The Action's only call of `setSecret`. Outputs keep secrets out by structure (core/redact.ts); the masks are a
 * second line for anything else in the log, and never a common word or a single character (`actionMasks`).
 */
export function maskSecrets(core: ActionCore, outcomes: readonly AuditOutcome[]): ConfigSecrets {
  const secrets = mergeSecrets(outcomes.map((o) => o.secrets));
  for (const mask of actionMasks(secrets)) core.setSecret(mask);
  return secrets;
}
