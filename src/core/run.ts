/** The core's one entry point: a config file in, an audit outcome out. */
import type { Host } from './host.ts';
import { auditLoadedConfig } from './audit.ts';
import { loadConfig } from './config/load.ts';
import { formatIssuePath, validateConfig } from './schema/validate.ts';
import { NO_SECRETS, findSecrets, maskSecretValues } from './redact.ts';
import type { AuditOutcome, ConfigIssue } from './types.ts';

export interface AuditFileOptions {
  host: Host;
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute audit root (printed paths are relative to it). */
  root: string;
  /** Report schema issues as warnings and audit the config as written. */
  lenient?: boolean;
}

export function auditFile(options: AuditFileOptions): AuditOutcome {
  const loaded = loadConfig(options);
  if (!loaded.ok) return { ok: false, config: loaded.file, files: loaded.files, issues: [loaded.issue], secrets: NO_SECRETS };
  const config = loaded.config;
  const secrets = findSecrets(config.tree);
  const issues: ConfigIssue[] = validateConfig(config.value).map((violation) => ({
    path: formatIssuePath(violation.path),
    message: maskSecretValues(violation.message, secrets),
    ...(violation.allowedValues ? { allowedValues: violation.allowedValues } : {}),
    ...(violation.hint ? { hint: violation.hint } : {}),
    location: config.locate(violation.at ?? violation.path),
  }));
  if (issues.length > 0 && !options.lenient) return { ok: false, config: config.file, files: config.files, issues, secrets };
  return { ok: true, ...auditLoadedConfig(config, issues, secrets), secrets };
}
