import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreFindings } from '../../../test/helpers/core-findings.ts';

const summary = (config: string) => coreFindings(config).find((f) => f.checkId === 'summary.attack_surface')!;

describe('summary.attack_surface', () => {
  it('is always first, info, without remediation, with the six-line inventory', () => {
    const finding = coreFindings('{}')[0]!;
    assert.equal(finding.checkId, 'summary.attack_surface');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.title, 'Attack surface summary');
    assert.equal(finding.remediation, undefined);
    const lines = finding.detail.split('\n');
    assert.equal(lines.length, 6);
    assert.deepEqual(lines.slice(0, 5), [
      'groups: open=0, allowlist=0',
      'tools.elevated: enabled',
      'hooks.webhooks: disabled',
      'hooks.internal: disabled',
      'browser control: enabled',
    ]);
    assert.match(lines[5]!, /^trust model: personal assistant .*multi-tenant-hosting$/);
    assert.equal(`${finding.location!.line}:${finding.location!.column}`, '1:1');
  });

  it('counts top-level channel group policies, channels.defaults included', () => {
    const detail = summary(
      '{ channels: { telegram: { groupPolicy: "open" }, defaults: { groupPolicy: "allowlist" } }, tools: { elevated: { enabled: false } }, hooks: { enabled: true, token: "abcdefghijklmnopqrstuvwxyz0123" } }',
    ).detail;
    assert.match(detail, /^groups: open=1, allowlist=1\ntools\.elevated: disabled\nhooks\.webhooks: enabled\n/);
  });

  it('reads internal hooks from enabled, entries and extraDirs', () => {
    assert.match(
      summary('{ hooks: { internal: { entries: { "boot-md": { enabled: true } } } } }').detail,
      /hooks\.internal: enabled/,
    );
    assert.match(
      summary('{ hooks: { internal: { load: { extraDirs: [" ", "./hooks"] } } } }').detail,
      /hooks\.internal: enabled/,
    );
    assert.match(
      summary('{ hooks: { internal: { enabled: false, entries: { x: {} } } } }').detail,
      /hooks\.internal: disabled/,
    );
    assert.match(
      summary('{ hooks: { internal: { entries: { x: { enabled: false } } } } }').detail,
      /hooks\.internal: disabled/,
    );
  });

  it('turns browser control off through browser.enabled or the plugin policy', () => {
    for (const config of [
      '{ browser: { enabled: false } }',
      '{ plugins: { enabled: false } }',
      '{ plugins: { deny: ["Browser"] } }',
      '{ plugins: { entries: { browser: { enabled: false } } } }',
      '{ plugins: { allow: ["telegram"] } }',
    ]) {
      assert.match(summary(config).detail, /browser control: disabled/, config);
    }
    assert.match(summary('{ plugins: { allow: ["browser"] } }').detail, /browser control: enabled/);
  });
});
