/** The core's one entry point: a config file in, an audit outcome out. */
import type { Host } from './host.ts';
import { auditLoadedConfig } from './audit.ts';
import { loadConfig, relativeTo } from './config/load.ts';
import { formatIssuePath, validateConfig } from './schema/validate.ts';
import { NO_SECRETS, findSecrets, maskSecretValues } from './redact.ts';
import { errorMessage } from './errors.ts';
import type { AuditOutcome, ConfigIssue, ConfigSecrets } from './types.ts';

export interface AuditFileOptions {
  host: Host;
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute audit root (printed paths are relative to it). */
  root: string;
  /** Report schema issues as warnings and audit the config as written. */
  lenient?: boolean;
}

/**
 * Audits one config. Never throws: a failure of this tool on one config (a bug, an unreadable file) is that config's
 * outcome, an issue at its first line, so a run over many configs reports every other one as usual.
 */
export function auditFile(options: AuditFileOptions): AuditOutcome {
  let secrets: ConfigSecrets = NO_SECRETS;
  let files: string[] | undefined;
  try {
    const loaded = loadConfig(options);
    if (!loaded.ok) return { ok: false, config: loaded.file, files: loaded.files, issues: [loaded.issue], secrets: NO_SECRETS };
    const config = loaded.config;
    files = config.files;
    secrets = findSecrets(config.tree);
    const issues: ConfigIssue[] = validateConfig(config.value).map((violation) => ({
      path: formatIssuePath(violation.path),
      message: maskSecretValues(violation.message, secrets),
      ...(violation.allowedValues ? { allowedValues: violation.allowedValues } : {}),
      ...(violation.hint ? { hint: violation.hint } : {}),
      location: config.locate(violation.at ?? violation.path),
    }));
    if (issues.length > 0 && !options.lenient) return { ok: false, config: config.file, files: config.files, issues, secrets };
    return { ok: true, ...auditLoadedConfig(config, issues, secrets), secrets };
  } catch (error) {
    // One config's failure is that config's error: the others are still audited and reported.
    const file = relativeTo(options.root)(options.configPath);
    const message = maskSecretValues(`openclaw-audit could not audit this config (internal error: ${errorMessage(error)}); please report it`, secrets);
    const location = { file, line: 1, column: 1, endLine: 1, endColumn: 2, path: '<root>' };
    return { ok: false, config: file, files: files ?? [file], issues: [{ path: '<root>', message, location }], secrets };
  }
}
