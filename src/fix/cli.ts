/** `--fix` / `--fix --dry-run` for the CLI: plan, print, and write through `CliIo.writeFile`. */
import type { CliIo } from '../cli/io.ts';
import { formatName, wroteReport } from '../cli/output-note.ts';
import type { AuditOutcome } from '../core/types.ts';
import { renderFormat, type Format } from '../report/formats.ts';
import { outcomeToJson } from '../report/json.ts';
import { escapeControlCharacters, oneLine, renderText } from '../report/text.ts';
import { safeDiff } from './diff.ts';
import { planFixRun, type ConfigFix, type FileFix, type FixRun } from './run.ts';
import { errorMessage } from '../core/errors.ts';
import { migrationToJson } from '../report/migration.ts';

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
    if (!(FIX_KINDS as readonly string[]).includes(m[1]!))
      throw new Error(`--fix= takes ${FIX_KINDS.join(' or ')} (got ${JSON.stringify(m[1]).slice(0, 60)})`);
    named.push(m[1]!);
    return '--fix';
  });
  const kinds =
    named.length === 0
      ? { security: true, migrate: true }
      : { security: named.includes('security'), migrate: named.includes('migrate') };
  return { argv: rest, kinds };
}

export interface FixCommandOptions {
  /** Which fixes to make (default both). */
  kinds?: FixKinds;
  /** Absolute config paths. */
  configs: string[];
  root: string;
  format: Format;
  /** `--category` and `--omit-suppressed`, for `--format sarif`. */
  sarif?: { category?: string; omitSuppressed?: boolean };
  fix: boolean;
  dryRun: boolean;
  /** Absolute path to write the output to instead of stdout. */
  output?: string;
  /** `--output` as the user wrote it, for the message that says where the output went. */
  outputName?: string;
  /** Whether an accepted config's report fails the run (`--fail-on`). */
  fails: (outcome: AuditOutcome & { ok: true }) => boolean;
  color: boolean;
  io: CliIo;
}

/** A dry-run patch and what it leaves out because it would show a secret. */
interface DryRunDiff {
  patch: string;
  /** `<file>:<line>`: a change whose own lines hold a secret (made by `--fix`, not shown). */
  withheld: string[];
  /** A hunk ends without context (the next line holds a secret): `git apply --unidiff-zero` applies it. */
  needsUnidiffZero: boolean;
}

/** The dry-run patch of some files: one unified diff per edited file, in the order the files were first edited. */
function renderDiff(run: FixRun, files: readonly FileFix[] = run.files): DryRunDiff {
  const diffs = files.map((f) => ({ file: f.file, ...safeDiff(f.file, f.before, f.edits, f.hidden) }));
  return {
    patch: diffs.map((d) => d.patch).join(''),
    withheld: diffs.flatMap((d) => d.withheld.map((line) => `${d.file}:${line}`)),
    needsUnidiffZero: diffs.some((d) => d.needsUnidiffZero),
  };
}

/** Control characters escaped, keeping the line structure (tabs, `\n`, and a `\r` that ends a CRLF line). */
function escapePatchForTerminal(patch: string): string {
  return patch
    .split('\n')
    .map((line) =>
      line.endsWith('\r') ? escapeControlCharacters(line.slice(0, -1)) + '\r' : escapeControlCharacters(line),
    )
    .join('\n');
}

/** What the patch leaves out, and how to apply it, for stderr. */
function diffNotes(diff: DryRunDiff): string {
  let out = '';
  for (const at of diff.withheld)
    out += `openclaw-audit: the change at ${oneLine(at)} is not in the patch: its lines hold a secret (run --fix to make it)\n`;
  if (diff.needsUnidiffZero)
    out +=
      'openclaw-audit: some hunks have no context after the change (the next line holds a secret): apply with git apply --unidiff-zero\n';
  return out;
}

function migrationSummary(result: ConfigFix, dryRun: boolean): string {
  const m = result.migration;
  if (!m) return '';
  const verb = dryRun ? 'would migrate' : 'migrated';
  // Messages name config keys (a dropped key, an issue's path): one line each, control characters escaped.
  let out = `${oneLine(result.config)}: ${verb} (openclaw doctor --fix's config migrations): ${m.migrations.length} change${m.migrations.length === 1 ? '' : 's'}${m.dropped.length > 0 ? `, ${m.dropped.length} unknown key${m.dropped.length === 1 ? '' : 's'} dropped` : ''}\n`;
  for (const line of m.migrations) out += `  ${oneLine(line.split('\n')[0]!)}\n`;
  for (const d of m.dropped) out += `  dropped unknown key ${oneLine(d)}\n`;
  for (const r of m.repairs) out += `  ${oneLine(r.replace(/^- /, ''))}\n`;
  for (const p of m.pending) out += `  pending until the plugin is installed: ${oneLine(p)}\n`;
  for (const r of m.remaining) out += `  still to fix by hand: ${oneLine(r)}\n`;
  return out;
}

