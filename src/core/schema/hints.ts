/** Hints in our own words for keys that older openclaw versions accepted (shown next to openclaw's message). */
import type { SchemaViolation } from './violation.ts';

const DOCTOR = 'Run `openclaw doctor --fix` to migrate it.';

/** Keyed by "<parent path>|<key>"; "*" matches any single segment. */
const LEGACY_KEYS: Record<string, string> = {
  'meta|lastTouchedAt':
    'meta.lastTouchedAt is no longer written by openclaw; remove it (meta keeps lastTouchedVersion).',
  'agents.defaults|memorySearch':
    'agents.defaults.memorySearch moved out of the agent defaults in newer openclaw; remove it or move it to the memory settings. ' +
    DOCTOR,
  'gateway.tailscale|resetOnExit': 'gateway.tailscale.resetOnExit was removed; delete it.',
  'commands|ownerDisplay': 'commands.ownerDisplay was removed; delete it.',
  'logging|redactSensitive':
    'logging.redactSensitive was removed: redaction is always on; use logging.redactPatterns for extra patterns.',
  'gateway.controlUi|allowInsecureAuth':
    'gateway.controlUi.allowInsecureAuth was removed; the Control UI no longer accepts insecure auth. Delete it.',
  'agents|list':
    'agents.list is the legacy roster; openclaw converts it to keyed agents.entries only when every entry has a unique, lowercase, valid id. ' +
    DOCTOR,
  '<root>|agent': 'The top-level "agent" block is legacy; its settings now live under agents.defaults. ' + DOCTOR,
  'plugins|installs': 'plugins.installs is machine state now (kept in the state database), not config. ' + DOCTOR,
};

export function legacyHint(issue: SchemaViolation): string | undefined {
  if (
    issue.path.length === 2 &&
    issue.path[0] === 'agents' &&
    issue.path[1] === 'ownership' &&
    issue.message.startsWith('multi-agent rosters')
  ) {
    return 'Several agents and no owner: add agents.ownership: "explicit" (and route channels with bindings), or mark exactly one agent default: true. `openclaw doctor --fix` can migrate a legacy default marker.';
  }
  if (issue.path.join('.') === 'gateway.bind' && issue.allowedValues) {
    return 'gateway.bind takes a bind mode, not an address: use "loopback" (was 127.0.0.1), "lan" (was 0.0.0.0), or "custom" with gateway.customBindHost.';
  }
  const keys = [...issue.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  if (!/^Unrecognized keys?:/.test(issue.message)) return undefined;
  const parent = issue.path.length === 0 ? '<root>' : issue.path.join('.');
  const hints = keys.map((k) => LEGACY_KEYS[`${parent}|${k}`]).filter((h): h is string => Boolean(h));
  return hints.length ? hints.join(' ') : undefined;
}
