/** The CLI: arguments in, exit code out; all I/O goes through `CliIo` so tests run it in-process. */
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import type { CliIo } from './io.ts';
import { auditFile } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import { MAX_DISCOVERY_FOLDERS, UsageError, auditRoot, describeSkipped, discoverConfigs } from '../io/discover.ts';
import { FAIL_LEVELS, failsAt, isAtOrAbove, type FailLevel } from '../report/gate.ts';
import { FORMATS, type Format } from '../report/formats.ts';
import { oneLine, renderNotes } from '../report/text.ts';
import { HELP } from './help.ts';
import { formatName, wroteReport } from './output-note.ts';
import { COLOR_MODES, colorFor, type ColorMode } from './color.ts';
import { documentedOptions, unknownOptionMessage } from './unknown-option.ts';
import { runFixCommand, parseFixKinds, type FixKinds } from '../fix/cli.ts';
import { migrationFor, readOnceHost } from '../migrate/index.ts';
import { listChecks } from './list-checks.ts';
import { planOutputs, renderReport, type OutputTarget } from './outputs.ts';
import { errorMessage } from '../core/errors.ts';
import { BaselineError, applyBaseline } from '../report/baseline.ts';
import { readBaseline } from '../io/baseline-file.ts';
import { ToolConfigError, type ToolConfig } from '../toolconfig/parse.ts';
import { loadToolConfig } from '../toolconfig/load.ts';
import { selectChecks, unmatchedGlobs, type CheckSelection } from '../report/check-filter.ts';

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
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'config-file': { type: 'string' },
      check: { type: 'string', multiple: true },
      'skip-check': { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
    },
  });
  const format = (values.json ? 'json' : (values.format ?? 'text')) as Format;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${format})`);
  if (values.json && values.format && values.format !== 'json')
    throw new UsageError('--json conflicts with --format ' + values.format);
  const failOn = (values['fail-on'] ?? 'critical') as FailLevel;
  if (!(FAIL_LEVELS as readonly string[]).includes(failOn))
    throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')} (got ${failOn})`);
  const sarif = sarifOptions(values, format);
  const colorMode = (values['no-color'] ? 'never' : (values.color ?? 'auto')) as ColorMode;
  if (!(COLOR_MODES as readonly string[]).includes(colorMode))
    throw new UsageError(`--color must be one of ${COLOR_MODES.join(', ')} (got ${colorMode})`);
  if (values['no-color'] && values.color !== undefined && values.color !== 'never')
    throw new UsageError(`--no-color conflicts with --color ${values.color}`);
  return { values, positionals, format, failOn, sarif, colorMode };
}

/** `--category` and `--omit-suppressed` shape the SARIF log only; with another format they would silently do nothing. */
function sarifOptions(
  values: { category?: string; 'omit-suppressed'?: boolean; output?: string[] },
  format: Format,
): { category?: string; omitSuppressed?: boolean } {
  for (const flag of ['category', 'omit-suppressed'] as const) {
    const sarifRequested = format === 'sarif' || (values.output ?? []).some((o) => o.startsWith('sarif='));
    if (values[flag] !== undefined && !sarifRequested)
      throw new UsageError(`--${flag} applies only to SARIF (--format sarif or --output sarif=FILE)`);
  }
  if (values.category !== undefined && (values.category.trim() === '' || /[\r\n]/.test(values.category))) {
    throw new UsageError('--category must be one non-empty line');
  }
  return {
    ...(values.category !== undefined ? { category: values.category } : {}),
    ...(values['omit-suppressed'] ? { omitSuppressed: true } : {}),
  };
}

