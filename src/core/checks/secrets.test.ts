import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreIds, where } from '../../../test/helpers/core-findings.ts';

const secretIds = (config: string) => coreIds(config).filter((id) => id.startsWith('config.secrets.'));
const PW = 'abcdefghijklmnopqrstuvwxyz0123';

describe('config.secrets.*', () => {
  it('flags a literal gateway password in any mode, also from an env.vars substitution', () => {
    const config = `{ gateway: { auth: { mode: "token", token: "${PW}", password: "${PW}" } } }`;
    assert.deepEqual(secretIds(config), ['config.secrets.gateway_password_in_config:warn']);
    assert.equal(where(config, 'config.secrets.gateway_password_in_config'), '1:78');
    assert.deepEqual(secretIds(`{ env: { vars: { GW_PASSWORD: "${PW}" } }, gateway: { auth: { password: "\${GW_PASSWORD}" } } }`), ['config.secrets.gateway_password_in_config:warn']);
  });

  it('does not flag a SecretRef or an unresolved ${VAR} password', () => {
    assert.deepEqual(secretIds('{ gateway: { auth: { password: { source: "env", provider: "default", id: "GW_PW" } } } }'), []);
    assert.deepEqual(secretIds('{ gateway: { auth: { password: "${GW_PW}" } } }'), []);
  });

  it('notes a hooks token only while hooks are enabled', () => {
    assert.deepEqual(secretIds(`{ hooks: { enabled: true, token: "${PW}" } }`), ['config.secrets.hooks_token_in_config:info']);
    assert.deepEqual(secretIds(`{ hooks: { enabled: false, token: "${PW}" } }`), []);
  });
});
