/**
 * The migration of one config over a `Host`: read the config as written (includes merged, `${VAR}` kept), plan,
 * apply the edits to the texts, check the edited files parse back to exactly the migrated config, and audit the
 * result. Nothing is written here; the caller writes `files`.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { overlayHost, type Host } from '../core/host.ts';
import { createIncludeResolver } from '../core/config/include.ts';
import { loadConfig, relativeTo } from '../core/config/load.ts';
import { toPlain, type ConfigNode } from '../core/config/node.ts';
import { parseJson5 } from '../core/config/parse.ts';
import { auditFile } from '../core/run.ts';
import { findSecrets, mergeSecrets, type ConfigSecrets } from '../core/redact.ts';
import type { AuditOutcome } from '../core/types.ts';
import { applyEdits, decodeFull, type TextEdit } from '../fix/text.ts';
import { put, rec, samePlain } from './draft.ts';
import { PREFIX_REMOVED, recoverJsonRoot } from './json-prefix.ts';
import { planMigration, unavailableLoadPath, type MigrationPlan } from './plan.ts';

interface MigratedFile {
  /** Relative to the root. */
  file: string;
  absPath: string;
  before: string;
  after: string;
  edits: TextEdit[];
}

export interface MigrationRun {
  config: string;
  plan: MigrationPlan;
  /** The edited files (none when nothing changes or the edits could not be verified). */
  files: MigratedFile[];
  /** Why the migration cannot be written (unplaced changes, or the edited files do not read back as planned). */
  errors: string[];
  /** The audit of the config as it would be after the migration. */
  after: AuditOutcome;
  /** The secrets of the config before and after the migration: what no report of it may show. */
  secrets: ConfigSecrets;
  /** The secrets of the config as read, their spans in the texts as they are (before the edits). */
  secretsBefore: ConfigSecrets;
}

/** The config as written: parsed, `$include`s merged, no `${VAR}` substitution (what a migration rewrites). */
function loadAsWritten(
  host: Host,
  configPath: string,
  root: string,
  text: string,
): { tree: ConfigNode; files: string[] } {
  const display = relativeTo(root);
  const includes = createIncludeResolver({ host, boundary: dirname(configPath), display });
  const file = display(configPath);
  const tree = includes.resolve(parseJson5(text.startsWith('\uFEFF') ? text.slice(1) : text, file), configPath);
  return { tree, files: [file, ...includes.files] };
}

/** The retired `plugins.installs` of the config as written, which doctor keeps as the machine's install records. */
function installRecordsOf(config: unknown): Record<string, unknown> {
  const installs = rec(rec(rec(config)?.plugins)?.installs);
  const records: Record<string, unknown> = {};
  for (const id of Object.keys(installs ?? {})) if (rec(installs![id])) put(records, id, installs![id]);
  return records;
}

/** Plans and checks the migration of one config; undefined when the config cannot be loaded at all. */
export function runMigration(options: { host: Host; configPath: string; root: string }): MigrationRun | undefined {
  const { configPath, root } = options;
  const first = loadConfig(options);
  // A config that does not parse is migrated only when doctor would first remove a non-JSON prefix.
  const unparsable =
    !first.ok && first.issue.message.startsWith('JSON5 parse failed:') && first.issue.location?.file === first.file;
  const recovery = unparsable ? recoverJsonRoot(options) : undefined;
  const loaded = recovery?.loaded ?? first;
  if (!loaded.ok) return undefined;
  const host = recovery?.host ?? options.host;
  // The texts the loader read through the opened files; a file is never read again by path.
  const read = loaded.config.texts;
  const { tree, files } = loadAsWritten(host, configPath, root, read.get(loaded.config.file)!);
  const texts = new Map(files.map((f) => [f, read.get(f) ?? decodeFull(host.readFile(resolve(root, f)))]));
  const configDir = dirname(configPath);
  const planOptions = {
    ...(recovery ? { rewritten: true } : {}),
    // Doctor reads a plugin load path on its machine; here only a folder inside the repository can be there.
    loadPathAvailable: (p: string) => {
      const target = resolve(configDir, p);
      const rel = relative(root, target);
      return !rel.startsWith('..') && !isAbsolute(rel) && host.stat(target)?.kind === 'directory';
    },
  };
  const asWritten = toPlain(tree);
  const plan = planMigration(tree, texts, planOptions);
  const errors = plan.unplaced.map((p) => `${p}: cannot place this change in the source files; make it by hand`);
  const edited: MigratedFile[] = [];
  const pending = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  if (recovery) plan.repairs.unshift(PREFIX_REMOVED);
  for (const file of files) {
    const edits = plan.edits.filter((e) => e.file === file).sort((a, b) => a.start - b.start || a.end - b.end);
    const prefixed = recovery?.removal.file === file;
    if (edits.length === 0 && !prefixed) continue;
    const before = texts.get(file)!;
    let after: string;
    try {
      after = applyEdits(before, edits);
    } catch (error) {
      errors.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (after === before && !prefixed) continue;
    const absPath = resolve(root, file);
    // The edits were planned on the text without its prefix: in the committed text they come after it.
    const shift = prefixed ? recovery.removal.end : 0;
    edited.push({
      file,
      absPath,
      before: prefixed ? recovery.original : before,
      after,
      edits: [
        ...(prefixed ? [recovery.removal] : []),
        ...edits.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })),
      ],
    });
    pending.set(absPath, encoder.encode(after));
  }
  const overlay = overlayHost(host, pending);
  if (edited.length > 0 && errors.length === 0) {
    try {
      const top = pending.get(configPath);
      const reread = toPlain(
        loadAsWritten(overlay, configPath, root, top ? decodeFull(top) : read.get(loaded.config.file)!).tree,
      );
      if (!samePlain(reread, plan.migrated))
        errors.push('the edited files do not read back as the migrated config; nothing written');
    } catch (error) {
      errors.push(
        `the edited files do not parse (${error instanceof Error ? error.message : String(error)}); nothing written`,
      );
    }
  }
  const ok = errors.length === 0;
  // As on the machine doctor left offline (as in CI): the official npm plugins are not installed and the retired
  // plugins.installs are install records.
  const after = auditFile({
    host: ok ? overlay : host,
    configPath,
    root,
    offlineDoctor: {
      installRecords: installRecordsOf(asWritten),
      ...(unavailableLoadPath(asWritten, planOptions) !== undefined ? { pluginsUninspected: true } : {}),
    },
  });
  const found = findSecrets(loaded.config.tree);
  // Spans were found in the text without its prefix: in the committed text they are that many lines further down.
  const prefixLines = recovery ? recovery.original.slice(0, recovery.removal.end).split('\n').length - 1 : 0;
  const secretsBefore: ConfigSecrets = {
    values: found.values,
    spans: found.spans.map((span) =>
      span.file === recovery?.removal.file
        ? { ...span, line: span.line + prefixLines, endLine: span.endLine + prefixLines }
        : span,
    ),
  };
  return {
    config: loaded.config.file,
    plan,
    files: ok ? edited : [],
    errors,
    after,
    secrets: mergeSecrets([secretsBefore, after.secrets]),
    secretsBefore,
  };
}
