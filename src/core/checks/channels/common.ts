/** Helpers shared by the provider modules. */
import type { ConfigPath } from '../../types.ts';
import type { CheckContext, Json } from '../rule.ts';
import { isObject, isSecretRef } from '../util.ts';
import type { Account, PluginFinding } from './types.ts';

/** openclaw's normalizeE164: drop a `scheme:` prefix, keep the digits, prefix `+`. */
export function normalizeE164(raw: string): string {
  const digits = raw
    .replace(/^[a-z][a-z0-9-]*:/i, '')
    .trim()
    .replace(/\D/g, '');
  return digits ? `+${digits}` : '';
}

/** A secret input counts as configured when it is a non-blank string (resolved) or a SecretRef. */
export function secretConfigured(ctx: CheckContext, value: Json, path: ConfigPath): boolean {
  if (ctx.unresolved(path)) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  return isSecretRef(value);
}

export function enabledAtRootAndAccount(account: Account): boolean {
  return account.root.enabled !== false && account.config.enabled !== false;
}

/** Path of a field in the account entry when it sets it, else at the channel root. */
export function fieldPath(account: Account, field: string): ConfigPath {
  if (account.entry && Object.hasOwn(account.entry, field)) return [...account.prefix, field];
  return ['channels', account.provider.id, field];
}

/**
 * `groups.open` the way `createRestrictSendersChannelSecurity` words it: groupPolicy "open" on an allowlist provider
 * (the root default `allowlist` is materialized, so only an explicit "open" counts).
 */
export function restrictSendersGroupsOpen(
  account: Account,
  surface: string,
  openScope: string,
  mentionGated: boolean,
): PluginFinding[] {
  if (account.config.groupPolicy !== 'open') return [];
  const id = account.provider.id;
  return [
    {
      checkId: `channels.${id}.groups.open`,
      titleParams: { label: account.provider.label },
      detail:
        `${surface}: groupPolicy="open" allows ${openScope} to trigger${mentionGated ? ' (mention-gated)' : ''}. ` +
        `Set channels.${id}.groupPolicy="allowlist" + channels.${id}.groupAllowFrom to restrict senders.`,
      remediation: null,
      path: fieldPath(account, 'groupPolicy'),
    },
  ];
}

export function keysOf(value: Json): string[] {
  return isObject(value) ? Object.keys(value) : [];
}
