/**
 * An audit port for Action tests while the checks are built elsewhere: a config whose first line is `//FAKE` holds
 * the outcome as JSON (findings with locations, suppressed findings, secrets); any other config is audited for real.
 */
import { auditFile, type AuditFileOptions } from '../../src/core/run.ts';
import { relative, sep } from 'node:path';
import type { AuditOutcome } from '../../src/core/types.ts';

export function fakeAudit(options: AuditFileOptions): AuditOutcome {
  const text = new TextDecoder().decode(options.host.readFile(options.configPath));
  if (!text.startsWith('//FAKE')) return auditFile(options);
  const spec = JSON.parse(text.slice(text.indexOf('\n') + 1));
  const config = relative(options.root, options.configPath).split(sep).join('/');
  const findings = (spec.findings ?? []).map((f: any) => ({
    checkId: f.checkId,
    severity: f.severity,
    title: f.title ?? `Title of ${f.checkId}`,
    detail: f.detail ?? `Detail of ${f.checkId}`,
    ...(f.remediation ? { remediation: f.remediation } : {}),
    ...(f.line
      ? {
          location: {
            file: f.file ?? config,
            line: f.line,
            column: f.column ?? 3,
            endLine: f.endLine ?? f.line,
            endColumn: f.endColumn ?? 10,
            path: f.path ?? f.checkId,
          },
        }
      : {}),
  }));
  const suppressedFindings = (spec.suppressed ?? []).map((f: any) => ({
    checkId: f.checkId,
    severity: f.severity,
    title: f.title ?? `Title of ${f.checkId}`,
    detail: f.detail ?? `Detail of ${f.checkId}`,
    location: { file: config, line: f.line ?? 1, column: 1, endLine: f.line ?? 1, endColumn: 5, path: f.checkId },
    suppression: { reason: f.reason },
  }));
  const summary = { critical: 0, warn: 0, info: 0 };
  for (const f of findings) summary[f.severity as 'critical']++;
  return {
    ok: true,
    config,
    summary,
    findings,
    suppressedFindings,
    secretDiagnostics: [],
    schemaWarnings: [],
    files: [config],
    secrets: { values: spec.secrets ?? [], spans: [] },
  };
}

/** The text of a fake config. */
export function fake(spec: { findings?: unknown[]; suppressed?: unknown[]; secrets?: string[] }): string {
  return `//FAKE\n${JSON.stringify(spec)}\n`;
}
