import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSecretPath, redactSecrets } from './redact.ts';

test('known token shapes, key-value pairs and URL credentials are redacted', () => {
  const cases: Array<[string, string]> = [
    ['key sk-ant-api03-abcdefghijklmnopqrstuvwx here', 'key <redacted> here'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ', '<redacted>'],
    ['xoxb-1234567890-abcdefghij', '<redacted>'],
    ['AKIAIOSFODNN7EXAMPLE', '<redacted>'],
    ['bot 123456789:AAHc9Xw2LmQpR4sTuV6wXyZ0aBcDeFgHiJk ok', 'bot <redacted> ok'],
    ['token: "hunter2"', 'token: "<redacted>"'],
    ["password='pa ss'", "password='<redacted>'"],
    ['apiKey=hunter2hunter2', 'apiKey=<redacted>'],
    ['https://bot:s3cr3t@llm.example/v1', 'https://bot:<redacted>@llm.example/v1'],
    ['Authorization: Bearer abcdefgh12345678', 'Authorization: Bearer <redacted>'],
    ['value Zq8xV2mPl4Rt7Ws9Yb3Nc6Hd1Kf5Jg0 end', 'value <redacted> end'],
  ];
  for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
});

test('ordinary finding text is left alone', () => {
  const texts = [
    'gateway.bind="lan" but gateway.auth.token is unset.',
    'hooks.token equals gateway.auth.token.',
    'token: configured',
    'token: "${GATEWAY_TOKEN}"',
    'channels.telegram.accounts.default.dmPolicy="open" with allowFrom ["*"].',
    'tools.elevated.allowFrom.whatsapp contains a wildcard.',
    'dangerouslyAllowPrivateNetworkAccess is enabled in /home/user/.openclaw/workspace-2024-10-01.',
    'security.audit.suppressions has 3 configured suppression(s); 2 finding(s) moved to suppressedFindings.',
    'agents.list.12.sandbox.mode="off" (2026-09-06 defaults).',
  ];
  for (const text of texts) assert.equal(redactSecrets(text), text);
});

test('secret-bearing config paths', () => {
  assert.ok(isSecretPath('gateway.auth.token'));
  assert.ok(isSecretPath('channels.telegram.botToken'));
  assert.ok(isSecretPath('models.providers.openai.apiKey'));
  assert.ok(isSecretPath('gateway.auth.password'));
  assert.ok(!isSecretPath('gateway.bind'));
  assert.ok(!isSecretPath('hooks.request_session_key'));
});
