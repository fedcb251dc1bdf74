/**
 * The Action's ports for a test run in a workspace on the real file system: the real host, files written to disk, no
 * git, no waiting, a fixed clock and version. A test overrides what it exercises (git, the audit, API pacing, writes).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ActionCore, ActionPorts } from '../../src/action/ports.ts';
import { nodeHost } from '../../src/io/node-host.ts';

export function testPorts(
  workspace: string,
  env: Record<string, string>,
  core: ActionCore,
  over: Partial<ActionPorts> = {},
): ActionPorts {
  return {
    env,
    cwd: workspace,
    core,
    host: nodeHost,
    readText: (p) => readFileSync(p, 'utf8'),
    writeText: (p, t) => {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, t);
    },
    git: () => ({ status: 1, stdout: new Uint8Array(), stderr: 'no git here' }),
    sleep: async () => {},
    now: () => 1_700_000_000_000,
    version: '0.1.0-test',
    ...over,
  };
}
