/**
 * Plans `openclaw doctor --fix`'s config migrations for one loaded config as byte-level edits. Pure: the located
 * tree as written (includes merged, `${VAR}` left as written) and the file texts in; doctor's lines, the migrated
 * config and the edits out. Unlike doctor, every migration that can be applied is applied even when another issue
 * remains; what remains is listed.
 */
import type { ConfigNode } from '../core/config/node.ts';
import { toPlain } from '../core/config/node.ts';
import { migrateContextBudgets } from '../core/schema/migrate.ts';
import { validateConfig } from '../core/schema/validate.ts';
import type { TextEdit } from '../fix/text.ts';
import { clonePlain, has, isRec, rec, type Rec } from './draft.ts';
import { pendingPluginWork } from './pending.ts';
import { renderMigration } from './render.ts';
import { copyGroupAllowFrom, openDmAllowFrom, seedDefaultAccounts, typeToolsBySenderKeys } from './channel-access.ts';
import { dropInvalidActiveHours, dropStalePlugins, enablePlugins, normalizePluginId } from './repairs.ts';
import { persistRoster, preserveChannelAccountOwners, readRoster } from './roster.ts';
import { nanoBananaSkill, ollamaNumCtx, openaiCompletionsApi } from './rules/provider-compat.ts';
import { repairCodexAuthProfiles, repairCodexRoutes } from './rules/codex-routes.ts';
import { toolPolicyConflictWarnings } from './rules/tool-policy-conflicts.ts';
import type { LegacyIssue } from './migration.ts';
import { MIGRATIONS, dropPluginInstalls } from './rules.ts';

export interface MigrationPlan {
  /** The legacy keys doctor reports before it migrates ("Legacy config keys detected"), as `path: message`. */
  detected: LegacyIssue[];
  /** doctor's line for each change it would make, in its order. */
  changes: string[];
  /** Keys doctor would drop as unknown to the schema (dotted paths). */
  dropped: string[];
  /** doctor's lines for the other repairs it writes with the migrations (plugins enabled, group allowlists). */
  repairs: string[];
  /**
   * Plugin work doctor leaves pending offline (as in CI), in its words: npm plugins' settings kept unchecked until
   * their own upgrade runs, or every plugin setting left uninspected when a plugin load path cannot be read.
   */
  pending: LegacyIssue[];
  /** The config as it would be after the migration (plain data, `${VAR}` as written). */
  migrated: unknown;
  /** Edits of the source files, in the file that owns each key. */
  edits: TextEdit[];
  /** Changes that could not be written as an edit (reported, nothing guessed). */
  unplaced: string[];
}

const UNRECOGNIZED = /^Unrecognized keys?: (.*)$/;
/** Rounds of dropping unknown keys (a second one only when the first dropped something; bounded). */
const MAX_DROP_ROUNDS = 2;

function removeAt(root: unknown, path: ReadonlyArray<string | number>, key: string): boolean {
  let cursor: unknown = root;
  for (const segment of path) {
    if (Array.isArray(cursor)) cursor = cursor[Number(segment)];
    else if (isRec(cursor) && has(cursor, String(segment))) cursor = cursor[String(segment)];
    else return false;
  }
  if (!isRec(cursor) || !has(cursor, key)) return false;
  delete cursor[key];
  return true;
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let cursor: unknown = root;
  for (const segment of path) {
    if (Array.isArray(cursor)) cursor = cursor[Number(segment)];
    else if (isRec(cursor) && has(cursor, String(segment))) cursor = cursor[String(segment)];
    else return undefined;
  }
  return cursor;
}

const isReference = (value: unknown) => typeof value === 'string' && value.includes('${');
const rosterUnowned = (root: Rec) =>
  rec(root.agents)?.ownership === undefined && Object.keys(rec(rec(root.agents)?.entries) ?? {}).length > 1;

export interface PlanOptions {
  /** Whether a `plugins.load.paths` entry names a folder doctor can read (one in the repository); none by default. */
  loadPathAvailable?: (path: string) => boolean;
  /** doctor rewrites the file whatever its migrations (it removed a non-JSON prefix): its repairs come with it. */
  rewritten?: boolean;
}

