/**
 * doctor's `runtime.memory-qmd-retired` migration (openclaw 2026.9.6): the QMD memory backend is gone, builtin memory
 * is the only engine. `memory.backend`, `memory.qmd`, `memory.search.qmd` and the agents' `memory.search.qmd` are
 * removed; QMD session indexing becomes `memory.search.experimental.sessionMemory` plus the `sessions` source, and
 * QMD external paths/collections join `memory.search.extraPaths`. Paths and messages are openclaw's interface.
 */
import { deletePath, ensure, has, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { RUN, agentScopes, mergeMissing } from './common.ts';

type ExtraPath = string | { path: string; pattern?: string };

function readExternalPaths(value: unknown): Array<{ path: string; pattern?: string }> {
  if (!Array.isArray(value)) return [];
  const out: Array<{ path: string; pattern?: string }> = [];
  for (const candidate of value) {
    const entry = rec(candidate);
    const path = typeof entry?.path === 'string' ? entry.path.trim() : '';
    if (!path) continue;
    const pattern = typeof entry?.pattern === 'string' ? entry.pattern.trim() : '';
    out.push(pattern ? { path, pattern } : { path });
  }
  return out;
}

/** The configured extra paths, trimmed and deduplicated by path and pattern (later entries win their slot's value). */
function normalizeExtraPaths(list: unknown[]): ExtraPath[] {
  const byKey = new Map<string, ExtraPath>();
  for (const entry of list) {
    const raw = typeof entry === 'string' ? entry : (rec(entry)?.path as string);
    const path = raw.trim();
    const rawPattern = typeof entry === 'string' ? undefined : rec(entry)?.pattern;
    const pattern = typeof rawPattern === 'string' ? rawPattern.trim() : '';
    if (path) byKey.set(`${path}\0${pattern}`, pattern ? { path, pattern } : path);
  }
  return [...byKey.values()];
}

function migrateExternalPaths(
  entries: Array<{ path: string; pattern?: string }>,
  scope: Rec,
  sourcePath: string,
  targetPath: string,
  changes: string[],
): void {
  if (entries.length === 0) return;
  const search = ensure(ensure(scope, 'memory'), 'search');
  const existing = normalizeExtraPaths(
    Array.isArray(search.extraPaths)
      ? search.extraPaths.filter((e) => typeof e === 'string' || typeof rec(e)?.path === 'string')
      : [],
  );
  const key = (e: ExtraPath) => (typeof e === 'string' ? `${e}\0` : `${e.path}\0${e.pattern?.trim() ?? ''}`);
  const next = [...existing];
  const seen = new Set(existing.map(key));
  let added = 0;
  for (const entry of entries) {
    const item: ExtraPath = entry.pattern ? entry : entry.path;
    if (seen.has(key(item))) continue;
    seen.add(key(item));
    next.push(item);
    added++;
  }
  if (added === 0) return;
  search.extraPaths = next;
  changes.push(`Migrated ${added} external QMD path${added === 1 ? '' : 's'} from ${sourcePath} → ${targetPath}.`);
}

function migrateSessionIndexing(
  qmd: Rec | undefined,
  scope: Rec,
  sourcePath: string,
  changes: string[],
  targetPath = sourcePath === 'memory.qmd' ? 'memory.search' : sourcePath.slice(0, -4),
): void {
  if (rec(qmd?.sessions)?.enabled !== true) return;
  const search = ensure(ensure(scope, 'memory'), 'search');
  const experimental = rec(search.experimental);
  let changed = false;
  if ((experimental || search.experimental === undefined) && experimental?.sessionMemory === undefined) {
    ensure(search, 'experimental').sessionMemory = true;
    changed = true;
  }
  if (search.sources === undefined || (Array.isArray(search.sources) && search.sources.length === 0)) {
    search.sources = ['memory', 'sessions'];
    changed = true;
  } else if (Array.isArray(search.sources) && !search.sources.includes('sessions')) {
    search.sources = [...(search.sources as unknown[]), 'sessions'];
    changed = true;
  }
  if (changed)
    changes.push(
      `Migrated ${sourcePath}.sessions.enabled → ${targetPath}.experimental.sessionMemory and ${targetPath}.sources.`,
    );
}

function migrateRetiredMemoryQmd(root: Rec, changes: string[]): void {
  const memory = rec(root.memory);
  const search = rec(memory?.search);
  const qmd = rec(memory?.qmd);
  const searchQmd = rec(search?.qmd);
  migrateSessionIndexing(qmd, root, 'memory.qmd', changes);
  migrateSessionIndexing(searchQmd, root, 'memory.search.qmd', changes);
  migrateExternalPaths(
    [...readExternalPaths(qmd?.paths), ...readExternalPaths(searchQmd?.extraCollections)],
    root,
    'memory.qmd.paths and memory.search.qmd.extraCollections',
    'memory.search.extraPaths',
    changes,
  );
  let removed = false;
  for (const path of [
    ['memory', 'backend'],
    ['memory', 'qmd'],
    ['memory', 'search', 'qmd'],
  ])
    removed = deletePath(root, path) || removed;
  for (const [scope, scopePath] of agentScopes(root)) {
    const agentSearch = rec(rec(scope.memory)?.search);
    const agentQmd = rec(agentSearch?.qmd);
    const isDefaults = scopePath === 'agents.defaults' && agentSearch?.qmd !== undefined;
    const target = isDefaults ? root : scope;
    const targetPath = isDefaults ? 'memory.search' : `${scopePath}.memory.search`;
    if (isDefaults && agentSearch) {
      removed = deletePath(scope, ['memory', 'search', 'qmd']) || removed;
      mergeMissing(ensure(ensure(root, 'memory'), 'search'), agentSearch);
      delete scope.memory;
    }
    migrateSessionIndexing(agentQmd, target, `${scopePath}.memory.search.qmd`, changes, targetPath);
    migrateExternalPaths(
      readExternalPaths(agentQmd?.extraCollections),
      target,
      `${scopePath}.memory.search.qmd.extraCollections`,
      `${targetPath}.extraPaths`,
      changes,
    );
    if (!isDefaults) removed = deletePath(scope, ['memory', 'search', 'qmd']) || removed;
  }
  if (removed) changes.push('Removed retired QMD memory configuration; builtin memory is now the only memory engine.');
}

const hasAgentQmd = (value: unknown) => has(rec(rec(rec(value)?.memory)?.search), 'qmd');

function detect(root: Rec): LegacyIssue[] {
  const out: LegacyIssue[] = [];
  const memory = rec(root.memory);
  const rule = (hit: boolean, path: string, message: string) => {
    if (hit) out.push({ path, message: `${message} ${RUN}` });
  };
  rule(
    memory?.backend !== undefined,
    'memory.backend',
    'memory.backend is retired; builtin memory is now the only memory engine.',
  );
  rule(
    memory?.qmd !== undefined,
    'memory.qmd',
    'memory.qmd is retired because the QMD memory backend was removed; configured external paths migrate to memory.search.extraPaths.',
  );
  rule(
    rec(memory?.search)?.qmd !== undefined,
    'memory.search.qmd',
    'memory.search.qmd is retired because the QMD memory backend was removed; configured external collections migrate to memory.search.extraPaths.',
  );
  const agents = rec(root.agents);
  rule(
    rec(rec(rec(agents?.defaults)?.memory)?.search)?.qmd !== undefined,
    'agents.defaults.memory.search.qmd',
    'agents.defaults.memory.search.qmd is retired because the QMD memory backend was removed; configured external collections migrate to memory.search.extraPaths.',
  );
  const entries = rec(agents?.entries);
  rule(
    entries !== undefined && Object.values(entries).some(hasAgentQmd),
    'agents.entries',
    'agents.entries.*.memory.search.qmd is retired because the QMD memory backend was removed; configured external collections migrate to the matching agent memory.search.extraPaths.',
  );
  rule(
    Array.isArray(agents?.list) && agents.list.some(hasAgentQmd),
    'agents.list',
    'agents.list.*.memory.search.qmd is retired because the QMD memory backend was removed; configured external collections migrate to the matching agent memory.search.extraPaths.',
  );
  return out;
}

export const MEMORY_QMD_MIGRATION: Migration = {
  id: 'runtime.memory-qmd-retired',
  detect,
  apply: migrateRetiredMemoryQmd,
};
