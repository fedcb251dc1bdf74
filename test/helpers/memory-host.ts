/** An in-memory Host: files are given as text (or bytes) under a fake root, symlinks as a map. */
import { posix } from 'node:path';
import type { Host } from '../../src/core/host.ts';
import { auditFile } from '../../src/core/run.ts';
import type { AuditOutcome } from '../../src/core/types.ts';

export const ROOT = '/repo';

export function memoryHost(files: Record<string, string | Uint8Array>, symlinks: Record<string, string> = {}): Host {
  const abs = (p: string) => posix.resolve(ROOT, p);
  const contents = new Map(
    Object.entries(files).map(([p, c]) => [abs(p), typeof c === 'string' ? new TextEncoder().encode(c) : c]),
  );
  const links = new Map(
    Object.entries(symlinks).map(([p, target]) => [abs(p), posix.resolve(posix.dirname(abs(p)), target)]),
  );
  const isDir = (p: string) => [...contents.keys()].some((f) => f.startsWith(p.endsWith('/') ? p : p + '/'));
  const realpath = (p: string): string => {
    let current = p;
    for (let i = 0; i < 40 && links.has(current); i++) current = links.get(current)!;
    if (!contents.has(current) && !isDir(current)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    return current;
  };
  return {
    readFile: (p) => {
      const data = contents.get(realpath(p));
      if (!data) throw Object.assign(new Error(`EISDIR: ${p}`), { code: 'EISDIR' });
      return data;
    },
    realpath,
    stat: (p) => {
      let real: string;
      try {
        real = realpath(p);
      } catch {
        return undefined;
      }
      const data = contents.get(real);
      return data ? { kind: 'file', size: data.length, links: 1 } : { kind: 'directory', size: 0, links: 1 };
    },
    list: (p) => {
      const dir = realpath(p);
      if (contents.has(dir)) throw Object.assign(new Error(`ENOTDIR: ${p}`), { code: 'ENOTDIR' });
      const names = new Set<string>();
      for (const path of [...contents.keys(), ...links.keys()]) {
        if (path.startsWith(dir === '/' ? '/' : dir + '/'))
          names.add(path.slice(dir.length + (dir === '/' ? 0 : 1)).split('/')[0]!);
      }
      return [...names].map((name) => {
        const child = posix.join(dir, name);
        return { name, kind: links.has(child) ? 'link' : contents.has(child) ? 'file' : 'directory' };
      });
    },
  };
}

/** Audits `openclaw.json` (plus any other files given) in an in-memory repository. */
export function auditText(
  config: string,
  otherFiles: Record<string, string> = {},
  options: { lenient?: boolean } = {},
): AuditOutcome {
  const host = memoryHost({ 'openclaw.json': config, ...otherFiles });
  return auditFile({ host, configPath: `${ROOT}/openclaw.json`, root: ROOT, ...options });
}

/** The (checkId, severity) pairs of an accepted config, in report order; throws when the config is rejected. */
export function findingIds(
  config: string,
  otherFiles: Record<string, string> = {},
  options: { lenient?: boolean } = {},
): string[] {
  const outcome = auditText(config, otherFiles, options);
  if (!outcome.ok) throw new Error(`config rejected: ${JSON.stringify(outcome.issues)}`);
  return outcome.findings.map((f) => `${f.checkId}:${f.severity}`);
}
