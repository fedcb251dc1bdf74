/** `--fix` / `--fix --dry-run` for the CLI: plan, print, and write through `CliIo.writeFile`. */
import type { CliIo } from '../cli/io.ts';
import { formatName, wroteReport } from '../cli/output-note.ts';
import { redactText } from '../core/redact.ts';
import type { AuditOutcome } from '../core/types.ts';
import { renderFormat, type Format } from '../report/formats.ts';
import { outcomeToJson } from '../report/json.ts';
import { renderText } from '../report/text.ts';
import { unifiedDiff } from './diff.ts';
import { planFixRun, type ConfigFix, type FixRun } from './run.ts';

export interface FixCommandOptions {
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

/** The whole dry-run patch: one unified diff per edited file, in the order the files were first edited. */
export function renderDiff(run: FixRun): string {
  return run.files.map((f) => unifiedDiff(f.file, f.before, f.edits)).join('');
}

function summary(result: ConfigFix, dryRun: boolean): string {
  if (!result.report.ok) return `${result.config}: config is invalid, nothing fixed\n`;
  const verb = dryRun ? 'would fix' : 'fixed';
  let out =
    result.changes.length === 0 && result.errors.length === 0
      ? `${result.config}: nothing to fix\n`
      : `${result.config}: ${verb} ${result.changes.length} value${result.changes.length === 1 ? '' : 's'}\n`;
  for (const c of result.changes) out += `  ${c.file}:${c.line}:${c.column}  ${c.path}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}\n`;
  for (const e of result.errors) out += `  cannot fix: ${e}\n`;
  return out;
}

function toFixJson(result: ConfigFix, run: FixRun, options: FixCommandOptions): Record<string, unknown> {
  const files = new Set(result.changes.map((c) => c.file));
  return {
    fix: {
      ok: result.ok,
      ...(options.dryRun ? { dryRun: true } : {}),
      changes: result.changes.map((c) => ({ file: c.file, path: c.path, from: c.from, to: c.to, line: c.line })),
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
  const run = planFixRun({ host: io.host, configPaths: options.configs, root: options.root });
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
    out = renderFormat(options.format, reports, { version: io.version, ...options.sarif });
  }

  if (!options.dryRun) {
    for (const file of run.files) {
      try {
        // Only inside the root, and while the file still holds the text the fix was planned on (an edit made
        // meanwhile is kept).
        io.writeFile(file.absPath, file.after, { expect: file.before, within: options.root });
      } catch (error) {
        io.stderr(`openclaw-audit: cannot write ${file.file}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
    }
  }
  if (options.output) {
    try {
      io.writeFile(options.output, redact(out));
      const what = options.dryRun && options.format !== 'json' ? 'the patch' : formatName(options.format);
      io.stderr(wroteReport(options.outputName ?? options.output, what, reports.length));
    } catch (error) {
      io.stderr(`openclaw-audit: cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  } else {
    io.stdout(redact(out));
  }
  if (reports.some((r) => !r.ok)) return 2;
  // A dry run answers "is this patch every fix?", so `--fix --dry-run > fix.patch && git apply fix.patch` goes on
  // whatever findings remain: 0 when the diff holds every change (none included), 1 when a change could not be made.
  if (options.dryRun) return run.ok ? 0 : 1;
  const failing = reports.some((r) => r.ok && options.fails(r)) ? 1 : 0;
  return run.ok ? failing : Math.max(failing, 1);
}
