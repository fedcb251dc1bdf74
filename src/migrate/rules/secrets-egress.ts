/**
 * doctor's `runtime.secrets-egress-proxy-hosts` migration (openclaw 2026.9.6): entries of
 * `secrets.egressProxy.bypassHosts` / `allowedHosts` that are not one exact hostname or IP address (a wildcard, a
 * scheme, a path, a port, an invalid label, a non-string) are dropped, and the list with them when none is left.
 * Paths and messages are openclaw's interface.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { rec } from '../draft.ts';
import type { LegacyIssue, Migration } from '../migration.ts';

const KEYS = ['bypassHosts', 'allowedHosts'];
const LABEL = /^[a-z0-9-]+$/;

/** Whether openclaw accepts the entry as one exact host. */
function exactHost(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  let host = raw.trim().toLowerCase();
  let end = host.length;
  while (end > 0 && host[end - 1] === '.') end--;
  host = host.slice(0, end);
  if (host.includes('*')) return false;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare)) return true;
  if (!bare || bare.includes(':') || /[\s/?#@]/u.test(bare)) return false;
  const ascii = domainToASCII(bare);
  return (
    ascii !== '' &&
    ascii.length <= 253 &&
    ascii
      .split('.')
      .every(
        (label) => label && label.length <= 63 && !label.startsWith('-') && !label.endsWith('-') && LABEL.test(label),
      )
  );
}

export const SECRETS_EGRESS_MIGRATION: Migration = {
  id: 'runtime.secrets-egress-proxy-hosts',
  detect: (root) => {
    const proxy = rec(rec(root.secrets)?.egressProxy);
    return KEYS.flatMap((key): LegacyIssue[] => {
      const hosts = proxy?.[key];
      return Array.isArray(hosts) && hosts.some((h) => !exactHost(h))
        ? [
            {
              path: `secrets.egressProxy.${key}`,
              message: `secrets.egressProxy.${key} contains entries that are not usable hostnames. Run "openclaw doctor --fix".`,
            },
          ]
        : [];
    });
  },
  apply: (root, changes) => {
    const proxy = rec(rec(root.secrets)?.egressProxy);
    if (!proxy) return;
    for (const key of KEYS) {
      const hosts = proxy[key];
      if (!Array.isArray(hosts)) continue;
      const valid = hosts.filter(exactHost);
      if (valid.length === hosts.length) continue;
      const invalid = hosts.filter((h) => !exactHost(h));
      if (valid.length > 0) proxy[key] = valid;
      else delete proxy[key];
      changes.push(
        `Removed unusable secrets.egressProxy.${key} entries: ${invalid.map((h) => JSON.stringify(h)).join(', ')}.`,
      );
    }
  },
};
