import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreFindings, coreIds } from '../../../test/helpers/core-findings.ts';

const flags = (config: string) =>
  coreFindings(config)
    .filter((f) => f.checkId === 'config.insecure_or_dangerous_flags')
    .map((f) => f.detail);

describe('config.insecure_or_dangerous_flags', () => {
  it('reports each enabled flag in openclaw order, hooks enabled or not', () => {
    assert.deepEqual(
      flags(
        '{ hooks: { enabled: false, allowRequestSessionKey: true, gmail: { allowUnsafeExternalContent: true }, mappings: [{ match: { path: "x" }, action: "agent", allowUnsafeExternalContent: true }, { match: { path: "y" }, action: "agent" }, { match: { path: "z" }, action: "agent", allowUnsafeExternalContent: true }] } }',
      ),
      [
        'Detected enabled flag: hooks.gmail.allowUnsafeExternalContent=true.',
        'Detected enabled flag: hooks.mappings[0].allowUnsafeExternalContent=true.',
        'Detected enabled flag: hooks.mappings[2].allowUnsafeExternalContent=true.',
        'Detected enabled flag: hooks.allowRequestSessionKey=true.',
      ],
    );
    assert.deepEqual(
      flags(
        '{ tools: { exec: { applyPatch: { workspaceOnly: false } }, fs: { workspaceOnly: false } }, browser: { ssrfPolicy: { dangerouslyAllowPrivateNetwork: true } }, security: { audit: { suppressions: [{ checkId: "x" }] } } }',
      ),
      [
        'Detected enabled flag: tools.exec.applyPatch.workspaceOnly=false.',
        'Detected enabled flag: security.audit.suppressions configured (1).',
        'Detected enabled flag: browser.ssrfPolicy.dangerouslyAllowPrivateNetwork=true.',
        'Detected enabled flag: tools.fs.workspaceOnly=false.',
      ],
    );
  });

  it('lists sandbox docker flags for defaults, then per agent', () => {
    assert.deepEqual(
      flags(
        '{ agents: { defaults: { sandbox: { mode: "all", docker: { dangerouslyAllowExternalBindSources: true, dangerouslyAllowReservedContainerTargets: true } } }, entries: { work: { sandbox: { docker: { dangerouslyAllowContainerNamespaceJoin: true } } } } } }',
      ),
      [
        'Detected enabled flag: agents.defaults.sandbox.docker.dangerouslyAllowReservedContainerTargets=true.',
        'Detected enabled flag: agents.defaults.sandbox.docker.dangerouslyAllowExternalBindSources=true.',
        'Detected enabled flag: agents.entries.work.sandbox.docker.dangerouslyAllowContainerNamespaceJoin=true.',
      ],
    );
  });

  it('applies the imap plugin manifest contracts with concrete paths', () => {
    const config =
      '{ plugins: { entries: { imap: { config: { accounts: { work: { host: "h", user: "u", password: "p", agentId: "main", senderAuth: { acceptTrustedAuthservId: true, min: "unverified" } } } } } } } }';
    assert.deepEqual(flags(config), [
      'Detected enabled flag: plugins.entries.imap.config.accounts.work.senderAuth.acceptTrustedAuthservId=true.',
      'Detected enabled flag: plugins.entries.imap.config.accounts.work.senderAuth.min=unverified.',
    ]);
    const finding = coreFindings(config).find((f) => f.checkId === 'config.insecure_or_dangerous_flags')!;
    assert.equal(
      finding.location!.path,
      'plugins.entries.imap.config.accounts.work.senderAuth.acceptTrustedAuthservId',
    );
  });

  it('ignores the same keys at their safe values', () => {
    const ids = coreIds(
      '{ tools: { exec: { applyPatch: { workspaceOnly: true } }, fs: { workspaceOnly: true } }, browser: { ssrfPolicy: { dangerouslyAllowPrivateNetwork: false } }, gateway: { controlUi: { dangerouslyAllowHostHeaderOriginFallback: false } }, hooks: { allowRequestSessionKey: false }, security: { audit: { suppressions: [] } } }',
    );
    assert.ok(!ids.includes('config.insecure_or_dangerous_flags:warn'));
  });

  it('emits inside the gateway block, after mcp.apps.enabled and before token checks', () => {
    assert.deepEqual(
      coreIds(
        '{ mcp: { apps: { enabled: true } }, tools: { fs: { workspaceOnly: false } }, gateway: { auth: { token: "short" } } }',
      ),
      [
        'summary.attack_surface:info',
        'gateway.trusted_proxies_missing:warn',
        'mcp.apps.enabled:warn',
        'config.insecure_or_dangerous_flags:warn',
        'gateway.token_too_short:warn',
      ],
    );
  });

  it('can itself be suppressed by detail', () => {
    const ids = coreIds(
      '{ security: { audit: { suppressions: [{ checkId: "config.insecure_or_dangerous_flags", detailIncludes: "TOOLS.FS" }] } }, tools: { fs: { workspaceOnly: false } } }',
    );
    assert.equal(ids.filter((id) => id === 'config.insecure_or_dangerous_flags:warn').length, 1);
    assert.equal(ids.at(-1), 'security.audit.suppressions.active:info');
  });
});
