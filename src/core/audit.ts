/** config → findings: runs the collectors in report order, then suppressions, then the summary. */
import type { LoadedConfig } from './config/load.ts';
import { pathKey } from './config/env.ts';
import { PIPELINE } from './checks/pipeline.ts';
import { RULES, findRule } from './checks/registry.ts';
import type { CheckContext, FindingInput } from './checks/rule.ts';
import { SUPPRESSIONS_ACTIVE, applySuppressions, readSuppressions, unknownCheckNotes } from './suppressions.ts';
import { NO_SECRETS, maskSecretValues, type ConfigSecrets } from './redact.ts';
import type { AuditReport, ConfigIssue, Finding, OfflineDoctorState, SeverityCounts } from './types.ts';
import { UnknownCheckError } from './errors.ts';

/** A check reported an id that no rule declares: a bug in this tool, never the user's. */

/** Messages carry config values: each goes through `maskSecretValues` as it enters a finding or a note. */
function collectFindings(
  loaded: LoadedConfig,
  secretDiagnostics: string[] = [],
  secrets: ConfigSecrets = NO_SECRETS,
  offlineDoctor?: OfflineDoctorState,
): Finding[] {
  const findings: Finding[] = [];
  const ctx: CheckContext = {
    config: loaded.value,
    ...(offlineDoctor ? { offlineDoctor } : {}),
    loaded,
    env: loaded.env,
    unresolved: (path) => loaded.unresolvedAt(path) !== undefined,
    report: (checkId, input) =>
      findings.push(toFinding(checkId, { ...input, detail: maskSecretValues(input.detail, secrets) }, loaded)),
    diagnose: (message) => secretDiagnostics.push(maskSecretValues(message, secrets)),
  };
  for (const collect of PIPELINE) collect(ctx);
  return findings;
}

function toFinding(checkId: string, input: FindingInput, loaded: LoadedConfig): Finding {
  const rule = findRule(checkId);
  if (!rule) throw new UnknownCheckError(`no rule declares checkId ${checkId}`);
  const template = input.variant ? rule.titles?.[input.variant] : rule.title;
  if (template === undefined) throw new UnknownCheckError(`rule ${rule.id} has no title variant ${input.variant}`);
  const params = input.titleParams ?? {};
  const title = template.replace(/<([A-Za-z]+)>/g, (whole, name: string) => params[name] ?? whole);
  const remediation =
    input.remediation === null
      ? undefined
      : (input.remediation ?? (rule.remediationInReport === false ? undefined : rule.remediation));
  const seen = new Set<string>();
  const related = (input.related ?? [])
    .filter((path) => {
      const key = pathKey(path);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((path) => loaded.locate(path));
  return {
    checkId,
    severity: input.severity ?? rule.severity,
    title,
    detail: input.detail,
    ...(remediation !== undefined ? { remediation } : {}),
    location: loaded.locate(input.path ?? []),
    ...(related.length > 0 ? { relatedLocations: related } : {}),
  };
}

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const summary: SeverityCounts = { critical: 0, warn: 0, info: 0 };
  for (const finding of findings) {
    if (finding.severity === 'critical') summary.critical += 1;
    else if (finding.severity === 'warn') summary.warn += 1;
    else summary.info += 1;
  }
  return summary;
}

/** Check ids a "did you mean" may suggest (templates such as `channels.<provider>.dm.open` are not ids). */
const CONCRETE_IDS = RULES.map((r) => r.id).filter((id) => !id.includes('<'));

export function auditLoadedConfig(
  loaded: LoadedConfig,
  schemaWarnings: ConfigIssue[] = [],
  secrets: ConfigSecrets = NO_SECRETS,
  offlineDoctor?: OfflineDoctorState,
): AuditReport {
  const suppressions = readSuppressions(loaded.value, loaded.locate);
  const secretDiagnostics: string[] = [];
  const { active, suppressed } = applySuppressions(
    collectFindings(loaded, secretDiagnostics, secrets, offlineDoctor),
    suppressions,
  );
  if (suppressions.length > 0) {
    const rule = findRule(SUPPRESSIONS_ACTIVE)!;
    active.push({
      checkId: SUPPRESSIONS_ACTIVE,
      severity: 'info',
      title: rule.title,
      detail: `security.audit.suppressions has ${suppressions.length} configured suppression(s); ${suppressed.length} finding(s) moved to suppressedFindings.`,
      remediation: rule.remediation!,
      location: loaded.locate(['security', 'audit', 'suppressions']),
    });
  }
  return {
    config: loaded.file,
    summary: countSeverities(active),
    findings: active,
    suppressedFindings: suppressed,
    secretDiagnostics,
    schemaWarnings,
    files: loaded.files,
    notes: unknownCheckNotes(suppressions, (id) => findRule(id) !== undefined, CONCRETE_IDS),
  };
}
