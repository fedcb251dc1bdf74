/**
 * doctor's tool-name migrations for persisted tool policies (openclaw 2026.9.6, `tools.suggest-task-name` and
 * `tools.view-image-name`): a policy list naming the retired tool (`spawn_task`, `image`) names the current one
 * instead (`suggest_task`, `view_image`), and a wildcard that covered the retired name but not the current one gets
 * the current name appended, so the list keeps granting (or denying) the same access. Every `allow`/`alsoAllow`/
 * `deny` list of a tool policy scope under `tools`, `agents`, `channels` and `gateway` is visited, as is any
 * `toolsAllow` list. Names and messages are openclaw's interface.
 */
import { isRec, type Rec } from '../draft.ts';
import type { Migration } from '../migration.ts';
import { globMatches as matchesGlob } from '../../core/model/agents.ts';

interface ToolRename {
  id: string;
  legacy: string;
  canonical: string;
}

const RENAMES: readonly ToolRename[] = [
  { id: 'tools.suggest-task-name', legacy: 'spawn_task', canonical: 'suggest_task' },
  { id: 'tools.view-image-name', legacy: 'image', canonical: 'view_image' },
];
const ROOTS = ['tools', 'agents', 'channels', 'gateway'];
const ALIASES: Readonly<Record<string, string>> = { bash: 'exec', 'apply-patch': 'apply_patch', cron: 'automations' };
/** Deeper than any real policy; a hostile config cannot make the walk recurse without bound. */
const MAX_DEPTH = 64;

function normalize(name: string): string {
  const lower = name.trim().toLowerCase();
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower]! : lower;
}

/** `*` matches any run of characters; a greedy segment search (no regex, linear in the name). */
function globMatches(name: string, pattern: string): boolean {
  return pattern.includes('*') ? matchesGlob(name, pattern.split('*')) : name === pattern;
}

/** What the rename changes in one list: an exact legacy entry to rename, or a wildcard to widen. */
function inspect(list: unknown, rename: ToolRename): { exact: boolean; append: boolean } | undefined {
  if (!Array.isArray(list)) return undefined;
  const patterns = list
    .filter((e): e is string => typeof e === 'string')
    .map(normalize)
    .filter(Boolean);
  const legacy = normalize(rename.legacy);
  const exact = patterns.includes(legacy);
  const append =
    !exact &&
    patterns.some((p) => globMatches(legacy, p)) &&
    !patterns.some((p) => globMatches(normalize(rename.canonical), p));
  return { exact, append };
}

/** A path that addresses a tool policy scope (`...tools`, anything under `toolsBySender`, `tools...byProvider...`). */
function isPolicyPath(path: readonly string[]): boolean {
  if (path[path.length - 1] === 'tools' || path.includes('toolsBySender')) return true;
  const byProvider = path.lastIndexOf('byProvider');
  return byProvider >= 0 && path.slice(0, byProvider).includes('tools');
}

function visit(
  value: unknown,
  path: string[],
  rename: ToolRename,
  migrate: boolean,
  matched: string[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((entry, index) => visit(entry, [...path, String(index)], rename, migrate, matched, depth + 1));
    return;
  }
  if (!isRec(value)) return;
  const keys = isPolicyPath(path) ? ['allow', 'alsoAllow', 'deny'] : [];
  if (Object.hasOwn(value, 'toolsAllow')) keys.push('toolsAllow');
  for (const key of keys) {
    const list = value[key];
    const state = inspect(list, rename);
    if (!state || !(state.exact || state.append)) continue;
    matched.push([...path, key].join('.'));
    if (!migrate) continue;
    const entries = list as unknown[];
    if (state.exact)
      entries.forEach((entry, index) => {
        if (typeof entry === 'string' && normalize(entry) === normalize(rename.legacy))
          entries[index] = rename.canonical;
      });
    if (state.append) entries.push(rename.canonical);
  }
  for (const key of Object.keys(value)) visit(value[key], [...path, key], rename, migrate, matched, depth + 1);
}

function policyPaths(root: Rec, rename: ToolRename, migrate: boolean): string[] {
  const matched: string[] = [];
  for (const key of ROOTS) if (Object.hasOwn(root, key)) visit(root[key], [key], rename, migrate, matched, 0);
  return matched;
}

export const TOOL_NAME_MIGRATIONS: readonly Migration[] = RENAMES.map((rename) => ({
  id: rename.id,
  detect: (root: Rec) =>
    ROOTS.filter((key) => {
      const matched: string[] = [];
      if (Object.hasOwn(root, key)) visit(root[key], [key], rename, false, matched, 0);
      return matched.length > 0;
    }).map((key) => ({
      path: key,
      message: `Tool policies still rely on legacy ${rename.legacy} coverage; run "openclaw doctor --fix" to preserve equivalent ${rename.canonical} access.`,
    })),
  apply: (root: Rec, changes: string[]) => {
    const paths = policyPaths(root, rename, true);
    if (paths.length > 0)
      changes.push(`Migrated legacy ${rename.legacy} policy coverage to ${rename.canonical} in ${paths.join(', ')}.`);
  },
}));
