/**
 * Plans `openclaw doctor --fix`'s config migrations for one loaded config as byte-level edits. Pure: the located
 * tree as written (includes merged, `${VAR}` left as written) and the file texts in; doctor's lines, the migrated
 * config and the edits out. Unlike doctor, every migration that can be applied is applied even when another issue
 * remains; what remains is listed.
 */
import type { ConfigNode } from '../core/config/node.ts';
import { toPlain } from '../core/config/node.ts';
import { validateConfig } from '../core/schema/validate.ts';
import type { TextEdit } from '../fix/text.ts';
import { clonePlain, has, isRec, rec, type Rec } from './draft.ts';
import { renderMigration } from './render.ts';
import { MIGRATIONS, dropPluginInstalls, persistRoster, type LegacyIssue } from './rules.ts';

export interface MigrationPlan {
  /** The legacy keys doctor reports before it migrates ("Legacy config keys detected"), as `path: message`. */
  detected: LegacyIssue[];
  /** doctor's line for each change it would make, in its order. */
  changes: string[];
  /** Keys doctor would drop as unknown to the schema (dotted paths). */
  dropped: string[];
  /** The config as it would be after the migration (plain data, `${VAR}` as written). */
  migrated: unknown;
  /** Edits of the source files, in the file that owns each key. */
  edits: TextEdit[];
  /** Changes that could not be written as an edit (reported, nothing guessed). */
  unplaced: string[];
}

const UNRECOGNIZED = /^Unrecognized keys?: (.*)$/;
/** Rounds of dropping unknown keys (a dropped key can reveal none below it; bounded anyway). */
const MAX_DROP_ROUNDS = 3;

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

/** Applies the migrations to a copy of `raw`; returns doctor's detection lines and change lines. */
function migrateConfig(raw: unknown): { detected: LegacyIssue[]; changes: string[]; dropped: string[]; migrated: unknown } {
  if (!isRec(raw)) return { detected: [], changes: [], dropped: [], migrated: raw };
  const detected = MIGRATIONS.flatMap((m) => m.detect?.(raw) ?? []);
  const draft = clonePlain(raw) as Rec;
  const changes: string[] = [];
  for (const migration of MIGRATIONS) migration.apply(draft, changes);
  dropPluginInstalls(draft, changes);
  const stillInvalid = validateConfig(draft).length > 0;
  if (stillInvalid && changes.length > 0) changes.push('Migration applied; other validation issues remain — run doctor to review.');
  persistRoster(draft, changes);

  const dropped: string[] = [];
  for (let round = 0; round < MAX_DROP_ROUNDS; round++) {
    let any = false;
    for (const issue of validateConfig(draft)) {
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
  return { detected, changes, dropped, migrated: draft };
}

export function planMigration(tree: ConfigNode, texts: ReadonlyMap<string, string>): MigrationPlan {
  const { detected, changes, dropped, migrated } = migrateConfig(toPlain(tree));
  const { edits, unplaced } = renderMigration(tree, texts, migrated);
  return { detected, changes, dropped, migrated, edits, unplaced };
}
