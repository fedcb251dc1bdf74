/**
 * The runner's file and stdout commands, as `@actions/core` writes them (its bundle pulls in undici and would
 * push dist/action over 1 MB): `::add-mask::`, `$GITHUB_OUTPUT` heredocs, `$GITHUB_STEP_SUMMARY`, `::error::`.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { escapeData } from './annotations.ts';
import type { ActionCore } from './ports.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** `name<<delimiter` heredoc for `$GITHUB_OUTPUT`; the delimiter is random and must not occur in the value. */
export function fileCommand(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter) || name.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

export function runnerCore(env: Env, write: (text: string) => void, setExitCode: (code: number) => void): ActionCore {
  return {
    info: (message) => write(message + EOL),
    command: (line) => write(line + EOL),
    // Each line of a multi-line secret is masked on its own, as the runner matches line by line.
    setSecret: (value) => {
      for (const part of new Set([value, ...value.split(/\r?\n/)])) if (part.trim()) write(`::add-mask::${escapeData(part)}${EOL}`);
    },
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, fileCommand(name, value), 'utf8');
      else write(`${EOL}::set-output name=${name}::${escapeData(value)}${EOL}`);
    },
    setFailed: (message) => {
      setExitCode(1);
      write(`::error::${escapeData(message)}${EOL}`);
    },
    appendSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) {
        write(`(GITHUB_STEP_SUMMARY is not set; no job summary)${EOL}`);
        return;
      }
      appendFileSync(env.GITHUB_STEP_SUMMARY, markdown.endsWith('\n') ? markdown : markdown + '\n', 'utf8');
    },
  };
}
