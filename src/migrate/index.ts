/** The migration engine's entry points for the CLI and the fix. */
import type { FileInfo, Host, OpenedFile } from '../core/host.ts';
import type { ConfigIssue } from '../core/types.ts';
import { summarizeMigration, type MigrationSummary } from '../report/migration.ts';
import { runMigration } from './run.ts';

/**
 * What doctor would migrate in a config, and what that does about each of openclaw's `issues` with it; undefined when
 * it would change nothing (or cannot read the config).
 */
export function migrationFor(
  host: Host,
  configPath: string,
  root: string,
  issues: readonly ConfigIssue[] = [],
): MigrationSummary | undefined {
  let run: ReturnType<typeof runMigration>;
  try {
    run = runMigration({ host, configPath, root });
  } catch {
    return undefined;
  }
  if (!run || (run.plan.changes.length === 0 && run.plan.dropped.length === 0 && run.plan.repairs.length === 0))
    return undefined;
  return summarizeMigration(run, issues);
}

/**
 * A host that reads each file at most once (the audit and then the migration read the same files; the second pass
 * must not double what an include bomb costs). Opening goes through the base host's `open` as before, so every read
 * is still checked on the opened file; a second open of the same path answers from what the first one found.
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
    ...(base.open ? { open: openedOnce(base.open.bind(base)) } : {}),
    ...(base.list ? { list: base.list.bind(base) } : {}),
  };
}

interface OpenedMemo {
  info?: FileInfo;
  realpath?: { value: string | undefined };
  reads: Map<number, Uint8Array>;
}

/** `open`, remembering per path what was asked of the opened file; a later open of the path replays it. */
function openedOnce(open: (path: string) => OpenedFile): (path: string) => OpenedFile {
  const seen = new Map<string, OpenedMemo>();
  return (path) => {
    let memo = seen.get(path);
    // The first open of a path opens it now, so a path that cannot be opened throws here, as the base host's would.
    let file: OpenedFile | undefined = memo ? undefined : open(path);
    if (!memo) seen.set(path, (memo = { reads: new Map() }));
    const m = memo;
    const opened = () => (file ??= open(path));
    return {
      info: () => (m.info ??= opened().info()),
      realpath: () => (m.realpath ??= { value: opened().realpath() }).value,
      read: (limit) => {
        let bytes = m.reads.get(limit);
        if (!bytes) m.reads.set(limit, (bytes = opened().read(limit)));
        return bytes;
      },
      close: () => file?.close(),
    };
  };
}
