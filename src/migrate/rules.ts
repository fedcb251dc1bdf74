/**
 * The legacy-config migrations `openclaw doctor --fix` (2026.9.6) applies, in its order, written for our engine: each
 * changes the plain draft in place and pushes doctor's own line for every change (ids, paths and messages are
 * openclaw's interface). The path lists come from the pinned package (`scripts/gen-migrate-data.mjs`).
 * Only a subset of doctor's migrations is reproduced; docs/fix.md lists which.
 */
import retired from './data/doctor-data.json' with { type: 'json' };
import type { LegacyIssue, Migration } from './migration.ts';
import { normalizeAgentId } from '../core/agent-id.ts';
import { rewriteModelRefs } from './model-refs.ts';
import { detectMissingSystemAgent, restoreSystemAgent } from './roster.ts';
import { detectCodexProviders, migrateCodexProviders } from './rules/codex-provider.ts';
import {
  detectModelsPricing,
  detectStaleContextWindow,
  detectThinkingFormat,
  migrateModelsPricing,
  migrateStaleContextWindow,
  migrateThinkingFormat,
} from './rules/model-catalog.ts';
import { detectUtilityModelSeparation, migrateUtilityModelSeparation } from './rules/utility-model.ts';
import { detectOllamaLocalAuth, migrateOllamaLocalAuth } from './rules/provider-compat.ts';
import { telegramCompatibility, telegramLegacyIssues } from './telegram.ts';
import { AGENT_CONFIG_MIGRATIONS, SESSION_TYPING_MODE_MIGRATION } from './rules/agent-config.ts';
import { BINDINGS_PEER_KIND_MIGRATION } from './rules/bindings-peer-kind.ts';
import { CODE_MODE_MIGRATIONS } from './rules/code-mode.ts';
import { GATEWAY_RETIRED_AFTER_DEVICE_AUTH, GATEWAY_RETIRED_BEFORE_RESET } from './rules/gateway-retired.ts';
import { MCP_MIGRATION } from './rules/mcp.ts';
import { MEDIA_MODELS_MIGRATION } from './rules/media-models.ts';
import { MEMORY_QMD_MIGRATION } from './rules/memory-qmd.ts';
import { MEMORY_SEARCH_MIGRATIONS } from './rules/memory-search.ts';
import { RETIRED_CONFIG_KEYS_MIGRATION } from './rules/retired-config-keys.ts';
import {
  AUDIO_QUEUE_MIGRATIONS,
  CRON_DIAGNOSTICS_MIGRATIONS,
  INTERNAL_HOOK_HANDLERS_MIGRATION,
  LOCAL_MODEL_LEAN_MIGRATION,
  SESSION_SKILLS_MIGRATIONS,
} from './rules/runtime-misc.ts';
import { SECRETS_EGRESS_MIGRATION } from './rules/secrets-egress.ts';
import { TOOL_NAME_MIGRATIONS } from './rules/tool-names.ts';
import { TOOL_POLICY_CONFLICTS_MIGRATION } from './rules/tool-policy-conflicts.ts';
import { TOOL_PROFILE_GRANTS_MIGRATION } from './rules/tool-profile-grants.ts';
import { stripTtsPersonaPrompts, TTS_MIGRATIONS } from './rules/tts.ts';
import {
  deletePath,
  ensure,
  fillMissing,
  has,
  isRec,
  put,
  rec,
  renameKey,
  visitAgentScopes,
  visitChannel,
  type Rec,
} from './draft.ts';
import { BLOCKED_KEYS, RUN, present } from './rules/common.ts';

const paths = retired as unknown as Record<string, string[][]>;

/** A whole-config detection rule: the migration would change something on a copy. */
function wouldChange(
  message: string,
  apply: (root: Rec, changes: string[]) => boolean | void,
): (root: Rec) => LegacyIssue[] {
  return (root) => {
    const changes: string[] = [];
    const stripped = apply(structuredClone(root), changes);
    return changes.length > 0 || stripped === true ? [{ path: '', message: `${message} ${RUN}` }] : [];
  };
}

// --- channels ---------------------------------------------------------------------------------------------------

function streamingMode(entry: Rec): string {
  const parse = (v: unknown) => {
    if (typeof v !== 'string') return undefined;
    const n = v.trim().toLowerCase();
    return ['off', 'partial', 'block', 'progress'].includes(n) ? n : undefined;
  };
  const parsed = parse(rec(entry.streaming)?.mode ?? entry.streaming) ?? parse(entry.streamMode);
  if (parsed) return parsed;
  if (typeof entry.streaming === 'boolean') return entry.streaming ? 'partial' : 'off';
  return 'partial';
}

function migrateStreamingAliases(entry: Rec, path: string, changes: string[]): void {
  const before = entry.streaming;
  const hadStreamMode = entry.streamMode !== undefined;
  const flat = ['chunkMode', 'blockStreaming', 'blockStreamingCoalesce', 'draftChunk'].some(
    (k) => entry[k] !== undefined,
  );
  if (!(hadStreamMode || typeof before === 'boolean' || typeof before === 'string' || flat)) return;
  const mode = streamingMode(entry);
  const streaming: Rec = { ...(rec(before) ?? {}) };
  const block: Rec = { ...(rec(streaming.block) ?? {}) };
  const preview: Rec = { ...(rec(streaming.preview) ?? {}) };
  let moved = false;
  if ((hadStreamMode || typeof before === 'boolean' || typeof before === 'string') && streaming.mode === undefined) {
    streaming.mode = mode;
    if (hadStreamMode) {
      moved = true;
      changes.push(`Moved ${path}.streamMode → ${path}.streaming.mode (${mode}).`);
    } else if (typeof before === 'boolean')
      changes.push(`Moved ${path}.streaming (boolean) → ${path}.streaming.mode (${mode}).`);
    else changes.push(`Moved ${path}.streaming (scalar) → ${path}.streaming.mode (${mode}).`);
  }
  if (hadStreamMode) {
    if (!moved) changes.push(`Removed ${path}.streamMode (${path}.streaming.mode already set).`);
    delete entry.streamMode;
  }
  const alias = (flatKey: string, target: Rec, slot: string, nested: string) => {
    if (entry[flatKey] === undefined) return;
    if (target[slot] === undefined) {
      target[slot] = entry[flatKey];
      changes.push(`Moved ${path}.${flatKey} → ${path}.streaming.${nested}.`);
    } else changes.push(`Removed ${path}.${flatKey} (${path}.streaming.${nested} already set).`);
    delete entry[flatKey];
  };
  alias('chunkMode', streaming, 'chunkMode', 'chunkMode');
  alias('blockStreaming', block, 'enabled', 'block.enabled');
  alias('draftChunk', preview, 'chunk', 'preview.chunk');
  alias('blockStreamingCoalesce', block, 'coalesce', 'block.coalesce');
  if (Object.keys(preview).length > 0) streaming.preview = preview;
  if (Object.keys(block).length > 0) streaming.block = block;
  entry.streaming = streaming;
}

