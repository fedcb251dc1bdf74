/**
 * The Action, as a short list of steps over one shared `ActionRun`:
 * set up (inputs → audit → only-new → masks) → report files → annotations or check run → job summary → PR comment →
 * fix suggestions → SARIF upload → the notice of skipped features → outputs → gate.
 * Every I/O goes through `ActionPorts`, so tests run it in-process. Nothing is printed before every secret found in
 * the configs has been masked.
 */
import { relative, sep } from 'node:path';
import { UsageError } from '../io/discover.ts';
import { DOCS_BASE_URI, RELEASE_TAG } from '../report/formats.ts';
import { failsAt } from '../report/gate.ts';
import { totals, type Totals } from '../report/markdown.ts';
import { collectAnnotations } from './annotations.ts';
import { readContext, type RunContext } from './context.ts';
import { Degraded } from './degraded.ts';
import { createGitHub } from './github.ts';
import { ConfigurationError, inputVar, readInputs, type ActionInputs } from './inputs.ts';
import { ToolConfigError, type ToolConfig } from '../toolconfig/parse.ts';
import { loadToolConfig } from '../toolconfig/load.ts';
import { BaselineError, applyBaseline } from '../report/baseline.ts';
import { readBaseline } from '../io/baseline-file.ts';
import { plural } from './labels.ts';
import type { ActionPorts } from './ports.ts';
import type { ActionRun, Step } from './run-state.ts';
import { annotate } from './steps/annotate.ts';
import { auditConfigs, compareOnlyNew } from './steps/audit.ts';
import { postComment } from './steps/comment.ts';
import { gate, reportDegraded, setOutputs } from './steps/finish.ts';
import { writeJobSummary } from './steps/job-summary.ts';
import { maskSecrets } from './steps/mask.ts';
import { ReportFileError, writeReportFiles } from './steps/report-files.ts';
import { suggestFixes } from './steps/suggest.ts';
import { uploadToCodeScanning } from './steps/upload.ts';

const STEPS: readonly Step[] = [
  writeReportFiles,
  annotate,
  writeJobSummary,
  postComment,
  suggestFixes,
  uploadToCodeScanning,
];

export interface RunResult {
  exitCode: 0 | 1;
  totals?: Totals;
}

export async function run(ports: ActionPorts): Promise<RunResult> {
  try {
    const state = setUp(ports);
    if (!state) return { exitCode: 1 };
    for (const step of STEPS) await step(state);
    reportDegraded(state);
    setOutputs(state);
    return { exitCode: gate(state), totals: state.totals };
  } catch (error) {
    if (error instanceof ReportFileError) {
      ports.core.setFailed(error.message);
      return { exitCode: 1 };
    }
    ports.core.setFailed(
      `openclaw-audit: internal error: ${error instanceof Error ? error.message : String(error)}. Please report it.`,
    );
    return { exitCode: 1 };
  }
}

/** Inputs, context, the audit and the masks; undefined (the step failed with a message) when the inputs are wrong. */
function setUp(ports: ActionPorts): ActionRun | undefined {
  const { core } = ports;
  let inputs: ActionInputs;
  try {
    inputs = readInputs(ports.env, ports.cwd);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    core.setFailed(error.message);
    return undefined;
  }
  const ctx = readContext(ports.env, ports.readText);
  const workspace = ctx.workspace ?? ports.cwd;
  let audited;
  let settings: ToolConfig | undefined;
  try {
    // .openclaw-audit.yml at the root (docs/config-file.md): exclude, checks, env, baseline; its fail-on unless the input is set.
    settings = loadToolConfig({ host: ports.host, cwd: workspace, root: inputs.root });
    if (settings?.failOn && !ports.env[inputVar('fail-on')]?.trim()) inputs = { ...inputs, failOn: settings.failOn };
    audited = auditConfigs(ports, inputs, workspace, settings);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof ToolConfigError)) throw error;
    core.setFailed(`openclaw-audit: ${error.message}`);
    return undefined;
  }
  const onlyNew = compareOnlyNew(ports, inputs, ctx, audited, settings);
  const secrets = maskSecrets(core, [
    ...audited.outcomes,
    ...onlyNew.baseOutcomes,
    ...[...audited.migrations.values()].map((m) => m.after),
  ]);
  if (onlyNew.note) core.notice(onlyNew.note, { title: 'openclaw-audit' });

  const { baseline } = onlyNew;
  let { reported } = onlyNew;
  // The settings file's baseline: what it has is neither reported nor gated (the SARIF file still has everything).
  if (settings?.baseline !== undefined) {
    try {
      reported = applyBaseline(
        reported,
        readBaseline(
          { host: ports.host, cwd: inputs.root },
          settings.baseline,
          `${settings.file} baseline: ${settings.baseline}`,
        ),
      );
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      core.setFailed(`openclaw-audit: ${error.message}`);
      return undefined;
    }
  }
  const t = totals(reported);
  const prefix = toPosix(relative(workspace, inputs.root));
  core.info(
    `openclaw-audit ${ports.version}: ${plural(audited.outcomes.length, 'config')} audited under ${prefix || '.'}: ${t.critical} critical, ${t.warn} warn, ${t.info} info, ${t.suppressed} suppressed${t.rejected ? `, ${t.rejected} rejected` : ''}${baseline ? ' (new in this pull request)' : ''}`,
  );
  const warn = (message: string) => core.warning(message, { title: 'openclaw-audit' });
  const blobBaseUrl = blobBase(ctx, prefix);
  return {
    ports,
    inputs,
    ctx,
    workspace,
    prefix,
    ...audited,
    reported,
    ...(baseline ? { baseline } : {}),
    secrets,
    totals: t,
    failing: failsAt(reported, inputs.failOn) || reported.some((o) => !o.ok),
    docsBaseUri: docsBase(ctx),
    ...(blobBaseUrl ? { blobBaseUrl } : {}),
    footer: ctx.runUrl
      ? `<sub>openclaw-audit ${ports.version} · [workflow run](${ctx.runUrl})</sub>`
      : `<sub>openclaw-audit ${ports.version}</sub>`,
    annotations: collectAnnotations(reported, prefix),
    ...(inputs.token && ctx.owner && ctx.repo
      ? {
          github: createGitHub({
            apiUrl: ctx.apiUrl,
            token: inputs.token,
            ...(ports.apiPacing ? { pacing: ports.apiPacing } : {}),
            onRetry: (line) => core.info(line),
          }),
        }
      : {}),
    degraded: new Degraded({ warn, info: (message) => core.info(message) }, ctx.apiUrl),
    results: { sarif: '', jsonFile: '', sarifId: '', suggestions: 0 },
  };
}

const toPosix = (p: string) => p.split(sep).join('/');

function docsBase(ctx: RunContext): string {
  if (ctx.actionRepository)
    return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${ctx.actionRef || RELEASE_TAG}/docs/checks/`;
  return DOCS_BASE_URI;
}

function blobBase(ctx: RunContext, prefix: string): string | undefined {
  if (!ctx.owner || !ctx.repo || !ctx.headSha) return undefined;
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${ctx.headSha}/${prefix ? prefix.split('/').map(encodeURIComponent).join('/') + '/' : ''}`;
}
