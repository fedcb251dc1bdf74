/**
 * Where each report goes. `--format F` chooses what stdout gets (text by default); a plain `--output FILE` sends that
 * report to FILE instead; each `--output FORMAT=FILE` (repeatable) also writes FORMAT to FILE, from the same audit.
 * Like Semgrep's `--sarif-output`/`--json-output` and Trivy's `--output`, in one flag.
 */
import { resolve } from 'node:path';
import type { AuditOutcome } from '../core/types.ts';
import { UsageError } from '../io/discover.ts';
import { FORMATS, renderFormat, type Format } from '../report/formats.ts';
import type { FailLevel } from '../report/gate.ts';
import { toJson } from '../report/json.ts';
import { migrationToJson, renderMigrationText } from '../report/migration.ts';
import type { MigrationSummary } from '../report/migration.ts';
import { renderText } from '../report/text.ts';

export interface OutputTarget {
  format: Format;
  /** Absolute path; stdout when absent. */
  file?: string;
}

const FORMAT_TO_FILE = /^([a-z]+)=(.+)$/;

export function planOutputs(format: Format, outputs: readonly string[], cwd: string): OutputTarget[] {
  const targets: OutputTarget[] = [];
  let plain: string | undefined;
  for (const value of outputs) {
    // `word=…` is always FORMAT=FILE; a file whose name looks like that is written as ./word=….
    const m = FORMAT_TO_FILE.exec(value);
    if (m) {
      if (!(FORMATS as readonly string[]).includes(m[1]!))
        throw new UsageError(`--output ${value}: unknown format ${m[1]} (one of ${FORMATS.join(', ')})`);
      targets.push({ format: m[1] as Format, file: resolve(cwd, m[2]!) });
      continue;
    }
    if (plain !== undefined)
      throw new UsageError(
        `--output FILE is given twice (${plain}, ${value}); use --output FORMAT=FILE for more reports`,
      );
    plain = value;
  }
  targets.unshift({ format, ...(plain !== undefined ? { file: resolve(cwd, plain) } : {}) });
  const files = targets.flatMap((t) => (t.file ? [t.file] : []));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`two reports would be written to ${twice}`);
  return targets;
}

export interface RenderContext {
  version: string;
  ts: number;
  color: boolean;
  failOn: FailLevel;
  /** Per outcome: what `openclaw doctor --fix` would migrate in a rejected config (text, JSON and Markdown show it). */
  migrations?: ReadonlyArray<MigrationSummary | undefined>;
  /** SARIF only: `--category`. */
  category?: string;
  /** SARIF only: `--omit-suppressed`. */
  omitSuppressed?: boolean;
}

/** The migrations of an outcome list (same order) by config. */
function byConfig(
  outcomes: readonly AuditOutcome[],
  migrations: ReadonlyArray<MigrationSummary | undefined>,
): Map<string, MigrationSummary> {
  const out = new Map<string, MigrationSummary>();
  outcomes.forEach((o, i) => {
    if (migrations[i]) out.set(o.config, migrations[i]!);
  });
  return out;
}

/** One report. Secrets were kept out where the config's structure is known (core/redact.ts): nothing is rewritten. */
export function renderReport(format: Format, outcomes: readonly AuditOutcome[], ctx: RenderContext): string {
  const migrations = ctx.migrations ?? [];
  if (format === 'text')
    return (
      renderText(outcomes, { color: ctx.color }) +
      outcomes.map((o, i) => (migrations[i] ? renderMigrationText(o.config, migrations[i]!) : '')).join('')
    );
  if (format === 'json')
    return toJson(outcomes, { ts: ctx.ts, migrations: migrations.map((m) => (m ? migrationToJson(m) : undefined)) });
  const { color: _color, ts: _ts, migrations: _migrations, ...options } = ctx;
  return renderFormat(format, outcomes, { ...options, migrations: byConfig(outcomes, migrations) });
}
