/** The real file system behind the core's Host port (used by the CLI and the Action). */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { DirEntry, FileInfo, Host } from '../core/host.ts';
import { openForReading } from './safe-file.ts';

export const nodeHost: Host = {
  readFile: (path) => readFileSync(path),
  realpath: (path) => realpathSync(path),
  stat: (path): FileInfo | undefined => {
    try {
      const stats = statSync(path);
      return {
        kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
        size: stats.size,
        links: stats.nlink,
      };
    } catch {
      return undefined;
    }
  },
  open: openForReading,
  list: (dir): DirEntry[] =>
    readdirSync(dir, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      kind: entry.isSymbolicLink() ? 'link' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
    })),
};
