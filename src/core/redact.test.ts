import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROOT, memoryHost } from '../../test/helpers/memory-host.ts';
import { loadConfig } from './config/load.ts';
import {
  actionMasks,
  findSecrets,
  isDistinctive,
  maskSecretValues,
  secretLines,
  urlCredentials,
  type ConfigSecrets,
} from './redact.ts';

function secretsOf(text: string, files: Record<string, string> = {}): ConfigSecrets {
  const loaded = loadConfig({
    host: memoryHost({ 'openclaw.json': text, ...files }),
    configPath: `${ROOT}/openclaw.json`,
    root: ROOT,
  });
  if (!loaded.ok) throw new Error(loaded.issue.message);
  return findSecrets(loaded.config.tree);
}

describe('what is a secret', () => {
  test("fields openclaw's schema marks sensitive, even when the key name says nothing", () => {
    const s = secretsOf(
      '{ models: { providers: { p: { request: { tls: { key: "PEM-BODY-1", ca: "PEM-BODY-2" } } } } } }',
    );
    assert.deepEqual(s.values.sort(), ['PEM-BODY-1', 'PEM-BODY-2']);
  });

  test("openclaw's key patterns and other credential keys; not token limits or SecretRefs", () => {
    const s = secretsOf(`{
      channels: { feishu: { encryptKey: "e1", verificationToken: "v1", appSecret: "s1" }, telegram: { accounts: { token: { botToken: "b1" } } } },
      agents: { defaults: { contextTokens: 1000 } },
      gateway: { auth: { token: { source: "env", provider: "default", id: "GW" } } },
      tools: { web: { fetch: { headers: { Authorization: "Bearer h1" } } } },
      env: { vars: { GW_PASSWORD: "p1", PLAIN: "not-secret" } },
    }`);
    assert.deepEqual(s.values.sort(), ['Bearer h1', 'b1', 'e1', 'p1', 's1', 'v1']);
  });

  test('an exec provider: command, args and env; the provider section itself is not secret', () => {
    const s = secretsOf(
      '{ secrets: { providers: { vault: { source: "exec", command: "/opt/get-secret", args: ["--key", "k1"], env: { VAULT_ADDR: "https://v" } }, disk: { source: "file", path: "/run/x" } } } }',
    );
    assert.deepEqual(s.values.sort(), ['--key', '/opt/get-secret', 'https://v', 'k1']);
  });

  test('URL credentials and token shapes in any value; the `env.vars` literal a secret came from', () => {
    const s = secretsOf(
      '{ env: { vars: { T: "tok-from-env" } }, gateway: { auth: { token: "${T}" } }, agents: { defaults: { workspace: "ghp_0123456789abcdefghijABCDEFGHIJ" } }, browser: { cdpUrl: "ws://u:pw-1@host:9222" } }',
    );
    assert.deepEqual(s.values.sort(), ['ghp_0123456789abcdefghijABCDEFGHIJ', 'pw-1', 'tok-from-env']);
    assert.deepEqual(s.spans.map((span) => span.line).sort(), [1, 1, 1, 1]);
    assert.equal(s.spans.length, 4, 'the token, its env.vars literal, the workspace and the URL');
  });

  test('unresolved `${VAR}`, empty values and booleans are not secrets', () => {
    assert.deepEqual(
      secretsOf('{ gateway: { auth: { token: "${GATEWAY_TOKEN}", password: "" } }, hooks: { token: true } }').values,
      [],
    );
  });

  test('urlCredentials: userinfo password and secret query parameters only', () => {
    assert.deepEqual(urlCredentials('https://user:p%40ss@host/x?token=abc&page=2&client_secret=cs'), [
      'p%40ss',
      'abc',
      'cs',
    ]);
    assert.deepEqual(urlCredentials('https://host/path@x?q=1'), []);
    assert.deepEqual(urlCredentials('https://${USER}:${PASS}@host'), []);
  });
});

describe('quoted config text', () => {
  test('the lines of a secret span, in any spelling, and of token shapes in comments', () => {
    const text =
      '\uFEFF{\r\n  // old: xoxb-1234567890-abcdefghij\r\n  gateway: { auth: { token: "ab\\\r\ncd" } },\r\n  bind: "lan",\r\n}\r\n';
    const s = secretsOf(text);
    assert.deepEqual(s.values, ['abcd']);
    assert.deepEqual([...secretLines('openclaw.json', text, s)].sort(), [2, 3, 4]);
  });

  test('lines count physical line ends, as diffs do, even where the parser also breaks at a lone CR', () => {
    const text = '{ a: 1,\r  gateway: { auth: { token: "t1" } },\n  b: 2 }\n';
    assert.deepEqual([...secretLines('openclaw.json', text, secretsOf(text))], [1]);
  });
});

describe('messages and masks', () => {
  test('only distinctive values are masked in free text, never a word', () => {
    assert.ok(!isDistinctive('password'));
    assert.ok(!isDistinctive('critical'));
    assert.ok(!isDistinctive('trusted-proxy'));
    assert.ok(!isDistinctive('a'));
    assert.ok(isDistinctive('hunter22'));
    assert.ok(isDistinctive('correcthorsebatterystaple'));
    const secrets: ConfigSecrets = { values: ['hunter22', 'token'], spans: [] };
    assert.equal(
      maskSecretValues('token hunter22 in gateway.auth.token', secrets),
      'token [redacted] in gateway.auth.token',
    );
  });

  test('Action masks: distinctive values, and each line of a multi-line value only when that line qualifies', () => {
    const masks = actionMasks({
      values: [
        'info',
        'a',
        '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nend\n-----END PRIVATE KEY-----',
        'Zq8xV2mPl4',
      ],
      spans: [],
    });
    assert.deepEqual(masks, [
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      '-----BEGIN PRIVATE KEY-----',
      '-----END PRIVATE KEY-----',
      'Zq8xV2mPl4',
    ]);
  });
});
