/** The CLI: arguments in, exit code out; all I/O goes through `CliIo` so tests run it in-process. */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import type { CliIo } from './io.ts';
import { auditFile } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import { MAX_DISCOVERY_FOLDERS, UsageError, describeSkipped, discoverConfigs } from '../io/discover.ts';
import { FAIL_LEVELS, failsAt, isAtOrAbove, type FailLevel } from '../report/gate.ts';
import { FORMATS, type Format } from '../report/formats.ts';
import { renderNotes } from '../report/text.ts';
import { HELP } from './help.ts';
import { formatName, wroteReport } from './output-note.ts';
import { COLOR_MODES, colorFor, type ColorMode } from './color.ts';
import { documentedOptions, unknownOptionMessage } from './unknown-option.ts';
import { runFixCommand } from '../fix/cli.ts';
import { listChecks } from './list-checks.ts';
import { planOutputs, renderReport, type OutputTarget } from './outputs.ts';
import { errorMessage } from '../core/errors.ts';


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
      exclude: { type: 'string', multiple: true },
      verbose: { type: 'boolean' },
      lenient: { type: 'boolean' },
      fix: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      color: { type: 'string' },
      category: { type: 'string' },
      'omit-suppressed': { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      // ecosystem (issue 20)
      'list-checks': { type: 'boolean' },
    },
  });
  const format = (values.json ? 'json' : (values.format ?? 'text')) as Format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${format})`);
  if (values.json && values.format && values.format !== 'json') throw new UsageError('--json conflicts with --format ' + values.format);
  const failOn = (values['fail-on'] ?? 'critical') as FailLevel;
  if (!(FAIL_LEVELS as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')} (got ${failOn})`);
  const sarif = sarifOptions(values, format);
  const colorMode = (values['no-color'] ? 'never' : (values.color ?? 'auto')) as ColorMode;
  if (!(COLOR_MODES as readonly string[]).includes(colorMode)) throw new UsageError(`--color must be one of ${COLOR_MODES.join(', ')} (got ${colorMode})`);
  if (values['no-color'] && values.color !== undefined && values.color !== 'never') throw new UsageError(`--no-color conflicts with --color ${values.color}`);
  return { values, positionals, format, failOn, sarif, colorMode };
}

/** `--category` and `--omit-suppressed` shape the SARIF log only; with another format they would silently do nothing. */
function sarifOptions(values: { category?: string; 'omit-suppressed'?: boolean; output?: string[] }, format: Format): { category?: string; omitSuppressed?: boolean } {
  for (const flag of ['category', 'omit-suppressed'] as const) {
    const sarifRequested = format === 'sarif' || (values.output ?? []).some((o) => o.startsWith('sarif='));
    if (values[flag] !== undefined && !sarifRequested) throw new UsageError(`--${flag} applies only to SARIF (--format sarif or --output sarif=FILE)`);
  }
  if (values.category !== undefined && (values.category.trim() === '' || /[\r\n]/.test(values.category))) {
    throw new UsageError('--category must be one non-empty line');
  }
  return { ...(values.category !== undefined ? { category: values.category } : {}), ...(values['omit-suppressed'] ? { omitSuppressed: true } : {}) };
}

export function main(argv: string[], io: CliIo): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    const message = unknownOptionMessage(error, documentedOptions(HELP)) ?? errorMessage(error);
    io.stderr(`openclaw-audit: ${message}\nRun openclaw-audit --help for usage.\n`);
    return 2;
  }
  const { values, positionals, format, failOn, sarif, colorMode } = args;
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
  let root: string;
  let configs: string[];
  try {
    const found = discoverConfigs(positionals, { host: io.host, cwd: io.cwd, ...(values.root !== undefined ? { root: values.root } : {}), exclude: values.exclude ?? [] });
    ({ root, configs } = found);
    if (values.verbose) for (const s of found.skipped) io.stderr(`openclaw-audit: ${describeSkipped(s)}\n`);
    if (found.truncated) io.stderr(`openclaw-audit: warning: stopped searching after ${MAX_DISCOVERY_FOLDERS} folders; name the folders to audit\n`);
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
    const outputName = output !== undefined ? relative(io.cwd, output) || output : undefined;
    const color = format === 'text' && colorFor(colorMode, io.colorAllowed, output !== undefined);
    const fails = (o: AuditOutcome & { ok: true }) => o.findings.some((f) => isAtOrAbove(f.severity, failOn));
    return runFixCommand({ configs, root, format, sarif, ...(outputName !== undefined ? { outputName } : {}), fix: values.fix === true, dryRun: values['dry-run'] === true, output, fails, color, io });
  }
  const outcomes: AuditOutcome[] = configs.map((configPath) => auditFile({ host: io.host, configPath, root, lenient: values.lenient === true }));
  // Secrets were kept out where the config's structure is known (core/redact.ts): no output is rewritten.
  // The text report shows its notes; a machine format on stdout (or a file) leaves them to stderr.
  if (format !== 'text') io.stderr(renderNotes(outcomes));
  const ctx = { version: io.version, ts: io.now(), failOn, ...sarif };
  for (const target of targets) {
    const color = target.format === 'text' && colorFor(colorMode, io.colorAllowed, target.file !== undefined);
    const report = renderReport(target.format, outcomes, { ...ctx, color });
    if (!target.file) {
      io.stdout(report);
      continue;
    }
    const shown = relative(io.cwd, target.file) || target.file;
    try {
      io.writeFile(target.file, report);
      io.stderr(wroteReport(shown, formatName(target.format), outcomes.length));
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${shown}: ${errorMessage(error)}\n`);
      return 2;
    }
  }
  if (outcomes.some((o) => !o.ok)) return 2;
  return failsAt(outcomes, failOn) ? 1 : 0;
}
