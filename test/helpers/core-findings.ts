/** Test helpers for the core checks: findings of the core families only, so other families' checks do not disturb. */
import { auditText } from './memory-host.ts';
import type { Finding } from '../../src/core/types.ts';

const CORE =
  /^(summary|gateway|discovery|mcp|hooks|config\.insecure_or_dangerous_flags|config\.secrets|models\.(legacy|weak_tier)|security\.audit)(\.|$)/;

export function coreFindings(config: string, otherFiles: Record<string, string> = {}): Finding[] {
  const outcome = auditText(config, otherFiles);
  if (!outcome.ok) throw new Error(`config rejected: ${JSON.stringify(outcome.issues)}`);
  return outcome.findings.filter((f) => CORE.test(f.checkId));
}

/** `checkId:severity` of the core findings, in report order. */
export function coreIds(config: string, otherFiles: Record<string, string> = {}): string[] {
  return coreFindings(config, otherFiles).map((f) => `${f.checkId}:${f.severity}`);
}

export function diagnostics(config: string): string[] {
  const outcome = auditText(config);
  if (!outcome.ok) throw new Error(`config rejected: ${JSON.stringify(outcome.issues)}`);
  return outcome.secretDiagnostics;
}

/** `line:column` of the first finding with this checkId. */
export function where(config: string, checkId: string): string {
  const finding = coreFindings(config).find((f) => f.checkId === checkId);
  if (!finding?.location) throw new Error(`no ${checkId}`);
  return `${finding.location.line}:${finding.location.column}`;
}
