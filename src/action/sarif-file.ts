/**
 * The SARIF text the Action writes and uploads. INTERIM: a minimal SARIF 2.1.0 log until the SARIF reporter
 * (`src/report/sarif.ts`, `toSarif`) lands in main; then this module only calls it.
 */
import type { AuditOutcome } from '../core/types.ts';

export interface SarifFileOptions {
  toolVersion: string;
  informationUri: string;
  docsBaseUri: string;
  omitSuppressed?: boolean;
  category?: string;
}

const LEVEL = { critical: 'error', warn: 'warning', info: 'note' } as const;

export function renderSarif(outcomes: readonly AuditOutcome[], options: SarifFileOptions): string {
  const results = outcomes.flatMap((o) => {
    if (!o.ok) return [];
    const active = o.findings.map((f) => ({ f, suppression: undefined as undefined | { reason?: string } }));
    const suppressed = options.omitSuppressed ? [] : o.suppressedFindings.map((f) => ({ f, suppression: f.suppression }));
    return [...active, ...suppressed].map(({ f, suppression }) => ({
      ruleId: f.checkId,
      level: LEVEL[f.severity],
      message: { text: `${f.title}. ${f.detail}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: f.location?.file ?? o.config },
            region: f.location ? { startLine: f.location.line, startColumn: f.location.column, endLine: f.location.endLine, endColumn: f.location.endColumn } : { startLine: 1 },
          },
        },
      ],
      ...(suppression ? { suppressions: [{ kind: 'external', status: 'accepted', ...(suppression.reason ? { justification: suppression.reason } : {}) }] } : {}),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'openclaw-audit', semanticVersion: options.toolVersion, informationUri: options.informationUri, rules: [] } },
        ...(options.category ? { automationDetails: { id: `${options.category}/` } } : {}),
        invocations: [{ executionSuccessful: outcomes.every((o) => o.ok) }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
