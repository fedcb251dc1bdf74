/** The real ports: the runner's commands, the file system, `git` and the global `fetch`. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nodeHost } from '../io/node-host.ts';
import { writeFileSafely } from '../io/safe-file.ts';
import { VERSION } from '../version.ts';
import type { ActionPorts } from './ports.ts';
import type { Git } from './only-new.ts';
import { runnerCore } from './runner.ts';

const git: Git = (args, cwd) => {
  const r = spawnSync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? 1, stdout: r.stdout ?? new Uint8Array(), stderr: r.error ? r.error.message : (r.stderr?.toString('utf8') ?? '') };
};

export function nodePorts(): ActionPorts {
  return {
    env: process.env,
    cwd: process.cwd(),
    core: runnerCore(process.env, (text) => process.stdout.write(text), (code) => (process.exitCode = code)),
    host: nodeHost,
    readText: (path) => readFileSync(path, 'utf8'),
    writeText: writeFileSafely,
    git,
    version: VERSION,
  };
}
