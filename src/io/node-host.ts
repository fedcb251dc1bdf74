/** The real file system behind the core's Host port (used by the CLI and the Action). */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { FileInfo, Host } from '../core/host.ts';

export const nodeHost: Host = {
  readFile: (path) => readFileSync(path),
  realpath: (path) => realpathSync(path),
  stat: (path): FileInfo | undefined => {
    try {
      const stats = statSync(path);
      return { kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other', size: stats.size, links: stats.nlink };
    } catch {
      return undefined;
    }
  },
};
