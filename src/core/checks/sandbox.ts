/** sandbox.*: config-derived sandbox findings (issue 3). */
import { posix } from 'node:path';
import type { ConfigPath } from '../types.ts';
import { agentPath, listAgents, sandboxMode } from '../model/agents.ts';
import { defineRules, type CheckContext, type Json } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'sandbox.docker_config_mode_off',
    severity: 'warn',
    title: 'Sandbox docker settings configured while sandbox mode is off',
    help: 'Docker settings are configured for a scope whose sandbox mode is off, so they have no effect — often a sign that sandboxing was meant to be on.',
    remediation:
      'Enable sandbox mode where it is needed (`agents.defaults.sandbox.mode` "non-main" or "all"), or remove the unused docker settings.',
    configPaths: ['agents.defaults.sandbox.docker', 'agents.entries.<id>.sandbox.docker', 'agents.*.sandbox.mode'],
  },
  {
    id: 'sandbox.bind_mount_non_absolute',
    severity: 'warn',
    title: 'Sandbox bind mount uses a non-absolute source path',
    help: 'A sandbox bind mount uses a relative path or volume name as its source; such sources are hard to validate and may resolve unexpectedly.',
    remediation: 'Use an absolute host path as the bind source (for example `/home/user/project:/project:ro`).',
    configPaths: ['agents.*.sandbox.docker.binds'],
  },
  {
    id: 'sandbox.dangerous_bind_mount',
    severity: 'critical',
    title: 'Dangerous bind mount in sandbox config',
    help: 'A sandbox bind mount targets or covers a blocked host path (`/`, /etc, /proc, /sys, /dev, /root, /boot, /run, the Docker socket, …), exposing host system directories to the sandbox.',
    remediation: 'Remove the bind and mount project-specific directories instead.',
    configPaths: ['agents.*.sandbox.docker.binds'],
  },
  {
    id: 'sandbox.dangerous_network_mode',
    severity: 'critical',
    title: 'Dangerous network mode in sandbox config',
    help: "The sandbox container uses the host network or joins another container's network namespace, bypassing the sandbox's network isolation.",
    remediation:
      'Set the sandbox `network` to "bridge", "none" or a custom bridge network; keep `dangerouslyAllowContainerNamespaceJoin` for break-glass use with a fully trusted runtime.',
    configPaths: ['agents.*.sandbox.docker.network', 'agents.*.sandbox.docker.dangerouslyAllowContainerNamespaceJoin'],
  },
  {
    id: 'sandbox.dangerous_seccomp_profile',
    severity: 'critical',
    title: 'Seccomp unconfined in sandbox config',
    help: 'The sandbox container runs with `seccompProfile: "unconfined"`, which disables syscall filtering.',
    remediation: 'Remove `seccompProfile` or point it at a custom seccomp profile file.',
    configPaths: ['agents.*.sandbox.docker.seccompProfile'],
  },
  {
    id: 'sandbox.dangerous_apparmor_profile',
    severity: 'critical',
    title: 'AppArmor unconfined in sandbox config',
    help: 'The sandbox container runs with `apparmorProfile: "unconfined"`, which disables AppArmor enforcement.',
    remediation: 'Remove `apparmorProfile` or name an AppArmor profile.',
    configPaths: ['agents.*.sandbox.docker.apparmorProfile'],
  },
]);

function hasDockerConfig(docker: Json): boolean {
  return isObject(docker) && Object.values(docker).some((value) => value !== undefined);
}

export function collectSandbox(ctx: CheckContext): void {
  collectDockerModeOff(ctx);
  collectDangerousDocker(ctx);
}

