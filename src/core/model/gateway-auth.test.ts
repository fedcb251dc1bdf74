import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreIds, diagnostics } from '../../../test/helpers/core-findings.ts';

const UNAVAILABLE = (path: string) =>
  `security audit: gateway secrets.resolve unavailable (${path} is configured as a secret reference but is unavailable in this command path.\n` +
  'Fix: set OPENCLAW_GATEWAY_TOKEN/OPENCLAW_GATEWAY_PASSWORD, pass explicit --token/--password,\n' +
  'or run a gateway command path that resolves secret references before credential selection.); attempted local command-secret resolution.';

describe('gateway auth model and secretDiagnostics', () => {
  it('counts an unresolvable SecretRef as configured for loopback auth but not for HTTP auth', () => {
    const config = '{ gateway: { auth: { token: { source: "env", provider: "default", id: "GW_TOKEN" } } } }';
    assert.deepEqual(coreIds(config), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.http.no_auth:warn',
    ]);
    assert.deepEqual(diagnostics(config), [
      'security audit: failed to resolve gateway.auth.token locally (Environment variable "GW_TOKEN" is missing or empty.).',
      'security audit: gateway.auth.token is unavailable in this command path; continuing with degraded read-only config.',
      UNAVAILABLE('gateway.auth.token'),
    ]);
  });

  it('resolves env SecretRefs from env.vars', () => {
    const config =
      '{ env: { vars: { GW_TOKEN: "abcdefghijklmnopqrstuvwxyz0123" } }, gateway: { auth: { token: { source: "env", provider: "default", id: "GW_TOKEN" } } } }';
    assert.deepEqual(coreIds(config), ['summary.attack_surface:info', 'gateway.trusted_proxies_missing:warn']);
    assert.match(
      diagnostics(config)[0]!,
      /Gateway not reachable at ws:\/\/127\.0\.0\.1:18789.*resolved command secrets locally\.$/s,
    );
  });

  it('treats an unresolved ${VAR} and the $NAME shorthand as configured without a value', () => {
    for (const token of ['${GW_TOKEN}', '$GW_TOKEN']) {
      const config = `{ gateway: { auth: { token: "${token}" } } }`;
      assert.deepEqual(
        coreIds(config),
        [
          'summary.attack_surface:info',
          'gateway.trusted_proxies_missing:warn',
          'gateway.loopback_no_auth:critical',
          'gateway.http.no_auth:warn',
        ],
        token,
      );
      assert.equal(diagnostics(config).length, 3);
    }
    // Embedded references are not secret references: no diagnostics.
    assert.deepEqual(diagnostics('{ gateway: { auth: { token: "x-${GW_TOKEN}" } } }'), []);
  });

  it('names inactive references with their reason', () => {
    assert.deepEqual(
      diagnostics(
        '{ gateway: { auth: { mode: "token", token: "abcdefghijklmnopqrstuvwxyz0123", password: { source: "env", provider: "default", id: "GW_PW" } } } }',
      ),
      ['gateway.auth.password: gateway.auth.mode is "token".'],
    );
    assert.deepEqual(diagnostics('{ gateway: { auth: { token: "${GW_TOKEN}", password: "${GW_PW}" } } }'), [
      'gateway.auth.token: gateway.auth.password is configured.',
      'gateway.auth.password: gateway.auth.token is configured.',
    ]);
    assert.deepEqual(
      diagnostics(
        '{ gateway: { auth: { mode: "password", token: { source: "env", provider: "default", id: "T" }, password: { source: "env", provider: "default", id: "P" } }, remote: { password: { source: "env", provider: "default", id: "RP" } } } }',
      ),
      [
        'gateway.auth.token: gateway.auth.mode is "password".',
        'gateway.remote.password: gateway.auth.password is configured.',
        'security audit: failed to resolve gateway.auth.password locally (Environment variable "P" is missing or empty.).',
        'security audit: gateway.auth.password is unavailable in this command path; continuing with degraded read-only config.',
        UNAVAILABLE('gateway.auth.password'),
      ],
    );
  });

  it('never runs exec providers, and never prints their command (it may carry a credential)', () => {
    const config =
      '{ secrets: { providers: { pass: { source: "exec", command: "/usr/bin/pass" } } }, gateway: { auth: { token: { source: "exec", provider: "pass", id: "gw" } } } }';
    assert.equal(
      diagnostics(config)[0],
      'security audit: failed to resolve gateway.auth.token locally (secrets.providers.pass.command is not readable: [redacted]).',
    );
  });
});
