/** The core's one entry point: a config file in, an audit outcome out. */
import type { Host } from './host.ts';
import { auditLoadedConfig } from './audit.ts';
import { loadConfig } from './config/load.ts';
import { formatIssuePath, validateConfig } from './schema/validate.ts';
import { collectSecretValues } from './redact.ts';
import type { AuditOutcome, ConfigIssue } from './types.ts';
import { annotateAssumed, deployEnvironment, standInValue } from './deploy-env.ts';

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
  return { ok: true, ...annotateAssumed(auditLoadedConfig(config, issues), config.value, names), secrets };
}