function collectDockerModeOff(ctx: CheckContext): void {
  const config = ctx.config;
  const agents = listAgents(config);
  const hits: { label: string; path: ConfigPath }[] = [];
  const defaultsDocker = config?.agents?.defaults?.sandbox?.docker;
  if (
    hasDockerConfig(defaultsDocker) &&
    sandboxMode(config) === 'off' &&
    !agents.some((agent) => sandboxMode(config, agent) !== 'off')
  ) {
    hits.push({ label: 'agents.defaults.sandbox.docker', path: ['agents', 'defaults', 'sandbox', 'docker'] });
  }
  for (const agent of agents) {
    if (hasDockerConfig(agent.config.sandbox?.docker) && sandboxMode(config, agent) === 'off') {
      hits.push({ label: `agents.entries.${agent.id}.sandbox.docker`, path: agentPath(agent, 'sandbox', 'docker') });
    }
  }
  if (hits.length === 0) return;
  ctx.report('sandbox.docker_config_mode_off', {
    detail: `These docker settings do nothing until sandbox mode is enabled:\n${hits.map((hit) => `- ${hit.label}`).join('\n')}`,
    path: hits[0]!.path,
    related: hits.slice(1).map((hit) => hit.path),
  });
}

// --- bind mounts ----------------------------------------------------------------------------------------------------

const BLOCKED_HOST_PATHS = [
  '/etc',
  '/private/etc',
  '/proc',
  '/sys',
  '/dev',
  '/root',
  '/boot',
  '/run',
  '/var/run',
  '/private/var/run',
  '/var/run/docker.sock',
  '/private/var/run/docker.sock',
  '/run/docker.sock',
];

function stripNamespacePrefix(input: string): string {
  if (input.startsWith('\\\\?\\')) {
    const rest = input.slice(4);
    return rest.toUpperCase().startsWith('UNC\\') ? `\\\\${rest.slice(4)}` : rest;
  }
  if (input.startsWith('//?/')) {
    const rest = input.slice(4);
    return rest.toUpperCase().startsWith('UNC/') ? `//${rest.slice(4)}` : rest;
  }
  return input;
}

const isDrivePath = (raw: string) => /^[A-Za-z]:[\\/]/.test(stripNamespacePrefix(raw));

function isHostPathAbsolute(raw: string): boolean {
  const input = stripNamespacePrefix(raw);
  return input.startsWith('/') || isDrivePath(input);
}

function normalizeHostPath(raw: string): string {
  const input = stripNamespacePrefix(raw);
  if (!input) return '/';
  let normalized =
    isDrivePath(input) || raw.startsWith('\\\\') || raw.startsWith('//?/') ? input.replaceAll('\\', '/') : input;
  if (isDrivePath(normalized)) normalized = normalized.charAt(0).toUpperCase() + normalized.slice(1);
  const trimmed = posix.normalize(normalized).replace(/\/+$/, '') || '/';
  return /^[A-Z]:$/.test(trimmed) ? `${trimmed}/` : trimmed;
}

function policyKey(raw: string): string {
  const normalized = normalizeHostPath(raw);
  return isDrivePath(normalized) ? normalized.toLowerCase() : normalized;
}

function isInside(root: string, target: string): boolean {
  const rootKey = policyKey(root);
  const targetKey = policyKey(target);
  if (rootKey === '/') return true;
  const prefix = rootKey.endsWith('/') ? rootKey : `${rootKey}/`;
  return targetKey === rootKey || targetKey.startsWith(prefix);
}

/** The source of a `source:target[:mode]` bind (Windows drive letters kept). */
function bindSource(bind: string): string {
  const separator = bind.indexOf(':', /^[A-Za-z]:[\\/]/.test(bind) ? 2 : 0);
  return separator === -1 ? bind : bind.slice(0, separator);
}

export type BindBlock =
  { kind: 'non_absolute'; sourcePath: string } | { kind: 'targets' | 'covers'; blockedPath: string };

/**
 * Why a bind is blocked, by its text alone. (openclaw also blocks credential folders under the auditing user's home
 * and re-checks through symlinks on the auditing host; both depend on that host, not on the config.)
 */
