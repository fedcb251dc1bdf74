import assert from 'node:assert/strict';
import { it } from 'node:test';
import { auditText } from '../../../test/helpers/memory-host.ts';
import { testFamily } from '../../../test/helpers/rule-tester.ts';
import { rules } from './hooks.ts';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123';
const PW = 'pw-abcdefghijklmnopqrstuvwxyz0123';

testFamily('hooks.*', rules, {
  valid: [
    { name: 'no hooks block', config: '{}' },
    {
      name: 'risky settings while hooks are disabled',
      config: '{ hooks: { enabled: false, token: "short", path: "/", allowRequestSessionKey: true } }',
    },
    {
      name: 'the active gateway secret is the token, so a reused password is not compared',
      config: `{ hooks: { enabled: true, token: "${PW}", defaultSessionKey: "hook:in", allowedAgentIds: [] }, gateway: { auth: { mode: "token", token: "tk-${TOKEN}", password: "${PW}" } } }`,
    },
  ],
  invalid: [
    {
      name: 'the defaults of enabled hooks, on the hooks block',
      config: `{ hooks: { enabled: true, token: "${TOKEN}" } }`,
      findings: [
        { checkId: 'hooks.default_session_key_unset', severity: 'warn', at: '1:3' },
        { checkId: 'hooks.allowed_agent_ids_unrestricted', severity: 'warn', at: '1:3' },
      ],
    },
    {
      name: 'any agent is critical once Tailscale exposes the gateway',
      config: '{\n  hooks: { enabled: true },\n  gateway: { tailscale: { mode: "serve" } },\n}',
      findings: [
        { checkId: 'hooks.default_session_key_unset', severity: 'warn', at: '2:3' },
        { checkId: 'hooks.allowed_agent_ids_unrestricted', severity: 'critical', at: '2:3' },
      ],
    },
    {
      name: 'every risky setting, critical on a LAN bind, each at its key',
      config: `{\n  hooks: { enabled: true, token: "short", path: " / ", allowedAgentIds: ["main", "*"], allowRequestSessionKey: true, allowedSessionKeyPrefixes: [" "] },\n  gateway: { bind: "lan", auth: { token: "${TOKEN}" } },\n}`,
      findings: [
        { checkId: 'hooks.token_too_short', severity: 'warn', at: '2:27' },
        { checkId: 'hooks.path_root', severity: 'critical', at: '2:43' },
        { checkId: 'hooks.default_session_key_unset', severity: 'warn', at: '2:3' },
        { checkId: 'hooks.allowed_agent_ids_unrestricted', severity: 'critical', at: '2:82' },
        { checkId: 'hooks.request_session_key_enabled', severity: 'critical', at: '2:88' },
        { checkId: 'hooks.request_session_key_prefixes_missing', severity: 'critical', at: '2:118' },
      ],
    },
    {
      name: 'a hardened setup still notes session-key overrides ([] restricts agents; prefixes restrict keys)',
      config: `{ hooks: { enabled: true, token: "${TOKEN}", defaultSessionKey: "hook:ingress", allowedAgentIds: [], allowRequestSessionKey: true, allowedSessionKeyPrefixes: ["hook:"] }, gateway: { auth: { token: "${TOKEN}1" } } }`,
      findings: [{ checkId: 'hooks.request_session_key_enabled', severity: 'warn', at: '1:124' }],
    },
    {
      name: 'the hooks token reuses the gateway password',
      config: `{\n  hooks: { enabled: true, token: "${PW}", defaultSessionKey: "hook:in", allowedAgentIds: [] },\n  gateway: { auth: { mode: "password", password: "${PW}" } },\n}`,
      findings: [
        {
          checkId: 'hooks.token_reuse_gateway_token',
          severity: 'critical',
          at: '2:27',
          title: 'Hooks token reuses the Gateway password',
        },
      ],
    },
    {
      name: 'the hooks token reuses the gateway token',
      config: `{\n  hooks: { enabled: true, token: "${TOKEN}", defaultSessionKey: "hook:in", allowedAgentIds: [] },\n  gateway: { auth: { token: "${TOKEN}" } },\n}`,
      findings: [
        {
          checkId: 'hooks.token_reuse_gateway_token',
          severity: 'critical',
          at: '2:27',
          title: 'Hooks token reuses the Gateway token',
        },
      ],
    },
  ],
});

it('hooks.token_too_short carries no remediation, like openclaw', () => {
  const outcome = auditText('{ hooks: { enabled: true, token: "short" } }');
  assert.ok(outcome.ok);
  assert.equal(outcome.findings.find((f) => f.checkId === 'hooks.token_too_short')?.remediation, undefined);
});
