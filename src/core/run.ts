/** The core's one entry point: a config file in, an audit outcome out. */
import type { Host } from './host.ts';
import { auditLoadedConfig, countSeverities } from './audit.ts';
import { loadConfig, relativeTo } from './config/load.ts';
import { formatIssuePath, validateConfig } from './schema/validate.ts';
import { NO_SECRETS, findSecrets, maskSecretValues } from './redact.ts';
import { ToolDataError, errorMessage } from './errors.ts';
import type { AuditOutcome, AuditReport, ConfigIssue, ConfigSecrets, OfflineDoctorState } from './types.ts';
import { annotateAssumed, deployEnvironment, standInValue } from './deploy-env.ts';
import { applyInlineIgnores, readInlineIgnores, type IgnoreWarning, type InlineIgnore } from './inline-ignores.ts';

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
  /**
   * Audit as openclaw does on the machine `openclaw doctor --fix` left without network (as in CI): the official npm
   * plugins it could not install are missing (their settings wait, unchecked, and their audits do not run), and the
   * retired `plugins.installs` it kept are install records. Only the audit of a migrated config sets this.
   */
  offlineDoctor?: OfflineDoctorState;
}

/**
 * Audits one config. Never throws: a failure of this tool on one config (a bug, an unreadable file) is that config's
 * outcome, an issue at its first line, so a run over many configs reports every other one as usual.
 */
export function auditFile(options: AuditFileOptions): AuditOutcome {
  let secrets: ConfigSecrets = NO_SECRETS;
  let files: string[] | undefined;
  try {
    const names = options.deployEnv ?? [];
    const loaded = loadConfig({
      host: options.host,
      configPath: options.configPath,
      root: options.root,
      ...(names.length > 0 ? { deployEnv: deployEnvironment(names) } : {}),
    });
    if (!loaded.ok)
      return { ok: false, config: loaded.file, files: loaded.files, issues: [loaded.issue], secrets: NO_SECRETS };
    const config = loaded.config;
    files = config.files;
    // A deploy-time variable's stand-in is not a secret of the config (it never reaches a report).
    const standIns = new Set(names.map(standInValue));
    const found = findSecrets(config.tree);
    secrets = standIns.size > 0 ? { ...found, values: found.values.filter((v) => !standIns.has(v)) } : found;
    const offline = options.offlineDoctor;
    const issues: ConfigIssue[] = validateConfig(
      config.value,
      offline
        ? {
            officialChannelPluginsInstalled: false,
            ...(offline.pluginsUninspected ? { pluginsUninspected: true } : {}),
          }
        : {},
    ).map((violation) => ({
      path: formatIssuePath(violation.path),
      message: maskSecretValues(violation.message, secrets),
      ...(violation.allowedValues ? { allowedValues: violation.allowedValues } : {}),
      ...(violation.hint ? { hint: violation.hint } : {}),
      location: config.locate(violation.at ?? violation.path),
    }));
    if (issues.length > 0 && !options.lenient)
      return { ok: false, config: config.file, files: config.files, issues, secrets };
    const report = withInlineIgnores(auditLoadedConfig(config, issues, secrets, offline), options, config.texts);
    return { ok: true, ...annotateAssumed(report, config.value, names), secrets };
  } catch (error) {
    if (error instanceof ToolDataError) throw error; // a damaged install is no config's error
    // One config's failure is that config's error: the others are still audited and reported.
    const file = relativeTo(options.root)(options.configPath);
    const message = maskSecretValues(
      `openclaw-audit could not audit this config (internal error: ${errorMessage(error)}); please report it`,
      secrets,
    );
    const location = { file, line: 1, column: 1, endLine: 1, endColumn: 2, path: '<root>' };
    return {
      ok: false,
      config: file,
      files: files ?? [file],
      issues: [{ path: '<root>', message, location }],
      secrets,
    };
  }
}

/** Applies the `// openclaw-audit: ignore[…]` comments of every file the config was built from. */
function withInlineIgnores(
  report: AuditReport,
  options: AuditFileOptions,
  texts: ReadonlyMap<string, string>,
): AuditReport {
  const ignores: InlineIgnore[] = [];
  const warnings: IgnoreWarning[] = [];
  // The texts the loader read (through the opened files), never read again by path.
  for (const [file, text] of texts) {
    const found = readInlineIgnores(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
    ignores.push(...found.ignores);
    warnings.push(...found.warnings);
  }
  if (ignores.length === 0 && warnings.length === 0) return report;
  const applied = applyInlineIgnores(report.findings, ignores, options.today ?? new Date().toISOString().slice(0, 10));
  const all = [...warnings, ...applied.warnings].sort((a, b) =>
    a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line,
  );
  return {
    ...report,
    findings: applied.active,
    summary: countSeverities(applied.active),
    suppressedFindings: [...report.suppressedFindings, ...applied.ignored],
    ...(all.length > 0 ? { ignoreWarnings: all } : {}),
  };
}
