/** Small helpers the migrations use on the plain config draft (a deep copy they may change in place). */

export type Rec = Record<string, unknown>;

export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a record, or undefined. */
export function rec(value: unknown): Rec | undefined {
  return isRec(value) ? value : undefined;
}

export function has(owner: Rec | undefined, key: string): owner is Rec {
  return owner !== undefined && Object.prototype.hasOwnProperty.call(owner, key);
}

/** Sets an own data property (a key like `__proto__` stays data). */
export function put(owner: Rec, key: string, value: unknown): void {
  Object.defineProperty(owner, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The record at `owner[key]`, created (as `{}`) when missing or not a record. */
export function ensure(owner: Rec, key: string): Rec {
  const existing = rec(owner[key]);
  if (existing && has(owner, key)) return existing;
  const created: Rec = {};
  put(owner, key, created);
  return created;
}

/** A deep copy of plain JSON data, own keys only, bounded in depth. */
export function clonePlain<T>(value: T, depth = 0): T {
  if (depth > 500) return value;
  if (Array.isArray(value)) return value.map((v) => clonePlain(v, depth + 1)) as T;
  if (!isRec(value)) return value;
  const out: Rec = {};
  for (const key of Object.keys(value)) put(out, key, clonePlain(value[key], depth + 1));
  return out as T;
}

/** Deep equality of plain JSON data (key order ignored). */
export function samePlain(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 500) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => samePlain(v, b[i], depth + 1));
  }
  if (!isRec(a) || !isRec(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => has(b, k) && samePlain(a[k], b[k], depth + 1));
}

/** Copies the keys of `source` that `target` lacks, recursing into records both hold. */
export function fillMissing(target: Rec, source: Rec): void {
  for (const key of Object.keys(source)) {
    const existing = target[key];
    if (!has(target, key) || existing === undefined) put(target, key, clonePlain(source[key]));
    else if (isRec(existing) && isRec(source[key])) fillMissing(existing, source[key] as Rec);
  }
}

/**
 * Deletes `path` under `owner` ("*" matches every key); empty records left behind on the way are removed too.
 * Returns whether anything was deleted.
 */
export function deletePath(owner: Rec, path: readonly string[]): boolean {
  const [key, ...rest] = path;
  if (key === undefined) return false;
  if (key === '*') {
    let any = false;
    for (const k of Object.keys(owner)) {
      const child = rec(owner[k]);
      if (child && rest.length > 0 && deletePath(child, rest)) any = true;
    }
    return any;
  }
  if (!has(owner, key)) return false;
  if (rest.length === 0) {
    delete owner[key];
    return true;
  }
  const child = rec(owner[key]);
  if (!child || !deletePath(child, rest)) return false;
  if (Object.keys(child).length === 0) delete owner[key];
  return true;
}

/** Visits `agents.defaults` then each `agents.entries.<id>` (and legacy `agents.list[]` items) with its dotted path. */
export function visitAgentScopes(root: Rec, visit: (scope: Rec, path: string) => void): void {
  const agents = rec(root.agents);
  if (!agents) return;
  const defaults = rec(agents.defaults);
  if (defaults) visit(defaults, 'agents.defaults');
  const entries = rec(agents.entries);
  if (entries)
    for (const id of Object.keys(entries)) {
      const entry = rec(entries[id]);
      if (entry) visit(entry, `agents.entries.${id}`);
    }
  if (Array.isArray(agents.list))
    agents.list.forEach((item, index) => {
      if (isRec(item)) visit(item, `agents.list.${index}`);
    });
}

/** Visits `channels.<id>` then each object-shaped `channels.<id>.accounts.<acct>`. */
export function visitChannel(root: Rec, channelId: string, visit: (entry: Rec, path: string) => void): void {
  const channel = rec(rec(root.channels)?.[channelId]);
  if (!channel) return;
  visit(channel, `channels.${channelId}`);
  const accounts = rec(channel.accounts);
  if (accounts)
    for (const id of Object.keys(accounts)) {
      const account = rec(accounts[id]);
      if (account) visit(account, `channels.${channelId}.accounts.${id}`);
    }
}

/** Moves `owner[from]` to `owner[to]` unless `to` is set; either way `from` is removed. */
export function renameKey(owner: Rec | undefined, from: string, to: string, path: string, changes: string[]): void {
  if (!has(owner, from)) return;
  if (owner[to] === undefined) {
    put(owner, to, owner[from]);
    changes.push(`Moved ${path}.${from} → ${path}.${to}.`);
  } else {
    changes.push(`Removed ${path}.${from} (${path}.${to} already set).`);
  }
  delete owner[from];
}
