/** Shapes shared by the loader, the checks and every reporter. Pure data, no behaviour. */

export type Severity = 'info' | 'warn' | 'critical';

/** One segment of a config path: an object key or an array index. */
export type PathSegment = string | number;
export type ConfigPath = readonly PathSegment[];

/**
 * A span of text in one file. `file` is relative to the audit root with `/` separators.
 * Lines and columns are 1-based; `endColumn` is exclusive (SARIF's convention). Columns count UTF-16 code units.
 */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a config value (or key) lives, and how it got into the merged config. */
export interface SourceLocation extends SourceSpan {
  /** The config path the location is about, dotted as openclaw prints it in issues (`bindings.0.match`). */
  path: string;
  /** The `$include` directives that brought this value in, outermost first. */
  includedFrom?: SourceSpan[];
}

export interface Finding {
  checkId: string;
  severity: Severity;
  title: string;
  detail: string;
  remediation?: string;
  /** The offending key or value; a key that is absent points at its nearest present parent. */
  location?: SourceLocation;
  /** Other keys the finding is about. */
  relatedLocations?: SourceLocation[];
}

export interface Suppression {
  checkId: string;
  titleIncludes?: string;
  detailIncludes?: string;
  reason?: string;
  /** The suppression entry in `security.audit.suppressions`. */
  location?: SourceLocation;
}

export interface SuppressedFinding extends Finding {
  /** `inline`: by an `// openclaw-audit: ignore[…]` comment rather than `security.audit.suppressions`. */
  suppression: { reason?: string; location?: SourceLocation; inline?: { until?: string } };
}

export interface SeverityCounts {
  critical: number;
  warn: number;
  info: number;
}

/** One problem that makes openclaw reject the config (parse, `$include` or schema). */
export interface ConfigIssue {
  /** openclaw's dotted path, `<root>` for the root. */
  path: string;
  message: string;
  allowedValues?: unknown[];
  /** A hint for a legacy or moved key, in our words. */
  hint?: string;
  location?: SourceLocation;
}

/** The audit of one config file that openclaw would accept. */
/**
 * What `openclaw doctor --fix` leaves on a machine without network (as in CI), which the audit of a migrated config
 * sees: none of the official npm plugins is installed, and the retired `plugins.installs` are install records.
 */
export interface OfflineDoctorState {
  /** The install records doctor kept from `plugins.installs` (plugin id → record, as written). */
  installRecords: Readonly<Record<string, unknown>>;
  /** A `plugins.load.paths` entry was unreadable: doctor left plugin settings uninspected, and so does the audit. */
  pluginsUninspected?: boolean;
}

export interface AuditReport {
  /** The audited config file, relative to the root. */
  config: string;
  summary: SeverityCounts;
  findings: Finding[];
  suppressedFindings: SuppressedFinding[];
  secretDiagnostics: string[];
  /** Schema issues reported as warnings instead of errors (`--lenient`). */
  schemaWarnings: ConfigIssue[];
  /** Files read to build the config (the config first, then its includes), relative to the root. */
  files: string[];
  /** What is worth saying about the config without being a finding (openclaw reports nothing for it). */
  notes?: ConfigNote[];
  /** Inline ignore comments that did not apply: malformed, expired, or matching no finding. */
  ignoreWarnings?: Array<{ message: string; location: SourceLocation }>;
  /** Findings an earlier run's report (`--baseline`) already has: neither reported as findings nor gated. */
  baselinedFindings?: Finding[];
}

/** A remark about the config that is not a finding: it never changes the counts, the exit code or parity. */
export interface ConfigNote {
  message: string;
  location?: SourceLocation;
}

/** The outcome for a config file that openclaw would reject: no finding is computed. */
interface InvalidConfig {
  config: string;
  issues: ConfigIssue[];
  files: string[];
}

/** Every outcome also carries the secrets found in the config (values and spans), for redaction; reporters never print it. */
/** The secrets of one config: decoded values (longest first) and where they are written (see core/redact.ts). */
export interface ConfigSecrets {
  values: string[];
  spans: SourceSpan[];
}

export type AuditOutcome = (({ ok: true } & AuditReport) | ({ ok: false } & InvalidConfig)) & {
  secrets: ConfigSecrets;
};
