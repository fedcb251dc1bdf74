/**
 * A stand-in for the Action's `@actions/core` port that records what the step would print. Annotations are
 * rendered by the real `@actions/core` (its stdout is captured for the call), so the lines are
 * exactly the workflow commands the runner reads.
 */
import * as core from '@actions/core';
import { EOL } from 'node:os';
import type { ActionCore } from '../../src/action/ports.ts';

export interface CapturedCore {
  /** Log lines and workflow commands, in order. */
  lines: string[];
  secrets: string[];
  outputs: Record<string, string>;
  failed: string[];
  summary: string[];
  /** `mask`, `print`, `summary` and `fail`, in order. */
  order: string[];
}

/** The lines `@actions/core` writes to stdout during `call`. */
export function printedBy(call: () => void): string[] {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    call();
  } finally {
    process.stdout.write = write;
  }
  return out.split(EOL).filter((line) => line !== '');
}

export function fakeCore(): { core: ActionCore; got: CapturedCore } {
  const got: CapturedCore = { lines: [], secrets: [], outputs: {}, failed: [], summary: [], order: [] };
  const print = (lines: string[]) => {
    got.lines.push(...lines);
    got.order.push('print');
  };
  return {
    got,
    core: {
      info: (message) => print([message]),
      error: (message, properties) => print(printedBy(() => core.error(message, properties))),
      warning: (message, properties) => print(printedBy(() => core.warning(message, properties))),
      notice: (message, properties) => print(printedBy(() => core.notice(message, properties))),
      setSecret: (secret) => void (got.secrets.push(secret), got.order.push('mask')),
      setOutput: (name, value) => void (got.outputs[name] = value),
      // Not in `lines`: `@actions/core` prints it as `::error::message` (a test of the bundle sees that line).
      setFailed: (message) => void (got.failed.push(message), got.order.push('fail')),
      appendSummary: async (markdown) => void (got.summary.push(markdown), got.order.push('summary')),
    },
  };
}
