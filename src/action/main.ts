/**
 * The Action: inputs → audit → (only-new) → SARIF + JSON files → annotations or check run → job summary →
 * PR comment → fix suggestions (a PR review) → SARIF upload → outputs → gate. Every I/O goes through `ActionPorts`,
 * so tests run it in-process.
 * Nothing is printed before every secret found in the configs has been masked.
 */
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { redactText } from '../core/redact.ts';
import { auditFile } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import { MAX_DISCOVERY_FOLDERS, UsageError, describeSkipped, discoverConfigs } from '../io/discover.ts';
import { allSecrets, failsAt, type FailLevel } from '../report/gate.ts';
import { DOCS_BASE_URI, RELEASE_TAG, REPOSITORY_URL as PROJECT_URL } from '../report/formats.ts';
import { toJson } from '../report/json.ts';
import { renderMarkdown, totals, type BaselineSummary, type Totals } from '../report/markdown.ts';
import { checkAnnotation, collectAnnotations, escapeData, workflowCommands } from './annotations.ts';
import { CHECK_RUN_NAME, createCheckRun } from './check-run.ts';
import { readContext, type RunContext } from './context.ts';
import { GitHubApiError, createGitHubClient, type GitHubClient } from './github.ts';
import { ConfigurationError, inputVar, readInputs, type ActionInputs } from './inputs.ts';
import { ToolConfigError, type ToolConfig } from '../toolconfig/parse.ts';
import { loadToolConfig } from '../toolconfig/load.ts';
import { selectChecks } from '../report/check-filter.ts';
import { BaselineError, applyBaseline } from '../report/baseline.ts';
import { readBaseline } from '../io/baseline-file.ts';
import { BaseUnavailableError, compareWithBase, gitTreeHost, prepareBase } from './only-new.ts';
import { nodePorts } from './node-ports.ts';
import type { ActionPorts } from './ports.ts';
import { COMMENT_MAX, markerFor, upsertStickyComment } from './pr-comment.ts';
import { renderSarif, reportFileOptions } from './sarif-file.ts';
import { describeSuggestions, suggestFixesReview } from './suggest-fixes.ts';
import { UploadError, uploadSarif } from './upload-sarif.ts';

export type { ActionCore, ActionPorts } from './ports.ts';

export interface RunResult {
  exitCode: 0 | 1;
  totals?: Totals;
}

const toPosix = (p: string) => p.split(sep).join('/');

