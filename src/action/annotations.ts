/**
 * Findings and rejected-config issues as annotations on the exact span: workflow commands (`core.error(…, { file,
 * startLine… })`) and Checks API annotations. Files are repo-relative (the audit root's folder is prefixed).
 */
import { posix } from 'node:path';
import type { AuditOutcome, ConfigIssue, Finding, Severity, SourceLocation } from '../core/types.ts';
import type { AnnotationProperties } from './ports.ts';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Repo-relative path with `/`. */
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  /** Exclusive, as in SARIF and our SourceSpan. */
  endColumn?: number;
  title: string;
  message: string;
}

const LEVEL: Record<Severity, AnnotationLevel> = { critical: 'error', warn: 'warning', info: 'notice' };
const ORDER: readonly AnnotationLevel[] = ['error', 'warning', 'notice'];
/** GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job); the rest are dropped silently. */
const PER_STEP_LIMIT = 10;

function span(file: string, location: SourceLocation | undefined, prefix: string) {
  const join = (f: string) => (prefix ? posix.join(prefix, f) : f);
  if (!location) return { file: join(file) };
  return {
    file: join(location.file),
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  };
}

function findingMessage(f: Finding): string {
  const lines = [f.detail];
  if (f.remediation) lines.push(`Fix: ${f.remediation}`);
  for (const via of f.location?.includedFrom ?? []) lines.push(`(included from ${via.file}:${via.line}:${via.column})`);
  return lines.join('\n');
}

function issueMessage(config: string, issue: ConfigIssue): string {
  const lines = [`${issue.path}: ${issue.message}`];
  if (issue.allowedValues) lines.push(`Allowed: ${issue.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
  if (issue.hint) lines.push(issue.hint);
  lines.push(`openclaw would refuse to load ${config}; no check ran on it.`);
  return lines.join('\n');
}

/** Every annotation of every outcome: rejected-config issues first (errors), then findings by severity. Suppressed findings are not annotated. */
export function collectAnnotations(outcomes: readonly AuditOutcome[], prefix = ''): Annotation[] {
  const out: Annotation[] = [];
  for (const o of outcomes) {
    if (o.ok) continue;
    for (const issue of o.issues) {
      out.push({
        level: 'error',
        ...span(o.config, issue.location, prefix),
        title: 'config.invalid: OpenClaw config is invalid',
        message: issueMessage(o.config, issue),
      });
    }
  }
  const findings: Annotation[] = [];
  for (const o of outcomes) {
    if (!o.ok) continue;
    for (const issue of o.schemaWarnings) {
      findings.push({
        level: 'warning',
        ...span(o.config, issue.location, prefix),
        title: 'config.schema_drift: Config key or value not accepted by this openclaw version',
        message: `${issue.path}: ${issue.message}`,
      });
    }
    for (const f of o.findings)
      findings.push({
        level: LEVEL[f.severity],
        ...span(o.config, f.location, prefix),
        title: `${f.checkId}: ${f.title}`,
        message: findingMessage(f),
      });
  }
  findings.sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
  return [...out, ...findings];
}

/** `@actions/core`'s annotation properties for one annotation (the toolkit escapes them). */
function annotationProperties(a: Annotation): AnnotationProperties {
  return {
    title: a.title,
    file: a.file,
    ...(a.line !== undefined ? { startLine: a.line } : {}),
    ...(a.endLine !== undefined ? { endLine: a.endLine } : {}),
    ...(a.column !== undefined ? { startColumn: a.column } : {}),
    ...(a.endColumn !== undefined ? { endColumn: a.endColumn } : {}),
  };
}

/** One `core.error` / `core.warning` / `core.notice` call. */
export interface StepAnnotation {
  level: AnnotationLevel;
  message: string;
  properties: AnnotationProperties;
}

/**
 * The annotations to print as workflow commands: at most 10 per level (GitHub drops the rest silently), then one
 * plain notice (no file) saying how many were left out and where to find them. `reserve` keeps slots per level for
 * what the step prints afterwards: the closing `::error::` of a failing step, the end-of-run notice.
 */
export function stepAnnotations(
  annotations: readonly Annotation[],
  reserve: Partial<Record<AnnotationLevel, number>> = {},
  limit = PER_STEP_LIMIT,
): StepAnnotation[] {
  const shown = new Map<AnnotationLevel, number>();
  const out: StepAnnotation[] = [];
  let dropped = 0;
  for (const a of annotations) {
    const n = shown.get(a.level) ?? 0;
    // One notice slot is for the overflow message.
    const cap = limit - (reserve[a.level] ?? 0) - (a.level === 'notice' ? 1 : 0);
    if (n >= cap) {
      dropped++;
      continue;
    }
    shown.set(a.level, n + 1);
    out.push({ level: a.level, message: a.message, properties: annotationProperties(a) });
  }
  if (dropped > 0) {
    out.push({
      level: 'notice',
      message: `${dropped} more annotation${dropped === 1 ? ' is' : 's are'} not shown (GitHub shows ${limit} per level per step); the job summary and the SARIF file list every finding.`,
      properties: { title: 'openclaw-audit' },
    });
  }
  return out;
}

/** A Checks API annotation (`output.annotations[]`). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
}

const CHECK_LEVEL: Record<AnnotationLevel, CheckAnnotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

export function checkAnnotation(a: Annotation): CheckAnnotation {
  const line = a.line ?? 1;
  const endLine = a.endLine ?? line;
  return {
    path: a.file,
    start_line: line,
    end_line: endLine,
    // The Checks API accepts columns only on one-line annotations.
    ...(a.column !== undefined && a.endColumn !== undefined && endLine === line
      ? { start_column: a.column, end_column: a.endColumn }
      : {}),
    annotation_level: CHECK_LEVEL[a.level],
    message: a.message.slice(0, 65_000),
    title: a.title.slice(0, 255),
  };
}
