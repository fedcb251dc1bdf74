/** The real ports: `@actions/core` on the runner, the file system and `git`. */
import * as core from '@actions/core';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nodeHost } from '../io/node-host.ts';
import { writeFileSafely } from '../io/safe-file.ts';
import { VERSION } from '../version.ts';
import type { ActionCore, ActionPorts, Git } from './ports.ts';

const git: Git = (args, cwd) => {
  const r = spawnSync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return {
    status: r.status ?? 1,
    stdout: r.stdout ?? new Uint8Array(),
    stderr: r.error ? r.error.message : (r.stderr?.toString('utf8') ?? ''),
  };
};

const actionsCore: ActionCore = {
  info: core.info,
  error: core.error,
  warning: core.warning,
  notice: core.notice,
  // The runner masks line by line, so each line of a multi-line secret is registered too.
  setSecret: (value) => {
    for (const part of new Set([value, ...value.split(/\r?\n/)])) if (part.trim()) core.setSecret(part);
  },
  setOutput: core.setOutput,
  setFailed: core.setFailed,
  appendSummary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.info('(GITHUB_STEP_SUMMARY is not set; no job summary)');
      return;
    }
    await core.summary.addRaw(markdown, true).write();
  },
};

export function nodePorts(): ActionPorts {
  return {
    env: process.env,
    cwd: process.cwd(),
    core: actionsCore,
    host: nodeHost,
    readText: (path) => readFileSync(path, 'utf8'),
    writeText: writeFileSafely,
    git,
    version: VERSION,
  };
}
