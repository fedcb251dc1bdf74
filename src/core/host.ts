/** The file-system port of the pure core: the CLI and the Action pass a real one, tests an in-memory one. */

export interface FileInfo {
  kind: 'file' | 'directory' | 'other';
  size: number;
  /** Number of hard links; a regular file with more than one is refused as an include. */
  links: number;
}

/** A file opened once: every check and the read are made on what was opened, whatever its path names later. */
export interface OpenedFile {
  /** What was opened (fstat of the descriptor): a FIFO or a device is `other`. */
  info(): FileInfo;
  /**
   * The canonical path of what was opened, or undefined when the path given to `open` no longer leads to it
   * (a link or folder was swapped while it was opened): the caller refuses the file then.
   */
  realpath(): string | undefined;
  /** Up to `limit` + 1 bytes from the start (one more than the limit tells the caller it was exceeded). */
  read(limit: number): Uint8Array;
  close(): void;
}

export interface DirEntry {
  name: string;
  /** A symlink is `link`, whatever it points at. */
  kind: 'file' | 'directory' | 'link' | 'other';
}

export interface Host {
  /** The bytes of a file. Throws when it cannot be read. */
  readFile(absolutePath: string): Uint8Array;
  /** Information about the file a path names after following symlinks, or undefined when nothing is there. */
  stat(absolutePath: string): FileInfo | undefined;
  /** The canonical path with every symlink resolved. Throws when the path does not exist. */
  realpath(absolutePath: string): string;
  /**
   * Opens a file for reading without following a link in its last component and without blocking (a FIFO opens
   * and reports `other`). Throws when nothing can be opened there. A host whose files cannot change while it is
   * read (in memory, a git tree) may leave it out: `openFile` then answers from `stat`, `realpath` and `readFile`.
   */
  open?(absolutePath: string): OpenedFile;
  /** The entries of a folder (for discovery), without following links. Throws when it cannot be listed. */
  list?(absoluteDir: string): DirEntry[];
}

/** Opens a file through the host: its `open` when it has one, else by path (only for hosts nothing else writes to). */
export function openFile(host: Host, absolutePath: string): OpenedFile {
  if (host.open) return host.open(absolutePath);
  const info = host.stat(absolutePath);
  if (!info) throw Object.assign(new Error(`ENOENT: ${absolutePath}`), { code: 'ENOENT' });
  return {
    info: () => info,
    realpath: () => {
      try {
        return host.realpath(absolutePath);
      } catch {
        return undefined;
      }
    },
    read: (limit) => host.readFile(absolutePath).subarray(0, limit + 1),
    close: () => {},
  };
}

/**
 * The base host with some files' bytes replaced by pending text (a fix or migration planned, not yet written). A file
 * not replaced is still read through the base host's opened file, never by path.
 */
export function overlayHost(base: Host, pending: ReadonlyMap<string, Uint8Array>): Host {
  return {
    readFile: (p) => pending.get(p) ?? base.readFile(p),
    realpath: (p) => base.realpath(p),
    open: (p) => {
      const opened = openFile(base, p);
      const data = pending.get(p);
      return data
        ? {
            ...opened,
            info: () => ({ ...opened.info(), size: data.length }),
            read: (limit) => data.subarray(0, limit + 1),
          }
        : opened;
    },
    stat: (p): FileInfo | undefined => {
      const info = base.stat(p);
      const data = pending.get(p);
      return info && data ? { ...info, size: data.length } : info;
    },
  };
}