function telegramStreaming(root: Rec, changes: string[]): void {
  visitChannel(root, 'telegram', (entry, path) => migrateStreamingAliases(entry, path, changes));
  telegramCompatibility(root, changes);
}

const hasTelegramAliases = (e: unknown) =>
  isRec(e) &&
  (e.streamMode !== undefined ||
    typeof e.streaming === 'string' ||
    typeof e.streaming === 'boolean' ||
    ['chunkMode', 'blockStreaming', 'blockStreamingCoalesce', 'draftChunk'].some((k) => e[k] !== undefined));

// --- gateway ----------------------------------------------------------------------------------------------------

const BIND_ALIASES = new Map([
  ['0.0.0.0', 'lan'],
  ['::', 'lan'],
  ['[::]', 'lan'],
  ['*', 'lan'],
  ['127.0.0.1', 'loopback'],
  ['localhost', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
]);
const bindAlias = (v: unknown) => (typeof v === 'string' ? BIND_ALIASES.get(v.trim().toLowerCase()) : undefined);

function seedAllowedOrigins(root: Rec, changes: string[]): void {
  const gateway = rec(root.gateway);
  if (!gateway) return;
  const bind = bindAlias(gateway.bind) ?? gateway.bind;
  if (bind !== 'lan' && bind !== 'tailnet' && bind !== 'custom' && bind !== 'auto') return;
  if (bind !== 'lan') return; // only the lan seed is reproduced (the others depend on the host's addresses)
  const controlUi = rec(gateway.controlUi) ?? {};
  const origins = controlUi.allowedOrigins;
  if (
    (Array.isArray(origins) && origins.some((o) => typeof o === 'string' && o.trim())) ||
    controlUi.dangerouslyAllowHostHeaderOriginFallback === true
  )
    return;
  const port =
    typeof gateway.port === 'number' && Number.isInteger(gateway.port) && gateway.port > 0 ? gateway.port : 18789;
  const seeded = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  gateway.controlUi = { ...controlUi, allowedOrigins: seeded };
  changes.push(
    `Seeded gateway.controlUi.allowedOrigins ${JSON.stringify(seeded)} for bind=lan. Required since v2026.2.26. Add other machine origins to gateway.controlUi.allowedOrigins if needed.`,
  );
}

// --- agents -----------------------------------------------------------------------------------------------------

function topLevelHeartbeat(root: Rec, changes: string[]): void {
  const legacy = rec(root.heartbeat);
  if (!legacy) return;
  const visibility = ['showOk', 'showAlerts', 'useIndicator'];
  const agentPart: Rec = {};
  const channelPart: Rec = {};
  for (const k of Object.keys(legacy)) put(visibility.includes(k) ? channelPart : agentPart, k, legacy[k]);
  const mergeInto = (rootKey: string, value: Rec, moved: string, merged: string) => {
    const defaults = ensure(ensure(root, rootKey), 'defaults');
    const existing = rec(defaults.heartbeat);
    if (existing) {
      fillMissing(existing, value);
      changes.push(merged);
    } else {
      defaults.heartbeat = value;
      changes.push(moved);
    }
  };
  if (Object.keys(agentPart).length > 0)
    mergeInto(
      'agents',
      agentPart,
      'Moved heartbeat → agents.defaults.heartbeat.',
      'Merged heartbeat → agents.defaults.heartbeat (filled missing fields from legacy; kept explicit agents.defaults values).',
    );
  if (Object.keys(channelPart).length > 0)
    mergeInto(
      'channels',
      channelPart,
      'Moved heartbeat visibility → channels.defaults.heartbeat.',
      'Merged heartbeat visibility → channels.defaults.heartbeat (filled missing fields from legacy; kept explicit channels.defaults values).',
    );
  if (Object.keys(legacy).length === 0) changes.push('Removed empty top-level heartbeat.');
  delete root.heartbeat;
}

function agentsListToEntries(root: Rec, changes: string[]): void {
  const agents = rec(root.agents);
  if (!agents || !Array.isArray(agents.list)) return;
  if (rec(agents.entries)) {
    delete agents.list;
    changes.push('Removed agents.list because canonical agents.entries is already set.');
    return;
  }
  // Each authored entry keeps its place: ids normalized, a repeated id suffixed, a non-record entry dropped.
  const entries: Rec = {};
  const ordered: Rec[] = [];
  const nextSuffix = new Map<string, number>();
  agents.list.forEach((item: unknown, index: number) => {
    if (!isRec(item)) {
      changes.push(`Removed malformed agents.list[${index}] entry.`);
      return;
    }
    const raw = typeof item.id === 'string' && item.id.trim() ? item.id.trim() : 'agent';
    const requested = normalizeAgentId(raw);
    if (requested !== raw) changes.push(`Normalized agents.list id "${raw}" → agents.entries.${requested}.`);
    // The first free `-N` (N ≥ 2); suffixes below the one last tried for this id are all taken, so start there.
    let id = requested;
    let suffix = nextSuffix.get(requested) ?? 2;
    while (has(entries, id)) id = `${requested}-${suffix++}`;
    nextSuffix.set(requested, suffix);
    const config: Rec = {};
    for (const key of Object.keys(item)) if (key !== 'id') put(config, key, item[key]);
    put(entries, id, config);
    ordered.push(config);
    if (id !== requested) changes.push(`Moved duplicate agents.list id "${requested}" to agents.entries.${id}.`);
  });
  // A markerless multi-agent list: the first agent keeps the workspace it used (the defaults' one; doctor's state
  // folder when unset, which is no config fact and is left out).
  const first = ordered[0];
  const fallback = rec(agents.defaults)?.workspace;
  if (
    agents.ownership === undefined &&
    ordered.length > 1 &&
    ordered.every((e) => !has(e, 'default') || e.default === false) &&
    first &&
    (!has(first, 'workspace') || (typeof first.workspace === 'string' && !first.workspace.trim())) &&
    typeof fallback === 'string' &&
    fallback.trim()
  )
    first.workspace = fallback.trim();
  delete agents.list;
  agents.entries = entries;
  changes.push('Moved agents.list → keyed agents.entries.');
}

function explicitOwnership(root: Rec, changes: string[]): void {
  const agents = rec(root.agents);
  const entries = rec(agents?.entries);
  if (!agents || agents.ownership !== undefined || !entries) return;
  const roster = Object.values(entries);
  if (roster.length < 2 || roster.some((e) => rec(e)?.default === true)) return;
  agents.ownership = 'explicit';
  changes.push('Stamped the multi-agent roster for explicit per-surface ownership.');
}

/** `agents.defaults.models` keys become `agents.defaults.modelPolicy.allow` (doctor also records a meta marker). */
function modelPolicyAllow(root: Rec, changes: string[]): void {
  const meta = rec(rec(root.meta)?.migrations);
  if (meta?.modelPolicyAllowlist === true) return;
  const defaults = rec(rec(root.agents)?.defaults);
  const models = rec(defaults?.models);
  if (!defaults || !models || has(rec(defaults.modelPolicy), 'allow')) return;
  const allow = [
    ...new Set(
      Object.keys(models)
        .map((k) => k.trim())
        .filter((k) => /^[^/\s]+\/\S+$/.test(k)),
    ),
  ];
  if (allow.length > 0) defaults.modelPolicy = { ...(rec(defaults.modelPolicy) ?? {}), allow };
  put(ensure(ensure(root, 'meta'), 'migrations'), 'modelPolicyAllowlist', true);
  changes.push(
    allow.length > 0
      ? 'Copied the legacy default model map to agents.defaults.modelPolicy.allow.'
      : 'Recorded the legacy default model map as unrestricted without creating modelPolicy.allow.',
  );
}

// --- retired ----------------------------------------------------------------------------------------------------

const EXEC_SECURITY = ['deny', 'allowlist', 'full'];
const EXEC_ASK = ['on-miss', 'always', 'off'];

/** The mode that keeps a security/ask pair exactly (none when `ask: always` or full+on-miss have no mode). */
function execModeFor(security: string, ask: string): string | undefined {
  if (ask === 'always') return undefined;
  if (security === 'deny') return 'deny';
  if (security === 'full') return ask === 'off' ? 'full' : undefined;
  if (security === 'allowlist') return ask === 'off' ? 'allowlist' : ask === 'on-miss' ? 'ask' : undefined;
  return undefined;
}

function inheritedExecPolicy(scope: Rec): { security: string; ask: string } | undefined {
  const exec = rec(rec(scope.tools)?.exec);
  if (!exec) return undefined;
  switch (exec.mode) {
    case 'deny':
      return { security: 'deny', ask: 'off' };
    case 'allowlist':
      return { security: 'allowlist', ask: 'off' };
    case 'ask':
    case 'auto':
      return { security: 'allowlist', ask: 'on-miss' };
    case 'full':
      return { security: 'full', ask: 'off' };
  }
  const security = EXEC_SECURITY.includes(exec.security as string) ? (exec.security as string) : undefined;
  const ask = EXEC_ASK.includes(exec.ask as string) ? (exec.ask as string) : undefined;
  return security && ask ? { security, ask } : undefined;
}

function execMode(scope: Rec, path: string, changes: string[], inherited?: { security: string; ask: string }): void {
  const exec = rec(rec(scope.tools)?.exec);
  if (!exec || (!has(exec, 'security') && !has(exec, 'ask'))) return;
  if (exec.mode !== undefined) {
    changes.push(`Removed ${path}.tools.exec.security/ask (${path}.tools.exec.mode already set).`);
    delete exec.security;
    delete exec.ask;
    return;
  }
  const own = {
    security: EXEC_SECURITY.includes(exec.security as string) ? (exec.security as string) : undefined,
    ask: EXEC_ASK.includes(exec.ask as string) ? (exec.ask as string) : undefined,
  };
  if ((has(exec, 'security') && !own.security) || (has(exec, 'ask') && !own.ask)) return;
  const security = own.security ?? inherited?.security;
  const ask = own.ask ?? inherited?.ask;
  if (!security || !ask) return;
  const mode = execModeFor(security, ask);
  if (!mode) return;
  exec.mode = mode;
  changes.push(`Moved ${path}.tools.exec.security/ask → ${path}.tools.exec.mode.`);
  delete exec.security;
  delete exec.ask;
}

const RESPONSE_PREFIX_CHANNELS = new Set([
  'buzz',
  'clickclack',
  'discord',
  'feishu',
  'googlechat',
  'imessage',
  'irc',
  'matrix',
  'mattermost',
  'msteams',
  'nextcloud-talk',
  'qa-channel',
  'signal',
  'slack',
  'telegram',
  'tlon',
  'twitch',
  'whatsapp',
  'zalo',
  'zalouser',
  'line',
]);

/** `cliBackends.<id>.sessionArg` (one flag) became `sessionArgs` (the flag and the session id placeholder). */
function cliBackendSessionArgs(scope: Rec, path: string, changes: string[]): void {
  const backends = rec(scope.cliBackends);
  for (const id of Object.keys(backends ?? {})) {
    const backend = rec(backends![id]);
    if (!backend || !has(backend, 'sessionArg')) continue;
    if (backend.sessionArgs === undefined && typeof backend.sessionArg === 'string') {
      backend.sessionArgs = [backend.sessionArg, '{sessionId}'];
      changes.push(`Moved ${path}.cliBackends.${id}.sessionArg → ${path}.cliBackends.${id}.sessionArgs.`);
    } else changes.push(`Removed ${path}.cliBackends.${id}.sessionArg (sessionArgs already set).`);
    delete backend.sessionArg;
  }
}

function tierEvalTranche(root: Rec, changes: string[]): boolean {
  const initial = changes.length;
  let stripped = false;
  stripTtsPersonaPrompts(root, changes);
  const wideArea = rec(rec(root.discovery)?.wideArea);
  if (wideArea && has(wideArea, 'enabled')) {
    if (wideArea.enabled === false && typeof wideArea.domain === 'string' && wideArea.domain.trim()) {
      delete wideArea.domain;
      changes.push(
        'Removed disabled discovery.wideArea activation fields; domain presence now enables wide-area discovery.',
      );
    }
    delete wideArea.enabled;
    stripped = true;
  }
  const session = rec(root.session);
  if (session && has(session, 'idleMinutes')) {
    const reset = rec(session.reset) ?? { mode: 'idle' };
    if (reset.idleMinutes === undefined) {
      reset.idleMinutes = session.idleMinutes;
      session.reset = reset;
      changes.push('Moved session.idleMinutes → session.reset.idleMinutes.');
    }
    delete session.idleMinutes;
    stripped = true;
  }
  const inherited = inheritedExecPolicy(root);
  execMode(root, 'root', changes);
  visitAgentScopes(root, (scope, path) => {
    const compaction = rec(scope.compaction);
    if (compaction) {
      let removed = false;
      for (const key of ['customInstructions', 'identifierInstructions'])
        if (has(compaction, key)) {
          delete compaction[key];
          removed = true;
        }
      const flush = rec(compaction.memoryFlush);
      if (flush)
        for (const key of ['prompt', 'systemPrompt'])
          if (has(flush, key)) {
            delete flush[key];
            removed = true;
          }
      if (compaction.identifierPolicy === 'custom') {
        compaction.identifierPolicy = 'strict';
        removed = true;
      }
      if (removed)
        changes.push(
          `Removed ${path}.compaction custom prompt instructions; use a compaction provider summarize() implementation and before_prompt_build hooks.`,
        );
    }
    if (path !== 'agents.defaults') execMode(scope, path, changes, inherited);
    cliBackendSessionArgs(scope, path, changes);
    for (const p of paths.TIER_EVAL_RETIRED_AGENT_PATHS!) stripped = deletePath(scope, p) || stripped;
  });
  const web = rec(root.web);
  if (web) {
    if (has(web, 'enabled')) {
      const whatsapp = ensure(ensure(root, 'channels'), 'whatsapp');
      if (web.enabled === false && whatsapp.enabled === true)
        changes.push('Removed web.enabled=false (channels.whatsapp.enabled already set).');
      if (whatsapp.enabled === undefined) {
        whatsapp.enabled = web.enabled;
        changes.push('Moved web.enabled → channels.whatsapp.enabled.');
      }
    }
    delete root.web;
    stripped = true;
  }
  const messages = rec(root.messages);
  if (messages && has(messages, 'responsePrefix')) {
    const channels = rec(root.channels);
    const configured = channels ? Object.keys(channels).filter((id) => id !== 'defaults' && rec(channels[id])) : [];
    const unsupported = configured.filter((id) => !RESPONSE_PREFIX_CHANNELS.has(id));
    let copied = false;
    for (const id of configured) {
      const channel = rec(channels![id])!;
      if (RESPONSE_PREFIX_CHANNELS.has(id) && channel.responsePrefix === undefined) {
        channel.responsePrefix = messages.responsePrefix;
        copied = true;
      }
    }
    if (copied)
      changes.push(
        `Copied messages.responsePrefix to supported channel blocks while retaining the implicit/custom fallback${unsupported.length > 0 ? ` for: ${unsupported.join(', ')}` : ''}.`,
      );
  }
  for (const p of paths.TIER_EVAL_RETIRED_ROOT_PATHS!) stripped = deletePath(root, p) || stripped;
  for (const provider of Object.values(rec(rec(root.secrets)?.providers) ?? {})) {
    const entry = rec(provider);
    if (!entry) continue;
    stripped = has(entry, 'allowInsecurePath') || has(entry, 'allowSymlinkCommand') || stripped;
    delete entry.allowInsecurePath;
    delete entry.allowSymlinkCommand;
  }
  const installExec = rec(rec(rec(root.security)?.installPolicy)?.exec);
  if (installExec) {
    stripped = has(installExec, 'allowInsecurePath') || has(installExec, 'allowSymlinkCommand') || stripped;
    delete installExec.allowInsecurePath;
    delete installExec.allowSymlinkCommand;
  }
  if (stripped || changes.length > initial)
    changes.push('Applied tier-eval tranche retirements; canonical settings and built-in defaults now apply.');
  return stripped;
}

function finalLayoutRenames(root: Rec, changes: string[]): void {
  const defaults = rec(rec(root.agents)?.defaults);
  renameKey(defaults, 'pdfMaxBytesMb', 'pdfMaxMb', 'agents.defaults', changes);
  if (defaults) {
    const mediaModels = rec(defaults.mediaModels) ?? {};
    for (const [legacy, canonical] of [
      ['imageGenerationModel', 'image'],
      ['videoGenerationModel', 'video'],
      ['musicGenerationModel', 'music'],
    ] as const) {
      if (!has(defaults, legacy)) continue;
      if (mediaModels[canonical] === undefined) {
        mediaModels[canonical] = defaults[legacy];
        changes.push(`Moved agents.defaults.${legacy} → agents.defaults.mediaModels.${canonical}.`);
      } else changes.push(`Removed agents.defaults.${legacy} (agents.defaults.mediaModels.${canonical} already set).`);
      delete defaults[legacy];
    }
    if (Object.keys(mediaModels).length > 0) defaults.mediaModels = mediaModels;
  }
  visitAgentScopes(root, (scope, path) => {
    renameKey(rec(rec(scope.tools)?.exec), 'timeoutSec', 'timeoutSeconds', `${path}.tools.exec`, changes);
    renameKey(rec(rec(scope.sandbox)?.browser), 'enableNoVnc', 'noVncEnabled', `${path}.sandbox.browser`, changes);
  });
  renameKey(rec(rec(root.tools)?.exec), 'timeoutSec', 'timeoutSeconds', 'tools.exec', changes);
  const env = rec(root.env);
  if (env) {
    const vars = rec(env.vars) ?? {};
    let moved = false;
    for (const key of Object.keys(env)) {
      if (key === 'vars' || key === 'shellEnv' || typeof env[key] !== 'string') continue;
      if (vars[key] === undefined) {
        put(vars, key, env[key]);
        changes.push(`Moved env.${key} → env.vars.${key}.`);
      } else changes.push(`Removed env.${key} (env.vars.${key} already set).`);
      delete env[key];
      moved = true;
    }
    if (moved) env.vars = vars;
  }
  const ssrfPolicy = rec(rec(root.browser)?.ssrfPolicy);
  if (ssrfPolicy && Array.isArray(ssrfPolicy.hostnameAllowlist)) {
    const canonical = Array.isArray(ssrfPolicy.allowedHostnames) ? (ssrfPolicy.allowedHostnames as unknown[]) : [];
    ssrfPolicy.allowedHostnames = [
      ...new Set([...canonical, ...(ssrfPolicy.hostnameAllowlist as unknown[])].filter((v) => typeof v === 'string')),
    ];
    delete ssrfPolicy.hostnameAllowlist;
    changes.push('Merged browser.ssrfPolicy.hostnameAllowlist → allowedHostnames.');
  }
  const legacyMedia = rec(root.media);
  if (legacyMedia) {
    fillMissing(ensure(root, 'attachments'), legacyMedia);
    delete root.media;
    changes.push('Moved media → attachments.');
  }
  const legacyAudit = rec(root.audit);
  if (legacyAudit) {
    const logging = ensure(root, 'logging');
    const audit = rec(logging.audit) ?? {};
    fillMissing(audit, legacyAudit);
    logging.audit = audit;
    delete root.audit;
    changes.push('Moved audit → logging.audit.');
  }
  const nodes = rec(rec(root.gateway)?.nodes);
  if (nodes) {
    const skills = rec(nodes.skills);
    if (skills && has(skills, 'enabled')) {
      if (nodes.allowSkills === undefined) nodes.allowSkills = skills.enabled;
      delete nodes.skills;
      changes.push('Moved gateway.nodes.skills.enabled → gateway.nodes.allowSkills.');
    }
    const commands = rec(nodes.commands) ?? {};
    if (has(nodes, 'allowCommands')) {
      if (commands.allow === undefined) commands.allow = nodes.allowCommands;
      delete nodes.allowCommands;
      changes.push('Moved gateway.nodes.allowCommands → gateway.nodes.commands.allow.');
    }
    if (has(nodes, 'denyCommands')) {
      if (commands.deny === undefined) commands.deny = nodes.denyCommands;
      delete nodes.denyCommands;
      changes.push('Moved gateway.nodes.denyCommands → gateway.nodes.commands.deny.');
    }
    if (Object.keys(commands).length > 0) nodes.commands = commands;
  }
  visitChannel(root, 'slack', (entry, path) => renameKey(entry, 'identity', 'postAs', path, changes));
}

function finalLayoutKills(root: Rec, changes: string[]): void {
  const defaults = rec(rec(root.agents)?.defaults);
  if (has(defaults, 'promptOverlays')) {
    const personality = rec(rec(defaults.promptOverlays)?.gpt5)?.personality;
    if (personality !== undefined) {
      const openai = ensure(ensure(ensure(ensure(root, 'plugins'), 'entries'), 'openai'), 'config');
      if (openai.personality === undefined) {
        openai.personality = personality;
        changes.push(
          'Moved agents.defaults.promptOverlays.gpt5.personality → plugins.entries.openai.config.personality.',
        );
      } else
        changes.push(
          'Removed agents.defaults.promptOverlays.gpt5.personality (plugins.entries.openai.config.personality already set).',
        );
    } else changes.push('Removed agents.defaults.promptOverlays; built-in behavior now applies.');
    delete defaults.promptOverlays;
  }
  for (const key of [
    'envelopeTimestamp',
    'envelopeElapsed',
    'envelopeTimezone',
    'timeFormat',
    'bootstrapPromptTruncationWarning',
    'mediaGenerationAutoProviderFallback',
  ]) {
    if (has(defaults, key)) {
      delete defaults[key];
      changes.push(`Removed agents.defaults.${key}; built-in behavior now applies.`);
    }
  }
  const otel = rec(rec(root.diagnostics)?.otel);
  const capture = rec(otel?.captureContent);
  if (otel && capture) {
    otel.captureContent =
      typeof capture.enabled === 'boolean'
        ? capture.enabled
        : Object.keys(capture).some((k) => k !== 'enabled' && capture[k] === true);
    changes.push('Collapsed diagnostics.otel.captureContent to a boolean.');
  }
  const diagnostics = rec(root.diagnostics);
  const cacheTrace = rec(diagnostics?.cacheTrace);
  if (
    cacheTrace &&
    (Object.keys(cacheTrace).some((k) => k !== 'enabled') ||
      (cacheTrace.enabled !== undefined && typeof cacheTrace.enabled !== 'boolean'))
  ) {
    diagnostics!.cacheTrace = { enabled: cacheTrace.enabled === true };
    changes.push('Removed diagnostics.cacheTrace detail fields; only enabled remains.');
  }
  const attachments = rec(root.attachments);
  if (has(attachments, 'preserveFilenames')) {
    delete attachments.preserveFilenames;
    changes.push('Removed attachments.preserveFilenames; temp-safe names now always apply.');
  }
  const browser = rec(root.browser);
  if (has(browser, 'color')) {
    delete browser.color;
    changes.push('Removed browser.color; the built-in color now applies.');
  }
  const profiles = rec(browser?.profiles);
  if (profiles)
    for (const id of Object.keys(profiles)) {
      const profile = rec(profiles[id]);
      if (has(profile, 'color')) {
        delete profile.color;
        changes.push(`Removed browser.profiles.${id}.color.`);
      }
    }
  const messages = rec(root.messages);
  const reactions = rec(messages?.statusReactions);
  if (has(reactions, 'emojis')) {
    delete reactions.emojis;
    changes.push('Removed messages.statusReactions.emojis; curated defaults now apply.');
  }
  if (has(messages, 'removeAckAfterReply')) {
    delete messages.removeAckAfterReply;
    changes.push('Removed messages.removeAckAfterReply; acknowledgements are retained.');
  }
  visitChannel(root, 'whatsapp', (entry, path) => renameKey(entry, 'messagePrefix', 'responsePrefix', path, changes));
  const commands = rec(root.commands);
  for (const key of ['ownerDisplay', 'ownerDisplaySecret']) {
    if (has(commands, key)) {
      delete commands[key];
      changes.push(`Removed commands.${key}; owner ids now render raw.`);
    }
  }
  const cron = rec(root.cron);
  const failureDestination = rec(cron?.failureDestination);
  if (cron && failureDestination) {
    const failureAlert = rec(cron.failureAlert) ?? {};
    fillMissing(failureAlert, failureDestination);
    cron.failureAlert = failureAlert;
    delete cron.failureDestination;
    changes.push('Merged cron.failureDestination → cron.failureAlert.');
  }
  const gateway = rec(root.gateway);
  const reload = rec(gateway?.reload);
  if (reload?.mode === 'restart' || reload?.mode === 'hot') {
    reload.mode = 'hybrid';
    changes.push('Mapped gateway.reload.mode to hybrid.');
  }
  const logging = rec(root.logging);
  if (logging?.consoleStyle === 'compact') {
    logging.consoleStyle = 'pretty';
    changes.push('Mapped logging.consoleStyle compact → pretty.');
  }
  const controlUi = rec(gateway?.controlUi);
  if (has(controlUi, 'chatMessageMaxWidth')) {
    delete controlUi.chatMessageMaxWidth;
    changes.push('Removed gateway.controlUi.chatMessageMaxWidth; chat width is now browser-local.');
  }
}

function configTranche(root: Rec, changes: string[]): void {
  const ui = rec(root.ui);
  const prefs = rec(ui?.prefs);
  if (prefs) {
    const removed = ['chatMessageMaxWidth', 'textScale', 'sidebarLiveActivity', 'showAdvancedSettings'].filter(
      (k) => has(prefs, k) && delete prefs[k],
    );
    if (removed.length > 0)
      changes.push(`Removed browser-local ui.prefs keys: ${removed.map((k) => `ui.prefs.${k}`).join(', ')}.`);
    if (Object.keys(prefs).length === 0) delete ui!.prefs;
    if (Object.keys(ui!).length === 0) delete root.ui;
  }
  if (deletePath(root, ['skills', 'load', 'watchDebounceMs']))
    changes.push('Removed skills.load.watchDebounceMs; the watcher now uses the 250 ms default.');
  let contextLimits = false;
  let typing = false;
  const stripLimits = (owner: Rec) => {
    for (const key of ['memoryGetDefaultLines', 'toolResultMaxChars'])
      contextLimits = deletePath(owner, ['contextLimits', key]) || contextLimits;
  };
  const defaults = rec(rec(root.agents)?.defaults);
  if (defaults) stripLimits(defaults);
  const entries = rec(rec(root.agents)?.entries);
  for (const id of Object.keys(entries ?? {})) {
    const entry = rec(entries![id]);
    if (!entry) continue;
    if (has(entry, 'typingIntervalSeconds')) {
      delete entry.typingIntervalSeconds;
      typing = true;
    }
    stripLimits(entry);
  }
  if (typing)
    changes.push(
      'Removed per-agent typingIntervalSeconds overrides; agents.defaults.typingIntervalSeconds now applies to every agent.',
    );
  if (contextLimits)
    changes.push(
      'Removed contextLimits.memoryGetDefaultLines/toolResultMaxChars overrides; canonical memory and context-window caps now apply.',
    );
  whatsappDebounce(root, changes);
}

function whatsappDebounce(root: Rec, changes: string[]): void {
  const whatsapp = rec(rec(root.channels)?.whatsapp);
  if (!whatsapp) return;
  const sources: Array<{ path: string; accountId?: string; value?: number }> = [];
  const read = (path: string, owner: Rec, accountId?: string) => {
    if (!has(owner, 'debounceMs')) return;
    const v = owner.debounceMs;
    delete owner.debounceMs;
    sources.push({
      path,
      ...(accountId ? { accountId } : {}),
      ...(typeof v === 'number' && Number.isInteger(v) && v >= 0 ? { value: v } : {}),
    });
  };
  read('channels.whatsapp.debounceMs', whatsapp);
  const accounts = rec(whatsapp.accounts);
  for (const id of Object.keys(accounts ?? {}).sort()) {
    const account = rec(accounts![id]);
    if (account) read(`channels.whatsapp.accounts.${id}.debounceMs`, account, id.trim().toLowerCase() || 'default');
  }
  if (sources.length === 0) return;
  const valid = sources.filter((s) => s.value !== undefined);
  const listed = sources.map((s) => s.path).join(', ');
  if (valid.length === 0) return void changes.push(`Removed invalid WhatsApp debounce values: ${listed}.`);
  const byChannel = ensure(ensure(ensure(root, 'messages'), 'inbound'), 'byChannel');
  if (byChannel.whatsapp !== undefined)
    return void changes.push(`Removed ${listed} (messages.inbound.byChannel.whatsapp already set).`);
  const preferred =
    typeof whatsapp.defaultAccount === 'string' && whatsapp.defaultAccount.trim()
      ? whatsapp.defaultAccount.trim().toLowerCase()
      : 'default';
  const selected =
    valid.find((s) => s.accountId === preferred) ??
    valid.find((s) => s.accountId === 'default') ??
    valid.find((s) => s.path === 'channels.whatsapp.debounceMs') ??
    valid[0]!;
  byChannel.whatsapp = selected.value;
  if (new Set(valid.map((s) => s.value)).size === 1 && valid.length === sources.length)
    changes.push(`Moved ${listed} → messages.inbound.byChannel.whatsapp.`);
  else
    changes.push(
      `Collapsed conflicting WhatsApp debounce values into messages.inbound.byChannel.whatsapp using ${selected.path} (${selected.value} ms); account-specific debounce is no longer supported.`,
    );
}

function tuningKnobs(root: Rec, changes: string[]): boolean {
  const removed: string[] = [];
  const strip = (owner: Rec, path: readonly string[], prefix: string): void => {
    const [key, ...rest] = path;
    if (key === undefined) return;
    if (key === '*') {
      for (const k of Object.keys(owner)) {
        const child = rec(owner[k]);
        if (child) strip(child, rest, `${prefix}${k}.`);
      }
      return;
    }
    if (!has(owner, key)) return;
    if (rest.length === 0) {
      delete owner[key];
      removed.push(`${prefix}${key}`);
      return;
    }
    const child = rec(owner[key]);
    if (!child) return;
    const before = removed.length;
    strip(child, rest, `${prefix}${key}.`);
    if (removed.length > before && Object.keys(child).length === 0) delete owner[key];
  };
  for (const p of paths.RETIRED_TUNING_PATHS!) strip(root, p, '');
  visitAgentScopes(root, (scope, path) => {
    for (const p of paths.RETIRED_AGENT_TUNING_PATHS!) strip(scope, p, `${path}.`);
  });
  if (removed.length > 0)
    changes.push(
      `Removed retired runtime tuning knobs: ${JSON.stringify(removed.join(', ')).slice(1, -1)}; built-in defaults now apply.`,
    );
  return removed.length > 0;
}

// --- web search ---------------------------------------------------------------------------------------------------

/** Legacy `tools.web.search.<provider>` blocks and the plugin that owns each now (those doctor moves). */
const WEB_SEARCH_OWNERS: Record<string, string> = {
  brave: 'brave',
  duckduckgo: 'duckduckgo',
  exa: 'exa',
  firecrawl: 'firecrawl',
  gemini: 'google',
  grok: 'xai',
  kimi: 'moonshot',
  minimax: 'minimax',
  ollama: 'ollama',
  perplexity: 'perplexity',
  searxng: 'searxng',
};
const WEB_SEARCH_PROVIDERS = Object.keys(WEB_SEARCH_OWNERS).sort((a, b) => a.localeCompare(b));

function moveToPlugin(
  root: Rec,
  pluginId: string,
  payload: Rec,
  legacyPath: string,
  targetPath: string,
  changes: string[],
): void {
  const entry = ensure(ensure(ensure(root, 'plugins'), 'entries'), pluginId);
  const activated = entry.enabled === undefined;
  if (activated) entry.enabled = true;
  const config = ensure(entry, 'config');
  const existing = rec(config.webSearch);
  if (!existing) {
    config.webSearch = structuredClone(payload);
    changes.push(`Moved ${legacyPath} → ${targetPath}.`);
    return;
  }
  const merged: Rec = structuredClone(existing);
  fillMissing(merged, payload);
  config.webSearch = merged;
  changes.push(
    JSON.stringify(merged) !== JSON.stringify(existing) || activated
      ? `Merged ${legacyPath} → ${targetPath} (filled missing fields from legacy; kept explicit plugin config values).`
      : `Removed ${legacyPath} (${targetPath} already set).`,
  );
}

function webSearchProviders(root: Rec, changes: string[]): void {
  const web = rec(rec(root.tools)?.web);
  const source = rec(web?.search);
  if (!web || !source) return;
  if (!has(source, 'apiKey') && !WEB_SEARCH_PROVIDERS.some((id) => isRec(source[id]))) return;
  const retained: Rec = {};
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key) || key === 'apiKey' || (WEB_SEARCH_PROVIDERS.includes(key) && isRec(source[key])))
      continue;
    put(retained, key, source[key]);
  }
  const brave = rec(source.brave);
  const bravePayload: Rec = structuredClone(brave ?? {});
  if (has(source, 'apiKey')) bravePayload.apiKey = source.apiKey;
  if (Object.keys(bravePayload).length > 0) {
    const global = has(source, 'apiKey');
    moveToPlugin(
      root,
      'brave',
      bravePayload,
      global ? 'tools.web.search.apiKey' : 'tools.web.search.brave',
      global && !brave ? 'plugins.entries.brave.config.webSearch.apiKey' : 'plugins.entries.brave.config.webSearch',
      changes,
    );
  }
  for (const id of WEB_SEARCH_PROVIDERS) {
    if (id === 'brave' || !isRec(source[id])) continue;
    const payload: Rec = structuredClone(source[id] as Rec);
    if (Object.keys(payload).length === 0) continue;
    const plugin = WEB_SEARCH_OWNERS[id]!;
    moveToPlugin(
      root,
      plugin,
      payload,
      `tools.web.search.${id}`,
      `plugins.entries.${plugin}.config.webSearch`,
      changes,
    );
  }
  web.search = retained;
}