/** The plugins' own channel compatibility migrations (doctor skips them while a plugin load path is unavailable). */
const CHANNEL_COMPAT_MIGRATIONS = new Set(['channels.telegram.streaming-aliases']);

/**
 * A `plugins.load.paths` entry doctor cannot read: it then leaves plugin-owned settings as they are ("Configured
 * plugin load path is unavailable: … Uninspected plugin configuration is preserved."): no channel compatibility
 * migration, no plugin auto-enable.
 */
export function unavailableLoadPath(raw: unknown, options: PlanOptions = {}): string | undefined {
  return unavailableLoadPaths(raw, options)[0];
}

function unavailableLoadPaths(raw: unknown, options: PlanOptions): string[] {
  const paths = rec(rec(rec(raw)?.plugins)?.load)?.paths;
  if (!Array.isArray(paths)) return [];
  const available = options.loadPathAvailable ?? (() => false);
  return paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '' && !available(p.trim()));
}

/** Applies the migrations to a copy of `raw`; returns doctor's detection lines and change lines. */
function migrateConfig(
  raw: unknown,
  hasIncludes: boolean,
  options: PlanOptions = {},
): {
  detected: LegacyIssue[];
  changes: string[];
  dropped: string[];
  repairs: string[];
  migrated: unknown;
} {
  if (!isRec(raw)) return { detected: [], changes: [], dropped: [], repairs: [], migrated: raw };
  const detected = MIGRATIONS.flatMap((m) => m.detect?.(raw) ?? []);
  // openclaw reads context budgets as model settings and a legacy roster as keyed entries (its legacy default agent's
  // ownership written out) before anything else, silently; doctor migrates and writes that reading.
  const draft = clonePlain(migrateContextBudgets(raw)) as Rec;
  const read = readRoster(draft);
  const unownedBefore = rec(rec(draft.agents)?.entries) !== undefined && rosterUnowned(draft);
  const changes: string[] = [];
  // doctor migrates only when one of its legacy rules matched the config as written.
  const installs = has(rec(raw.plugins), 'installs');
  const uninspected = unavailableLoadPath(raw, options) !== undefined;
  if (detected.length > 0 || installs) {
    for (const migration of MIGRATIONS)
      if (!uninspected || !CHANNEL_COMPAT_MIGRATIONS.has(migration.id))
        migration.apply(draft, changes, { authored: raw, includes: hasIncludes });
    preserveChannelAccountOwners(draft, changes, raw);
    // The allow/alsoAllow conflicts doctor left are reported with its lines (only beside a migration: alone they
    // change nothing, and doctor writes nothing for them).
    if (changes.length > 0) changes.push(...toolPolicyConflictWarnings(draft));
    dropPluginInstalls(draft, changes);
  } else if (!uninspected) {
    // The channel plugins' compatibility migrations run on every config doctor loads, legacy keys detected or not.
    for (const migration of MIGRATIONS)
      if (CHANNEL_COMPAT_MIGRATIONS.has(migration.id))
        migration.apply(draft, changes, { authored: raw, includes: hasIncludes });
  }
  // Issues on a `${VAR}` value are left to the audit (it substitutes; the migration keeps the reference as written).
  // doctor validates with the plugins its machine has: offline, none of the npm channel plugins.
  // One validation serves both questions: whether the config is still invalid, and which keys are unknown (the roster
  // step below adds only known keys).
  const validation = { officialChannelPluginsInstalled: false, ...(uninspected ? { pluginsUninspected: true } : {}) };
  let issues = validateConfig(draft, validation);
  const stillInvalid = issues.some((issue) => !isReference(valueAt(draft, issue.path)));
  if (stillInvalid && changes.length > 0)
    changes.push('Migration applied; other validation issues remain — run doctor to review.');
  // doctor commits migrations that leave a valid single-file config with no legacy key before its main pass.
  const committedEarly =
    changes.length > 0 &&
    !stillInvalid &&
    !hasIncludes &&
    !MIGRATIONS.some((m) => (m.detect?.(draft) ?? []).length > 0);
  // A config with nothing to migrate that openclaw accepts is left alone (doctor would still write its roster).
  if (
    changes.length > 0 ||
    stillInvalid ||
    options.rewritten === true ||
    validateConfig(raw).some((issue) => !isReference(valueAt(raw, issue.path)))
  )
    persistRoster(draft, changes, { raw, read, unownedBefore, committedEarly });

  const dropped: string[] = [];
  for (let round = 0; round < MAX_DROP_ROUNDS; round++) {
    let any = false;
    if (round > 0) issues = validateConfig(draft, validation);
    for (const issue of issues) {
      const keys = UNRECOGNIZED.exec(issue.message)?.[1];
      if (!keys) continue;
      for (const m of keys.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        const key = JSON.parse(`"${m[1]}"`) as string;
        if (removeAt(draft, issue.path, key)) {
          dropped.push([...issue.path, key].join('.'));
          any = true;
        }
      }
    }
    if (!any) break;
  }
  // doctor's marker only matters when no allow list was written; a committed config gets no meta block for it.
  const meta = rec(draft.meta);
  const allow = has(rec(rec(rec(draft.agents)?.defaults)?.modelPolicy), 'allow');
  if (meta && allow && !has(raw, 'meta') && Object.keys(meta).every((k) => k === 'migrations')) delete draft.meta;
  // doctor writes its channel repairs by themselves; they are a reason to migrate a config openclaw rejects (one it
  // accepts needs no doctor run: its channel settings are left as the user wrote them).
  const access: string[] = [];
  if (changes.length === 0 && dropped.length === 0) {
    const accessed = clonePlain(draft);
    seedDefaultAccounts(accessed, access);
    channelAccessRepairs(accessed, access);
    if (access.length > 0 && !validateConfig(raw).some((issue) => !isReference(valueAt(raw, issue.path))))
      access.length = 0;
  }
  // Nothing for doctor to migrate: the roster and plugin repairs it would write with a migration are no reason alone.
  if (changes.length === 0 && dropped.length === 0 && access.length === 0 && options.rewritten !== true)
    return { detected, changes, dropped, repairs: [], migrated: raw };
  const repairs: string[] = [];
  seedDefaultAccounts(draft, repairs);
  dropInvalidActiveHours(draft, repairs);
  nanoBananaSkill(draft, repairs);
  openaiCompletionsApi(draft, repairs);
  ollamaNumCtx(draft, repairs);
  if (!uninspected) enablePlugins(draft, repairs);
  repairCodexRoutes(draft, repairs);
  const rawPlugins = rec(raw.plugins);
  // Offline, doctor fails to update every plugin with an install record: it keeps their config.
  const preserve = new Set(Object.keys(rec(rawPlugins?.installs) ?? {}).map(normalizePluginId));
  const loadPaths = rec(rawPlugins?.load)?.paths;
  dropStalePlugins(draft, repairs, { localPlugins: Array.isArray(loadPaths) && loadPaths.length > 0, preserve });
  channelAccessRepairs(draft, repairs);
  repairCodexAuthProfiles(draft, repairs);
  return { detected, changes, dropped, repairs, migrated: draft };
}

/** doctor's channel access repairs, in its order. */
function channelAccessRepairs(draft: Rec, repairs: string[]): void {
  openDmAllowFrom(draft, repairs);
  copyGroupAllowFrom(draft, repairs);
  typeToolsBySenderKeys(draft, repairs);
}

export function planMigration(
  tree: ConfigNode,
  texts: ReadonlyMap<string, string>,
  options: PlanOptions = {},
): MigrationPlan {
  const raw = toPlain(tree);
  const { detected, changes, dropped, repairs, migrated } = migrateConfig(raw, texts.size > 1, options);
  const { edits, unplaced } = renderMigration(tree, texts, migrated);
  const pending = pendingPluginWork(migrated, unavailableLoadPaths(raw, options));
  return { detected, changes, dropped, repairs, pending, migrated, edits, unplaced };
}
