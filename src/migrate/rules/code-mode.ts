/**
 * doctor's CLI-backend and Code Mode migrations (openclaw 2026.9.6): `agents.defaults.cliBackends` adapters register
 * through plugins now and are removed; `tools.codeMode.languages` is retired (JavaScript only); the `quickjs-wasi`
 * Code Mode runtime becomes `executor: "quickjs"`. Global and per-agent `tools`. Paths and messages are openclaw's
 * interface.
 */
import { has, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { RUN, agentEntries } from './common.ts';

const GUIDE = 'https://docs.openclaw.ai/plugins/cli-backend-plugins';

const codeMode = (tools: unknown) => rec(rec(tools)?.codeMode);

function detectCodeMode(root: Rec, key: string, global: string, perAgent: string): LegacyIssue[] {
  const out: LegacyIssue[] = [];
  if (codeMode(root.tools)?.[key] !== undefined)
    out.push({ path: `tools.codeMode.${key}`, message: `${global} ${RUN}` });
  if (
    root.agents !== undefined &&
    agentEntries({ agents: root.agents }).some(([agent]) => has(codeMode(agent.tools), key))
  )
    out.push({ path: 'agents', message: `${perAgent} ${RUN}` });
  return out;
}

function eachTools(root: Rec, visit: (tools: unknown, path: string) => void): void {
  visit(root.tools, 'tools');
  for (const [agent, path] of agentEntries(root)) visit(agent.tools, `${path}.tools`);
}

export const CODE_MODE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'agents.defaults.cliBackends-plugin-registration',
    detect: (root) =>
      rec(rec(root.agents)?.defaults)?.cliBackends !== undefined
        ? [
            {
              path: 'agents.defaults.cliBackends',
              message: `CLI backend adapters now register through plugins; see ${GUIDE}`,
            },
          ]
        : [],
    apply: (root, changes) => {
      const defaults = rec(rec(root.agents)?.defaults);
      if (!has(defaults, 'cliBackends')) return;
      delete defaults.cliBackends;
      changes.push(
        `Removed agents.defaults.cliBackends; CLI backend adapters now register through plugins (${GUIDE}).`,
      );
    },
  },
  {
    id: 'tools.codeMode.javascript-only',
    detect: (root) =>
      detectCodeMode(
        root,
        'languages',
        'tools.codeMode.languages is retired; Code Mode now runs JavaScript only.',
        'Per-agent tools.codeMode.languages is retired; Code Mode now runs JavaScript only.',
      ),
    apply: (root, changes) =>
      eachTools(root, (tools, path) => {
        const mode = codeMode(tools);
        if (!has(mode, 'languages')) return;
        delete mode.languages;
        changes.push(`Removed ${path}.codeMode.languages; Code Mode now runs JavaScript only.`);
      }),
  },
  {
    id: 'tools.codeMode.executor',
    detect: (root) =>
      detectCodeMode(
        root,
        'runtime',
        'tools.codeMode.runtime moved to tools.codeMode.executor.',
        'Per-agent tools.codeMode.runtime moved to tools.codeMode.executor.',
      ),
    apply: (root, changes) =>
      eachTools(root, (tools, path) => {
        const mode = codeMode(tools);
        if (!mode || mode.runtime !== 'quickjs-wasi') return;
        if (Object.hasOwn(mode, 'executor'))
          changes.push(`Removed ${path}.codeMode.runtime; kept explicit ${path}.codeMode.executor.`);
        else {
          mode.executor = 'quickjs';
          changes.push(`Moved ${path}.codeMode.runtime to ${path}.codeMode.executor (quickjs).`);
        }
        delete mode.runtime;
      }),
  },
];
