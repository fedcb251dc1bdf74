/** config.insecure_or_dangerous_flags: one finding per enabled break-glass flag (emitted inside the gateway block). */
import type { ConfigPath } from '../types.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';
import { dig } from '../records.ts';

export const rules = defineRules([
  {
    id: 'config.insecure_or_dangerous_flags',
    severity: 'warn',
    title: 'Insecure or dangerous config flag enabled',
    help:
      'A break-glass setting that deliberately weakens a protection is on: Host-header origin fallback, unsafe external ' +
      'hook content, patching outside the workspace, audit suppressions, request-chosen hook session keys, private-network ' +
      'browser access, unrestricted filesystem tools, risky sandbox container options, or a plugin flag its manifest marks ' +
      'as dangerous. One finding is reported per flag.',
    remediation:
      'Turn the flag off when you are not actively debugging, or keep the deployment on trusted, local-only networks.',
    configPaths: [
      'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback',
      'hooks.gmail.allowUnsafeExternalContent',
      'hooks.mappings[].allowUnsafeExternalContent',
      'tools.exec.applyPatch.workspaceOnly',
      'security.audit.suppressions',
      'hooks.allowRequestSessionKey',
      'browser.ssrfPolicy.dangerouslyAllowPrivateNetwork',
      'tools.fs.workspaceOnly',
      'agents.defaults.sandbox.docker.*',
      'agents.entries.*.sandbox.docker.*',
      'plugins.entries.imap.config.accounts.*.senderAuth.*',
    ],
  },
]);

const DANGEROUS_SANDBOX_DOCKER_KEYS = [
  'dangerouslyAllowReservedContainerTargets',
  'dangerouslyAllowExternalBindSources',
  'dangerouslyAllowContainerNamespaceJoin',
] as const;

/** Dangerous-flag contracts of the bundled plugin manifests (only imap declares any in 2026.9.6), in manifest order. */
const PLUGIN_DANGEROUS_FLAGS: ReadonlyArray<{ plugin: string; path: string; equals: unknown }> = [
  { plugin: 'imap', path: 'accounts.*.senderAuth.acceptTrustedAuthservId', equals: true },
  { plugin: 'imap', path: 'accounts.*.senderAuth.min', equals: 'unverified' },
  { plugin: 'imap', path: 'accounts.*.senderAuth.min', equals: 'mutable' },
];

interface Flag {
  label: string;
  path: ConfigPath;
}

/** Concrete matches of a dotted contract pattern (`*` = any key or index) under a root value. */
function matchPattern(root: Json, pattern: string): Array<{ segments: Array<string | number>; value: Json }> {
  const parts = pattern
    .split('.')
    .map((p) => p.trim())
    .filter(Boolean);
  let states: Array<{ segments: Array<string | number>; value: Json }> = [{ segments: [], value: root }];
  for (const part of parts) {
    const next: typeof states = [];
    for (const state of states) {
      if (part === '*') {
        if (Array.isArray(state.value))
          state.value.forEach((value, index) => next.push({ segments: [...state.segments, index], value }));
        else if (isObject(state.value))
          for (const [key, value] of Object.entries(state.value))
            next.push({ segments: [...state.segments, key], value });
        continue;
      }
      if (Array.isArray(state.value)) {
        if (/^(0|[1-9]\d*)$/.test(part) && Number(part) < state.value.length)
          next.push({ segments: [...state.segments, Number(part)], value: state.value[Number(part)] });
        continue;
      }
      if (isObject(state.value) && Object.hasOwn(state.value, part))
        next.push({ segments: [...state.segments, part], value: state.value[part] });
    }
    states = next;
  }
  return states;
}

