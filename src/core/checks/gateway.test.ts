import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreFindings, coreIds, where } from '../../../test/helpers/core-findings.ts';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123';

describe('gateway config block', () => {
  it('flags the empty config: no proxies trusted, no auth on loopback, HTTP APIs open', () => {
    assert.deepEqual(coreIds('{}'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.loopback_no_auth:critical',
      'gateway.http.no_auth:warn',
    ]);
  });

  it('reports a non-loopback bind without auth, origins or rate limit, pointing at gateway.bind', () => {
    const config = '{\n  gateway: { bind: "lan" },\n}';
    assert.deepEqual(coreIds(config), [
      'summary.attack_surface:info',
      'gateway.bind_no_auth:critical',
      'gateway.control_ui.allowed_origins_required:critical',
      'gateway.auth_no_rate_limit:warn',
      'gateway.http.no_auth:critical',
    ]);
    assert.equal(where(config, 'gateway.bind_no_auth'), '2:14');
  });

  it('treats auto and tailnet binds as exposed; a token, origins and a rate limit silence them', () => {
    assert.deepEqual(
      coreIds(
        `{ gateway: { bind: "auto", auth: { token: "${TOKEN}", rateLimit: {} }, controlUi: { allowedOrigins: ["https://a.example"] } } }`,
      ),
      ['summary.attack_surface:info'],
    );
    assert.deepEqual(
      coreIds(
        '{ gateway: { bind: "tailnet", auth: { mode: "password", password: "short-pass" }, controlUi: { enabled: false } } }',
      ),
      [
        'summary.attack_surface:info',
        'gateway.password_too_short:warn',
        'gateway.auth_no_rate_limit:warn',
        'config.secrets.gateway_password_in_config:warn',
      ],
    );
  });

  it('rates re-enabled /tools/invoke tools by exposure and lists them in deny-list order', () => {
    const loopback = coreFindings('{ gateway: { tools: { allow: ["Sessions_Spawn", " exec ", "read"] } } }');
    const finding = loopback.find((f) => f.checkId === 'gateway.tools_invoke_http.dangerous_allow')!;
    assert.equal(finding.severity, 'warn');
    assert.match(finding.detail, /includes exec, sessions_spawn,/);
    assert.deepEqual(
      coreIds(
        `{ gateway: { bind: "lan", tools: { allow: ["gateway", "automations"] }, auth: { token: "${TOKEN}" }, controlUi: { allowedOrigins: ["*"], dangerouslyAllowHostHeaderOriginFallback: true } } }`,
      ),
      [
        'summary.attack_surface:info',
        'gateway.tools_invoke_http.dangerous_allow:critical',
        'gateway.control_ui.allowed_origins_wildcard:critical',
        'gateway.control_ui.host_header_origin_fallback:critical',
        'config.insecure_or_dangerous_flags:warn',
        'gateway.auth_no_rate_limit:warn',
      ],
    );
  });

  it('keeps control UI, real-IP and token-length findings at warn on loopback', () => {
    const config =
      '{ gateway: { tools: { allow: ["read"] }, controlUi: { allowedOrigins: [" * "], dangerouslyAllowHostHeaderOriginFallback: true }, allowRealIpFallback: true, auth: { token: "abcdefghijklmnopqrstuvwx" } } }';
    assert.deepEqual(coreIds(config), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.control_ui.allowed_origins_wildcard:warn',
      'gateway.control_ui.host_header_origin_fallback:warn',
      'gateway.real_ip_fallback_enabled:warn',
      'config.insecure_or_dangerous_flags:warn',
    ]);
    assert.equal(where(config, 'gateway.control_ui.allowed_origins_wildcard'), '1:72');
  });

  it('warns when OPENCLAW_GATEWAY_TOKEN from env.vars differs from gateway.auth.token', () => {
    const other = 'envtoken-abcdefghijklmnopqrstuvwxyz';
    assert.deepEqual(
      coreIds(
        `{ env: { vars: { OPENCLAW_GATEWAY_TOKEN: "${other}" } }, gateway: { auth: { token: "cfgtoken-abcdefghijklmnopqrstuvwxyz" } } }`,
      ),
      [
        'summary.attack_surface:info',
        'gateway.env_token_overrides_config:warn',
        'gateway.trusted_proxies_missing:warn',
      ],
    );
    assert.deepEqual(
      coreIds(`{ env: { vars: { OPENCLAW_GATEWAY_TOKEN: "${other}" } }, gateway: { auth: { token: "${other}" } } }`),
      ['summary.attack_surface:info', 'gateway.trusted_proxies_missing:warn'],
    );
    // The env token alone is a (short) gateway token.
    assert.deepEqual(coreIds('{ env: { vars: { OPENCLAW_GATEWAY_TOKEN: "short" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.token_too_short:warn',
    ]);
  });

  it('reports the trusted-proxy family in order', () => {
    assert.deepEqual(
      coreIds(
        '{ gateway: { trustedProxies: ["10.0.0.1"], allowRealIpFallback: true, auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-user", allowLoopback: true, deviceAutoApprove: { enabled: true, scopes: [" operator.admin "] }, allowUsers: ["a@b.c"] } } } }',
      ),
      [
        'summary.attack_surface:info',
        'gateway.real_ip_fallback_enabled:critical',
        'gateway.trusted_proxy_auth:critical',
        'gateway.trusted_proxy_allow_loopback:warn',
        'gateway.trusted_proxy_device_auto_approve:warn',
        'gateway.trusted_proxy_device_auto_approve_admin:critical',
      ],
    );
    assert.deepEqual(
      coreIds(
        '{ gateway: { allowRealIpFallback: true, trustedProxies: ["127.0.0.1/32"], auth: { mode: "trusted-proxy" } } }',
      ),
      [
        'summary.attack_surface:info',
        'gateway.real_ip_fallback_enabled:warn',
        'gateway.trusted_proxy_auth:critical',
        'gateway.trusted_proxy_no_user_header:critical',
        'gateway.trusted_proxy_no_allowlist:warn',
      ],
    );
    assert.deepEqual(coreIds('{ gateway: { auth: { mode: "trusted-proxy" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.trusted_proxy_auth:critical',
      'gateway.trusted_proxy_no_proxies:critical',
      'gateway.trusted_proxy_no_user_header:critical',
      'gateway.trusted_proxy_no_allowlist:warn',
    ]);
  });

  it('reports mDNS full mode, Tailscale exposure and MCP apps', () => {
    assert.deepEqual(
      coreIds(
        '{ discovery: { mdns: { mode: "full" } }, gateway: { tailscale: { mode: "serve" } }, mcp: { apps: { enabled: true } } }',
      ),
      [
        'summary.attack_surface:info',
        'gateway.trusted_proxies_missing:warn',
        'discovery.mdns_full_mode:warn',
        'gateway.tailscale_serve:info',
        'mcp.apps.enabled:warn',
        'gateway.http.no_auth:critical',
      ],
    );
    assert.deepEqual(
      coreIds(
        `{ gateway: { tailscale: { mode: "funnel" }, auth: { mode: "password", password: "${TOKEN}" } }, discovery: { mdns: { mode: "minimal" } } }`,
      ),
      [
        'summary.attack_surface:info',
        'gateway.trusted_proxies_missing:warn',
        'gateway.tailscale_funnel:critical',
        'config.secrets.gateway_password_in_config:warn',
      ],
    );
  });

  it('flags placeholder credentials of the selected kind only', () => {
    assert.deepEqual(coreIds('{ gateway: { auth: { mode: "token", token: "undefined" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.token_placeholder_value:critical',
    ]);
    assert.deepEqual(coreIds('{ gateway: { auth: { token: "" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.loopback_no_auth:critical',
      'gateway.token_placeholder_value:critical',
      'gateway.http.no_auth:warn',
    ]);
    assert.deepEqual(coreIds('{ gateway: { auth: { mode: "password", password: "null" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.password_placeholder_value:critical',
      'config.secrets.gateway_password_in_config:warn',
    ]);
    assert.deepEqual(coreIds('{ gateway: { auth: { token: "change-me-to-a-long-random-token" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
    ]);
  });

  it('measures the token length at 24 characters', () => {
    const short = '{ gateway: { auth: { token: "abcdefghijklmnopqrstuvw" } } }';
    assert.deepEqual(coreIds(short), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.token_too_short:warn',
    ]);
    assert.equal(
      coreFindings(short).find((f) => f.checkId === 'gateway.token_too_short')!.detail,
      'gateway auth token is 23 chars; prefer a long random token.',
    );
    assert.equal(where(short, 'gateway.token_too_short'), '1:22');
    assert.deepEqual(coreIds('{ gateway: { auth: { token: "abcdefghijklmnopqrstuvwx" } } }'), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
    ]);
  });

  it('counts mode none as no auth even with a token; a lone remote token counts as auth', () => {
    assert.deepEqual(coreIds(`{ gateway: { auth: { mode: "none", token: "${TOKEN}" } } }`), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
      'gateway.loopback_no_auth:critical',
      'gateway.http.no_auth:warn',
    ]);
    assert.deepEqual(coreIds(`{ gateway: { remote: { token: "${TOKEN}" } } }`), [
      'summary.attack_surface:info',
      'gateway.trusted_proxies_missing:warn',
    ]);
  });

  it('treats an unresolved ${VAR} as no credential, even embedded', () => {
    assert.deepEqual(
      coreIds(
        '{ gateway: { bind: "lan", auth: { token: "prefix-${GW_TOKEN}-suffix" }, controlUi: { allowedOrigins: ["${ORIGIN}"] } } }',
      ),
      [
        'summary.attack_surface:info',
        'gateway.bind_no_auth:critical',
        'gateway.auth_no_rate_limit:warn',
        'gateway.http.no_auth:critical',
      ],
    );
  });
});

