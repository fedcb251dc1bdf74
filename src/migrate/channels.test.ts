import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../io/node-host.ts';
import { runMigration } from './run.ts';

/** Migrates one config file written to a temporary folder. */
function migrate(text: string) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oc-migrate-channels-')));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'openclaw.json'), text);
  const run = runMigration({ host: nodeHost, configPath: join(dir, 'openclaw.json'), root: dir });
  assert.ok(run);
  return run;
}

const findings = (run: ReturnType<typeof migrate>) => (run.after.ok ? run.after.findings.map((f) => f.checkId) : []);

test('the audit after a migration sees what an offline doctor leaves: npm plugins missing, retired installs kept as records', () => {
  const run = migrate(`{
  gateway: { mode: 'local', bind: 'loopback', auth: { mode: 'token', token: 'a-long-enough-gateway-token-value-0123' } },
  channels: {
    // Feishu is an npm plugin: doctor cannot install it offline, so its settings wait unchecked.
    feishu: { enabled: true, appId: 'cli_x', appSecret: 'secret', blockStreaming: true },
  },
  plugins: {
    entries: { feishu: { enabled: true } },
    installs: {
      feishu: { source: 'npm', spec: '@vendor/feishu', installPath: '/root/.openclaw/extensions/feishu' },
      pinned: { source: 'npm', spec: 'pinned-plugin@1.2.3', integrity: 'sha512-abc' },
      local: { source: 'path', sourcePath: '/opt/plugin' },
    },
  },
}
`);
  assert.ok(run.plan.changes.includes('Removed retired plugins.installs after preserving plugin install records.'));
  assert.equal(run.after.ok, true, 'an unknown feishu key is not rejected: the plugin that checks it is not installed');
  const ids = findings(run);
  assert.ok(ids.includes('plugins.installs_unpinned_npm_specs'));
  assert.ok(ids.includes('plugins.installs_missing_integrity'));
  assert.ok(!ids.some((id) => id.startsWith('channels.feishu.')), "the feishu plugin's own audit does not run");
  const detail = (id: string) => (run.after.ok ? run.after.findings.find((f) => f.checkId === id)?.detail : undefined);
  assert.equal(
    detail('plugins.installs_unpinned_npm_specs'),
    'Unpinned plugin index install records:\n- feishu (@vendor/feishu)',
  );
  assert.equal(detail('plugins.installs_missing_integrity'), 'Plugin index records missing integrity:\n- feishu');
});
