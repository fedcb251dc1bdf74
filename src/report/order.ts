/**
 * The order people read findings in: by severity, then by file, line and column. The JSON report keeps openclaw's
 * order (it mirrors `openclaw security audit --json`); text and Markdown use this one, as SARIF sorts its results.
 */
import type { Finding, Severity, SourceLocation } from '../core/types.ts';

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warn', 'info'];

/** File, then line, then column; a finding without a location (shown at its config's start) comes first. */
export function compareLocations(a: SourceLocation | undefined, b: SourceLocation | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Severity first, then location; stable, so findings at one key keep openclaw's order. */
export function compareFindings(
  a: Pick<Finding, 'severity' | 'location'>,
  b: Pick<Finding, 'severity' | 'location'>,
): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || compareLocations(a.location, b.location)
  );
}
