/** What the Action's steps share: set up once (inputs, context, audit, masks), then read by each step in turn. */
import type { ConfigSecrets } from '../core/redact.ts';
import type { AuditOutcome } from '../core/types.ts';
import type { BaselineSummary, Totals } from '../report/markdown.ts';
import type { MigrationSummary } from '../report/migration.ts';
import type { Annotation } from './annotations.ts';
import type { RunContext } from './context.ts';
import type { Degraded } from './degraded.ts';
import type { GitHub } from './github.ts';
import type { ActionInputs } from './inputs.ts';
import type { ActionPorts } from './ports.ts';

export interface ActionRun {
  ports: ActionPorts;
  inputs: ActionInputs;
  ctx: RunContext;
  /** `GITHUB_WORKSPACE`, else the current folder. */
  workspace: string;
  /** The audit root relative to the workspace, with `/` (`''` at the top). */
  prefix: string;
  /** Absolute config paths, as audited. */
  configs: string[];
  /** The head's outcomes: every finding (SARIF, JSON report, fix suggestions). */
  outcomes: AuditOutcome[];
  /** What the reviewer is shown: the outcomes, or with `only-new` the findings the change introduces. */
  reported: AuditOutcome[];
  baseline?: BaselineSummary;
  /** By config: what `openclaw doctor --fix` would migrate in a rejected config, and the audit after it. */
  migrations: ReadonlyMap<string, MigrationSummary>;
  /** Every secret of the head and base configs (values and spans): quoted config text leaves them out. */
  secrets: ConfigSecrets;
  totals: Totals;
  /** A config was rejected or a finding is at or above `fail-on`. */
  failing: boolean;
  docsBaseUri: string;
  /** File links of the Markdown reports; undefined outside a repository. */
  blobBaseUrl?: string;
  /** Last line of the summary and comment: version and run link. */
  footer: string;
  /** Annotations of the reported findings. */
  annotations: Annotation[];
  github?: GitHub;
  degraded: Degraded;
  /** Filled by the steps. */
  results: { sarif: string; jsonFile: string; sarifId: string; suggestions: number };
}

/** One step of the run; it reports its own failures (a notice, a warning, the degraded list) and never throws for them. */
export type Step = (run: ActionRun) => Promise<void> | void;