/** The enabled flags of a config, in openclaw's order, each with the key it is about. */
function listDangerousFlags(cfg: Json): Flag[] {
  const flags: Flag[] = [];
  const push = (label: string, path: ConfigPath) => flags.push({ label, path });
  if (dig(cfg, 'gateway', 'controlUi', 'dangerouslyAllowHostHeaderOriginFallback') === true) {
    push('gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback=true', [
      'gateway',
      'controlUi',
      'dangerouslyAllowHostHeaderOriginFallback',
    ]);
  }
  if (dig(cfg, 'hooks', 'gmail', 'allowUnsafeExternalContent') === true) {
    push('hooks.gmail.allowUnsafeExternalContent=true', ['hooks', 'gmail', 'allowUnsafeExternalContent']);
  }
  const mappings = dig(cfg, 'hooks', 'mappings');
  if (Array.isArray(mappings)) {
    mappings.forEach((mapping, index) => {
      if (isObject(mapping) && mapping.allowUnsafeExternalContent === true) {
        push(`hooks.mappings[${index}].allowUnsafeExternalContent=true`, [
          'hooks',
          'mappings',
          index,
          'allowUnsafeExternalContent',
        ]);
      }
    });
  }
  if (dig(cfg, 'tools', 'exec', 'applyPatch', 'workspaceOnly') === false) {
    push('tools.exec.applyPatch.workspaceOnly=false', ['tools', 'exec', 'applyPatch', 'workspaceOnly']);
  }
  const suppressions = dig(cfg, 'security', 'audit', 'suppressions');
  const suppressionCount = Array.isArray(suppressions) ? suppressions.length : 0;
  if (suppressionCount > 0)
    push(`security.audit.suppressions configured (${suppressionCount})`, ['security', 'audit', 'suppressions']);
  if (dig(cfg, 'hooks', 'allowRequestSessionKey') === true)
    push('hooks.allowRequestSessionKey=true', ['hooks', 'allowRequestSessionKey']);
  if (dig(cfg, 'browser', 'ssrfPolicy', 'dangerouslyAllowPrivateNetwork') === true) {
    push('browser.ssrfPolicy.dangerouslyAllowPrivateNetwork=true', [
      'browser',
      'ssrfPolicy',
      'dangerouslyAllowPrivateNetwork',
    ]);
  }
  if (dig(cfg, 'tools', 'fs', 'workspaceOnly') === false)
    push('tools.fs.workspaceOnly=false', ['tools', 'fs', 'workspaceOnly']);

  const docker = (value: Json, label: string, path: ConfigPath) => {
    if (!isObject(value)) return;
    for (const key of DANGEROUS_SANDBOX_DOCKER_KEYS)
      if (value[key] === true) push(`${label}.${key}=true`, [...path, key]);
  };
  docker(dig(cfg, 'agents', 'defaults', 'sandbox', 'docker'), 'agents.defaults.sandbox.docker', [
    'agents',
    'defaults',
    'sandbox',
    'docker',
  ]);
  const agents = dig(cfg, 'agents');
  if (isObject(agents) && Object.hasOwn(agents, 'entries') && agents.entries !== undefined) {
    if (isObject(agents.entries)) {
      for (const [id, entry] of Object.entries(agents.entries)) {
        if (isObject(entry))
          docker(dig(entry, 'sandbox', 'docker'), `agents.entries.${id}.sandbox.docker`, [
            'agents',
            'entries',
            id,
            'sandbox',
            'docker',
          ]);
      }
    }
  } else if (isObject(agents) && Array.isArray(agents.list)) {
    agents.list.forEach((entry, index) => {
      if (entry === null || typeof entry !== 'object') return;
      const label =
        typeof entry.id === 'string' && entry.id.length > 0 ? `agents.entries.${entry.id}` : `agents.list.${index}`;
      docker(dig(entry, 'sandbox', 'docker'), `${label}.sandbox.docker`, [
        'agents',
        'list',
        index,
        'sandbox',
        'docker',
      ]);
    });
  }

  const pluginEntries = dig(cfg, 'plugins', 'entries');
  if (isObject(pluginEntries)) {
    const seen = new Set<string>();
    for (const contract of PLUGIN_DANGEROUS_FLAGS) {
      const entry = pluginEntries[contract.plugin];
      if (!isObject(entry) || !isObject(entry.config)) continue;
      for (const match of matchPattern(entry.config, contract.path)) {
        if (!Object.is(match.value, contract.equals)) continue;
        const label = `plugins.entries.${contract.plugin}.config.${match.segments.join('.')}=${contract.equals === null ? 'null' : String(contract.equals)}`;
        if (seen.has(label)) continue;
        seen.add(label);
        push(label, ['plugins', 'entries', contract.plugin, 'config', ...match.segments]);
      }
    }
  }
  return flags;
}

export function collectDangerousFlags(ctx: CheckContext): void {
  for (const flag of listDangerousFlags(ctx.config)) {
    ctx.report('config.insecure_or_dangerous_flags', {
      detail: `Detected enabled flag: ${flag.label}.`,
      path: flag.path,
    });
  }
}