export function main(argv: string[], io: CliIo): number {
  let args: ReturnType<typeof parse>;
  let kinds: FixKinds;
  try {
    ({ argv, kinds } = parseFixKinds(argv));
    args = parse(argv);
  } catch (error) {
    const message = unknownOptionMessage(error, documentedOptions(HELP)) ?? errorMessage(error);
    io.stderr(`openclaw-audit: ${message}\nRun openclaw-audit --help for usage.\n`);
    return 2;
  }
  const { values, positionals, format, sarif, colorMode } = args;
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
  let settings: ToolConfig | undefined;
  try {
    root = auditRoot(positionals, {
      host: io.host,
      cwd: io.cwd,
      ...(values.root !== undefined ? { root: values.root } : {}),
    });
    settings = loadToolConfig({
      host: io.host,
      cwd: io.cwd,
      root,
      ...(values['config-file'] !== undefined ? { explicit: values['config-file'] } : {}),
    });
  } catch (error) {
    if (!(error instanceof ToolConfigError) && !(error instanceof UsageError)) throw error;
    io.stderr(`openclaw-audit: ${error.message}\n`);
    return 2;
  }
  // Flags override the settings file, key by key.
  const failOn: FailLevel = values['fail-on'] !== undefined ? args.failOn : (settings?.failOn ?? args.failOn);
  const selection: CheckSelection = {
    ...((values.check ?? settings?.checks?.select) ? { select: values.check ?? settings?.checks?.select } : {}),
    ...((values['skip-check'] ?? settings?.checks?.ignore)
      ? { ignore: values['skip-check'] ?? settings?.checks?.ignore }
      : {}),
  };
  for (const glob of unmatchedGlobs([...(selection.select ?? []), ...(selection.ignore ?? [])])) {
    io.stderr(
      `openclaw-audit: warning: ${JSON.stringify(glob)} matches no check (openclaw-audit --list-checks lists them)\n`,
    );
  }
  const exclude = values.exclude ?? settings?.exclude ?? [];
  const excludeName =
    values.exclude === undefined && settings?.exclude
      ? { names: { root: '--root', exclude: `${settings.file} exclude:` } }
      : {};
  let configs: string[];
  try {
    const found = discoverConfigs(positionals, { host: io.host, cwd: io.cwd, root, exclude, ...excludeName });
    ({ root, configs } = found);
    if (values.verbose) for (const s of found.skipped) io.stderr(`openclaw-audit: ${describeSkipped(s)}\n`);
    if (found.truncated)
      io.stderr(
        `openclaw-audit: warning: stopped searching after ${MAX_DISCOVERY_FOLDERS} folders; name the folders to audit\n`,
      );
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
    return runFixCommand({
      configs,
      root,
      format,
      sarif,
      ...(outputName !== undefined ? { outputName } : {}),
      fix: values.fix === true,
      kinds,
      dryRun: values['dry-run'] === true,
      output,
      fails,
      color,
      io,
    });
  }
  const deployEnv = values.env ?? settings?.env ?? [];
  const badName = deployEnv.find((name) => !/^[A-Z_][A-Z0-9_]*$/.test(name));
  if (badName !== undefined) {
    io.stderr(
      `openclaw-audit: --env ${badName}: a variable name is A-Z, 0-9 and _, not starting with a digit (the name only, never its value)\n`,
    );
    return 2;
  }
  const host = readOnceHost(io.host);
  const audited: AuditOutcome[] = configs.map((configPath) =>
    auditFile({
      host,
      configPath,
      root,
      lenient: values.lenient === true,
      deployEnv,
      today: new Date(io.now()).toISOString().slice(0, 10),
    }),
  );
  // Like the notes: the text report shows ignore warnings; with another format they go to stderr.
  if (format !== 'text') {
    for (const o of audited) {
      if (o.ok)
        for (const w of o.ignoreWarnings ?? [])
          io.stderr(
            `openclaw-audit: warning: ${oneLine(w.location.file)}:${w.location.line}:${w.location.column}: ${oneLine(w.message)}\n`,
          );
    }
  }
  const selected = selectChecks(audited, selection);
  let outcomes = selected;
  // Writing a new baseline does not read the one the settings name (it may not exist yet); an explicit --baseline is read.
  const fromSettings =
    settings?.baseline !== undefined && values['write-baseline'] === undefined
      ? resolve(root, settings.baseline)
      : undefined;
  const baseline = values.baseline ?? fromSettings;
  if (baseline !== undefined) {
    try {
      outcomes = applyBaseline(
        selected,
        readBaseline(
          io,
          baseline,
          values.baseline !== undefined ? undefined : `${settings!.file} baseline: ${settings!.baseline}`,
        ),
      );
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      io.stderr(`openclaw-audit: ${error.message}\n`);
      return 2;
    }
  }
  if (values['write-baseline']) {
    // Every finding of this run, whatever --baseline hid: the next run's baseline.
    try {
      io.writeFile(
        resolve(io.cwd, values['write-baseline']),
        renderReport('json', selected, { version: io.version, ts: io.now(), failOn, color: false }),
      );
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${values['write-baseline']}: ${errorMessage(error)}\n`);
      return 2;
    }
  }
  // A rejected config: what `openclaw doctor --fix` would migrate, and the audit as it would be after
  // (text, JSON and Markdown show it; the other formats do not, so it is computed only when one of them is written).
  const showsMigration = targets.some((t) => t.format === 'text' || t.format === 'json' || t.format === 'markdown');
  const migrations = outcomes.map((o, i) =>
    o.ok || !showsMigration ? undefined : migrationFor(host, configs[i]!, root, o.issues),
  );
  // Secrets were kept out where the config's structure is known (core/redact.ts): no output is rewritten.
  // The text report shows its notes; a machine format on stdout (or a file) leaves them to stderr.
  if (format !== 'text') io.stderr(renderNotes(outcomes));
  const ctx = { version: io.version, ts: io.now(), failOn, migrations, ...sarif };
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
