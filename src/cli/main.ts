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
import { renderText } from '../report/text.ts';
import { HELP } from './help.ts';
import { runFixCommand, parseFixKinds, type FixKinds } from '../fix/cli.ts';
import { migrationFor, readOnceHost } from '../migrate/index.ts';
import { migrationToJson, renderMigrationText } from '../report/migration.ts';

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
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
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
  let kinds: FixKinds;
  try {
    ({ argv, kinds } = parseFixKinds(argv));
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
    const color = format === 'text' && !values.output && io.colorAllowed && !values['no-color'];
    const output = values.output ? resolve(io.cwd, values.output) : undefined;
    const fails = (o: AuditOutcome & { ok: true }) => o.findings.some((f) => isAtOrAbove(f.severity, failOn));
    return runFixCommand({ configs, root, format, fix: values.fix === true, kinds, dryRun: values['dry-run'] === true, output, fails, color, io });
  }
  const host = readOnceHost(io.host);
  const outcomes: AuditOutcome[] = configs.map((configPath) => auditFile({ host, configPath, root, lenient: values.lenient === true }));
  // A rejected config: what `openclaw doctor --fix` would migrate, and the audit as it would be after.
  // (text and JSON show it; SARIF and Markdown do not, so it is not computed for them).
  const showsMigration = format === 'text' || format === 'json';
  const migrations = outcomes.map((o, i) => (o.ok || !showsMigration ? undefined : migrationFor(host, configs[i]!, root)));
  const secrets = [...new Set([...allSecrets(outcomes), ...migrations.flatMap((m) => m?.after.secrets ?? [])])].sort((a, b) => b.length - a.length);
  const color = format === 'text' && !values.output && io.colorAllowed && !values['no-color'];
  const rendered =
    format === 'text'
      ? renderText(outcomes, { color }) + outcomes.map((o, i) => (migrations[i] ? renderMigrationText(o.config, migrations[i]!) : '')).join('')
      : format === 'json'
        ? toJson(outcomes, { ts: io.now(), migrations: migrations.map((m) => (m ? migrationToJson(m) : undefined)) })
        : renderFormat(format, outcomes, { version: io.version });
  const output = format === 'json' ? redactJson(rendered, secrets) : redactText(rendered, secrets);
  if (values.output) {
    try {
      io.writeFile(resolve(io.cwd, values.output), output);
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
