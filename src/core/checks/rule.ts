/** Check metadata: the one source of truth that the engine, SARIF rules, docs and tests all read. */
import type { ConfigPath, Severity } from '../types.ts';
import type { LoadedConfig } from '../config/load.ts';

export interface Rule {
  /** The checkId openclaw prints. A family of ids is a template: `channels.<provider>.dm.open`. */
  id: string;
  /** The first segment that groups checks: gateway, hooks, channels, tools, … */
  family: string;
  /** The severity the check has when nothing raises it. */
  severity: Severity;
  /** Every severity the check can be reported with. */
  severities: readonly Severity[];
  /** openclaw's exact title. */
  title: string;
  /** Other exact titles the same checkId carries in some cases, keyed by a short variant name. */
  titles?: Readonly<Record<string, string>>;
  /** What the check means and why it matters, in our words (Markdown allowed). */
  help: string;
  /** How to fix it, in our words (openclaw's gist where openclaw prints one); the docs page's "How to fix". */
  remediation?: string;
  /**
   * `false` where openclaw's finding carries no remediation: findings stay without one, as in openclaw's report, while
   * the docs page and the SARIF rule help still say how to fix it.
   */
  remediationInReport?: false;
  /** The config paths the check reads. */
  configPaths: readonly string[];
}

/** A finding as a check reports it; title, remediation and severity default from the rule. */
export interface FindingInput {
  detail: string;
  severity?: Severity;
  /** A key of `rule.titles`. */
  variant?: string;
  /** Values for `<name>` placeholders in the chosen title (titles that embed a channel label or account). */
  titleParams?: Readonly<Record<string, string>>;
  /** Overrides the rule's remediation; `null` leaves the finding without one. */
  remediation?: string | null;
  /** The key the finding is about (its nearest present parent is used when absent). */
  path?: ConfigPath;
  related?: readonly ConfigPath[];
}

/** Loosely typed config data: checks apply their own defaults, exactly like openclaw's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface CheckContext {
  /** The merged config after `${VAR}` substitution. */
  readonly config: Json;
  readonly loaded: LoadedConfig;
  /** The environment built from `env.vars`. */
  readonly env: Readonly<Record<string, string>>;
  /** `true` when a `${VAR}` at this path stayed unresolved. */
  unresolved(path: ConfigPath): boolean;
  report(checkId: string, finding: FindingInput): void;
  /** Adds a line to `secretDiagnostics` (a secret openclaw would resolve at run time that we cannot). */
  diagnose(message: string): void;
}

export type Collector = (ctx: CheckContext) => void;

export function defineRules(family: string, rules: ReadonlyArray<Omit<Rule, 'family' | 'severities' | 'configPaths'> & { severities?: readonly Severity[]; configPaths?: readonly string[] }>): Rule[] {
  return rules.map((rule) => ({
    ...rule,
    family,
    severities: rule.severities ?? [rule.severity],
    configPaths: rule.configPaths ?? [],
  }));
}
