/** The core's one entry point: a config file in, an audit outcome out. */
import type { Host } from './host.ts';
import { auditLoadedConfig, countSeverities } from './audit.ts';
import { loadConfig } from './config/load.ts';
import { formatIssuePath, validateConfig } from './schema/validate.ts';
import { collectSecretValues } from './redact.ts';
import type { AuditOutcome, AuditReport, ConfigIssue } from './types.ts';
import { annotateAssumed, deployEnvironment, standInValue } from './deploy-env.ts';
import { applyInlineIgnores, readInlineIgnores, type IgnoreWarning, type InlineIgnore } from './inline-ignores.ts';
import { decodeUtf8 } from './config/parse.ts';
import { resolve } from 'node:path';

export interface AuditFileOptions {
  host: Host;
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute audit root (printed paths are relative to it). */
  root: string;
  /** Report schema issues as warnings and audit the config as written. */
  lenient?: boolean;
  /** Deploy-time variables: `${NAME}` counts as set to an unknown value (default: none, the cold audit). */
  deployEnv?: readonly string[];
  /** Today as YYYY-MM-DD (UTC), for the `until` of inline ignores; the clock's date by default. */
  today?: string;
}

export function auditFile(options: AuditFileOptions): AuditOutcome {
  const names = options.deployEnv ?? [];
  const loaded = loadConfig({ host: options.host, configPath: options.configPath, root: options.root, ...(names.length > 0 ? { deployEnv: deployEnvironment(names) } : {}) });
  if (!loaded.ok) return { ok: false, config: loaded.file, files: loaded.files, issues: [loaded.issue], secrets: [] };
  const config = loaded.config;
  const issues: ConfigIssue[] = validateConfig(config.value).map((violation) => ({
    path: formatIssuePath(violation.path),
    message: violation.message,
    ...(violation.allowedValues ? { allowedValues: violation.allowedValues } : {}),
    ...(violation.hint ? { hint: violation.hint } : {}),
    location: config.locate(violation.at ?? violation.path),
  }));
  const standIns = new Set(names.map(standInValue));
  const secrets = collectSecretValues(config.value).filter((s) => !standIns.has(s));
  if (issues.length > 0 && !options.lenient) return { ok: false, config: config.file, files: config.files, issues, secrets };
  const report = withInlineIgnores(auditLoadedConfig(config, issues), options, config.files);
  return { ok: true, ...annotateAssumed(report, config.value, names), secrets };
}

/** Applies the `// openclaw-audit: ignore[…]` comments of every file the config was built from. */
function withInlineIgnores(report: AuditReport, options: AuditFileOptions, files: readonly string[]): AuditReport {
  const ignores: InlineIgnore[] = [];
  const warnings: IgnoreWarning[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = decodeUtf8(options.host.readFile(resolve(options.root, file)), file);
    } catch {
      continue; // the loader read it a moment ago; a file that vanished since has no comments to honour
    }
    const found = readInlineIgnores(text, file);
    ignores.push(...found.ignores);
    warnings.push(...found.warnings);
  }
  if (ignores.length === 0 && warnings.length === 0) return report;
  const applied = applyInlineIgnores(report.findings, ignores, options.today ?? new Date().toISOString().slice(0, 10));
  const all = [...warnings, ...applied.warnings].sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line));
  return {
    ...report,
    findings: applied.active,
    summary: countSeverities(applied.active),
    suppressedFindings: [...report.suppressedFindings, ...applied.ignored],
    ...(all.length > 0 ? { ignoreWarnings: all } : {}),
  };
}
