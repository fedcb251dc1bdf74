/** What the CLI does to the world, as a port: the Node edge (run.ts) implements it, tests pass their own. */
import type { Host } from '../core/host.ts';
import type { WriteOptions } from '../io/safe-file.ts';

export interface CliIo {
  host: Host;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Writes a file (the real one: `writeFileSafely`, which refuses links and, with `expect`, lost updates). */
  writeFile: (path: string, text: string, options?: WriteOptions) => void;
  colorAllowed: boolean;
  now: () => number;
  version: string;
}
