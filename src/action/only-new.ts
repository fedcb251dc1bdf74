/**
 * `only-new`: audit the same config paths at the PR's base commit, read straight from git (`git cat-file` per file
 * the loader asks for, so `$include`s resolve exactly as on the base), and keep only the findings the PR introduces.
 * Findings match by checkId + file + config path, as a multiset (two identical findings need two on the base).
 */
import { posix, relative, sep } from 'node:path';
import type { FileInfo, Host } from '../core/host.ts';
import type { AuditOutcome, Finding } from '../core/types.ts';
import type { Git, GitResult } from './ports.ts';

const text = (r: GitResult) => new TextDecoder().decode(r.stdout);

export class BaseUnavailableError extends Error {}

/** Makes sure the base commit is present (a shallow checkout does not have it) and returns the repository's top folder. */
export function prepareBase(git: Git, cwd: string, sha: string): string {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (top.status !== 0)
    throw new BaseUnavailableError(`not a git checkout (${top.stderr.trim() || 'git rev-parse failed'})`);
  const toplevel = text(top).trim();
  const has = () => git(['cat-file', '-e', `${sha}^{commit}`], toplevel).status === 0;
  if (!has()) {
    const fetched = git(['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha], toplevel);
    if (fetched.status !== 0 || !has())
      throw new BaseUnavailableError(
        `base commit ${sha} is not in the checkout and could not be fetched (${fetched.stderr.trim().split('\n').pop() ?? ''}); use actions/checkout with fetch-depth: 0`,
      );
  }
  return toplevel;
}

interface TreeEntry {
  mode: string;
  size: number;
}

/** A read-only Host over the tree of one commit; absolute paths under `toplevel` map to paths in the commit. */
export function gitTreeHost(git: Git, toplevel: string, sha: string): Host {
  const listing = git(['ls-tree', '-r', '-l', '-z', '--full-tree', sha], toplevel);
  if (listing.status !== 0) throw new BaseUnavailableError(`git ls-tree ${sha} failed: ${listing.stderr.trim()}`);
  const files = new Map<string, TreeEntry>();
  const dirs = new Set<string>(['']);
  for (const record of text(listing).split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, , size] = record.slice(0, tab).split(/\s+/);
    const path = record.slice(tab + 1);
    if (type !== 'blob') continue;
    files.set(path, { mode: mode!, size: Number(size) || 0 });
    for (let dir = posix.dirname(path); dir !== '.' && !dirs.has(dir); dir = posix.dirname(dir)) dirs.add(dir);
  }
  const toRel = (abs: string): string | undefined => {
    const rel = relative(toplevel, abs).split(sep).join('/');
    return rel.startsWith('..') || posix.isAbsolute(rel) ? undefined : rel;
  };
  const blob = (rel: string): Uint8Array => {
    const r = git(['cat-file', 'blob', `${sha}:${rel}`], toplevel);
    if (r.status !== 0) throw Object.assign(new Error(`ENOENT: ${rel} at ${sha.slice(0, 7)}`), { code: 'ENOENT' });
    return r.stdout;
  };
  /** Follows symlinks component by component, like realpath(3), inside the tree. */
  const resolveRel = (rel: string): string | undefined => {
    const parts = rel === '' ? [] : rel.split('/');
    let done = '';
    for (let hops = 0, i = 0; i < parts.length; i++) {
      const next = done ? `${done}/${parts[i]}` : parts[i]!;
      const entry = files.get(next);
      if (entry?.mode === '120000') {
        if (++hops > 40) return undefined;
        const target = new TextDecoder().decode(blob(next));
        const joined = posix.normalize(
          posix.join(posix.isAbsolute(target) ? '/' : done, target, ...parts.slice(i + 1)),
        );
        if (posix.isAbsolute(target)) {
          const inside = toRel(joined);
          if (inside === undefined) return undefined;
          return resolveRel(inside);
        }
        if (joined.startsWith('..')) return undefined;
        return resolveRel(joined === '.' ? '' : joined);
      }
      if (!entry && !dirs.has(next)) return undefined;
      done = next;
    }
    return done;
  };
  return {
    readFile(abs) {
      const rel = toRel(abs);
      const real = rel === undefined ? undefined : resolveRel(rel);
      if (real === undefined || !files.has(real)) throw Object.assign(new Error(`ENOENT: ${abs}`), { code: 'ENOENT' });
      return blob(real);
    },
    stat(abs): FileInfo | undefined {
      const rel = toRel(abs);
      const real = rel === undefined ? undefined : resolveRel(rel);
      if (real === undefined) return undefined;
      const entry = files.get(real);
      if (entry) return { kind: entry.mode === '160000' ? 'other' : 'file', size: entry.size, links: 1 };
      return dirs.has(real) ? { kind: 'directory', size: 0, links: 1 } : undefined;
    },
    realpath(abs) {
      const rel = toRel(abs);
      const real = rel === undefined ? undefined : resolveRel(rel);
      if (real === undefined) throw Object.assign(new Error(`ENOENT: ${abs}`), { code: 'ENOENT' });
      return real === '' ? toplevel : posix.join(toplevel.split(sep).join('/'), real);
    },
  };
}

export interface Comparison {
  /** Head outcomes with only the new findings (rejected configs unchanged). */
  outcomes: AuditOutcome[];
  newCount: number;
  unchanged: number;
  /** Unchanged findings by config. */
  unchangedByConfig: Record<string, number>;
  resolved: Array<{ config: string; finding: Finding }>;
}

function findingKey(config: string, f: Finding): string {
  return [f.checkId, f.location?.file ?? config, f.location?.path ?? ''].join('\0');
}

/** Splits head findings into new and unchanged against the base outcomes (by config); missing or rejected base = all new. */
export function compareWithBase(
  head: readonly AuditOutcome[],
  base: ReadonlyMap<string, AuditOutcome | undefined>,
): Comparison {
  const outcomes: AuditOutcome[] = [];
  const resolved: Comparison['resolved'] = [];
  let newCount = 0;
  let unchanged = 0;
  const unchangedByConfig: Record<string, number> = {};
  for (const o of head) {
    const b = base.get(o.config);
    if (!o.ok) {
      outcomes.push(o);
      continue;
    }
    const pool = new Map<string, Finding[]>();
    if (b?.ok) {
      for (const f of b.findings) {
        const key = findingKey(b.config, f);
        pool.set(key, [...(pool.get(key) ?? []), f]);
      }
    }
    const fresh: Finding[] = [];
    for (const f of o.findings) {
      const same = pool.get(findingKey(o.config, f));
      if (same && same.length > 0) {
        same.shift();
        unchanged++;
        unchangedByConfig[o.config] = (unchangedByConfig[o.config] ?? 0) + 1;
      } else fresh.push(f);
    }
    for (const left of pool.values()) for (const finding of left) resolved.push({ config: o.config, finding });
    newCount += fresh.length;
    const summary = { critical: 0, warn: 0, info: 0 };
    for (const f of fresh) summary[f.severity]++;
    outcomes.push({ ...o, findings: fresh, summary });
  }
  return { outcomes, newCount, unchanged, unchangedByConfig, resolved };
}
