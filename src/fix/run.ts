/**
 * `--fix` over one or more configs: audit (the config must be valid), plan, apply to the texts, re-load and re-audit
 * the result. Pure over a `Host`: nothing is written here; the caller writes `FixRun.files`.
 */
import { resolve } from 'node:path';
import { overlayHost, type Host } from '../core/host.ts';
import { loadConfig } from '../core/config/load.ts';
import { auditFile } from '../core/run.ts';
import { mergeSecrets, secretLines, type ConfigSecrets } from '../core/redact.ts';
import type { AuditOutcome } from '../core/types.ts';
import { runMigration } from '../migrate/run.ts';
import { summarizeMigration, type MigrationSummary } from '../report/migration.ts';
import { planFixes, type FixChange, type PlannedEdit } from './plan.ts';
import type { HiddenLines } from './diff.ts';
import { applyEdits, decodeFull } from './text.ts';

export interface FixOptions {
  host: Host;
  /** Absolute paths of the config files, fixed in this order. */
  configPaths: readonly string[];
  /** Absolute audit root (printed paths are relative to it). */
  root: string;
  /**
   * Which fixes to make: openclaw's security fix, doctor's config migrations. Default: the security fix only; the CLI's
   * `--fix` and the Action's suggest-fixes ask for both.
   */
  kinds?: { security: boolean; migrate: boolean };
}

/** One file the fixes edit: its text before and after (BOM and line endings included), and the edits between them. */
export interface FileFix {
  /** Relative to the root. */
  file: string;
  absPath: string;
  before: string;
  after: string;
  /** Edits in `before`'s offsets, sorted, non-overlapping. */
  edits: PlannedEdit[];
  /**
   * The 1-based lines that hold a secret, in `before` and in `after` (a migration can move a secret to new lines):
   * neither is ever quoted.
   */
  hidden: HiddenLines;
}

export interface ConfigFix {
  config: string;
  /** The config was accepted, and every change openclaw would make was made (or none was needed). */
  ok: boolean;
  changes: FixChange[];
  /** `<path>: <message>` issues of a rejected config, or why a change could not be made. */
  errors: string[];
  /** The audit after the fix (of the config as it is, when nothing was changed or it was rejected). */
  report: AuditOutcome;
  /** doctor's config migrations applied (with --fix or --fix=migrate), when there were any. */
  migration?: MigrationSummary;
}

export interface FixRun {
  configs: ConfigFix[];
  /** Every file to write, once, with all the edits of every config. */
  files: FileFix[];
  ok: boolean;
  /** The secrets of every config before and after: what is never printed. */
  secrets: ConfigSecrets;
}

/** Maps an edit made on an already-edited text back to the original text's offsets. */
function toOriginal(prior: readonly PlannedEdit[], edit: PlannedEdit): PlannedEdit {
  let shift = 0;
  for (const p of [...prior].sort((a, b) => a.start - b.start)) {
    const newEnd = p.start + shift + p.text.length;
    if (newEnd > edit.start) break;
    shift += p.text.length - (p.end - p.start);
  }
  return { ...edit, start: edit.start - shift, end: edit.end - shift };
}

