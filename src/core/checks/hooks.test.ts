import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreFindings, coreIds, where } from '../../../test/helpers/core-findings.ts';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123';
const hookIds = (config: string) => coreIds(config).filter((id) => id.startsWith('hooks.') || id.startsWith('config.secrets.hooks'));

describe('hooks.*', () => {
  it('flags the defaults of enabled hooks', () => {
    assert.deepEqual(hookIds(`{ hooks: { enabled: true, token: "${TOKEN}" } }`), [
      'hooks.default_session_key_unset:warn',
      'hooks.allowed_agent_ids_unrestricted:warn',
      'config.secrets.hooks_token_in_config:info',
    ]);
    assert.deepEqual(hookIds('{ hooks: { enabled: true }, gateway: { tailscale: { mode: "serve" } } }'), [
      'hooks.default_session_key_unset:warn',
      'hooks.allowed_agent_ids_unrestricted:critical',
    ]);
  });

  it('reports every risky setting, critical when exposed, after the gateway block', () => {
    const config = `{\n  hooks: { enabled: true, token: "short", path: " / ", allowedAgentIds: ["main", "*"], allowRequestSessionKey: true, allowedSessionKeyPrefixes: [" "] },\n  gateway: { bind: "lan", auth: { token: "${TOKEN}" } },\n}`;
    assert.deepEqual(coreIds(config), [
      'summary.attack_surface:info',
      'gateway.control_ui.allowed_origins_required:critical',
      'config.insecure_or_dangerous_flags:warn',
      'gateway.auth_no_rate_limit:warn',
      'hooks.token_too_short:warn',
      'hooks.path_root:critical',
      'hooks.default_session_key_unset:warn',
      'hooks.allowed_agent_ids_unrestricted:critical',
      'hooks.request_session_key_enabled:critical',
      'hooks.request_session_key_prefixes_missing:critical',
      'config.secrets.hooks_token_in_config:info',
    ]);
    assert.equal(where(config, 'hooks.token_too_short'), '2:27');
    assert.equal(coreFindings(config).find((f) => f.checkId === 'hooks.token_too_short')!.remediation, undefined);
  });

  it('accepts a hardened setup ([] restricts agents; prefixes restrict session keys)', () => {
    assert.deepEqual(
      hookIds(`{ hooks: { enabled: true, token: "${TOKEN}", defaultSessionKey: "hook:ingress", allowedAgentIds: [], allowRequestSessionKey: true, allowedSessionKeyPrefixes: ["hook:"] }, gateway: { auth: { token: "${TOKEN}1" } } }`),
      ['hooks.request_session_key_enabled:warn', 'config.secrets.hooks_token_in_config:info'],
    );
  });

  it('compares the hooks token with the active gateway secret only', () => {
    const pw = 'pw-abcdefghijklmnopqrstuvwxyz0123';
    const reuse = coreFindings(`{ hooks: { enabled: true, token: "${pw}" }, gateway: { auth: { mode: "password", password: "${pw}" } } }`).find((f) => f.checkId === 'hooks.token_reuse_gateway_token')!;
    assert.equal(reuse.severity, 'critical');
    assert.equal(reuse.title, 'Hooks token reuses the Gateway password');
    const token = coreFindings(`{ hooks: { enabled: true, token: "${TOKEN}" }, gateway: { auth: { token: "${TOKEN}" } } }`).find((f) => f.checkId === 'hooks.token_reuse_gateway_token')!;
    assert.equal(token.title, 'Hooks token reuses the Gateway token');
    assert.ok(!hookIds(`{ hooks: { enabled: true, token: "${pw}" }, gateway: { auth: { mode: "token", token: "tk-${TOKEN}", password: "${pw}" } } }`).includes('hooks.token_reuse_gateway_token:critical'));
  });

  it('ignores risky hook settings while hooks are disabled', () => {
    assert.deepEqual(hookIds('{ hooks: { enabled: false, token: "short", path: "/", allowRequestSessionKey: true } }'), []);
  });
});
