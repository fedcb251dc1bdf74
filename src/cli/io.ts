/** What the CLI does to the world, as a port: the Node edge (run.ts) implements it, tests pass their own. */
import type { Host } from '../core/host.ts';

export interface CliIo {
  host: Host;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  writeFile: (path: string, text: string) => void;
  colorAllowed: boolean;
  now: () => number;
  version: string;
}
