/**
 * The flat list the line-oriented formats (GitHub workflow commands, GitLab Code Quality, JUnit) render: every
 * rejected-config issue, schema warning and finding of every outcome, with its config, severity and location.
 */
import { CONFIG_INVALID, CONFIG_SCHEMA_DRIFT } from '../core/checks/config-invalid.ts';
import { findRule } from '../core/checks/registry.ts';
import type { AuditOutcome, ConfigIssue, Severity, SourceLocation } from '../core/types.ts';

export interface ReportEntry {
  checkId: string;
  severity: Severity;
  title: string;
  /** The detail, remediation and `$include` chain, as lines. */
  detail: string;
  remediation?: string;
  config: string;
  location?: SourceLocation;
  /** The config path the entry is about (`<root>` when it has no location). */
  path: string;
  /** A rejected-config issue: openclaw would not start, and no check ran. */
  rejected: boolean;
  suppressed?: { reason?: string };
}

function issueText(issue: ConfigIssue): string {
  const lines = [`${issue.path}: ${issue.message}`];
  if (issue.allowedValues) lines.push(`Allowed: ${issue.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
  if (issue.hint) lines.push(issue.hint);
  return lines.join('\n');
}

function issueEntry(checkId: string, issue: ConfigIssue, config: string, rejected: boolean): ReportEntry {
  const rule = findRule(checkId);
  return {
    checkId,
    severity: rejected ? 'critical' : (rule?.severity ?? 'warn'),
    title: rule?.title ?? checkId,
    detail: rejected
      ? `${issueText(issue)}\nopenclaw would refuse to load ${config}; no check ran on it.`
      : issueText(issue),
    config,
    ...(issue.location ? { location: issue.location } : {}),
    path: issue.path,
    rejected,
  };
}

/** Issues of rejected configs, then schema warnings and findings, in report order; suppressed findings only when asked. */
export function reportEntries(
  outcomes: readonly AuditOutcome[],
  options: { suppressed?: boolean } = {},
): ReportEntry[] {
  const out: ReportEntry[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      for (const issue of o.issues) out.push(issueEntry(CONFIG_INVALID, issue, o.config, true));
      continue;
    }
    for (const issue of o.schemaWarnings) out.push(issueEntry(CONFIG_SCHEMA_DRIFT, issue, o.config, false));
    const findings = [
      ...o.findings.map((f) => ({ f, suppressed: undefined })),
      ...(options.suppressed ? o.suppressedFindings.map((f) => ({ f, suppressed: f.suppression })) : []),
    ];
    for (const { f, suppressed } of findings) {
      out.push({
        checkId: f.checkId,
        severity: f.severity,
        title: f.title,
        detail: f.detail,
        ...(f.remediation !== undefined ? { remediation: f.remediation } : {}),
        config: o.config,
        ...(f.location ? { location: f.location } : {}),
        path: f.location?.path ?? '<root>',
        rejected: false,
        ...(suppressed ? { suppressed: suppressed.reason !== undefined ? { reason: suppressed.reason } : {} } : {}),
      });
    }
  }
  return out;
}

/** `file:line:col`, or the config file when the entry has no location. */
export function entryPosition(entry: ReportEntry): string {
  return entry.location ? `${entry.location.file}:${entry.location.line}:${entry.location.column}` : entry.config;
}

/** The detail, the fix and where the key was included from, as the text body of an annotation or a failure. */
export function entryBody(entry: ReportEntry): string {
  const lines = [entry.detail];
  if (entry.remediation) lines.push(`Fix: ${entry.remediation}`);
  for (const via of entry.location?.includedFrom ?? [])
    lines.push(`(included from ${via.file}:${via.line}:${via.column})`);
  return lines.join('\n');
}
