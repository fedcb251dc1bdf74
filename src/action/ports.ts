/** What the Action reads and writes outside itself: the runner (`@actions/core`), files, git, GitHub. Types only. */
import type { Host } from '../core/host.ts';
import type { WriteOptions } from '../io/safe-file.ts';
import type { AuditFileOptions } from '../core/run.ts';
import type { AuditOutcome } from '../core/types.ts';
import type { ApiPacing } from './github.ts';

/** Where an annotation goes, as `@actions/core`'s `AnnotationProperties`. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** The part of `@actions/core` the Action uses. */
export interface ActionCore {
  /** A plain log line. */
  info(message: string): void;
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  notice(message: string, properties?: AnnotationProperties): void;
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  /** Appends Markdown to the job summary. */
  appendSummary(markdown: string): Promise<void>;
}

export interface GitResult {
  status: number;
  stdout: Uint8Array;
  stderr: string;
}

export type Git = (args: readonly string[], cwd: string) => GitResult;

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
  /** Waits between SARIF status polls. */
  sleep?: (ms: number) => Promise<void>;
  /** GitHub API retry and write pacing; GitHub's recommended values unless a test makes them zero. */
  apiPacing?: ApiPacing;
  /** The audit of one config; `auditFile` unless a test swaps it. */
  audit?: (options: AuditFileOptions) => AuditOutcome;
  now?: () => number;
  version: string;
  /** Folder for the JSON report; `RUNNER_TEMP` or the SARIF file's folder by default. */
  tempDir?: string;
}
