/**
 * doctor's memory-search migrations (openclaw 2026.9.6): `agents.defaults.memorySearch` and top-level `memorySearch`
 * move to `memory.search` and each agent's `memorySearch` to its `memory.search` (explicit values kept); then, in
 * every `memory.search`, the flat `chunkSize`/`chunkOverlap`/`maxResults` fields move under `chunking`/`query`, the
 * `"auto"` provider becomes `"openai"`, and the sidecar `store.path` is removed. Paths and messages are openclaw's
 * interface.
 */
import { clonePlain, ensure, has, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { RUN, agentEntries, mergeMissing } from './common.ts';

const FLAT_FIELDS = [
  { legacy: 'chunkSize', parent: 'chunking', canonical: 'tokens' },
  { legacy: 'chunkOverlap', parent: 'chunking', canonical: 'overlap' },
  { legacy: 'maxResults', parent: 'query', canonical: 'maxResults' },
] as const;

const someAgent = (agents: unknown, match: (agent: Rec) => boolean) =>
  agentEntries({ agents }).some(([agent]) => match(agent));
const agentSearch = (agent: Rec) => rec(agent.memorySearch) ?? rec(rec(agent.memory)?.search);
const isAuto = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === 'auto';
const hasStorePath = (value: unknown) => typeof rec(rec(value)?.store)?.path === 'string';
const hasFlatFields = (value: unknown) => {
  const search = rec(value);
  return search !== undefined && FLAT_FIELDS.some((f) => has(search, f.legacy));
};

function moveOwners(root: Rec, changes: string[]): void {
  const defaults = rec(rec(root.agents)?.defaults);
  const legacyDefaults = rec(defaults?.memorySearch);
  const legacyTop = rec(root.memorySearch);
  const canonical = rec(rec(root.memory)?.search);
  if (legacyDefaults || legacyTop) {
    const target: Rec = clonePlain(canonical ?? {});
    if (legacyDefaults) {
      mergeMissing(target, legacyDefaults);
      delete defaults!.memorySearch;
    }
    if (legacyTop) {
      mergeMissing(target, legacyTop);
      delete root.memorySearch;
    }
    ensure(root, 'memory').search = target;
    changes.push(
      canonical
        ? 'Merged legacy memorySearch defaults → memory.search (kept explicit memory.search values).'
        : 'Moved legacy memorySearch defaults → memory.search.',
    );
  }
  for (const [agent, path] of agentEntries(root)) {
    const legacy = rec(agent.memorySearch);
    if (!legacy) continue;
    const memory = ensure(agent, 'memory');
    const existing = rec(memory.search);
    const target: Rec = clonePlain(existing ?? {});
    mergeMissing(target, legacy);
    memory.search = target;
    delete agent.memorySearch;
    changes.push(
      existing
        ? `Merged ${path}.memorySearch → ${path}.memory.search (kept explicit memory.search values).`
        : `Moved ${path}.memorySearch → ${path}.memory.search.`,
    );
  }
}

/** Applies `migrate` to `memory.search` and to each agent's `memory.search`. */
function eachSearch(root: Rec, changes: string[], migrate: (search: Rec, path: string, changes: string[]) => void) {
  const top = rec(rec(root.memory)?.search);
  if (top) migrate(top, 'memory.search', changes);
  for (const [agent, path] of agentEntries(root)) {
    const search = rec(rec(agent.memory)?.search);
    if (search) migrate(search, `${path}.memory.search`, changes);
  }
}

function nestFlatFields(search: Rec, path: string, changes: string[]): void {
  for (const { legacy, parent, canonical } of FLAT_FIELDS) {
    if (!has(search, legacy)) continue;
    const value = search[legacy];
    if (search[parent] === undefined) {
      search[parent] = { [canonical]: value };
      changes.push(`Moved ${path}.${legacy} → ${path}.${parent}.${canonical}.`);
      delete search[legacy];
      continue;
    }
    const owner = rec(search[parent]);
    if (!owner) changes.push(`Removed ${path}.${legacy} (${path}.${parent} already set).`);
    else if (owner[canonical] === undefined) {
      owner[canonical] = value;
      changes.push(`Moved ${path}.${legacy} → ${path}.${parent}.${canonical}.`);
    } else changes.push(`Removed ${path}.${legacy} (${path}.${parent}.${canonical} already set).`);
    delete search[legacy];
  }
}

const issue = (path: string, message: string): LegacyIssue => ({ path, message: `${message} ${RUN}` });

export const MEMORY_SEARCH_MIGRATIONS: readonly Migration[] = [
  {
    id: 'memorySearch->memory.search',
    detect: (root) => [
      ...(root.memorySearch !== undefined
        ? [issue('memorySearch', 'top-level memorySearch was moved; use memory.search instead.')]
        : []),
      ...(rec(rec(root.agents)?.defaults)?.memorySearch !== undefined
        ? [issue('agents.defaults.memorySearch', 'agents.defaults.memorySearch moved to memory.search.')]
        : []),
      ...(root.agents !== undefined && someAgent(root.agents, (a) => a.memorySearch !== undefined)
        ? [issue('agents', 'agents.entries.*.memorySearch moved to agents.entries.*.memory.search.')]
        : []),
    ],
    apply: moveOwners,
  },
  {
    id: 'memorySearch.flat-fields->nested-fields',
    detect: (root) => [
      ...(hasFlatFields(rec(root.memory)?.search)
        ? [issue('memory.search', 'memory.search uses legacy flat chunkSize, chunkOverlap, or maxResults fields.')]
        : []),
      ...(root.agents !== undefined && someAgent(root.agents, (a) => hasFlatFields(agentSearch(a)))
        ? [
            issue(
              'agents',
              'agents.entries.*.memorySearch uses legacy flat chunkSize, chunkOverlap, or maxResults fields.',
            ),
          ]
        : []),
    ],
    apply: (root, changes) => eachSearch(root, changes, nestFlatFields),
  },
  {
    id: 'memorySearch.provider-auto->openai',
    detect: (root) => [
      ...(isAuto(rec(root.memorySearch)?.provider)
        ? [issue('memorySearch.provider', 'memorySearch.provider = "auto" is legacy; use "openai" explicitly.')]
        : []),
      ...(isAuto(rec(rec(root.memory)?.search)?.provider)
        ? [issue('memory.search.provider', 'memory.search.provider = "auto" is legacy; use "openai" explicitly.')]
        : []),
      ...(root.agents !== undefined && someAgent(root.agents, (a) => isAuto(agentSearch(a)?.provider))
        ? [issue('agents', 'agents.entries.*.memorySearch.provider = "auto" is legacy; use "openai" explicitly.')]
        : []),
    ],
    apply: (root, changes) =>
      eachSearch(root, changes, (search, path, out) => {
        if (!isAuto(search.provider)) return;
        search.provider = 'openai';
        out.push(`Moved ${path}.provider from legacy "auto" to "openai".`);
      }),
  },
  {
    id: 'memorySearch.store.path->agent-database',
    detect: (root) => [
      ...(rec(rec(root.memorySearch)?.store)?.path !== undefined
        ? [
            issue(
              'memorySearch.store.path',
              'memorySearch.store.path is legacy; memory indexes now live in each agent database.',
            ),
          ]
        : []),
      ...(rec(rec(rec(root.memory)?.search)?.store)?.path !== undefined
        ? [
            issue(
              'memory.search.store.path',
              'memory.search.store.path is legacy; memory indexes now live in each agent database.',
            ),
          ]
        : []),
      ...(root.agents !== undefined && someAgent(root.agents, (a) => hasStorePath(agentSearch(a)))
        ? [
            issue(
              'agents',
              'agents.entries.*.memorySearch.store.path is legacy; memory indexes now live in each agent database.',
            ),
          ]
        : []),
    ],
    apply: (root, changes) =>
      eachSearch(root, changes, (search, path, out) => {
        const store = rec(search.store);
        if (!store || typeof store.path !== 'string') return;
        delete store.path;
        out.push(`Removed ${path}.store.path; memory indexes now use each agent database.`);
      }),
  },
];
