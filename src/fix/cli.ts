/** `--fix` / `--fix --dry-run` for the CLI: plan, print, and write through `CliIo.writeFile`. */
import type { CliIo } from '../cli/main.ts';
import { redactText } from '../core/redact.ts';
import type { AuditOutcome } from '../core/types.ts';
import { renderFormat, type Format } from '../report/formats.ts';
import { outcomeToJson } from '../report/json.ts';
import { renderText } from '../report/text.ts';
import { migrationToJson } from '../report/migration.ts';
import { unifiedDiff } from './diff.ts';
import { planFixRun, type ConfigFix, type FixRun } from './run.ts';

/** Which fixes `--fix` makes: `--fix` both, `--fix=security` or `--fix=migrate` one. */
export interface FixKinds {
  security: boolean;
  migrate: boolean;
}

const FIX_KINDS = ['security', 'migrate'] as const;

/** Reads `--fix=KIND` options (turned into plain `--fix` for the argument parser); throws on an unknown kind. */
export function parseFixKinds(argv: string[]): { argv: string[]; kinds: FixKinds } {
  const named: string[] = [];
  const rest = argv.map((arg) => {
    const m = /^--fix=(.*)$/s.exec(arg);
    if (!m) return arg;
    if (!(FIX_KINDS as readonly string[]).includes(m[1]!)) throw new Error(`--fix= takes ${FIX_KINDS.join(' or ')} (got ${JSON.stringify(m[1]).slice(0, 60)})`);
    named.push(m[1]!);
    return '--fix';
  });
  const kinds = named.length === 0 ? { security: true, migrate: true } : { security: named.includes('security'), migrate: named.includes('migrate') };
  return { argv: rest, kinds };
}

export interface FixCommandOptions {
  /** Which fixes to make (default both). */
  kinds?: FixKinds;
  /** Absolute config paths. */
  configs: string[];
  root: string;
  format: Format;
  fix: boolean;
  dryRun: boolean;
  /** Absolute path to write the output to instead of stdout. */
  output?: string;
  /** Whether an accepted config's report fails the run (`--fail-on`). */
  fails: (outcome: AuditOutcome & { ok: true }) => boolean;
  color: boolean;
  io: CliIo;
}

/** The whole dry-run patch: one unified diff per edited file, in the order the files were first edited. */
export function renderDiff(run: FixRun): string {
  return run.files.map((f) => unifiedDiff(f.file, f.before, f.edits)).join('');
}

function migrationSummary(result: ConfigFix, dryRun: boolean): string {
  const m = result.migration;
  if (!m) return '';
  const verb = dryRun ? 'would migrate' : 'migrated';
  let out = `${result.config}: ${verb} (openclaw doctor --fix's config migrations): ${m.migrations.length} change${m.migrations.length === 1 ? '' : 's'}${m.dropped.length > 0 ? `, ${m.dropped.length} unknown key${m.dropped.length === 1 ? '' : 's'} dropped` : ''}\n`;
  for (const line of m.migrations) out += `  ${line.split('\n')[0]}\n`;
  for (const d of m.dropped) out += `  dropped unknown key ${d}\n`;
  for (const r of m.repairs) out += `  ${r.replace(/^- /, '')}\n`;
  for (const r of m.remaining) out += `  still to fix by hand: ${r}\n`;
  return out;
}

function summary(result: ConfigFix, dryRun: boolean): string {
  if (!result.report.ok) return `${migrationSummary(result, dryRun)}${result.config}: config is ${result.migration ? 'still ' : ''}invalid, no security fix made\n`;
  const verb = dryRun ? 'would fix' : 'fixed';
  let out = migrationSummary(result, dryRun);
  out +=
    result.changes.length === 0 && result.errors.length === 0
      ? `${result.config}: nothing to fix\n`
      : `${result.config}: ${verb} ${result.changes.length} value${result.changes.length === 1 ? '' : 's'}\n`;
  for (const c of result.changes) out += `  ${c.file}:${c.line}:${c.column}  ${c.path}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}\n`;
  for (const e of result.errors) out += `  cannot fix: ${e}\n`;
  return out;
}

function toFixJson(result: ConfigFix, run: FixRun, options: FixCommandOptions): Record<string, unknown> {
  const files = new Set([...result.changes.map((c) => c.file), ...(result.migration?.files ?? [])]);
  return {
    fix: {
      ok: result.ok,
      ...(options.dryRun ? { dryRun: true } : {}),
      changes: result.changes.map((c) => ({ file: c.file, path: c.path, from: c.from, to: c.to, line: c.line })),
      ...(result.migration ? { migration: migrationToJson(result.migration) } : {}),
      errors: result.errors,
      ...(options.dryRun ? { diff: run.files.filter((f) => files.has(f.file)).map((f) => unifiedDiff(f.file, f.before, f.edits)).join('') } : {}),
    },
    report: outcomeToJson(result.report, { ts: options.io.now() }),
  };
}

export function runFixCommand(options: FixCommandOptions): number {
  const { io } = options;
  if (!options.fix) {
    io.stderr('openclaw-audit: --dry-run needs --fix\nRun openclaw-audit --help for usage.\n');
    return 2;
  }
  const run = planFixRun({ host: io.host, configPaths: options.configs, root: options.root, ...(options.kinds ? { kinds: options.kinds } : {}) });
  const redact = (text: string) => redactText(text, run.secrets);
  const reports = run.configs.map((c) => c.report);
  const summaries = run.configs.map((c) => summary(c, options.dryRun)).join('');

  let out: string;
  if (options.format === 'json') {
    const body = run.configs.map((c) => toFixJson(c, run, options));
    out = JSON.stringify(body.length === 1 ? body[0] : body, null, 2) + '\n';
  } else if (options.dryRun) {
    io.stderr(redact(summaries));
    const rejected = reports.filter((r) => !r.ok);
    if (rejected.length > 0) io.stderr(redact(renderText(rejected, { color: false })));
    out = renderDiff(run);
  } else if (options.format === 'text') {
    out = `${summaries}\n${renderText(reports, { color: options.color })}`;
  } else {
    io.stderr(redact(summaries));
    out = renderFormat(options.format, reports, { version: io.version });
  }

  if (!options.dryRun) {
    for (const file of run.files) {
      try {
        io.writeFile(file.absPath, file.after);
      } catch (error) {
        io.stderr(`openclaw-audit: cannot write ${file.file}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
    }
  }
  if (options.output) {
    try {
      io.writeFile(options.output, redact(out));
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else {
    io.stdout(redact(out));
  }
  if (reports.some((r) => !r.ok)) return 2;
  const failing = reports.some((r) => r.ok && options.fails(r)) ? 1 : 0;
  return run.ok ? failing : Math.max(failing, 1);
}
