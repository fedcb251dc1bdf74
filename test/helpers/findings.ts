/** Test helpers for one check family: its findings only, with their locations. */
import { auditText, findingIds } from './memory-host.ts';
import type { Finding } from '../../src/core/types.ts';

/** `checkId:severity` of the findings whose checkId starts with one of the prefixes, in report order. */
export function idsOf(config: string, ...prefixes: string[]): string[] {
  return findingIds(config).filter((id) => prefixes.some((prefix) => id.startsWith(prefix)));
}

/** Like `idsOf`, for a config openclaw rejects: audited as written, the way `--lenient` does. */
export function idsOfLenient(config: string, ...prefixes: string[]): string[] {
  return findingIds(config, {}, { lenient: true }).filter((id) => prefixes.some((prefix) => id.startsWith(prefix)));
}

/** The first finding with this checkId (throws when the config is rejected or the finding is absent). */
export function finding(config: string, checkId: string): Finding {
  const outcome = auditText(config);
  if (!outcome.ok) throw new Error(`config rejected: ${JSON.stringify(outcome.issues)}`);
  const found = outcome.findings.find((f) => f.checkId === checkId);
  if (!found) throw new Error(`no ${checkId} in ${outcome.findings.map((f) => f.checkId).join(', ')}`);
  return found;
}

/** `[line, column]` of a finding's location. */
export function at(f: Finding): [number, number] {
  return [f.location!.line, f.location!.column];
}
