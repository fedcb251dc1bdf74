/** The migration engine's entry points for the CLI and the fix. */
import type { Host } from '../core/host.ts';
import { summarizeMigration, type MigrationSummary } from '../report/migration.ts';
import { runMigration } from './run.ts';

/** What doctor would migrate in a config, or undefined when it would change nothing (or cannot read the config). */
export function migrationFor(host: Host, configPath: string, root: string): MigrationSummary | undefined {
  let run: ReturnType<typeof runMigration>;
  try {
    run = runMigration({ host, configPath, root });
  } catch {
    return undefined;
  }
  if (!run || (run.plan.changes.length === 0 && run.plan.dropped.length === 0)) return undefined;
  return summarizeMigration(run);
}

/**
 * A host that reads each file at most once (the audit and then the migration read the same files; the second pass
 * must not double the reads a hostile include tree costs). Holds what it read for the life of one run.
 */
export function readOnceHost(base: Host): Host {
  const cache = new Map<string, Uint8Array>();
  return {
    readFile: (p) => {
      const hit = cache.get(p);
      if (hit) return hit;
      const bytes = base.readFile(p);
      cache.set(p, bytes);
      return bytes;
    },
    realpath: (p) => base.realpath(p),
    stat: (p) => base.stat(p),
  };
}
