/** The file-system port of the pure core: the CLI and the Action pass a real one, tests an in-memory one. */

export interface FileInfo {
  kind: 'file' | 'directory' | 'other';
  size: number;
  /** Number of hard links; a regular file with more than one is refused as an include. */
  links: number;
}

export interface Host {
  /** The bytes of a file. Throws when it cannot be read. */
  readFile(absolutePath: string): Uint8Array;
  /** Information about the file a path names after following symlinks, or undefined when nothing is there. */
  stat(absolutePath: string): FileInfo | undefined;
  /** The canonical path with every symlink resolved. Throws when the path does not exist. */
  realpath(absolutePath: string): string;
}