function docsBase(ctx: RunContext): string {
  if (ctx.actionRepository) return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${ctx.actionRef || RELEASE_TAG}/docs/checks/`;
  return DOCS_BASE_URI;
}

function countLabel(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Runs the Action; without ports, on the real runner (`@actions/core`, the file system, git, fetch). */
export async function run(ports: ActionPorts = nodePorts()): Promise<RunResult> {
  try {
    return await runWith(ports);
  } catch (error) {
    ports.core.setFailed(`openclaw-audit: internal error: ${error instanceof Error ? error.message : String(error)}. Please report it.`);
    return { exitCode: 1 };
  }
}

async function runWith(ports: ActionPorts): Promise<RunResult> {
  const { core } = ports;
  let inputs: ActionInputs;
  try {
    inputs = readInputs(ports.env, ports.cwd);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    core.setFailed(error.message);
    return { exitCode: 1 };
  }
  const ctx = readContext(ports.env, ports.readText);
  const workspace = ctx.workspace ?? ports.cwd;
  // .openclaw-audit.yml at the root (docs/config-file.md): exclude, checks, env, baseline; its fail-on unless the input is set.
  let settings: ToolConfig | undefined;
  try {
    settings = loadToolConfig({ host: ports.host, cwd: workspace, root: inputs.root });
  } catch (error) {
    if (!(error instanceof ToolConfigError)) throw error;
    core.setFailed(`openclaw-audit: ${error.message}`);
    return { exitCode: 1 };
  }
  if (settings?.failOn && !ports.env[inputVar('fail-on')]?.trim()) inputs = { ...inputs, failOn: settings.failOn };
  const audit = ports.audit ?? auditFile;
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));

  let configs: string[];
  try {
    // Messages name the Action's inputs (`root:`, `exclude:`), not the CLI's flags.
    const found = discoverConfigs(inputs.config, { host: ports.host, cwd: workspace, root: toPosix(relative(workspace, inputs.root)) || '.', ...excludeOption(inputs.exclude, settings) });
    configs = found.configs;
    for (const s of found.skipped) core.info(describeSkipped(s));
    if (found.truncated) core.info(`Stopped searching after ${MAX_DISCOVERY_FOLDERS} folders: list the configs in config:`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    core.setFailed(`openclaw-audit: ${error.message}`);
    return { exitCode: 1 };
  }
  const deployEnv = settings?.env ?? [];
  const outcomes = selectChecks(configs.map((configPath) => audit({ host: ports.host, configPath, root: inputs.root, lenient: inputs.lenient, deployEnv })), settings?.checks ?? {});

  // only-new: audit the base commit's version of the same configs (its secrets are masked too).
  let reported: AuditOutcome[] = outcomes;
  let baseline: BaselineSummary | undefined;
  let baseOutcomes: AuditOutcome[] = [];
  let onlyNewNote: string | undefined;
  if (inputs.onlyNew) {
    if (!ctx.pullRequest) {
      onlyNewNote = 'only-new applies to pull_request events; every finding is reported.';
    } else {
      try {
        const pr = ctx.pullRequest;
        const toplevel = prepareBase(ports.git, inputs.root, pr.baseSha);
        const baseHost = gitTreeHost(ports.git, toplevel, pr.baseSha);
        const base = new Map<string, AuditOutcome | undefined>();
        for (const [i, configPath] of configs.entries()) {
          const outcome = baseHost.stat(configPath)?.kind === 'file' ? audit({ host: baseHost, configPath, root: inputs.root, lenient: inputs.lenient, deployEnv }) : undefined;
          if (outcome) baseOutcomes.push(outcome);
          base.set(outcomes[i]!.config, outcome);
        }
        const comparison = compareWithBase(outcomes, base);
        reported = comparison.outcomes;
        baseline = { base: `${pr.baseRef ? `\`${pr.baseRef.replace(/`/g, '')}\` @ ` : ''}${pr.baseSha.slice(0, 7)}`, unchanged: comparison.unchanged, resolved: comparison.resolved };
      } catch (error) {
        if (!(error instanceof BaseUnavailableError)) throw error;
        baseOutcomes = [];
        onlyNewNote = `only-new: ${error.message}; every finding is reported.`;
      }
    }
  }

  // The settings file's baseline: what it has is neither reported nor gated (the SARIF file still has everything).
  if (settings?.baseline !== undefined) {
    try {
      reported = applyBaseline(reported, readBaseline({ host: ports.host, cwd: inputs.root }, settings.baseline, `${settings.file} baseline: ${settings.baseline}`));
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      core.setFailed(`openclaw-audit: ${error.message}`);
      return { exitCode: 1 };
    }
  }

  // Mask before anything is printed.
  const secrets = allSecrets([...outcomes, ...baseOutcomes]);
  for (const secret of secrets) core.setSecret(secret);
  const redact = (text: string) => redactText(text, secrets);
  const notice = (message: string) => core.command(`::notice title=openclaw-audit::${escapeData(redact(message))}`);
  const warning = (message: string) => core.command(`::warning title=openclaw-audit::${escapeData(redact(message))}`);
  if (onlyNewNote) notice(onlyNewNote);

  const t = totals(reported);
  const rejected = reported.filter((o) => !o.ok);
  const failing = failsAt(reported, inputs.failOn) || rejected.length > 0;
  core.info(redact(`openclaw-audit ${ports.version}: ${countLabel(outcomes.length, 'config')} audited under ${toPosix(relative(workspace, inputs.root)) || '.'}: ${t.critical} critical, ${t.warn} warn, ${t.info} info, ${t.suppressed} suppressed${t.rejected ? `, ${t.rejected} rejected` : ''}${baseline ? ' (new in this pull request)' : ''}`));

  // Files: SARIF (every finding of the head, as code scanning diffs on its own) and the JSON report.
  const docsBaseUri = docsBase(ctx);
  const sarif = redact(
    renderSarif(outcomes, {
      toolVersion: ports.version,
      informationUri: PROJECT_URL,
      docsBaseUri,
      omitSuppressed: inputs.suppressed === 'omit',
      ...(inputs.category ? { category: inputs.category } : {}),
      root: inputs.root,
      ...(ctx.owner && ctx.repo ? { versionControl: { repositoryUri: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`, ...(ctx.sha ? { revisionId: ctx.sha } : {}), ...(ctx.ref ? { branch: ctx.ref } : {}) } } : {}),
    }),
  );
  const jsonDir = ports.tempDir ?? (ports.env.RUNNER_TEMP ? join(ports.env.RUNNER_TEMP, 'openclaw-audit') : dirname(inputs.sarifFile));
  const jsonFile = join(jsonDir, 'openclaw-audit.json');
  for (const [path, text] of [[inputs.sarifFile, sarif], [jsonFile, redact(toJson(outcomes, { ts: (ports.now ?? Date.now)() }))]] as const) {
    try {
      ports.writeText(path, text, reportFileOptions(path, workspace));
    } catch (error) {
      core.setFailed(`openclaw-audit: cannot write ${toPosix(relative(workspace, path))}: ${error instanceof Error ? error.message : String(error)}`);
      return { exitCode: 1 };
    }
  }

  const prefix = toPosix(relative(workspace, inputs.root));
  const annotations = collectAnnotations(reported, prefix).map((a) => ({ ...a, title: redact(a.title), message: redact(a.message) }));
  const client: GitHubClient | undefined =
    inputs.token && ctx.owner && ctx.repo
      ? createGitHubClient({
          apiUrl: ctx.apiUrl,
          token: inputs.token,
          ...(ports.fetch ? { fetch: ports.fetch } : {}),
          sleep,
          onRetry: ({ method, path, status, delayMs, attempt }) => core.info(`GitHub API ${method} ${path}: HTTP ${status}, retry ${attempt} in ${Math.round(delayMs / 1000)}s`),
        })
      : undefined;
  /** Features the token could not do (403/404): reported once, at the end. */
  const degraded: string[] = [];
  const apiFailed = (feature: string, permission: string, error: unknown): void => {
    if (error instanceof GitHubApiError && error.isPermission) degraded.push(`${feature} (needs \`${permission}\`; HTTP ${error.status})`);
    else warning(`${feature} failed: ${error instanceof Error ? error.message : String(error)}`);
  };
  const fork = ctx.pullRequest?.fromFork === true;
  const pass = (wanted: ActionInputs['checkRun']) => wanted === true || (wanted === 'auto' && !fork);

  // Check run with every annotation, else workflow commands (10 per level per step).
  let checkRunDone = false;
  if (pass(inputs.checkRun) && client && ctx.headSha) {
    const conclusion = failing ? 'failure' : 'success';
    const summaryText = redact(renderMarkdown(reported, { blobBaseUrl: blobBase(ctx, prefix), docsBaseUri, ...(baseline ? { baseline } : {}), maxLength: 65_000 }));
    try {
      const result = await createCheckRun(client, {
        owner: ctx.owner!,
        repo: ctx.repo!,
        headSha: ctx.headSha,
        name: inputs.category ? `${CHECK_RUN_NAME} (${inputs.category})` : CHECK_RUN_NAME,
        conclusion,
        title: `${t.critical} critical, ${t.warn} warn, ${t.info} info${t.rejected ? `, ${t.rejected} rejected` : ''}`,
        summary: summaryText,
        annotations: inputs.annotations ? annotations.map(checkAnnotation) : [],
        ...(ctx.runUrl ? { detailsUrl: ctx.runUrl } : {}),
      });
      checkRunDone = true;
      core.info(`check run ${result.id}: ${countLabel(inputs.annotations ? annotations.length : 0, 'annotation')} in ${countLabel(result.requests, 'request')}`);
    } catch (error) {
      apiFailed('check run', 'checks: write', error);
    }
  } else if (inputs.checkRun === true && !client) {
    degraded.push('check run (no token or repository)');
  }
  if (inputs.annotations && !checkRunDone) for (const line of workflowCommands(annotations)) core.command(line);

  // Job summary: always (it needs no permission).
  const footer = ctx.runUrl ? `<sub>openclaw-audit ${ports.version} · [workflow run](${ctx.runUrl})</sub>` : `<sub>openclaw-audit ${ports.version}</sub>`;
  const summary = redact(renderMarkdown(reported, { blobBaseUrl: blobBase(ctx, prefix), docsBaseUri, ...(baseline ? { baseline } : {}), footer }));
  await core.appendSummary(summary);

  // Sticky PR comment.
  if (ctx.pullRequest && client && pass(inputs.prComment)) {
    const marker = markerFor(inputs.category);
    const body = redact(renderMarkdown(reported, { marker, blobBaseUrl: blobBase(ctx, prefix), docsBaseUri, ...(baseline ? { baseline } : {}), footer, maxLength: COMMENT_MAX - 1024 }));
    const clean = t.critical + t.warn + t.info === 0 && t.rejected === 0;
    const resolvedBody = `<!-- ${marker} -->\n### ✅ openclaw-audit\n\nResolved: no ${baseline ? 'new ' : ''}finding as of ${ctx.pullRequest.headSha.slice(0, 7)}.\n\n${footer}\n`;
    try {
      const result = await upsertStickyComment(client, { owner: ctx.owner!, repo: ctx.repo!, pr: ctx.pullRequest.number, marker }, body, clean, resolvedBody);
      if (result.action !== 'none') core.info(`PR comment ${result.id}: ${result.action}`);
    } catch (error) {
      apiFailed('PR comment', 'pull-requests: write', error);
    }
  } else if (inputs.prComment === true && !ctx.pullRequest) {
    core.info('pr-comment: not a pull_request event; no comment.');
  }

  // Fix suggestions: one review on the PR head, on lines the PR changes.
  let suggestionsPosted = 0;
  if (inputs.suggestFixes) {
    if (!ctx.pullRequest) {
      core.info('suggest-fixes: not a pull_request event; no review.');
    } else if (fork) {
      core.info('suggest-fixes: the pull request comes from a fork, whose token is read-only; no review.');
    } else if (!client) {
      warning('suggest-fixes: no token or repository; no review.');
    } else {
      const pr = ctx.pullRequest;
      try {
        const result = await suggestFixesReview({
          client,
          target: { owner: ctx.owner!, repo: ctx.repo!, pr: pr.number },
          headSha: pr.headSha,
          host: ports.host,
          git: ports.git,
          configPaths: configs,
          root: inputs.root,
          workspace,
          outcomes,
          secrets,
          docsBaseUri,
        });
        suggestionsPosted = result.posted;
        core.info(redact(describeSuggestions(result)));
      } catch (error) {
        // Opted in, so a failure is a warning (not the end-of-run notice), and never fails the step.
        const hint = error instanceof GitHubApiError && error.isPermission ? '; the token needs `pull-requests: write`' : '';
        warning(`suggest-fixes: no review posted: ${error instanceof Error ? error.message : String(error)}${hint}`);
      }
    }
  }

  // SARIF upload to code scanning.
  let sarifId = '';
  if (inputs.uploadSarif) {
    if (outcomes.some((o) => !o.ok)) {
      warning('upload-sarif: not uploading, because a config was rejected and the analysis is incomplete (an empty analysis would close every open alert).');
    } else if (!client || !ctx.sha || !ctx.ref) {
      degraded.push('SARIF upload (no token, commit or ref)');
    } else {
      try {
        const result = await uploadSarif(
          client,
          { owner: ctx.owner!, repo: ctx.repo!, sarif, commitSha: ctx.sha, ref: ctx.ref, checkoutUri: pathToFileURL(workspace).href, toolName: 'openclaw-audit' },
          { sleep },
        );
        sarifId = result.id;
        if (result.status === 'complete') core.info(`SARIF ${result.id} processed by code scanning.`);
        else if (result.status === 'failed') warning(`code scanning could not process the SARIF upload ${result.id}: ${result.errors.join('; ') || 'no reason given'}`);
        else notice(`code scanning is still processing the SARIF upload ${result.id}.`);
      } catch (error) {
        if (error instanceof UploadError) warning(`upload-sarif: ${error.message}`);
        else apiFailed('SARIF upload', 'security-events: write', error);
      }
    }
  }

  if (degraded.length > 0) {
    notice(
      `The token may not do everything asked, so these were skipped: ${degraded.join('; ')}. ${fork ? 'Pull requests from forks get a read-only token. ' : ''}Findings are still in the annotations, the job summary and ${toPosix(relative(workspace, inputs.sarifFile))}.`,
    );
  }

  core.setOutput('sarif-file', inputs.sarifFile);
  core.setOutput('findings-json', jsonFile);
  core.setOutput('critical', String(t.critical));
  core.setOutput('warn', String(t.warn));
  core.setOutput('info', String(t.info));
  core.setOutput('suppressed', String(t.suppressed));
  core.setOutput('new-findings', String(t.critical + t.warn + t.info));
  core.setOutput('sarif-id', sarifId);
  core.setOutput('suggestions', String(suggestionsPosted));

  if (failing) {
    core.setFailed(redact(failMessage(t, inputs.failOn, rejected.map((o) => o.config), baseline !== undefined)));
    return { exitCode: 1, totals: t };
  }
  return { exitCode: 0, totals: t };
}

