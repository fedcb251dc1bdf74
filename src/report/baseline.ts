/**
 * `--baseline FILE`: the findings of an earlier run (our `--json` report or our SARIF log) that a new run reports and
 * gates no more. A finding matches a baseline entry with the same identity (checkId, audited config, config path —
 * `findingIdentity`), one entry per finding, so a second finding of the same kind at the same key is still new.
 * Lines and messages may change freely.
 */
import type { AuditOutcome, Finding } from '../core/types.ts';
import { countSeverities } from '../core/audit.ts';
import { findingIdentity } from './fingerprint.ts';

export class BaselineError extends Error {}

/** How many findings of each identity the baseline holds. */
export type Baseline = Map<string, number>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function add(baseline: Baseline, checkId: unknown, config: unknown, path: unknown): void {
  if (typeof checkId !== 'string' || typeof config !== 'string') return;
  const key = findingIdentity({ checkId, config, path: typeof path === 'string' ? path : '<root>' });
  baseline.set(key, (baseline.get(key) ?? 0) + 1);
}

function fromSarif(log: Json, baseline: Baseline): void {
  for (const run of Array.isArray(log.runs) ? log.runs : []) {
    if (!isObject(run)) continue;
    for (const result of Array.isArray(run.results) ? run.results : []) {
      if (!isObject(result)) continue;
      const properties = isObject(result.properties) ? result.properties : {};
      const location = Array.isArray(result.locations) && isObject(result.locations[0]) ? result.locations[0] : {};
      const logical =
        Array.isArray(location.logicalLocations) && isObject(location.logicalLocations[0])
          ? location.logicalLocations[0]
          : {};
      add(baseline, result.ruleId, properties['openclawAudit/config'], logical.fullyQualifiedName);
    }
  }
}

function fromReport(report: Json, baseline: Baseline): void {
  for (const key of ['findings', 'suppressedFindings', 'baselinedFindings']) {
    const list = report[key];
    if (!Array.isArray(list)) continue;
    for (const f of list)
      if (isObject(f)) add(baseline, f.checkId, report.config, isObject(f.location) ? f.location.path : undefined);
  }
}

/** Reads a baseline file's text; `name` is how errors call it. */
export function parseBaseline(text: string, name: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(
      `${name} is not JSON (${error instanceof Error ? error.message : String(error)}); a baseline is a --json report or a SARIF log of openclaw-audit`,
    );
  }
  const baseline: Baseline = new Map();
  if (isObject(value) && Array.isArray(value.runs)) {
    fromSarif(value, baseline);
    return baseline;
  }
  const reports = Array.isArray(value) ? value : [value];
  if (!reports.every((r) => isObject(r) && typeof r.config === 'string')) {
    throw new BaselineError(`${name} is neither an openclaw-audit --json report nor a SARIF log`);
  }
  for (const r of reports) fromReport(r as Json, baseline);
  return baseline;
}

/** Moves the findings the baseline holds from `findings` to `baselinedFindings`; the summary counts the rest. */
export function applyBaseline(outcomes: readonly AuditOutcome[], baseline: Baseline): AuditOutcome[] {
  const left = new Map(baseline);
  return outcomes.map((outcome) => {
    if (!outcome.ok) return outcome;
    const fresh: Finding[] = [];
    const known: Finding[] = [...(outcome.baselinedFindings ?? [])];
    for (const f of outcome.findings) {
      const key = findingIdentity({ checkId: f.checkId, config: outcome.config, path: f.location?.path ?? '<root>' });
      const n = left.get(key) ?? 0;
      if (n > 0) {
        left.set(key, n - 1);
        known.push(f);
      } else fresh.push(f);
    }
    return { ...outcome, findings: fresh, summary: countSeverities(fresh), baselinedFindings: known };
  });
}
