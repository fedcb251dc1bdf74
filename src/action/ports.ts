/** The Action's ports: everything it does to the runner, the file system, git and the network goes through these. */
import type { Host } from '../core/host.ts';
import type { AuditFileOptions } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import type { WriteOptions } from '../io/safe-file.ts';
import type { Git } from './only-new.ts';

/** The part of `@actions/core` the Action uses. */
export interface ActionCore {
  /** A plain log line. */
  info(message: string): void;
  /** A raw workflow command line (`::error …::…`), printed as is. */
  command(line: string): void;
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  appendSummary(markdown: string): Promise<void>;
}

export interface ActionPorts {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  core: ActionCore;
  /** The file system the head configs are read from. */
  host: Host;
  readText(path: string): string;
  /** Writes a file (the real one: `writeFileSafely`, which never writes through a link). */
  writeText(path: string, text: string, options?: WriteOptions): void;
  git: Git;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The audit of one config; `auditFile` unless a test swaps it. */
  audit?: (options: AuditFileOptions) => AuditOutcome;
  now?: () => number;
  version: string;
  /** Folder for the JSON report; `RUNNER_TEMP` or the SARIF file's folder by default. */
  tempDir?: string;
}
