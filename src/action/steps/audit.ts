/** Step 1: find the configs under the root and audit each; with `only-new`, audit the base commit's versions too. */
import { auditFile } from '../../core/run.ts';
import type { AuditOutcome } from '../../core/types.ts';
import { relative, sep } from 'node:path';
import { MAX_DISCOVERY_FOLDERS, describeSkipped, discoverConfigs } from '../../io/discover.ts';
import type { BaselineSummary } from '../../report/markdown.ts';
import type { RunContext } from '../context.ts';
import type { ActionInputs } from '../inputs.ts';
import { BaseUnavailableError, compareWithBase, gitTreeHost, prepareBase } from '../only-new.ts';
import type { ActionPorts } from '../ports.ts';
import type { ToolConfig } from '../../toolconfig/parse.ts';
import { selectChecks } from '../../report/check-filter.ts';
import { migrationFor, readOnceHost } from '../../migrate/index.ts';
import type { MigrationSummary } from '../../report/migration.ts';

export interface Audited {
  configs: string[];
  outcomes: AuditOutcome[];
  /** By config: what `openclaw doctor --fix` would migrate in a rejected config, and the audit after it. */
  migrations: Map<string, MigrationSummary>;
}

/** Throws `UsageError` when the configs cannot be found (the caller fails the step with its message). */
export function auditConfigs(
  ports: ActionPorts,
  inputs: ActionInputs,
  workspace: string,
  settings?: ToolConfig,
): Audited {
  const audit = ports.audit ?? auditFile;
  // Messages name the Action's inputs (`root:`, `exclude:`), not the CLI's flags.
  const root = relative(workspace, inputs.root).split(sep).join('/') || '.';
  const found = discoverConfigs(inputs.config, {
    host: ports.host,
    cwd: workspace,
    root,
    ...excludeOption(inputs.exclude, settings),
  });
  const configs = found.configs;
  for (const s of found.skipped) ports.core.info(describeSkipped(s));
  if (found.truncated)
    ports.core.info(`Stopped searching after ${MAX_DISCOVERY_FOLDERS} folders: list the configs in config:`);
  const deployEnv = settings?.env ?? [];
  // The audit and then the migration of a rejected config read the same files: each is read once.
  const host = readOnceHost(ports.host);
  const outcomes = configs.map((configPath) =>
    audit({ host, configPath, root: inputs.root, lenient: inputs.lenient, deployEnv }),
  );
  const checks = settings?.checks ?? {};
  const migrations = new Map<string, MigrationSummary>();
  outcomes.forEach((o, i) => {
    const migration = o.ok ? undefined : migrationFor(host, configs[i]!, inputs.root, o.issues);
    if (migration) migrations.set(o.config, { ...migration, after: selectChecks([migration.after], checks)[0]! });
  });
  return { configs, outcomes: selectChecks(outcomes, checks), migrations };
}

/** The `exclude` input, else the settings file's `exclude:`; messages name whichever was used. */
function excludeOption(
  input: readonly string[],
  settings: ToolConfig | undefined,
): { exclude: readonly string[]; names: { root: string; exclude: string; paths: string } } {
  if (input.length === 0 && settings?.exclude)
    return {
      exclude: settings.exclude,
      names: { root: 'root:', exclude: `${settings.file} exclude:`, paths: 'config:' },
    };
  return { exclude: input, names: { root: 'root:', exclude: 'exclude:', paths: 'config:' } };
}

export interface OnlyNew {
  /** The findings the pull request introduces (all of them when there is no comparison). */
  reported: AuditOutcome[];
  baseline?: BaselineSummary;
  /** The base's outcomes: their secrets are masked too. */
  baseOutcomes: AuditOutcome[];
  /** Why every finding is reported after all. */
  note?: string;
}

export function compareOnlyNew(
  ports: ActionPorts,
  inputs: ActionInputs,
  ctx: RunContext,
  audited: Audited,
  settings?: ToolConfig,
): OnlyNew {
  const { configs, outcomes } = audited;
  if (!inputs.onlyNew) return { reported: outcomes, baseOutcomes: [] };
  const pr = ctx.pullRequest;
  if (!pr)
    return {
      reported: outcomes,
      baseOutcomes: [],
      note: 'only-new applies to pull_request events; every finding is reported.',
    };
  const audit = ports.audit ?? auditFile;
  try {
    const toplevel = prepareBase(ports.git, inputs.root, pr.baseSha);
    const baseHost = gitTreeHost(ports.git, toplevel, pr.baseSha);
    const base = new Map<string, AuditOutcome | undefined>();
    const baseOutcomes: AuditOutcome[] = [];
    for (const [i, configPath] of configs.entries()) {
      const outcome =
        baseHost.stat(configPath)?.kind === 'file'
          ? audit({
              host: baseHost,
              configPath,
              root: inputs.root,
              lenient: inputs.lenient,
              deployEnv: settings?.env ?? [],
            })
          : undefined;
      if (outcome) baseOutcomes.push(outcome);
      base.set(outcomes[i]!.config, outcome);
    }
    const comparison = compareWithBase(outcomes, base);
    const baseName = `${pr.baseRef ? `\`${pr.baseRef.replace(/`/g, '')}\` @ ` : ''}${pr.baseSha.slice(0, 7)}`;
    return {
      reported: comparison.outcomes,
      baseline: {
        base: baseName,
        unchanged: comparison.unchanged,
        unchangedByConfig: comparison.unchangedByConfig,
        resolved: comparison.resolved,
      },
      baseOutcomes,
    };
  } catch (error) {
    if (!(error instanceof BaseUnavailableError)) throw error;
    return { reported: outcomes, baseOutcomes: [], note: `only-new: ${error.message}; every finding is reported.` };
  }
}
