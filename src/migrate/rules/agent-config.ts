/**
 * doctor's retired agent settings (openclaw 2026.9.6, its agent/runtime group, without the roster, ownership and
 * model-runtime ones): silent-reply rewriting and direct-chat silent replies, system prompt overrides,
 * `agents.defaults.llm`, `timeoutMs` on agent model selections, `embeddedPi` → `embeddedAgent`, sandbox
 * `perSession` → `scope`, sandbox browsers on the unsupported network "none", and `session.typingMode` →
 * `agents.defaults.typingMode`. Paths and messages are openclaw's interface.
 */
import { clonePlain, has, rec, type Rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';
import { BLOCKED_KEYS, RUN, agentEntries, agentScopes, mergeMissing } from './common.ts';

const SANDBOX_BROWSER_NETWORK = 'openclaw-sandbox-browser';

const someAgent = (root: Rec, match: (agent: Rec) => boolean) =>
  root.agents !== undefined && agentEntries({ agents: root.agents }).some(([agent]) => match(agent));
const issue = (path: string, message: string): LegacyIssue => ({ path, message });
const defaultsOf = (root: Rec) => rec(rec(root.agents)?.defaults);
const hasTimeout = (value: unknown) => has(rec(value), 'timeoutMs');
const isNone = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === 'none';
const sandboxBrowser = (container: unknown) => rec(rec(rec(container)?.sandbox)?.browser);

function removeSilentReply(root: Rec, changes: string[]): void {
  const defaults = defaultsOf(root);
  const silent = rec(defaults?.silentReply);
  if (has(silent, 'direct')) {
    delete silent.direct;
    changes.push('Removed agents.defaults.silentReply.direct; direct chats never use NO_REPLY.');
  }
  if (has(defaults, 'silentReplyRewrite')) {
    delete defaults.silentReplyRewrite;
    changes.push('Removed agents.defaults.silentReplyRewrite.');
  }
  const surfaces = rec(root.surfaces);
  for (const id of Object.keys(surfaces ?? {})) {
    if (BLOCKED_KEYS.has(id)) continue;
    const surface = rec(surfaces![id]);
    if (!surface) continue;
    const reply = rec(surface.silentReply);
    if (has(reply, 'direct')) {
      delete reply.direct;
      changes.push(`Removed surfaces.${id}.silentReply.direct; direct chats never use NO_REPLY.`);
    }
    if (has(surface, 'silentReplyRewrite')) {
      delete surface.silentReplyRewrite;
      changes.push(`Removed surfaces.${id}.silentReplyRewrite.`);
    }
  }
}

function sandboxBrowserNetworks(root: Rec, changes: string[]): void {
  const defaultBrowser = sandboxBrowser(defaultsOf(root));
  const defaultNone = isNone(defaultBrowser?.network);
  const defaultEnabled = defaultBrowser?.enabled === true;
  const disable = (browser: Rec, path: string) => {
    if (!isNone(browser.network)) return;
    browser.enabled = false;
    browser.network = SANDBOX_BROWSER_NETWORK;
    changes.push(`Disabled ${path} and moved its unsupported network "none" → "${SANDBOX_BROWSER_NETWORK}".`);
  };
  for (const [agent, path] of agentEntries(root)) {
    const label = `${path}.sandbox.browser`;
    const browser = sandboxBrowser(agent);
    if (!browser) continue;
    if (!defaultNone) {
      disable(browser, label);
      continue;
    }
    const explicit = typeof browser.network === 'string';
    if (isNone(browser.network)) disable(browser, label);
    else if (!explicit && browser.enabled === true) {
      browser.enabled = false;
      changes.push(`Disabled ${label} because it inherited unsupported browser network "none".`);
    } else if (explicit && browser.enabled === undefined && defaultEnabled) {
      browser.enabled = true;
      changes.push(
        `Set ${label}.enabled to true to preserve its explicit supported network while disabling the unsupported default browser network.`,
      );
    }
  }
  if (defaultBrowser) disable(defaultBrowser, 'agents.defaults.sandbox.browser');
}

export const AGENT_CONFIG_MIGRATIONS: readonly Migration[] = [
  {
    id: 'silentReplyRewrite-removed',
    detect: (root) => {
      const defaults = defaultsOf(root);
      const surfaces = rec(root.surfaces);
      const surfaceHas = (match: (s: Rec) => boolean) =>
        Object.keys(surfaces ?? {}).some(
          (id) => !BLOCKED_KEYS.has(id) && rec(surfaces![id]) && match(rec(surfaces![id])!),
        );
      return [
        ...(defaults?.silentReplyRewrite !== undefined
          ? [
              issue(
                'agents.defaults.silentReplyRewrite',
                `agents.defaults.silentReplyRewrite was removed; exact NO_REPLY is no longer rewritten to visible fallback text. Run "openclaw doctor --fix" to remove it.`,
              ),
            ]
          : []),
        ...(has(rec(defaults?.silentReply), 'direct')
          ? [
              issue(
                'agents.defaults.silentReply',
                `agents.defaults.silentReply.direct was removed; direct chats never receive NO_REPLY prompt guidance. Run "openclaw doctor --fix" to remove it.`,
              ),
            ]
          : []),
        ...(surfaceHas((s) => has(s, 'silentReplyRewrite'))
          ? [
              issue(
                'surfaces',
                `surfaces.*.silentReplyRewrite was removed; exact NO_REPLY is no longer rewritten to visible fallback text. Run "openclaw doctor --fix" to remove it.`,
              ),
            ]
          : []),
        ...(surfaceHas((s) => has(rec(s.silentReply), 'direct'))
          ? [
              issue(
                'surfaces',
                `surfaces.*.silentReply.direct was removed; direct chats never receive NO_REPLY prompt guidance. Run "openclaw doctor --fix" to remove it.`,
              ),
            ]
          : []),
      ];
    },
    apply: removeSilentReply,
  },
  {
    id: 'agents.systemPromptOverride-removed',
    detect: (root) => [
      ...(defaultsOf(root)?.systemPromptOverride !== undefined
        ? [
            issue(
              'agents.defaults.systemPromptOverride',
              'agents.defaults.systemPromptOverride was removed; OpenClaw owns the generated system prompt. Run "openclaw doctor --fix" to remove it.',
            ),
          ]
        : []),
      ...(someAgent(root, (a) => has(a, 'systemPromptOverride'))
        ? [
            issue(
              'agents',
              'agents.entries.*.systemPromptOverride was removed; OpenClaw owns the generated system prompt. Run "openclaw doctor --fix" to remove it.',
            ),
          ]
        : []),
    ],
    apply: (root, changes) => {
      for (const [scope, path] of agentScopes(root))
        if (has(scope, 'systemPromptOverride')) {
          delete scope.systemPromptOverride;
          changes.push(`Removed ${path}.systemPromptOverride.`);
        }
    },
  },
  {
    id: 'agents.defaults.llm->models.providers.timeoutSeconds',
    detect: (root) =>
      rec(defaultsOf(root)?.llm)
        ? [
            issue(
              'agents.defaults.llm',
              `agents.defaults.llm is legacy; use models.providers.<id>.timeoutSeconds for slow model/provider timeouts. ${RUN}`,
            ),
          ]
        : [],
    apply: (root, changes) => {
      const defaults = defaultsOf(root);
      if (!defaults || !rec(defaults.llm)) return;
      delete defaults.llm;
      changes.push(
        'Removed agents.defaults.llm; model idle timeout now follows models.providers.<id>.timeoutSeconds within the agent/run timeout ceiling.',
      );
    },
  },
  {
    id: 'agents.model.timeoutMs-ignored',
    detect: (root) => {
      const defaults = defaultsOf(root);
      return [
        ...(hasTimeout(defaults?.model)
          ? [
              issue(
                'agents.defaults.model',
                'agents.defaults.model.timeoutMs is ignored; agent model config only selects primary/fallback models. Run "openclaw doctor --fix" to remove it.',
              ),
            ]
          : []),
        ...(hasTimeout(rec(defaults?.subagents)?.model)
          ? [
              issue(
                'agents.defaults.subagents.model',
                'agents.defaults.subagents.model.timeoutMs is ignored; subagent model config only selects primary/fallback models. Run "openclaw doctor --fix" to remove it.',
              ),
            ]
          : []),
        ...(someAgent(root, (a) => hasTimeout(a.model) || hasTimeout(rec(a.subagents)?.model))
          ? [
              issue(
                'agents',
                'agents.entries.*.model.timeoutMs and agents.entries.*.subagents.model.timeoutMs are ignored; agent model config only selects primary/fallback models. Run "openclaw doctor --fix" to remove them.',
              ),
            ]
          : []),
      ];
    },
    apply: (root, changes) => {
      for (const [scope, path] of agentScopes(root))
        for (const [suffix, model] of [
          ['model', scope.model],
          ['subagents.model', rec(scope.subagents)?.model],
        ] as const) {
          const record = rec(model);
          if (!has(record, 'timeoutMs')) continue;
          delete record.timeoutMs;
          changes.push(`Removed ${path}.${suffix}.timeoutMs; agent model config only selects models.`);
        }
    },
  },
  {
    id: 'agents.embeddedPi->embeddedAgent',
    detect: (root) => [
      ...(rec(defaultsOf(root)?.embeddedPi)
        ? [
            issue(
              'agents.defaults.embeddedPi',
              `agents.defaults.embeddedPi is legacy; use agents.defaults.embeddedAgent instead. ${RUN}`,
            ),
          ]
        : []),
      ...(someAgent(root, (a) => rec(a.embeddedPi) !== undefined)
        ? [issue('agents', `agents.entries.*.embeddedPi is legacy; use agents.entries.*.embeddedAgent instead. ${RUN}`)]
        : []),
    ],
    apply: (root, changes) => {
      for (const [scope, path] of agentScopes(root)) {
        const legacy = rec(scope.embeddedPi);
        if (!legacy) continue;
        const existing = rec(scope.embeddedAgent);
        if (!existing) {
          scope.embeddedAgent = legacy;
          changes.push(`Moved ${path}.embeddedPi → ${path}.embeddedAgent.`);
        } else {
          const merged = clonePlain(existing);
          mergeMissing(merged, legacy);
          scope.embeddedAgent = merged;
          changes.push(
            `Merged ${path}.embeddedPi → ${path}.embeddedAgent (filled missing fields from legacy; kept explicit embeddedAgent values).`,
          );
        }
        delete scope.embeddedPi;
      }
    },
  },
  {
    id: 'agents.sandbox.perSession->scope',
    detect: (root) => [
      ...(has(rec(defaultsOf(root)?.sandbox), 'perSession')
        ? [
            issue(
              'agents.defaults.sandbox',
              `agents.defaults.sandbox.perSession is legacy; use agents.defaults.sandbox.scope instead. ${RUN}`,
            ),
          ]
        : []),
      ...(someAgent(root, (a) => has(rec(a.sandbox), 'perSession'))
        ? [
            issue(
              'agents',
              `agents.entries.*.sandbox.perSession is legacy; use agents.entries.*.sandbox.scope instead. ${RUN}`,
            ),
          ]
        : []),
    ],
    apply: (root, changes) => {
      for (const [scope, path] of agentScopes(root)) {
        const sandbox = rec(scope.sandbox);
        if (!has(sandbox, 'perSession') || typeof sandbox.perSession !== 'boolean') continue;
        const label = `${path}.sandbox`;
        if (sandbox.scope === undefined) {
          sandbox.scope = sandbox.perSession ? 'session' : 'shared';
          changes.push(`Moved ${label}.perSession → ${label}.scope (${String(sandbox.scope)}).`);
        } else changes.push(`Removed ${label}.perSession (${label}.scope already set).`);
        delete sandbox.perSession;
      }
    },
  },
  {
    id: 'agents.sandbox.browser.network-none',
    detect: (root) => [
      ...(isNone(sandboxBrowser(defaultsOf(root))?.network)
        ? [
            issue(
              'agents.defaults.sandbox.browser.network',
              'agents.defaults.sandbox.browser.network = "none" cannot expose the browser control port. Run "openclaw doctor --fix" to disable the sidecar and restore the dedicated browser network.',
            ),
          ]
        : []),
      ...(someAgent(root, (a) => isNone(sandboxBrowser(a)?.network))
        ? [
            issue(
              'agents',
              'agents.entries.*.sandbox.browser.network = "none" cannot expose the browser control port. Run "openclaw doctor --fix" to disable the affected sidecar and restore the dedicated browser network.',
            ),
          ]
        : []),
    ],
    apply: sandboxBrowserNetworks,
  },
];

/** After the memory-search migrations, before the heartbeat one. */
export const SESSION_TYPING_MODE_MIGRATION: Migration = {
  id: 'session.typingMode->agents.defaults.typingMode',
  detect: (root) =>
    rec(root.session)?.typingMode !== undefined
      ? [issue('session.typingMode', `session.typingMode moved to agents.defaults.typingMode. ${RUN}`)]
      : [],
  apply: (root, changes) => {
    const session = rec(root.session);
    if (!has(session, 'typingMode')) return;
    const agents = rec(root.agents) ?? {};
    if (!rec(root.agents)) root.agents = agents;
    const defaults = rec(agents.defaults) ?? {};
    if (!rec(agents.defaults)) agents.defaults = defaults;
    const replaced = defaults.typingMode !== undefined;
    defaults.typingMode = session.typingMode;
    changes.push(
      replaced
        ? 'Moved session.typingMode → agents.defaults.typingMode (replaced the previously shadowed agent default).'
        : 'Moved session.typingMode → agents.defaults.typingMode.',
    );
    delete session.typingMode;
  },
};
