/**
 * `checks: { select, ignore }` (and `--check` / `--skip-check`): which checkIds a run reports, by glob. A finding of
 * an unselected or ignored check is dropped from the report and the gate, like Checkov's `--skip-check`; a config
 * openclaw rejects is never filtered (nothing was checked).
 */
import { minimatch } from 'minimatch';
import { countSeverities } from '../core/audit.ts';
import { RULES } from '../core/checks/registry.ts';
import type { AuditOutcome } from '../core/types.ts';

export interface CheckSelection {
  select?: readonly string[];
  ignore?: readonly string[];
}

const matches = (checkId: string, globs: readonly string[]) =>
  globs.some((g) => minimatch(checkId, g, { nocomment: true, nonegate: true }));

function isSelected(checkId: string, selection: CheckSelection): boolean {
  if (selection.select && selection.select.length > 0 && !matches(checkId, selection.select)) return false;
  return !(selection.ignore && matches(checkId, selection.ignore));
}

export function selectChecks(outcomes: readonly AuditOutcome[], selection: CheckSelection): AuditOutcome[] {
  if (!selection.select?.length && !selection.ignore?.length) return [...outcomes];
  return outcomes.map((o) => {
    if (!o.ok) return o;
    const findings = o.findings.filter((f) => isSelected(f.checkId, selection));
    return {
      ...o,
      findings,
      summary: countSeverities(findings),
      suppressedFindings: o.suppressedFindings.filter((f) => isSelected(f.checkId, selection)),
    };
  });
}

/**
 * Globs that no check of the registry can match (a typo, most often). A family's `<placeholder>` is tried with each
 * dotted part of the glob, so `channels.telegram.*` matches `channels.<provider>.dm.open`.
 */
export function unmatchedGlobs(globs: readonly string[]): string[] {
  return globs.filter((glob) => {
    const candidates = [...new Set([...glob.split('.'), 'x'])];
    return !RULES.some((rule) =>
      rule.id.includes('<')
        ? candidates.some((c) => minimatch(rule.id.replace(/<[^>]+>/g, c), glob))
        : minimatch(rule.id, glob),
    );
  });
}