describe('gateway HTTP and node commands', () => {
  it('lists enabled HTTP endpoints and notes the session-key override', () => {
    const findings = coreFindings(
      '{ gateway: { http: { endpoints: { chatCompletions: { enabled: true }, responses: { enabled: true } } } }, plugins: { entries: { "admin-http-rpc": { enabled: true } } } }',
    );
    const noAuth = findings.find((f) => f.checkId === 'gateway.http.no_auth')!;
    assert.match(
      noAuth.detail,
      /leaves \/tools\/invoke, \/v1\/chat\/completions, \/v1\/responses, \/api\/v1\/admin\/rpc callable/,
    );
    assert.ok(
      findings.some(
        (f) =>
          f.checkId === 'gateway.http.session_key_override_enabled' &&
          f.severity === 'info' &&
          f.remediation === undefined,
      ),
    );
    assert.deepEqual(
      coreIds(`{ gateway: { auth: { token: "${TOKEN}" }, http: { endpoints: { responses: { enabled: true } } } } }`),
      [
        'summary.attack_surface:info',
        'gateway.trusted_proxies_missing:warn',
        'gateway.http.session_key_override_enabled:info',
      ],
    );
  });

  it('explains ineffective deny entries with suggestions', () => {
    const config =
      '{ gateway: { nodes: { commands: { deny: ["system.*", "camera.snapp", "foo bar", "group:fs", "sms.sned", "totally.unknown", "system.run", " "], allow: ["my.custom"] } } } }';
    const finding = coreFindings(config).find((f) => f.checkId === 'gateway.nodes.deny_commands_ineffective')!;
    assert.equal(finding.severity, 'warn');
    assert.match(finding.detail, /: system\.\*, foo bar, group:fs\n/);
    assert.match(
      finding.detail,
      /camera\.snapp \(did you mean: camera\.snap\), sms\.sned \(did you mean: sms\.send\), totally\.unknown$/,
    );
    assert.equal(where(config, 'gateway.nodes.deny_commands_ineffective'), '1:42');
    assert.ok(
      !coreIds(
        '{ gateway: { nodes: { commands: { deny: ["system.run", "camera.list", "my.custom"], allow: ["my.custom"] } } } }',
      ).includes('gateway.nodes.deny_commands_ineffective:warn'),
    );
    const noApps = coreFindings(
      '{ wizard: { appRecommendations: false }, gateway: { nodes: { commands: { deny: ["device.apps"] } } } }',
    );
    assert.match(
      noApps.find((f) => f.checkId === 'gateway.nodes.deny_commands_ineffective')!.detail,
      /device\.apps \(did you mean: device\.info, device\.status\)/,
    );
  });

  it('rates explicitly allowed dangerous node commands by exposure, ignoring denied ones', () => {
    const findings = coreFindings(
      '{ gateway: { nodes: { commands: { allow: ["sms.send", "camera.snap", "health.summary", "contacts.add"], deny: ["contacts.add"] } } } }',
    );
    const finding = findings.find((f) => f.checkId === 'gateway.nodes.allow_commands_dangerous')!;
    assert.equal(finding.severity, 'warn');
    assert.match(finding.detail, /includes: camera\.snap, sms\.send, health\.summary\./);
    assert.ok(
      coreIds(
        '{ gateway: { tailscale: { mode: "serve" }, nodes: { commands: { allow: ["screen.record"] } } } }',
      ).includes('gateway.nodes.allow_commands_dangerous:critical'),
    );
    assert.ok(
      !coreIds('{ gateway: { nodes: { commands: { allow: ["camera.snap"], deny: ["camera.snap"] } } } }').some((id) =>
        id.startsWith('gateway.nodes.'),
      ),
    );
  });
});
