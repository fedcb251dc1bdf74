/** The `--json` shape: `openclaw security audit --json` per config, plus where each finding is. */
import type { AuditOutcome, ConfigIssue, Finding, SuppressedFinding } from '../core/types.ts';

/** The version of the `--json` shape (schemas/report.schema.json); bumped only when a field is removed or changes meaning. */
export const REPORT_SCHEMA_VERSION = 1;

export interface JsonOptions {
  /** `Date.now()` of the run; openclaw prints it as `ts`. */
  ts: number;
  /** Per outcome (same order): what `openclaw doctor --fix` would migrate in a rejected config (`migration`). */
  migrations?: ReadonlyArray<Record<string, unknown> | undefined>;
}

function finding(f: Finding): Record<string, unknown> {
  return {
    checkId: f.checkId,
    severity: f.severity,
    title: f.title,
    detail: f.detail,
    ...(f.remediation !== undefined ? { remediation: f.remediation } : {}),
    ...(f.location ? { location: f.location } : {}),
    ...(f.relatedLocations ? { relatedLocations: f.relatedLocations } : {}),
  };
}

function suppressed(f: SuppressedFinding): Record<string, unknown> {
  const { reason, inline, location } = f.suppression;
  return {
    ...finding(f),
    suppression: {
      ...(reason !== undefined ? { reason } : {}),
      ...(inline
        ? { inline: { ...(location ? { location } : {}), ...(inline.until ? { until: inline.until } : {}) } }
        : {}),
    },
  };
}

function issue(i: ConfigIssue): Record<string, unknown> {
  return {
    path: i.path,
    message: i.message,
    ...(i.allowedValues ? { allowedValues: i.allowedValues } : {}),
    ...(i.hint ? { hint: i.hint } : {}),
    ...(i.location ? { location: i.location } : {}),
  };
}

/** One config's object, shaped like openclaw's (`ok:false` + `error` + `issues` when the config is rejected). */
export function outcomeToJson(outcome: AuditOutcome, options: JsonOptions): Record<string, unknown> {
  if (!outcome.ok) {
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      ok: false,
      config: outcome.config,
      error: { type: 'cli_error', message: `OpenClaw config is invalid: ${outcome.config}` },
      issues: outcome.issues.map(issue),
    };
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    config: outcome.config,
    ts: options.ts,
    summary: outcome.summary,
    findings: outcome.findings.map(finding),
    ...(outcome.suppressedFindings.length > 0
      ? { suppressedFindings: outcome.suppressedFindings.map(suppressed) }
      : {}),
    secretDiagnostics: outcome.secretDiagnostics,
    ...(outcome.schemaWarnings.length > 0 ? { schemaWarnings: outcome.schemaWarnings.map(issue) } : {}),
    ...(outcome.ignoreWarnings?.length ? { ignoreWarnings: outcome.ignoreWarnings } : {}),
    ...(outcome.baselinedFindings ? { baselinedFindings: outcome.baselinedFindings.map(finding) } : {}),
  };
}

/** One object for one config, an array for several. */
export function toJson(outcomes: readonly AuditOutcome[], options: JsonOptions): string {
  const body = outcomes.map((o, i) => {
    const migration = options.migrations?.[i];
    return migration ? { ...outcomeToJson(o, options), migration } : outcomeToJson(o, options);
  });
  return JSON.stringify(body.length === 1 ? body[0] : body, null, 2) + '\n';
}
