/** models.small_params: small models with web tools and no sandbox (issue 3). */
import type { ConfigPath } from '../types.ts';
import {
  configuredToolPolicies,
  isToolAllowed,
  listAgents,
  sandboxMode,
  type AgentEntry,
  type ToolPolicy,
} from '../model/agents.ts';
import { normalizeAgentId } from '../agent-id.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'models.small_params',
    severity: 'info',
    precision: 'high',
    severities: ['info', 'critical'],
    title: 'Small models require sandboxing and web tools disabled',
    help:
      'A configured model has at most 300B parameters (by the size in its id). Small models follow injected instructions ' +
      'more easily; critical when such a model can use web_search, web_fetch or the browser.',
    remediation:
      'If you need small models, disable web_search/web_fetch/browser globally or per model with ' +
      '`tools.byProvider["provider/model"].deny: ["group:web", "browser"]`, and use `agents.defaults.sandbox.mode: "all"` as well.',
    configPaths: [
      'agents.defaults.model',
      'agents.entries.<id>.model',
      'tools.web.*',
      'tools.byProvider',
      'browser.enabled',
    ],
  },
]);

const SMALL_MODEL_PARAM_B_MAX = 300;

/** The largest `<n>b` size token in a model id (`llama-3.3-70b` → 70), or null. */
export function inferParamB(text: string): number | null {
  let best: number | null = null;
  for (const match of text.toLowerCase().matchAll(/(?:^|[^a-z0-9])[a-z]?(\d+(?:\.\d+)?)b(?=[^a-z0-9]|$)/g)) {
    const value = Number(match[1]);
    if (!Number.isFinite(value) || value <= 0) continue;
    if (best === null || value > best) best = value;
  }
  return best;
}

const DEFAULT_PROVIDER = 'openai';

interface ModelRef {
  id: string;
  source: string;
  path: ConfigPath;
  agent?: AgentEntry;
}

/** `provider/model` for a configured ref: aliases from `agents.defaults.models`, else the default provider. */
function resolveModelId(config: Json, raw: string): string {
  const models = config?.agents?.defaults?.models;
  if (isObject(models)) {
    const lower = raw.toLowerCase();
    for (const [key, entry] of Object.entries(models)) {
      if (
        isObject(entry) &&
        typeof entry.alias === 'string' &&
        entry.alias.trim().toLowerCase() === lower &&
        key.includes('/')
      )
        return key;
    }
  }
  const slash = raw.indexOf('/');
  if (slash > 0) return `${raw.slice(0, slash).trim().toLowerCase()}/${raw.slice(slash + 1).trim()}`;
  return `${DEFAULT_PROVIDER}/${raw}`;
}

/** The text models of the defaults and of each agent (primary and fallbacks), resolved through aliases to `provider/model`. */
function agentModelRefs(config: Json): ModelRef[] {
  const out: ModelRef[] = [];
  const add = (raw: Json, source: string, path: ConfigPath, agent?: AgentEntry) => {
    if (typeof raw !== 'string' || !raw.trim()) return;
    out.push({ id: resolveModelId(config, raw.trim()), source, path, agent });
  };
  const model = config?.agents?.defaults?.model;
  if (typeof model === 'string') add(model, 'agents.defaults.model.primary', ['agents', 'defaults', 'model']);
  else if (isObject(model)) {
    add(model.primary, 'agents.defaults.model.primary', ['agents', 'defaults', 'model', 'primary']);
    if (Array.isArray(model.fallbacks)) {
      model.fallbacks.forEach((fallback: Json, i: number) =>
        add(fallback, 'agents.defaults.model.fallbacks', ['agents', 'defaults', 'model', 'fallbacks', i]),
      );
    }
  }
  for (const agent of listAgents(config)) {
    const own = agent.config.model;
    const base = [...agent.path, 'model'];
    if (typeof own === 'string') add(own, `agents.entries.${agent.id}.model`, base, agent);
    else if (isObject(own)) {
      add(own.primary, `agents.entries.${agent.id}.model.primary`, [...base, 'primary'], agent);
      if (Array.isArray(own.fallbacks)) {
        own.fallbacks.forEach((fallback: Json, i: number) =>
          add(fallback, `agents.entries.${agent.id}.model.fallbacks`, [...base, 'fallbacks', i], agent),
        );
      }
    }
  }
  return out;
}

/** The `tools.byProvider` entry for `provider/model` (exact model first, then the provider). */
function providerToolPolicy(byProvider: Json, modelId: string): ToolPolicy | undefined {
  if (!isObject(byProvider)) return undefined;
  const slash = modelId.indexOf('/');
  const provider = (slash > 0 ? modelId.slice(0, slash) : DEFAULT_PROVIDER).trim().toLowerCase();
  const model = (slash > 0 ? modelId.slice(slash + 1) : modelId).trim().toLowerCase();
  const lookup = new Map<string, Record<string, Json>>();
  for (const [key, value] of Object.entries(byProvider)) {
    if (!isObject(value)) continue;
    const lower = key.trim().toLowerCase();
    const keySlash = lower.indexOf('/');
    const normalized = keySlash <= 0 ? lower : `${lower.slice(0, keySlash)}/${lower.slice(keySlash + 1)}`;
    if (!normalized) continue;
    const canonical = key === lower;
    if (!lookup.has(normalized) || canonical) lookup.set(normalized, value);
  }
  return lookup.get(`${provider}/${model}`) ?? lookup.get(provider);
}

