/** Our own rules for configs openclaw would refuse to load: they are not openclaw checkIds. */
import { defineRules } from './rule.ts';

const NOT_AN_OPENCLAW_CHECK =
  'This is not an openclaw check: a config openclaw rejects is never audited, so there is nothing to suppress. ' +
  'Fix the config, or run with `--lenient` (Action input `lenient: true`) to audit it as written.';

export const CONFIG_INVALID = 'config.invalid';
export const CONFIG_SCHEMA_DRIFT = 'config.schema_drift';

export const rules = defineRules([
  {
    id: CONFIG_INVALID,
    severity: 'critical',
    title: 'OpenClaw config is invalid',
    help:
      'openclaw 2026.9.6 refuses to load this config: it could not be parsed, an `$include` failed, or a value does not ' +
      'match the config schema. The gateway would not start with it, and `openclaw security audit` reports no finding ' +
      'until it is fixed.',
    remediation: 'Fix the key or value at the reported location; `openclaw doctor --fix` migrates many legacy keys.',
    unsuppressible: NOT_AN_OPENCLAW_CHECK,
  },
  {
    id: CONFIG_SCHEMA_DRIFT,
    severity: 'warn',
    title: 'Config key or value not accepted by this openclaw version',
    help:
      'Reported instead of `config.invalid` with `--lenient`: the config targets another openclaw version. The checks ' +
      'still ran on the config as written.',
    remediation: 'Update the key or value for openclaw 2026.9.6, or pin the openclaw version the config targets.',
    unsuppressible: NOT_AN_OPENCLAW_CHECK,
  },
]);
