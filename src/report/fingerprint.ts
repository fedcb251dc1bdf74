/**
 * Stable identities for findings, so code scanning does not reopen an alert when unrelated lines move.
 * A fingerprint hashes what the finding is about, never where it is: checkId, the audited config file and the config
 * path. Only when one config has several findings with the same checkId at the same path does the (redacted) detail
 * join the hash, and an occurrence number when even the details are equal.
 */
import { createRequire } from 'node:module';

// node:crypto costs several milliseconds to load (a third of the CLI's own start-up on Node 24), and only SARIF needs it.
const requireBuiltin = createRequire(import.meta.url);
let cryptoModule: typeof import('node:crypto') | undefined;

/** The `partialFingerprints` key; bump the version when the recipe changes. */
export const FINGERPRINT_KEY = 'openclawAudit/v1';

export interface FingerprintInput {
  checkId: string;
  /** The audited config file (repo-relative), not the file the key is written in: moving a key into an `$include` keeps the alert. */
  config: string;
  /** The dotted config path the finding is about. */
  path: string;
  /** Tells apart findings that share checkId, config and path (the redacted detail). */
  discriminator: string;
}

function hash(parts: readonly string[]): string {
  cryptoModule ??= requireBuiltin('node:crypto') as typeof import('node:crypto');
  return cryptoModule.createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 32);
}

/** Fingerprints for the findings of one run, in input order. Same inputs, same fingerprints, whatever the lines. */
export function fingerprints(inputs: readonly FingerprintInput[]): string[] {
  const base = inputs.map((i) => [FINGERPRINT_KEY, i.checkId, i.config, i.path]);
  const baseCount = new Map<string, number>();
  for (const parts of base) baseCount.set(parts.join('\u0000'), (baseCount.get(parts.join('\u0000')) ?? 0) + 1);
  const seen = new Map<string, number>();
  return inputs.map((input, index) => {
    const parts = base[index]!;
    if (baseCount.get(parts.join('\u0000')) === 1) return hash(parts);
    const withDetail = [...parts, input.discriminator];
    const key = withDetail.join('\u0000');
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return hash(occurrence === 1 ? withDetail : [...withDetail, String(occurrence)]);
  });
}

/**
 * What a finding is about, without the tie-breakers of `fingerprints`: checkId, audited config and config path. A
 * baseline matches on it, so reports written before and after a change to the recipe (or to
 * `primaryLocationLineHash`) still match.
 */
export function findingIdentity(input: Pick<FingerprintInput, 'checkId' | 'config' | 'path'>): string {
  return [input.checkId, input.config, input.path].join('\u0000');
}