const WEB_SEARCH_ENV_KEYS = [
  'GOOGLE_CLOUD_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'MINIMAX_CODE_PLAN_KEY',
  'MINIMAX_CODING_API_KEY',
  'MINIMAX_API_KEY',
  'MINIMAX_OAUTH_TOKEN',
  'OLLAMA_API_KEY',
  'XAI_API_KEY',
];

function hasCredential(value: Json): boolean {
  return typeof value === 'string' ? value.trim().length > 0 : value !== undefined && value !== null;
}

function hasSearchCredential(section: Json): boolean {
  return isObject(section) && Object.entries(section).some(([key, value]) => key !== 'enabled' && hasCredential(value));
}

/** web_search counts as on when enabled explicitly, or (unless disabled) when a search credential is configured. */
function isWebSearchEnabled(config: Json, env: Readonly<Record<string, string>>): boolean {
  const enabled = config?.tools?.web?.search?.enabled;
  if (enabled === false) return false;
  if (enabled === true) return true;
  if (hasSearchCredential(config?.tools?.web?.search)) return true;
  const entries = config?.plugins?.entries;
  if (
    isObject(entries) &&
    Object.values(entries).some((entry) =>
      hasSearchCredential(isObject(entry) && isObject(entry.config) ? entry.config.webSearch : undefined),
    )
  )
    return true;
  return WEB_SEARCH_ENV_KEYS.some((key) => hasCredential(env[key]));
}

function isWebFetchEnabled(config: Json): boolean {
  return config?.tools?.web?.fetch?.enabled !== false;
}

function pluginList(value: Json): string[] {
  return Array.isArray(value)
    ? value
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean)
    : [];
}

/** Browser control is on unless `browser.enabled` is false or the plugins config blocks the bundled browser plugin. */
function isBrowserEnabled(config: Json): boolean {
  if (config?.browser?.enabled === false) return false;
  const plugins = config?.plugins;
  if (!isObject(plugins)) return true;
  if (plugins.enabled === false) return false;
  if (pluginList(plugins.deny).includes('browser')) return false;
  if (isObject(plugins.entries)) {
    for (const [key, entry] of Object.entries(plugins.entries)) {
      if (key.trim().toLowerCase() === 'browser' && isObject(entry) && entry.enabled === false) return false;
    }
  }
  const allow = pluginList(plugins.allow);
  return allow.length === 0 || allow.includes('browser');
}

export function collectSmallParams(ctx: CheckContext): void {
  const config = ctx.config;
  const small = agentModelRefs(config)
    .map((ref) => ({ ...ref, paramB: inferParamB(ref.id) }))
    .filter(
      (ref): ref is ModelRef & { paramB: number } => ref.paramB !== null && ref.paramB <= SMALL_MODEL_PARAM_B_MAX,
    );
  if (small.length === 0) return;
  const agentsById = new Map<string, AgentEntry>();
  for (const agent of listAgents(config))
    if (!agentsById.has(normalizeAgentId(agent.id))) agentsById.set(normalizeAgentId(agent.id), agent);
  const webSearch = isWebSearchEnabled(config, ctx.env);
  const webFetch = isWebFetchEnabled(config);
  const browser = isBrowserEnabled(config);
  let unsafe = false;
  const exposure = new Set<string>();
  const lines: string[] = [];
  let firstUnsafe: ConfigPath | undefined;
  for (const ref of small) {
    const agent = ref.agent ? agentsById.get(normalizeAgentId(ref.agent.id)) : undefined;
    const mode = sandboxMode(config, agent);
    const policies = configuredToolPolicies(config, {
      agent,
      extra: [
        providerToolPolicy(config?.tools?.byProvider, ref.id),
        providerToolPolicy(agent?.config.tools?.byProvider, ref.id),
      ],
    });
    const exposed: string[] = [];
    if (webSearch && isToolAllowed('web_search', policies)) exposed.push('web_search');
    if (webFetch && isToolAllowed('web_fetch', policies)) exposed.push('web_fetch');
    if (browser && isToolAllowed('browser', policies)) exposed.push('browser');
    for (const tool of exposed) exposure.add(tool);
    if (exposed.length > 0) {
      unsafe = true;
      firstUnsafe ??= ref.path;
    }
    lines.push(
      `- ${ref.id} (${ref.paramB}B) @ ${ref.source} (${exposed.length > 0 ? 'unsafe' : 'ok'}; sandbox=${mode}; web=[${exposed.join(', ') || 'off'}])`,
    );
  }
  ctx.report('models.small_params', {
    severity: unsafe ? 'critical' : 'info',
    detail:
      `Models with at most ${SMALL_MODEL_PARAM_B_MAX}B parameters:\n${lines.join('\n')}\n` +
      (exposure.size > 0
        ? `Tools that take uncontrolled input are allowed: ${[...exposure].join(', ')}.`
        : 'No web/browser tools are available to these models.') +
      '\nSmall models are not recommended for untrusted input.',
    path: firstUnsafe ?? small[0]!.path,
    related: small.map((ref) => ref.path),
  });
}
