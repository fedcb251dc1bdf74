/** The CLI: arguments in, exit code out; all I/O goes through `CliIo` so tests run it in-process. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Host } from '../core/host.ts';
import { redactJson, redactText } from '../core/redact.ts';
import { auditFile } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import { UsageError, resolveConfigPaths } from '../io/discover.ts';
import { toJson } from '../report/json.ts';
import { FAIL_LEVELS, allSecrets, failsAt, isAtOrAbove, type FailLevel } from '../report/gate.ts';
import { renderFormat, type Format } from '../report/formats.ts';
import { renderNotes, renderText } from '../report/text.ts';
import { HELP } from './help.ts';
import { formatName, wroteReport } from './output-note.ts';
import { COLOR_MODES, colorFor, type ColorMode } from './color.ts';
import { documentedOptions, unknownOptionMessage } from './unknown-option.ts';
import { runFixCommand } from '../fix/cli.ts';

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

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export { isAtOrAbove };

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      root: { type: 'string' },
      lenient: { type: 'boolean' },
      fix: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      color: { type: 'string' },
      category: { type: 'string' },
      'omit-suppressed': { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
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
function sarifOptions(values: { category?: string; 'omit-suppressed'?: boolean }, format: Format): { category?: string; omitSuppressed?: boolean } {
  for (const flag of ['category', 'omit-suppressed'] as const) {
    if (values[flag] !== undefined && format !== 'sarif') throw new UsageError(`--${flag} applies only to --format sarif`);
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
    const message = unknownOptionMessage(error, documentedOptions(HELP)) ?? (error instanceof Error ? error.message : String(error));
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
  const root = resolve(io.cwd, values.root ?? '.');
  let configs: string[];
  try {
    configs = resolveConfigPaths(positionals, io.cwd, root);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`openclaw-audit: ${error.message}\n`);
    return 2;
  }
  if (values.fix || values['dry-run']) {
    const color = format === 'text' && colorFor(colorMode, io.colorAllowed, values.output !== undefined);
    const output = values.output ? resolve(io.cwd, values.output) : undefined;
    const fails = (o: AuditOutcome & { ok: true }) => o.findings.some((f) => isAtOrAbove(f.severity, failOn));
    return runFixCommand({ configs, root, format, sarif, ...(values.output ? { outputName: values.output } : {}), fix: values.fix === true, dryRun: values['dry-run'] === true, output, fails, color, io });
  }
  const outcomes: AuditOutcome[] = configs.map((configPath) => auditFile({ host: io.host, configPath, root, lenient: values.lenient === true }));
  const secrets = allSecrets(outcomes);
  // The text report shows its notes; a machine format on stdout (or a file) leaves them to stderr.
  if (format !== 'text') io.stderr(redactText(renderNotes(outcomes), secrets));
  const color = format === 'text' && colorFor(colorMode, io.colorAllowed, values.output !== undefined);
  const rendered =
    format === 'text'
      ? renderText(outcomes, { color })
      : format === 'json'
        ? toJson(outcomes, { ts: io.now() })
        : renderFormat(format, outcomes, { version: io.version, ...sarif });
  const output = format === 'json' ? redactJson(rendered, secrets) : redactText(rendered, secrets);
  if (values.output) {
    try {
      io.writeFile(resolve(io.cwd, values.output), output);
      io.stderr(wroteReport(values.output, formatName(format), outcomes.length));
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${values.output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else {
    io.stdout(output);
  }
  if (outcomes.some((o) => !o.ok)) return 2;
  return failsAt(outcomes, failOn) ? 1 : 0;
}
