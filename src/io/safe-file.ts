/**
 * Reads and writes in folders a pull request controls, where any name may be a planted symlink, hard link or FIFO,
 * or be swapped while we work. A read opens the file once, without following a link and without blocking, and
 * checks what the descriptor holds. A write goes to a new temporary file beside the target and is renamed over it,
 * so it replaces a name and never writes through one.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FileInfo, OpenedFile } from '../core/host.ts';

// Windows has neither flag; there a FIFO cannot be planted by a checkout and a final link is caught by the checks.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** A write that was refused to keep a file outside, a link's target or someone's edit safe; the message says why. */
export class UnsafeWriteError extends Error {}

function kindOf(stats: Stats): FileInfo['kind'] {
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
}

function readUpTo(fd: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Opens `path` for reading: its links are resolved first (a link that stays where the caller allows is fine), then
 * the resolved path is opened without following a final link and without blocking on a FIFO. `realpath()` checks,
 * after the open, that `path` still resolves to the same device and inode, so a swap cannot redirect the read.
 */
export function openForReading(path: string): OpenedFile {
  const resolved = realpathSync(path);
  const fd = openSync(resolved, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  let stats: Stats;
  try {
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let open = true;
  return {
    info: () => ({ kind: kindOf(stats), size: stats.size, links: stats.nlink }),
    realpath: () => {
      try {
        const now = realpathSync(path);
        const named = statSync(now);
        return named.dev === stats.dev && named.ino === stats.ino ? now : undefined;
      } catch {
        return undefined;
      }
    },
    read: (limit) => readUpTo(fd, limit),
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

export interface WriteOptions {
  /** Create the missing folders, one at a time (a link planted in the way is refused). */
  createFolders?: boolean;
  /** The file must land inside this folder once links are resolved (a committed folder link cannot move it out). */
  within?: string;
  /** Replace the file only while it still holds exactly these bytes (what `--fix` read): a concurrent edit is kept. */
  expect?: string | Uint8Array;
}

const bytesOf = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : data;

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function checkWithin(folder: string, within: string | undefined): void {
  if (within !== undefined && !inside(realpathSync(folder), realpathSync(within))) {
    throw new UnsafeWriteError(`its folder resolves outside ${within} (through a symbolic link); not written`);
  }
}

/**
 * Creates the missing folders of `folder` one by one, below an existing one that must resolve inside `within`;
 * `mkdir` never follows a link, and a name that appears meanwhile must be a folder.
 */
function createFolders(folder: string, within: string | undefined): void {
  const missing: string[] = [];
  let current = folder;
  for (let stats = lstatOrUndefined(current); !stats; stats = lstatOrUndefined(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (missing.length > 0) checkWithin(current, within);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!lstatSync(dir).isDirectory())
        throw new UnsafeWriteError(`${dir} appeared while its folder was created and is not a folder`);
    }
  }
}

/** The target as it is now, refused when writing there would replace a link, a special file or a shared inode. */
function checkTarget(path: string, expect: Uint8Array | undefined): Stats | undefined {
  const stats = lstatOrUndefined(path);
  if (stats?.isSymbolicLink())
    throw new UnsafeWriteError('it is a symbolic link; not written, so the file it points to is left alone');
  if (stats && !stats.isFile()) throw new UnsafeWriteError('it is not a regular file; not written');
  if (stats && stats.nlink > 1)
    throw new UnsafeWriteError('it has other hard links (names elsewhere for the same file); not written');
  if (expect) {
    if (!stats) throw new UnsafeWriteError('it was removed after it was read; not written');
    const opened = openForReading(path);
    try {
      if (!Buffer.from(opened.read(expect.length)).equals(expect)) {
        throw new UnsafeWriteError(
          'it changed after it was read (an edit made meanwhile is kept); not written, run again',
        );
      }
    } finally {
      opened.close();
    }
  }
  return stats;
}

/**
 * Writes `data` to `path` atomically: into a new temporary file in the same folder (created exclusively, so no
 * planted name is reused), then renamed over `path`. Refuses, with an `UnsafeWriteError`, when `path` is a link, a
 * special file or has other hard links, when its folder resolves outside `within`, or when it no longer holds
 * `expect`. A file that is replaced keeps its permission bits.
 */
export function writeFileSafely(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const folder = dirname(path);
  if (options.createFolders) createFolders(folder, options.within);
  let folderStats: Stats;
  try {
    folderStats = statSync(folder);
  } catch {
    throw new UnsafeWriteError(`no such folder: ${folder}`);
  }
  if (!folderStats.isDirectory()) throw new UnsafeWriteError(`${folder} is not a folder`);
  checkWithin(folder, options.within);
  const expect = options.expect === undefined ? undefined : bytesOf(options.expect);
  const before = checkTarget(path, expect);

  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o666);
  let renamed = false;
  try {
    try {
      if (before) fchmodSync(fd, before.mode & 0o777);
      const bytes = bytesOf(data);
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // Checked again just before the rename: the window left is the rename itself, which replaces whatever name is
    // there and never writes into what it points to.
    const now = checkTarget(path, expect);
    if (before && (!now || now.ino !== before.ino || now.dev !== before.dev)) {
      throw new UnsafeWriteError('it was replaced after it was read; not written, run again');
    }
    renameSync(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    }
  }
}
