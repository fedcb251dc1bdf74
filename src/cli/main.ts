/** The CLI: arguments in, exit code out; all I/O goes through `CliIo` so tests run it in-process. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Host } from '../core/host.ts';
import { auditFile } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import { UsageError, resolveConfigPaths } from '../io/discover.ts';
import { FAIL_LEVELS, failsAt, isAtOrAbove, type FailLevel } from '../report/gate.ts';
import { FORMATS, type Format } from '../report/formats.ts';
import { HELP } from './help.ts';
import { runFixCommand } from '../fix/cli.ts';
import { listChecks } from './list-checks.ts';
import { planOutputs, renderReport, type OutputTarget } from './outputs.ts';
import { BaselineError, applyBaseline } from '../report/baseline.ts';
import { readBaseline } from './baseline-file.ts';
import { ToolConfigError, type ToolConfig } from '../toolconfig/parse.ts';
import { loadToolConfig } from '../toolconfig/load.ts';
import { excludeConfigs } from '../toolconfig/exclude.ts';
import { selectChecks, unmatchedGlobs, type CheckSelection } from '../report/check-filter.ts';

export interface CliIo {
  host: Host;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  writeFile: (path: string, text: string) => void;
  colorAllowed: boolean;
  now: () => number;
  version: string;
}

export { isAtOrAbove };

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      output: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      root: { type: 'string' },
      lenient: { type: 'boolean' },
      fix: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      // ecosystem (issue 20)
      'list-checks': { type: 'boolean' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'config-file': { type: 'string' },
      check: { type: 'string', multiple: true },
      'skip-check': { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
    },
  });
  const format = (values.json ? 'json' : (values.format ?? 'text')) as Format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${format})`);
  if (values.json && values.format && values.format !== 'json') throw new UsageError('--json conflicts with --format ' + values.format);
  const failOn = (values['fail-on'] ?? 'critical') as FailLevel;
  if (!(FAIL_LEVELS as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')} (got ${failOn})`);
  return { values, positionals, format, failOn };
}

export function main(argv: string[], io: CliIo): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`openclaw-audit: ${error instanceof Error ? error.message : String(error)}\nRun openclaw-audit --help for usage.\n`);
    return 2;
  }
  const { values, positionals, format } = args;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  if (values['list-checks']) {
    try {
      io.stdout(listChecks(format));
      return 0;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`openclaw-audit: ${error.message}\n`);
      return 2;
    }
  }
  const root = resolve(io.cwd, values.root ?? '.');
  let settings: ToolConfig | undefined;
  try {
    settings = loadToolConfig({ host: io.host, cwd: io.cwd, root, ...(values['config-file'] !== undefined ? { explicit: values['config-file'] } : {}) });
  } catch (error) {
    if (!(error instanceof ToolConfigError)) throw error;
    io.stderr(`openclaw-audit: ${error.message}\n`);
    return 2;
  }
  // Flags override the settings file, key by key.
  const failOn: FailLevel = values['fail-on'] !== undefined ? args.failOn : (settings?.failOn ?? args.failOn);
  const selection: CheckSelection = {
    ...((values.check ?? settings?.checks?.select) ? { select: values.check ?? settings?.checks?.select } : {}),
    ...((values['skip-check'] ?? settings?.checks?.ignore) ? { ignore: values['skip-check'] ?? settings?.checks?.ignore } : {}),
  };
  for (const glob of unmatchedGlobs([...(selection.select ?? []), ...(selection.ignore ?? [])])) {
    io.stderr(`openclaw-audit: warning: ${JSON.stringify(glob)} matches no check (openclaw-audit --list-checks lists them)\n`);
  }
  let configs: string[];
  try {
    configs = resolveConfigPaths(positionals, io.cwd, root);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`openclaw-audit: ${error.message}\n`);
    return 2;
  }
  if (settings?.exclude) configs = excludeConfigs(configs, root, settings.exclude);
  let targets: OutputTarget[];
  try {
    targets = planOutputs(format, values.output ?? [], io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`openclaw-audit: ${error.message}\n`);
    return 2;
  }
  if (values.fix || values['dry-run']) {
    if (targets.length > 1) {
      io.stderr('openclaw-audit: --fix writes one report; --output FORMAT=FILE is for audits\n');
      return 2;
    }
    const output = targets[0]!.file;
    const color = format === 'text' && !output && io.colorAllowed && !values['no-color'];
    const fails = (o: AuditOutcome & { ok: true }) => o.findings.some((f) => isAtOrAbove(f.severity, failOn));
    return runFixCommand({ configs, root, format, fix: values.fix === true, dryRun: values['dry-run'] === true, output, fails, color, io });
  }
  const deployEnv = values.env ?? settings?.env ?? [];
  const badName = deployEnv.find((name) => !/^[A-Z_][A-Z0-9_]*$/.test(name));
  if (badName !== undefined) {
    io.stderr(`openclaw-audit: --env ${badName}: a variable name is A-Z, 0-9 and _, not starting with a digit (the name only, never its value)\n`);
    return 2;
  }
  const audited: AuditOutcome[] = configs.map((configPath) => auditFile({ host: io.host, configPath, root, lenient: values.lenient === true, deployEnv, today: new Date(io.now()).toISOString().slice(0, 10) }));
  for (const o of audited) {
    if (o.ok) for (const w of o.ignoreWarnings ?? []) io.stderr(`openclaw-audit: warning: ${w.location.file}:${w.location.line}:${w.location.column}: ${w.message}\n`);
  }
  const selected = selectChecks(audited, selection);
  let outcomes = selected;
  // Writing a new baseline does not read the one the settings name (it may not exist yet); an explicit --baseline is read.
  const fromSettings = settings?.baseline !== undefined && values['write-baseline'] === undefined ? resolve(root, settings.baseline) : undefined;
  const baseline = values.baseline ?? fromSettings;
  if (baseline !== undefined) {
    try {
      outcomes = applyBaseline(selected, readBaseline(io, baseline, values.baseline !== undefined ? undefined : `${settings!.file} baseline: ${settings!.baseline}`));
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      io.stderr(`openclaw-audit: ${error.message}\n`);
      return 2;
    }
  }
  if (values['write-baseline']) {
    // Every finding of this run, whatever --baseline hid: the next run's baseline.
    try {
      io.writeFile(resolve(io.cwd, values['write-baseline']), renderReport('json', selected, { version: io.version, ts: io.now(), failOn, color: false }));
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${values['write-baseline']}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  const ctx = { version: io.version, ts: io.now(), failOn };
  for (const target of targets) {
    const color = target.format === 'text' && !target.file && io.colorAllowed && !values['no-color'];
    const report = renderReport(target.format, outcomes, { ...ctx, color });
    if (!target.file) {
      io.stdout(report);
      continue;
    }
    try {
      io.writeFile(target.file, report);
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${target.file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  if (outcomes.some((o) => !o.ok)) return 2;
  return failsAt(outcomes, failOn) ? 1 : 0;
}