export function planFixRun(options: FixOptions): FixRun {
  const { host, root } = options;
  const encoder = new TextEncoder();
  const pending = new Map<string, Uint8Array>();
  const files = new Map<string, FileFix>();
  const configs: ConfigFix[] = [];
  const secrets: ConfigSecrets[] = [];
  // Spans locate secrets in one version of the texts: as read (before any edit) and as written (after every edit).
  const asRead: ConfigSecrets[] = [];
  const asWritten = new Map<string, ConfigSecrets>();
  const read = (h: Host, absPath: string) => decodeFull(h.readFile(absPath));

  const kinds = options.kinds ?? { security: true, migrate: false };
  const stage = (file: string, before: string, after: string, edits: PlannedEdit[]) => {
    const absPath = resolve(root, file);
    const existing = files.get(absPath);
    if (existing) {
      existing.edits = [...existing.edits, ...edits.map((e) => toOriginal(existing.edits, e))].sort(
        (a, b) => a.start - b.start,
      );
      existing.after = after;
    } else {
      const sorted = [...edits].sort((a, b) => a.start - b.start);
      files.set(absPath, {
        file,
        absPath,
        before,
        after,
        edits: sorted,
        hidden: { before: new Set(), after: new Set() },
      });
    }
    pending.set(absPath, encoder.encode(after));
  };

  for (const configPath of options.configPaths) {
    // doctor's migrations first (every one that can be made, even when another issue remains), then the security fix.
    let migration: MigrationSummary | undefined;
    let migrated = false;
    if (kinds.migrate) {
      let run: ReturnType<typeof runMigration>;
      try {
        run = runMigration({ host: overlayHost(host, pending), configPath, root });
      } catch {
        run = undefined; // a config the migration cannot read is reported by the audit below
      }
      if (
        run &&
        (run.plan.changes.length > 0 ||
          run.plan.dropped.length > 0 ||
          run.plan.repairs.length > 0 ||
          run.errors.length > 0)
      ) {
        migration = summarizeMigration(run);
        secrets.push(run.secrets);
        asRead.push(run.secretsBefore);
        migrated = run.files.length > 0;
        const lines = [...migration.migrations, ...migration.dropped.map((p) => `Removed unknown key ${p}.`)];
        for (const f of run.files)
          stage(
            f.file,
            f.before,
            f.after,
            f.edits.map((e) => ({ ...e, paths: [], migrations: lines })),
          );
      }
    }
    const current = overlayHost(host, pending);
    const before = auditFile({ host: current, configPath, root });
    secrets.push(before.secrets);
    if (!migrated) asRead.push(before.secrets);
    // Unless the security fix edits the config below, its texts as written are `current`'s.
    asWritten.set(configPath, before.secrets);
    if (!before.ok) {
      configs.push({
        config: before.config,
        ok: false,
        changes: [],
        errors: before.issues.map((i) => `${i.path}: ${i.message}`),
        report: before,
        ...(migration ? { migration } : {}),
      });
      continue;
    }
    if (!kinds.security) {
      configs.push({
        config: before.config,
        ok: (migration?.errors.length ?? 0) === 0,
        changes: [],
        errors: [...(migration?.errors ?? [])],
        report: before,
        ...(migration ? { migration } : {}),
      });
      continue;
    }
    const loaded = loadConfig({ host: current, configPath, root });
    if (!loaded.ok) throw new Error(`config ${before.config} was accepted, then failed to load`);
    const texts = new Map(loaded.config.files.map((f) => [f, read(current, resolve(root, f))]));
    const plan = planFixes(loaded.config.tree, texts);
    const result: ConfigFix = {
      config: before.config,
      ok: plan.errors.length === 0 && (migration?.errors.length ?? 0) === 0,
      changes: plan.changes,
      errors: [...(migration?.errors ?? []), ...plan.errors],
      report: before,
      ...(migration ? { migration } : {}),
    };
    configs.push(result);
    if (plan.edits.length === 0) continue;

    const next = new Map(pending);
    const edited = new Map<string, string>();
    for (const file of new Set(plan.edits.map((e) => e.file))) {
      const text = applyEdits(
        texts.get(file)!,
        plan.edits.filter((e) => e.file === file),
      );
      edited.set(file, text);
      next.set(resolve(root, file), encoder.encode(text));
    }
    const after = auditFile({ host: overlayHost(host, next), configPath, root });
    const reloaded = after.ok ? loadConfig({ host: overlayHost(host, next), configPath, root }) : undefined;
    const left = reloaded?.ok
      ? planFixes(reloaded.config.tree, new Map([...texts, ...edited])).changes.map((c) => c.path)
      : [];
    const stuck = plan.changes.filter((c) => left.includes(c.path));
    if (!after.ok || stuck.length > 0) {
      result.ok = false;
      if (!after.ok)
        result.errors.push(
          ...after.issues.map((i) => `the fixed config would be rejected, nothing written: ${i.path}: ${i.message}`),
        );
      for (const c of stuck) result.errors.push(`${c.path}: still "${c.from}" after the edit, nothing written`);
      continue;
    }
    secrets.push(after.secrets);
    asWritten.set(configPath, after.secrets);
    result.report = after;
    for (const [file, text] of edited)
      stage(
        file,
        texts.get(file)!,
        text,
        plan.edits.filter((e) => e.file === file),
      );
  }
  const secretsAsRead = mergeSecrets(asRead);
  const secretsAsWritten = mergeSecrets([...asWritten.values()]);
  for (const f of files.values())
    f.hidden = {
      before: secretLines(f.file, f.before, secretsAsRead),
      after: secretLines(f.file, f.after, secretsAsWritten),
    };
  return {
    configs,
    files: [...files.values()],
    ok: configs.every((c) => c.ok),
    secrets: mergeSecrets(secrets),
  };
}
