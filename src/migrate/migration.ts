/** What a migration rule is: the types every rule module (rules.ts, rules/*) shares. */
import type { Rec } from './draft.ts';

export interface LegacyIssue {
  /** Dotted path ('' for the whole config). */
  path: string;
  message: string;
}

export interface Migration {
  /** doctor's migration id. */
  id: string;
  /** The "Legacy config keys detected" lines doctor prints for the config before it migrates. */
  detect?: (root: Rec) => LegacyIssue[];
  apply: (root: Rec, changes: string[], context?: MigrationContext) => void;
}

/** What a migration may need beyond the draft: the config as written, and whether it is split over `$include`s. */
export interface MigrationContext {
  authored: Rec;
  includes: boolean;
}
