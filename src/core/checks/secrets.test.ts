import { testFamily } from '../../../test/helpers/rule-tester.ts';
import { rules } from './secrets.ts';

const PW = 'abcdefghijklmnopqrstuvwxyz0123';

testFamily('config.secrets.*', rules, {
  valid: [
    {
      name: 'a SecretRef password',
      config: '{ gateway: { auth: { password: { source: "env", provider: "default", id: "GW_PW" } } } }',
    },
    { name: 'an unresolved ${VAR} password', config: '{ gateway: { auth: { password: "${GW_PW}" } } }' },
    { name: 'a hooks token while hooks are disabled', config: `{ hooks: { enabled: false, token: "${PW}" } }` },
  ],
  invalid: [
    {
      name: 'a literal gateway password in token mode',
      config: `{ gateway: { auth: { mode: "token", token: "${PW}", password: "${PW}" } } }`,
      findings: [{ checkId: 'config.secrets.gateway_password_in_config', severity: 'warn', at: '1:78' }],
    },
    {
      name: 'a password substituted from env.vars is still in the config',
      config: `{\n  env: { vars: { GW_PASSWORD: "${PW}" } },\n  gateway: { auth: { password: "\${GW_PASSWORD}" } },\n}`,
      findings: [{ checkId: 'config.secrets.gateway_password_in_config', severity: 'warn', at: '3:22' }],
    },
    {
      name: 'a hooks token while hooks are enabled',
      config: `{ hooks: { enabled: true, token: "${PW}" } }`,
      findings: [{ checkId: 'config.secrets.hooks_token_in_config', severity: 'info', at: '1:27' }],
    },
  ],
});
