/** What each channel provider (one official plugin with a security adapter) tells the generic channel audit. */
import type { ConfigPath, Severity } from '../../types.ts';
import type { CheckContext, Json } from '../rule.ts';

/** One channel account as the plugin resolves it. */
export interface Account {
  provider: Provider;
  accountId: string;
  /** The channel root `channels.<id>`. */
  root: Record<string, Json>;
  /** `channels.<id>.accounts.<key>` when it exists. */
  entry?: Record<string, Json>;
  entryKey?: string;
  /** Root (minus `accounts`) overlaid with the account entry, plus the materialized schema defaults. */
  config: Record<string, Json>;
  /** `channels.<id>` or `channels.<id>.accounts.<key>` (what plugin paths call the account prefix). */
  prefix: ConfigPath;
  /** More than one account id, or the account lives under `accounts`: titles then carry ` (account: <id>)`. */
  noted: boolean;
  hasExplicitAccountPath: boolean;
  orderedAccountIds: string[];
}

interface DmPolicySpec {
  policy(account: Account): string | undefined;
  allowFrom(account: Account): Json[] | undefined;
  /** Normalizes an allowFrom entry into the sender id openclaw routes on. */
  normalize?(raw: string): string;
  /** The plugin classifies entries (mutable vs stable); `true` for a mutable display name/tag/alias. */
  isMutable?(raw: string): boolean;
  /** WhatsApp: account paths fall back to `accounts.default` when it sets the fields. */
  inheritFromDefaultAccount?: boolean;
}

/** A finding a plugin-specific collector emits; title and severity default from the rule. */
export interface PluginFinding {
  /** `warning` for a plain-string plugin warning: reported as `channels.<id>.warning.<n>` (n = running finding count). */
  checkId: string;
  detail: string;
  severity?: Severity;
  variant?: string;
  titleParams?: Record<string, string>;
  remediation?: string | null;
  path: ConfigPath;
  related?: ConfigPath[];
}

export interface Provider {
  id: string;
  label: string;
  /** Channel keys whose presence makes an implicit `default` account. */
  implicitAccountKeys: string[];
  /** Replaces implicitAccountKeys when the implicit default needs several keys (IRC: host and nick). */
  implicitAccount?(root: Record<string, Json>): boolean;
  /** Keys copied only to the default account (signal `transport`) or dropped for named accounts. */
  sharedOmitKeys?: string[];
  /** The resolved account carries no `config` (WhatsApp): no dangerouslyAllowNameMatching check. */
  noAccountConfig?: boolean;
  isEnabled(account: Account, all: Account[], ctx: CheckContext): boolean;
  isConfigured(account: Account, ctx: CheckContext): boolean;
  dm?: DmPolicySpec;
  /** `collectWarnings`: today always the `groups.open` finding. */
  warnings?(account: Account, ctx: CheckContext): PluginFinding[];
  /** `collectAuditFindings`. */
  audit?(account: Account, ctx: CheckContext): PluginFinding[];
}
