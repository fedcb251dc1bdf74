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
  const { values, positionals, format, failOn } = args;
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
  let configs: string[];
  try {
    configs = resolveConfigPaths(positionals, io.cwd, root);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`openclaw-audit: ${error.message}\n`);
    return 2;
  }
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
  const audited: AuditOutcome[] = configs.map((configPath) => auditFile({ host: io.host, configPath, root, lenient: values.lenient === true }));
  let outcomes = audited;
  if (values.baseline) {
    try {
      outcomes = applyBaseline(audited, readBaseline(io, values.baseline));
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      io.stderr(`openclaw-audit: ${error.message}\n`);
      return 2;
    }
  }
  if (values['write-baseline']) {
    // Every finding of this run, whatever --baseline hid: the next run's baseline.
    try {
      io.writeFile(resolve(io.cwd, values['write-baseline']), renderReport('json', audited, { version: io.version, ts: io.now(), failOn, color: false }));
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