function summary(result: ConfigFix, dryRun: boolean): string {
  if (!result.report.ok)
    return `${migrationSummary(result, dryRun)}${oneLine(result.config)}: config is ${result.migration ? 'still ' : ''}invalid, no security fix made\n`;
  const verb = dryRun ? 'would fix' : 'fixed';
  let out = migrationSummary(result, dryRun);
  out +=
    result.changes.length === 0 && result.errors.length === 0
      ? `${oneLine(result.config)}: ${result.migration ? 'no security fix to make' : 'nothing to fix'}\n`
      : `${oneLine(result.config)}: ${verb} ${result.changes.length} value${result.changes.length === 1 ? '' : 's'}\n`;
  for (const c of result.changes)
    out += `  ${oneLine(c.file)}:${c.line}:${c.column}  ${oneLine(c.path)}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}\n`;
  for (const e of result.errors) out += `  cannot fix: ${oneLine(e)}\n`;
  return out;
}

function dryRunJson(diff: DryRunDiff): Record<string, unknown> {
  return {
    diff: diff.patch,
    ...(diff.withheld.length > 0 ? { withheld: diff.withheld } : {}),
    ...(diff.needsUnidiffZero ? { unidiffZero: true } : {}),
  };
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
      ...(options.dryRun
        ? dryRunJson(
            renderDiff(
              run,
              run.files.filter((f) => files.has(f.file)),
            ),
          )
        : {}),
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
  const run = planFixRun({
    host: io.host,
    configPaths: options.configs,
    root: options.root,
    ...(options.kinds ? { kinds: options.kinds } : {}),
  });
  const reports = run.configs.map((c) => c.report);
  const summaries = run.configs.map((c) => summary(c, options.dryRun)).join('');

  let out: string;
  if (options.format === 'json') {
    const body = run.configs.map((c) => toFixJson(c, run, options));
    out = JSON.stringify(body.length === 1 ? body[0] : body, null, 2) + '\n';
  } else if (options.dryRun) {
    io.stderr(summaries);
    const rejected = reports.filter((r) => !r.ok);
    if (rejected.length > 0) io.stderr(renderText(rejected, { color: false }));
    const diff = renderDiff(run);
    io.stderr(diffNotes(diff));
    // On a terminal the patch is for reading: control characters from the files are shown escaped. Piped or
    // written with --output it stays byte for byte what `git apply` needs.
    out = io.stdoutIsTerminal === true && !options.output ? escapePatchForTerminal(diff.patch) : diff.patch;
  } else if (options.format === 'text') {
    out = `${summaries}\n${renderText(reports, { color: options.color })}`;
  } else {
    io.stderr(summaries);
    out = renderFormat(options.format, reports, { version: io.version, ...options.sarif });
  }

  if (!options.dryRun) {
    for (const file of run.files) {
      try {
        // Only inside the root, and while the file still holds the text the fix was planned on (an edit made
        // meanwhile is kept).
        io.writeFile(file.absPath, file.after, { expect: file.before, within: options.root });
      } catch (error) {
        io.stderr(`openclaw-audit: cannot write ${file.file}: ${errorMessage(error)}\n`);
        return 2;
      }
    }
  }
  if (options.output) {
    try {
      io.writeFile(options.output, out);
      const what = options.dryRun && options.format !== 'json' ? 'the patch' : formatName(options.format);
      io.stderr(wroteReport(options.outputName ?? options.output, what, reports.length));
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${options.output}: ${errorMessage(error)}\n`);
      return 2;
    }
  } else {
    io.stdout(out);
  }
  if (reports.some((r) => !r.ok)) return 2;
  // A dry run answers "is this patch every fix?", so `--fix --dry-run > fix.patch && git apply fix.patch` goes on
  // whatever findings remain: 0 when the diff holds every change (none included), 1 when a change could not be made.
  if (options.dryRun) return run.ok ? 0 : 1;
  const failing = reports.some((r) => r.ok && options.fails(r)) ? 1 : 0;
  return run.ok ? failing : Math.max(failing, 1);
}
