/** Human output for the CLI: grouped by severity, with `file:line:col` for every finding. */
import type { AuditOutcome, Finding, Severity, SourceLocation } from '../core/types.ts';
import { compareFindings, compareLocations } from './order.ts';

export interface TextOptions {
  color: boolean;
}

const LABEL: Record<Severity, string> = { critical: 'CRITICAL', warn: 'WARN', info: 'INFO' };
const COLOR: Record<Severity, string> = { critical: '\x1b[31;1m', warn: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

function formatPosition(location: SourceLocation | undefined): string {
  return location ? `${oneLine(location.file)}:${location.line}:${location.column}` : '';
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function renderFinding(f: Finding, paint: (code: string, s: string) => string): string {
  const lines = [
    `  ${paint(DIM, formatPosition(f.location))}  ${paint(COLOR[f.severity], oneLine(f.checkId))}  ${oneLine(f.title)}`,
  ];
  lines.push(indent(f.detail, '      '));
  if (f.remediation) lines.push(indent(`Fix: ${f.remediation}`, '      '));
  for (const via of f.location?.includedFrom ?? [])
    lines.push(`      ${paint(DIM, `included from ${oneLine(via.file)}:${via.line}:${via.column}`)}`);
  return lines.join('\n');
}

function renderOutcome(outcome: AuditOutcome, options: TextOptions): string {
  const paint = (code: string, s: string) => (options.color && s ? `${code}${s}${RESET}` : s);
  if (!outcome.ok) {
    const lines = [
      `${oneLine(outcome.config)}: ${paint(COLOR.critical, 'OpenClaw config is invalid')} (openclaw would refuse to start; no check ran)`,
    ];
    for (const issue of outcome.issues) {
      const where = issue.location ? `${formatPosition(issue.location)} ` : `${oneLine(outcome.config)} `;
      lines.push(`  ${where}${oneLine(issue.path)}: ${indent(issue.message, '      ').trimStart()}`);
      if (issue.allowedValues)
        lines.push(`      allowed: ${issue.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
      if (issue.hint) lines.push(indent(`hint: ${issue.hint}`, '      '));
    }
    return lines.join('\n') + '\n';
  }
  const { critical, warn, info } = outcome.summary;
  const drift = outcome.schemaWarnings.length; // --lenient: schema issues count as warnings (config.schema_drift)
  const warns = drift ? `${warn + drift} warn (${drift} from the schema)` : `${warn} warn`;
  const lines = [
    `${oneLine(outcome.config)}: ${critical} critical · ${warns} · ${info} info${outcome.suppressedFindings.length ? ` · ${outcome.suppressedFindings.length} suppressed` : ''}`,
  ];
  for (const w of outcome.ignoreWarnings ?? [])
    lines.push(`  ${paint(COLOR.warn, 'warning')} ${formatPosition(w.location)} ${oneLine(w.message)}`);
  for (const issue of [...outcome.schemaWarnings].sort((a, b) => compareLocations(a.location, b.location))) {
    lines.push(
      `  ${paint(COLOR.warn, 'schema')} ${formatPosition(issue.location)} ${oneLine(issue.path)}: ${indent(issue.message, '      ').trimStart()}`,
    );
  }
  for (const severity of ['critical', 'warn', 'info'] as const) {
    const group = outcome.findings.filter((f) => f.severity === severity).sort(compareFindings);
    if (group.length === 0) continue;
    lines.push('', paint(COLOR[severity], LABEL[severity]));
    for (const f of group) lines.push(renderFinding(f, paint));
  }
  if (outcome.suppressedFindings.length > 0) {
    lines.push('', paint(DIM, 'SUPPRESSED'));
    for (const f of [...outcome.suppressedFindings].sort(compareFindings)) {
      const inline = f.suppression.inline
        ? ` (inline ignore${f.suppression.inline.until ? ` until ${f.suppression.inline.until}` : ''})`
        : '';
      lines.push(
        `  ${paint(DIM, formatPosition(f.location))}  ${oneLine(f.checkId)}  ${oneLine(f.title)}${f.suppression.reason ? ` — ${oneLine(f.suppression.reason)}` : ''}${inline}`,
      );
    }
  }
  if (outcome.baselinedFindings?.length)
    lines.push('', paint(DIM, `${outcome.baselinedFindings.length} finding(s) already in the baseline are not shown.`));
  for (const d of outcome.secretDiagnostics) lines.push(paint(DIM, indent(`note: ${d}`, '      ').trimStart()));
  for (const n of outcome.notes ?? [])
    lines.push(
      paint(
        DIM,
        indent(`note: ${n.location ? `${formatPosition(n.location)} ` : ''}${n.message}`, '      ').trimStart(),
      ),
    );
  return lines.join('\n') + '\n';
}

/** Control characters from a (possibly hostile) config are shown escaped, never sent to the terminal. */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A field that is one line by nature (a file, a key path, a checkId, a title, a reason), for a terminal: control
 * characters and line breaks escaped, so a key cannot start a line of its own. Multi-line texts (details, messages)
 * are printed indented under their finding instead.
 */
export function oneLine(text: string): string {
  return escapeControlCharacters(text).replace(/\n/g, '\\n');
}

function escapeStrings<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? escapeControlCharacters(v) : v,
  ) as T;
}

export function renderText(outcomes: readonly AuditOutcome[], options: TextOptions): string {
  return outcomes.map((o) => renderOutcome(escapeStrings(o), options)).join('\n');
}

/** The notes of accepted configs, one `openclaw-audit: note: …` line each, for stderr. */
export function renderNotes(outcomes: readonly AuditOutcome[]): string {
  return outcomes
    .flatMap((o) =>
      (o.ok ? (o.notes ?? []) : []).map(
        (n) => `openclaw-audit: note: ${formatPosition(n.location) || oneLine(o.config)} ${oneLine(n.message)}\n`,
      ),
    )
    .join('');
}
