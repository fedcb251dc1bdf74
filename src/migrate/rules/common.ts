/** What several rule modules share: doctor's closing phrase, the keys never copied, and the walks doctor makes. */
import { clonePlain, has, isRec, put, rec, type Rec } from '../draft.ts';
import type { LegacyIssue } from '../migration.ts';

export const RUN = 'Run "openclaw doctor --fix".';

/** Keys a migration never copies or visits: they would reach an object's prototype. */
export const BLOCKED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** Fills the keys `target` lacks from `source`, recursing into records both hold (prototype keys skipped). */
export function mergeMissing(target: Rec, source: Rec): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined || BLOCKED_KEYS.has(key)) continue;
    const existing = target[key];
    if (existing === undefined) put(target, key, clonePlain(value));
    else if (isRec(existing) && isRec(value)) mergeMissing(existing, value);
  }
}

/** Each agent entry with its dotted path (entries when keyed, else the legacy list), as doctor visits them. */
export function agentEntries(root: Rec): Array<[Rec, string]> {
  const agents = rec(root.agents);
  const out: Array<[Rec, string]> = [];
  const entries = rec(agents?.entries);
  if (entries) {
    for (const id of Object.keys(entries)) {
      const entry = rec(entries[id]);
      if (entry && !BLOCKED_KEYS.has(id)) out.push([entry, `agents.entries.${id}`]);
    }
  } else if (Array.isArray(agents?.list))
    agents.list.forEach((item, index) => {
      if (isRec(item) && !(typeof item.id === 'string' && BLOCKED_KEYS.has(item.id)))
        out.push([item, `agents.list[${index}]`]);
    });
  return out;
}

/** `agents.defaults` then each agent entry, with doctor's path labels. */
export function agentScopes(root: Rec): Array<[Rec, string]> {
  const defaults = rec(rec(root.agents)?.defaults);
  return [...(defaults ? [[defaults, 'agents.defaults'] as [Rec, string]] : []), ...agentEntries(root)];
}

/** The value at a path of keys, or undefined when a step is missing. */
function at(root: Rec, path: readonly string[]): unknown {
  let cursor: unknown = root;
  for (const key of path) {
    if (!isRec(cursor) || !has(cursor, key)) return undefined;
    cursor = cursor[key];
  }
  return cursor;
}

/** A detection rule: the path holds a value (and `match` accepts it). */
export function present(
  path: string[],
  message: string,
  match?: (value: unknown) => boolean,
): (root: Rec) => LegacyIssue[] {
  return (root) => {
    const value = at(root, path);
    return value !== undefined && (!match || match(value)) ? [{ path: path.join('.'), message }] : [];
  };
}
