/**
 * The "upgrade readiness" part of a report for a config openclaw rejects: what `openclaw doctor --fix` would
 * migrate (its own lines), what it would drop as unknown, what still needs a person, and the audit of the config as
 * it would be after the migration (labelled as such; the rejection still decides the exit code).
 */
import type { AuditOutcome, ConfigIssue } from '../core/types.ts';
import { maskSecretValues } from '../core/redact.ts';
import type { MigrationRun } from '../migrate/run.ts';
import { escapeControlCharacters } from './text.ts';

/** What the migration does about one of openclaw's issues with the config as committed. */
export interface IssueFate {
  path: string;
  message: string;
  /** `migrated`: gone after doctor's migrations; `dropped`: an unknown key doctor removes; `by hand`: still there. */
  fate: 'migrated' | 'dropped' | 'by hand';
}

export interface MigrationSummary {
  /** openclaw's issues with the config as committed, each with what the migration does about it. */
  issues: IssueFate[];
  /** doctor's lines for the changes it would make. */
  migrations: string[];
  /** Unknown keys doctor would drop (dotted paths). */
  dropped: string[];
  /** doctor's lines for the other repairs it writes with the migrations (plugins enabled, group allowlists, …). */
  repairs: string[];
  /**
   * Plugin-owned settings doctor leaves pending offline, as in CI (`path: message`, doctor's words): kept as written
   * and unchecked until the plugin is installed and its own upgrade runs.
   */
  pending: string[];
  /** Issues that remain after the migration: they need a person (`path: message`). */
  remaining: string[];
  /** Changes that could not be written as edits (reported, nothing guessed). */
  errors: string[];
  /** Files the migration edits (relative to the root). */
  files: string[];
  /** The audit of the config as it would be after the migration. */
  after: AuditOutcome;
}

/**
 * doctor's lines quote config values (origins, bindings, model ids): like every message built from config values,
 * they show none of the config's distinctive secret values.
 */
/**
 * What doctor does with a config that stays invalid after its migrations, and what we do instead (shown whenever the
 * migrated config would still be rejected).
 */
export const DOCTOR_WRITES_NOTHING =
  'openclaw doctor --fix may write none of these while an issue remains ("config fixes were not applied"); openclaw-audit --fix=migrate makes them and leaves the rest to you';

export function summarizeMigration(run: MigrationRun, issues: readonly ConfigIssue[] = []): MigrationSummary {
  const mask = (lines: readonly string[]) => lines.map((l) => maskSecretValues(l, run.secrets));
  return {
    issues: issues.map((i) => ({ path: i.path, message: i.message, fate: fateOf(i, run) })),
    migrations: mask(run.plan.changes),
    dropped: mask(run.plan.dropped),
    repairs: mask(run.plan.repairs),
    pending: mask(run.plan.pending.map((p) => `${p.path}: ${p.message}`)),
    remaining: run.after.ok ? [] : run.after.issues.map((i) => `${i.path}: ${i.message}`),
    errors: mask(run.errors),
    files: run.files.map((f) => f.file),
    after: run.after,
  };
}

const TEXT_FATE: Record<IssueFate['fate'], string> = {
  migrated: 'migrated',
  dropped: 'dropped (unknown key)',
  'by hand': 'remains: needs a person',
};

const UNRECOGNIZED = /^Unrecognized keys?: (.*)$/;

function fateOf(issue: ConfigIssue, run: MigrationRun): IssueFate['fate'] {
  const after = run.after;
  if (!after.ok && after.issues.some((i) => i.path === issue.path && i.message === issue.message)) return 'by hand';
  const keys = [...(UNRECOGNIZED.exec(issue.message)?.[1] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
  const base = issue.path === '<root>' ? '' : `${issue.path}.`;
  if (keys.length > 0 && keys.every((k) => run.plan.dropped.includes(base + k))) return 'dropped';
  return 'migrated';
}

export function migrationToJson(summary: MigrationSummary): Record<string, unknown> {
  const after = summary.after;
  return {
    issues: summary.issues,
    migrations: summary.migrations,
    dropped: summary.dropped,
    repairs: summary.repairs,
    pending: summary.pending,
    needsAPerson: summary.remaining,
    ...(summary.errors.length > 0 ? { errors: summary.errors } : {}),
    filesChanged: summary.files,
    afterMigration: after.ok
      ? {
          ok: true,
          summary: after.summary,
          findings: after.findings.map((f) => ({ checkId: f.checkId, severity: f.severity, title: f.title })),
        }
      : { ok: false, issues: after.issues.map((i) => ({ path: i.path, message: i.message })) },
  };
}

export function renderMigrationText(config: string, summary: MigrationSummary): string {
  const e = escapeControlCharacters;
  if (summary.migrations.length === 0 && summary.dropped.length === 0 && summary.repairs.length === 0) return '';
  let out = `\n${e(config)}: upgrade readiness — what \`openclaw doctor --fix\` would change (apply with openclaw-audit --fix=migrate)\n`;
  for (const i of summary.issues) out += `  issue    ${e(i.path)}: ${e(i.message)} → ${TEXT_FATE[i.fate]}\n`;
  for (const m of summary.migrations) out += `  migrate  ${e(m.split('\n')[0]!)}\n`;
  for (const d of summary.dropped) out += `  drop     ${e(d)} (unknown key)\n`;
  for (const r of summary.repairs) out += `  repair   ${e(r.replace(/^- /, ''))}\n`;
  for (const p of summary.pending) out += `  pending  ${e(p)}\n`;
  for (const r of summary.remaining) out += `  by hand  ${e(r)}\n`;
  for (const r of summary.errors) out += `  cannot   ${e(r)}\n`;
  const after = summary.after;
  if (after.ok) {
    const c = after.summary;
    out += `  after the migration (not the config as committed): ${c.critical} critical, ${c.warn} warn, ${c.info} info\n`;
    for (const f of after.findings) out += `    ${f.severity.padEnd(8)} ${e(f.checkId)}  ${e(f.title)}\n`;
  } else {
    out += `  after the migration the config would still be rejected (${after.issues.length} issue${after.issues.length === 1 ? '' : 's'})\n`;
    out += `  ${DOCTOR_WRITES_NOTHING}\n`;
  }
  return out;
}