/** doctor's migrations, in its order (those reproduced). */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'channels.telegram.streaming-aliases',
    detect: (root) => {
      const telegram = rec(rec(root.channels)?.telegram);
      const out: LegacyIssue[] = [];
      if (telegram && hasTelegramAliases(telegram))
        out.push({
          path: 'channels.telegram',
          message: `channels.telegram.streamMode, channels.telegram.streaming (scalar), chunkMode, blockStreaming, draftChunk, and blockStreamingCoalesce are legacy; use channels.telegram.streaming.{mode,chunkMode,preview.chunk,block.enabled,block.coalesce}. ${RUN}`,
        });
      if (telegram && Object.values(rec(telegram.accounts) ?? {}).some(hasTelegramAliases))
        out.push({
          path: 'channels.telegram.accounts',
          message: `channels.telegram.accounts.<id>.streamMode, streaming (scalar), chunkMode, blockStreaming, draftChunk, and blockStreamingCoalesce are legacy; use channels.telegram.accounts.<id>.streaming.{mode,chunkMode,preview.chunk,block.enabled,block.coalesce}. ${RUN}`,
        });
      if (telegram) out.push(...telegramLegacyIssues(telegram));
      return out;
    },
    apply: telegramStreaming,
  },
  ...AUDIO_QUEUE_MIGRATIONS,
  BINDINGS_PEER_KIND_MIGRATION,
  TOOL_PROFILE_GRANTS_MIGRATION,
  ...AGENT_CONFIG_MIGRATIONS,
  ...MEMORY_SEARCH_MIGRATIONS,
  SESSION_TYPING_MODE_MIGRATION,
  {
    id: 'heartbeat->agents.defaults.heartbeat',
    detect: present(
      ['heartbeat'],
      `top-level heartbeat is not a valid config path; use agents.defaults.heartbeat (cadence/target/model settings) or channels.defaults.heartbeat (showOk/showAlerts/useIndicator).`,
    ),
    apply: topLevelHeartbeat,
  },
  ...CODE_MODE_MIGRATIONS,
  ...CRON_DIAGNOSTICS_MIGRATIONS,
  ...GATEWAY_RETIRED_BEFORE_RESET,
  {
    id: 'gateway.tailscale.reset-on-exit-remove',
    detect: present(
      ['gateway', 'tailscale', 'resetOnExit'],
      `gateway.tailscale.resetOnExit is retired because managed routes now follow the Gateway lifecycle automatically. ${RUN}`,
      (v) => typeof v === 'boolean',
    ),
    apply: (root, changes) => {
      const tailscale = rec(rec(root.gateway)?.tailscale);
      if (!has(tailscale, 'resetOnExit')) return;
      const was = tailscale.resetOnExit === true;
      delete tailscale.resetOnExit;
      changes.push(
        was
          ? 'Removed gateway.tailscale.resetOnExit; managed Tailscale routes now end automatically with the Gateway lifecycle.'
          : 'Removed retired gateway.tailscale.resetOnExit config.',
      );
    },
  },
  {
    id: 'gateway.control-ui-device-auth-bypass->pairing-migration',
    detect: present(
      ['gateway', 'controlUi', 'dangerouslyDisableDeviceAuth'],
      'gateway.controlUi.dangerouslyDisableDeviceAuth is retired and ignored. Control UI browsers pair through the normal device flow; run "openclaw doctor --fix" to remove the legacy key.',
      (v) => typeof v === 'boolean',
    ),
    apply: (root, changes) => {
      const controlUi = rec(rec(root.gateway)?.controlUi);
      if (!has(controlUi, 'dangerouslyDisableDeviceAuth')) return;
      delete controlUi.dangerouslyDisableDeviceAuth;
      changes.push('Removed retired gateway.controlUi.dangerouslyDisableDeviceAuth legacy config.');
    },
  },
  ...GATEWAY_RETIRED_AFTER_DEVICE_AUTH,
  { id: 'gateway.controlUi.allowedOrigins-seed-for-non-loopback', apply: seedAllowedOrigins },
  {
    id: 'gateway.bind.host-alias->bind-mode',
    detect: present(
      ['gateway', 'bind'],
      `gateway.bind host aliases (for example 0.0.0.0/localhost) are legacy; use bind modes (lan/loopback/custom/tailnet/auto) instead. ${RUN}`,
      (v) => bindAlias(v) !== undefined,
    ),
    apply: (root, changes) => {
      const gateway = rec(root.gateway);
      if (!gateway || typeof gateway.bind !== 'string') return;
      const mapped = bindAlias(gateway.bind);
      if (!mapped || gateway.bind.trim().toLowerCase() === mapped) return;
      changes.push(
        `Normalized gateway.bind "${gateway.bind.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}" → "${mapped}".`,
      );
      gateway.bind = mapped;
    },
  },
  MCP_MIGRATION,
  {
    id: 'defaultModel->agents.defaults.model',
    detect: present(['defaultModel'], `defaultModel moved to agents.defaults.model. ${RUN}`),
    apply: (root, changes) => {
      if (!has(root, 'defaultModel')) return;
      const defaults = rec(rec(root.agents)?.defaults);
      if (defaults?.model === undefined && typeof root.defaultModel === 'string') {
        ensure(ensure(root, 'agents'), 'defaults').model = root.defaultModel;
        changes.push('Moved defaultModel → agents.defaults.model.');
      } else changes.push('Removed defaultModel (agents.defaults.model already set or value invalid).');
      delete root.defaultModel;
    },
  },
  {
    id: 'runtime.utility-model-separation',
    detect: detectUtilityModelSeparation,
    apply: migrateUtilityModelSeparation,
  },
  { id: 'models.pricing-retired', detect: detectModelsPricing, apply: migrateModelsPricing },
  {
    id: 'models.providers.codex-routes->models.providers.openai',
    detect: detectCodexProviders,
    apply: migrateCodexProviders,
  },
  {
    id: 'models.canonical-model-refs',
    detect: (root) =>
      ['agents', 'plugins', 'messages', 'tools', 'hooks', 'channels', 'models'].flatMap((section) => {
        if (root[section] === undefined) return [];
        const changes: string[] = [];
        rewriteModelRefs(structuredClone(root[section]), `config.${section}`, changes);
        return changes.length > 0
          ? [
              {
                path: section,
                message:
                  'Configured retired or noncanonical model refs are no longer in the bundled catalogs; run "openclaw doctor --fix" to upgrade them.',
              },
            ]
          : [];
      }),
    apply: (root, changes) => {
      const next = rewriteModelRefs(root, 'config', changes) as Rec;
      for (const key of Object.keys(root)) delete root[key];
      for (const key of Object.keys(next)) put(root, key, next[key]);
    },
  },
  {
    id: 'agents.defaults.models->agents.defaults.modelPolicy.allow',
    detect: (root) => {
      const defaults = rec(rec(root.agents)?.defaults);
      return rec(defaults?.models) &&
        !has(rec(defaults!.modelPolicy), 'allow') &&
        rec(rec(root.meta)?.migrations)?.modelPolicyAllowlist !== true
        ? [
            {
              path: 'agents.defaults.models',
              message:
                'Legacy agents.defaults.models restricts model overrides; run "openclaw doctor --fix" to migrate valid refs to agents.defaults.modelPolicy.allow.',
            },
          ]
        : [];
    },
    apply: modelPolicyAllow,
  },
  ...TTS_MIGRATIONS,
  MEMORY_QMD_MIGRATION,
  LOCAL_MODEL_LEAN_MIGRATION,
  {
    id: 'models.providers.*.models.*.compat.thinkingFormat-invalid',
    detect: detectThinkingFormat,
    apply: migrateThinkingFormat,
  },
  {
    id: 'models.providers.*.models.*.contextWindow-stale',
    detect: detectStaleContextWindow,
    apply: migrateStaleContextWindow,
  },
  {
    id: 'runtime.messages-suppress-tool-errors',
    detect: present(
      ['messages', 'suppressToolErrors'],
      `messages.suppressToolErrors is retired; tool failure warnings now appear only when a run ends without a reply. ${RUN}`,
    ),
    apply: (root, changes) => {
      const messages = rec(root.messages);
      if (!has(messages, 'suppressToolErrors')) return;
      delete messages.suppressToolErrors;
      changes.push(
        'Removed messages.suppressToolErrors (tool failure warnings now appear only when a run ends without a reply).',
      );
    },
  },
  INTERNAL_HOOK_HANDLERS_MIGRATION,
  {
    id: 'runtime.doctor-tier-eval-tranche',
    detect: wouldChange('Approved tier-eval configuration surfaces were consolidated.', tierEvalTranche),
    apply: (r, c) => void tierEvalTranche(r, c),
  },
  {
    id: 'runtime.final-layout-polish',
    detect: wouldChange('Final layout aliases were retired.', finalLayoutRenames),
    apply: finalLayoutRenames,
  },
  {
    id: 'runtime.final-layout-kills',
    detect: wouldChange('Final layout tuning knobs were retired.', finalLayoutKills),
    apply: finalLayoutKills,
  },
  MEDIA_MODELS_MIGRATION,
  {
    id: 'runtime.config-tranche',
    detect: wouldChange(
      'Presentation-only preferences and duplicate tuning options moved to canonical defaults.',
      configTranche,
    ),
    apply: configTranche,
  },
  {
    id: 'runtime.tuning-knobs-purge',
    detect: wouldChange('Numeric runtime tuning knobs were retired and now use built-in defaults.', tuningKnobs),
    apply: (r, c) => void tuningKnobs(r, c),
  },
  {
    id: 'runtime.ui-assistant-identity',
    detect: present(['ui', 'assistant'], `ui.assistant was retired; use agents.list[].identity instead. ${RUN}`),
    apply: (root, changes) => {
      const ui = rec(root.ui);
      if (!has(ui, 'assistant')) return;
      delete ui.assistant;
      if (Object.keys(ui).length === 0) delete root.ui;
      changes.push('Removed retired ui.assistant; configure agents.list[].identity instead.');
    },
  },
  RETIRED_CONFIG_KEYS_MIGRATION,
  SECRETS_EGRESS_MIGRATION,
  ...SESSION_SKILLS_MIGRATIONS,
  ...TOOL_NAME_MIGRATIONS,
  TOOL_POLICY_CONFLICTS_MIGRATION,
  {
    id: 'runtime.agents-entries',
    detect: present(['agents', 'list'], `agents.list moved to keyed agents.entries. ${RUN}`),
    apply: agentsListToEntries,
  },
  { id: 'runtime.agents-explicit-ownership', apply: explicitOwnership },
  {
    id: 'crestodian-retired',
    detect: present(
      ['crestodian'],
      'crestodian config was retired; system-agent rescue now uses built-in policy. Run "openclaw doctor --fix" to remove it.',
    ),
    apply: (root, changes) => {
      if (!has(root, 'crestodian')) return;
      delete root.crestodian;
      changes.push('Removed retired crestodian config; system-agent rescue uses built-in policy.');
    },
  },
  { id: 'runtime.legacy-system-agent-owner', detect: detectMissingSystemAgent, apply: restoreSystemAgent },
  {
    id: 'tools.web.search-provider-config->plugins.entries',
    detect: (root) => {
      const source = rec(rec(rec(root.tools)?.web)?.search);
      return source && (has(source, 'apiKey') || WEB_SEARCH_PROVIDERS.some((id) => isRec(source[id])))
        ? [
            {
              path: 'tools.web.search',
              message: `tools.web.search provider-owned config moved to plugins.entries.<plugin>.config.webSearch. ${RUN}`,
            },
          ]
        : [];
    },
    apply: webSearchProviders,
  },
  // The bundled Ollama plugin's legacy migration (plugin migrations run after the core ones).
  { id: 'ollama.local-auth-marker', detect: detectOllamaLocalAuth, apply: migrateOllamaLocalAuth },
];

/** `plugins.installs` is machine state now: doctor records it elsewhere and removes it from the config. */
export function dropPluginInstalls(root: Rec, changes: string[]): void {
  const plugins = rec(root.plugins);
  if (!has(plugins, 'installs')) return;
  delete plugins.installs;
  changes.push('Removed retired plugins.installs after preserving plugin install records.');
}
