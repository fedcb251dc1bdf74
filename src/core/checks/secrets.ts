/** config.secrets.*: credentials stored in the config itself. */
import { defineRules, type CheckContext } from './rule.ts';
import { isObject } from './util.ts';

export const rules = defineRules([
  {
    id: 'config.secrets.gateway_password_in_config',
    severity: 'warn',
    title: 'Gateway password is stored in config',
    help:
      '`gateway.auth.password` holds a literal password (also when it came from an `env.vars` substitution), in any auth ' +
      'mode. Anyone who can read the config or its history learns it; a SecretRef does not trigger this.',
    remediation:
      'Supply the password through OPENCLAW_GATEWAY_PASSWORD (environment) and remove gateway.auth.password from the file.',
    configPaths: ['gateway.auth.password'],
  },
  {
    id: 'config.secrets.hooks_token_in_config',
    severity: 'info',
    title: 'Hooks token is stored in config',
    help: 'Hooks are enabled and `hooks.token` is written in the config; keep the file permissions tight and treat the token like an API secret.',
    remediation:
      'Keep the config readable by the gateway user only, never commit a live token to a shared repository (use a `${VAR}` reference filled from the environment at run time), and rotate a token that was committed.',
    remediationInReport: false,
    configPaths: ['hooks.enabled', 'hooks.token'],
  },
]);

function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

export function collectSecretsInConfig(ctx: CheckContext): void {
  const cfg = ctx.config;
  const password =
    isObject(cfg) && isObject(cfg.gateway) && isObject(cfg.gateway.auth) ? cfg.gateway.auth.password : undefined;
  if (filled(password) && !ctx.unresolved(['gateway', 'auth', 'password'])) {
    ctx.report('config.secrets.gateway_password_in_config', {
      detail:
        'gateway.auth.password is set in the config file; prefer environment variables for secrets where possible.',
      path: ['gateway', 'auth', 'password'],
    });
  }
  const hooks = isObject(cfg) ? cfg.hooks : undefined;
  if (isObject(hooks) && hooks.enabled === true && filled(hooks.token) && !ctx.unresolved(['hooks', 'token'])) {
    ctx.report('config.secrets.hooks_token_in_config', {
      detail:
        'hooks.token is set in the config file; keep the config permissions tight and treat the token like an API secret.',
      path: ['hooks', 'token'],
    });
  }
}
