/** What the CLI and the Action share after auditing: the fail threshold. */
import type { AuditOutcome, Severity } from '../core/types.ts';

export const FAIL_LEVELS = ['critical', 'warn', 'info', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];
const RANK: Record<Severity, number> = { info: 1, warn: 2, critical: 3 };

export function isAtOrAbove(severity: Severity, level: FailLevel): boolean {
  return level !== 'none' && RANK[severity] >= RANK[level];
}

/** `true` when an active (not suppressed) finding, or a `--lenient` schema warning, is at or above the level. */
export function failsAt(outcomes: readonly AuditOutcome[], level: FailLevel): boolean {
  return outcomes.some(
    (o) =>
      o.ok &&
      (o.findings.some((f) => isAtOrAbove(f.severity, level)) ||
        (o.schemaWarnings.length > 0 && isAtOrAbove('warn', level))),
  );
}