export function blockedBindReason(bind: string): BindBlock | undefined {
  const source = bindSource(bind);
  if (!isHostPathAbsolute(source)) return { kind: 'non_absolute', sourcePath: source };
  const normalized = normalizeHostPath(source);
  if (normalized === '/') return { kind: 'covers', blockedPath: '/' };
  for (const blocked of BLOCKED_HOST_PATHS) {
    if (isInside(blocked, normalized)) return { kind: 'targets', blockedPath: blocked };
    if (isInside(normalized, blocked)) return { kind: 'covers', blockedPath: blocked };
  }
  return undefined;
}

function collectDangerousDocker(ctx: CheckContext): void {
  const config = ctx.config;
  const sources: { label: string; path: ConfigPath; docker: Record<string, Json> }[] = [];
  const defaultsDocker = config?.agents?.defaults?.sandbox?.docker;
  if (isObject(defaultsDocker))
    sources.push({
      label: 'agents.defaults.sandbox.docker',
      path: ['agents', 'defaults', 'sandbox', 'docker'],
      docker: defaultsDocker,
    });
  for (const agent of listAgents(config)) {
    const docker = agent.config.sandbox?.docker;
    if (isObject(docker))
      sources.push({
        label: `agents.entries.${agent.id}.sandbox.docker`,
        path: agentPath(agent, 'sandbox', 'docker'),
        docker,
      });
  }
  for (const { label, path, docker } of sources) {
    const binds: Json[] = Array.isArray(docker.binds) ? docker.binds : [];
    binds.forEach((bind, index) => {
      if (typeof bind !== 'string') return;
      const blocked = blockedBindReason(bind);
      if (!blocked) return;
      const at = [...path, 'binds', index];
      if (blocked.kind === 'non_absolute') {
        ctx.report('sandbox.bind_mount_non_absolute', {
          detail: `${label}.binds has "${bind}", whose source "${blocked.sourcePath}" is not an absolute path; such sources are hard to validate and may resolve unexpectedly.`,
          remediation: `Give "${bind}" an absolute host source path (for example /home/user/project:/project:ro).`,
          path: at,
        });
        return;
      }
      ctx.report('sandbox.dangerous_bind_mount', {
        detail: `${label}.binds has "${bind}", which ${blocked.kind} the blocked path "${blocked.blockedPath}" and can expose host system directories or the Docker socket to sandbox containers.`,
        remediation: `Remove "${bind}" from ${label}.binds and mount project-specific paths instead.`,
        path: at,
      });
    });
    const network = typeof docker.network === 'string' ? docker.network.trim().toLowerCase() : '';
    if (network === 'host' || network.startsWith('container:')) {
      ctx.report('sandbox.dangerous_network_mode', {
        detail:
          network === 'host'
            ? `${label}.network is "host", which bypasses container network isolation entirely.`
            : `${label}.network is "${docker.network}", which joins another container's network namespace and can bypass sandbox network isolation.`,
        remediation: `Set ${label}.network to "bridge", "none" or a custom bridge network; keep ${label}.dangerouslyAllowContainerNamespaceJoin=true for break-glass use only.`,
        path: [...path, 'network'],
        related:
          docker.dangerouslyAllowContainerNamespaceJoin !== undefined
            ? [[...path, 'dangerouslyAllowContainerNamespaceJoin']]
            : [],
      });
    }
    if (typeof docker.seccompProfile === 'string' && docker.seccompProfile.trim().toLowerCase() === 'unconfined') {
      ctx.report('sandbox.dangerous_seccomp_profile', {
        detail: `${label}.seccompProfile is "unconfined", which disables syscall filtering.`,
        remediation: `Remove ${label}.seccompProfile or use a custom seccomp profile file.`,
        path: [...path, 'seccompProfile'],
      });
    }
    if (typeof docker.apparmorProfile === 'string' && docker.apparmorProfile.trim().toLowerCase() === 'unconfined') {
      ctx.report('sandbox.dangerous_apparmor_profile', {
        detail: `${label}.apparmorProfile is "unconfined", which disables AppArmor enforcement.`,
        remediation: `Remove ${label}.apparmorProfile or use a named AppArmor profile.`,
        path: [...path, 'apparmorProfile'],
      });
    }
  }
}
