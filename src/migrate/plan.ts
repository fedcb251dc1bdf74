/**
 * Plans `openclaw doctor --fix`'s config migrations for one loaded config as byte-level edits. Pure: the located
 * tree as written (includes merged, `${VAR}` left as written) and the file texts in; doctor's lines, the migrated
 * config and the edits out. Unlike doctor, every migration that can be applied is applied even when another issue
 * remains; what remains is listed.
 */
import type { ConfigNode } from '../core/config/node.ts';
import { toPlain } from '../core/config/node.ts';
import { migrateContextBudgets, migrateRoster } from '../core/schema/migrate.ts';
import { validateConfig } from '../core/schema/validate.ts';
import type { TextEdit } from '../fix/text.ts';
import { clonePlain, has, isRec, rec, type Rec } from './draft.ts';
import { renderMigration } from './render.ts';
import {
  copyGroupAllowFrom,
  dropInvalidActiveHours,
  dropStalePlugins,
  enablePlugins,
  openDmAllowFrom,
} from './repairs.ts';
import { MIGRATIONS, dropPluginInstalls, persistRoster, type LegacyIssue } from './rules.ts';
import { toolPolicyConflictWarnings } from './rules/tool-policy-conflicts.ts';

export interface MigrationPlan {
  /** The legacy keys doctor reports before it migrates ("Legacy config keys detected"), as `path: message`. */
  detected: LegacyIssue[];
  /** doctor's line for each change it would make, in its order. */
  changes: string[];
  /** Keys doctor would drop as unknown to the schema (dotted paths). */
  dropped: string[];
  /** doctor's lines for the other repairs it writes with the migrations (plugins enabled, group allowlists). */
  repairs: string[];
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

/** Applies the migrations to a copy of `raw`; returns doctor's detection lines and change lines. */
function migrateConfig(raw: unknown): {
  detected: LegacyIssue[];
  changes: string[];
  dropped: string[];
  repairs: string[];
  migrated: unknown;
} {
  if (!isRec(raw)) return { detected: [], changes: [], dropped: [], repairs: [], migrated: raw };
  const detected = MIGRATIONS.flatMap((m) => m.detect?.(raw) ?? []);
  // openclaw reads a valid legacy roster as keyed entries, and context budgets as model settings, before anything
  // else (silently, no doctor line); doctor writes that reading out.
  const roster = migrateRoster(migrateContextBudgets(raw));
  const draft = clonePlain(roster.config) as Rec;
  const changes: string[] = [];
  // doctor migrates only when one of its legacy rules matched the config as written.
  const installs = has(rec(raw.plugins), 'installs');
  if (detected.length > 0 || installs) {
    for (const migration of MIGRATIONS) migration.apply(draft, changes);
    // The allow/alsoAllow conflicts doctor left are reported with its lines (only beside a migration: alone they
    // change nothing, and doctor writes nothing for them).
    if (changes.length > 0) changes.push(...toolPolicyConflictWarnings(draft));
    dropPluginInstalls(draft, changes);
  }
  // Issues on a `${VAR}` value are left to the audit (it substitutes; the migration keeps the reference as written).
  // doctor validates with the plugins its machine has: offline, none of the npm channel plugins.
  // One validation serves both questions: whether the config is still invalid, and which keys are unknown (the roster
  // step below adds only known keys).
  let issues = validateConfig(draft, { officialChannelPluginsInstalled: false });
  const stillInvalid = issues.some((issue) => !isReference(valueAt(draft, issue.path)));
  if (stillInvalid && changes.length > 0)
    changes.push('Migration applied; other validation issues remain — run doctor to review.');
  const convertedList = Array.isArray(rec(raw.agents)?.list) && !has(rec(rec(roster.config)?.agents), 'list');
  persistRoster(draft, changes, {
    stillInvalid,
    legacyDefaultAgentId: roster.legacyDefaultAgentId,
    convertedList,
    ownershipWritten: rec(raw.agents)?.ownership !== undefined,
  });

  const dropped: string[] = [];
  for (let round = 0; round < MAX_DROP_ROUNDS; round++) {
    let any = false;
    if (round > 0) issues = validateConfig(draft, { officialChannelPluginsInstalled: false });
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
  // Nothing for doctor to migrate: the roster and repairs it would write with a migration are no reason alone.
  if (changes.length === 0 && dropped.length === 0) return { detected, changes, dropped, repairs: [], migrated: raw };
  const repairs: string[] = [];
  dropInvalidActiveHours(draft, repairs);
  enablePlugins(draft, repairs);
  const rawPlugins = rec(raw.plugins);
  dropStalePlugins(draft, repairs, has(rawPlugins, 'installs') || has(rawPlugins, 'load'));
  openDmAllowFrom(draft, repairs);
  copyGroupAllowFrom(draft, repairs);
  return { detected, changes, dropped, repairs, migrated: draft };
}

export function planMigration(tree: ConfigNode, texts: ReadonlyMap<string, string>): MigrationPlan {
  const { detected, changes, dropped, repairs, migrated } = migrateConfig(toPlain(tree));
  const { edits, unplaced } = renderMigration(tree, texts, migrated);
  return { detected, changes, dropped, repairs, migrated, edits, unplaced };
}
