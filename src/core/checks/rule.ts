/** Check metadata: the one source of truth that the engine, SARIF rules, docs and tests all read. */
import type { ConfigPath, OfflineDoctorState, Severity } from '../types.ts';
import type { LoadedConfig } from '../config/load.ts';

export interface Rule {
  /** The checkId openclaw prints. A family of ids is a template: `channels.<provider>.dm.open`. */
  id: string;
  /** The group of checks: the id's first segment (gateway, hooks, channels, tools, …), derived by `defineRules`. */
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
  /** How often a finding is a true positive (SARIF `precision`): `very-high` for exact rules, lower for heuristics. */
  precision: Precision;
  /** Set when a finding cannot be suppressed with `security.audit.suppressions`: why, in our words. */
  unsuppressible?: string;
}

type Precision = 'very-high' | 'high' | 'medium' | 'low';

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
  /** Set when auditing as on the machine an offline `openclaw doctor --fix` left (the audit after a migration). */
  readonly offlineDoctor?: OfflineDoctorState;
  /** `true` when a `${VAR}` at this path stayed unresolved. */
  unresolved(path: ConfigPath): boolean;
  report(checkId: string, finding: FindingInput): void;
  /** Adds a line to `secretDiagnostics` (a secret openclaw would resolve at run time that we cannot). */
  diagnose(message: string): void;
}

export type Collector = (ctx: CheckContext) => void;

type RuleSpec = Omit<Rule, 'family' | 'severities' | 'configPaths' | 'precision'> & {
  severities?: readonly Severity[];
  configPaths?: readonly string[];
  precision?: Precision;
};

/** A family module's rules: the family comes from each id, the defaults from the rule's own fields. */
export function defineRules(rules: readonly RuleSpec[]): Rule[] {
  return rules.map((rule) => ({
    ...rule,
    family: rule.id.split('.')[0]!,
    severities: rule.severities ?? [rule.severity],
    configPaths: rule.configPaths ?? [],
    precision: rule.precision ?? 'very-high',
  }));
}

export interface RuleMatch {
  rule: Rule;
  /** The placeholder values when a template matched (`{ provider: 'discord' }`); empty for an exact id. */
  bindings: Record<string, string>;
}

const PLACEHOLDER = /<([^>]+)>/g;

/**
 * Finds the rule of a concrete checkId among `rules`: the exact id first, then a template such as
 * `channels.<provider>.dm.open`, whose placeholders match any run of non-space characters.
 */
export function ruleMatcher(rules: readonly Rule[]): (checkId: string) => RuleMatch | undefined {
  const exact = new Map(rules.filter((r) => !r.id.includes('<')).map((r) => [r.id, r]));
  const templates = rules
    .filter((r) => r.id.includes('<'))
    .map((rule) => ({
      rule,
      names: [...rule.id.matchAll(PLACEHOLDER)].map((m) => m[1]!),
      parts: rule.id.split(/<[^>]+>/),
    }));
  return (checkId) => {
    const rule = exact.get(checkId);
    if (rule) return { rule, bindings: {} };
    for (const t of templates) {
      const bindings = fillTemplate(t.parts, t.names, checkId);
      if (bindings) return { rule: t.rule, bindings };
    }
    return undefined;
  };
}

/**
 * The placeholder values when `checkId` fills a template (`channels.<provider>.routing.owner_missing.<accountId>`). A
 * placeholder stands for any text, since openclaw puts object keys there as written (`ops team`, `a.b`, even ``):
 * the first part must start the id, the last end it, and the middle ones follow in order, leftmost first. Linear in
 * the id's length for our short fixed parts, unlike a regular expression with several lazy groups.
 */
function fillTemplate(
  parts: readonly string[],
  names: readonly string[],
  checkId: string,
): Record<string, string> | undefined {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (checkId.length < first.length + last.length || !checkId.startsWith(first) || !checkId.endsWith(last))
    return undefined;
  const bindings: Record<string, string> = {};
  let at = first.length;
  const end = checkId.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const found = checkId.indexOf(part, at);
    if (found === -1 || found + part.length > end) return undefined;
    bindings[names[i - 1]!] = checkId.slice(at, found);
    at = found + part.length;
  }
  bindings[names[names.length - 1]!] = checkId.slice(at, end);
  return bindings;
}