function blobBase(ctx: RunContext, prefix: string): string | undefined {
  if (!ctx.owner || !ctx.repo || !ctx.headSha) return undefined;
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${ctx.headSha}/${prefix ? prefix.split('/').map(encodeURIComponent).join('/') + '/' : ''}`;
}

/** The exclude input, else the settings file's `exclude:` (named as such in --verbose-like messages). */
function excludeOption(input: readonly string[], settings: ToolConfig | undefined): { exclude: readonly string[]; names: { root: string; exclude: string } } {
  if (input.length === 0 && settings?.exclude) return { exclude: settings.exclude, names: { root: 'root:', exclude: `${settings.file} exclude:` } };
  return { exclude: input, names: { root: 'root:', exclude: 'exclude:' } };
}

function failMessage(t: Totals, failOn: FailLevel, rejected: string[], onlyNew: boolean): string {
  const parts: string[] = [];
  if (rejected.length > 0) parts.push(`openclaw would reject ${rejected.join(', ')}`);
  if (failOn !== 'none') {
    const levels = failOn === 'critical' ? ['critical'] : failOn === 'warn' ? ['critical', 'warn'] : ['critical', 'warn', 'info'];
    const n = levels.reduce((sum, level) => sum + t[level as 'critical' | 'warn' | 'info'], 0);
    if (n > 0) parts.push(`${countLabel(n, onlyNew ? 'new finding' : 'finding')} at or above fail-on: ${failOn}`);
  }
  return `openclaw-audit: ${parts.join('; ')}.`;
}
