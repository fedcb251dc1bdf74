import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_SCHEMA_VERSION } from '../../src/report/json.ts';
import { REPO_ROOT, runCli } from '../robustness/harness.ts';
import { examplesRepo, tempRepo } from '../helpers/examples.ts';
import { REPORT_SCHEMA, assertValidReport } from '../helpers/report-schema.ts';

test('the --json report of the examples carries schemaVersion and matches the shipped schema', () => {
  const run = runCli(['--json'], examplesRepo());
  assert.equal(run.code, 1);
  const report = JSON.parse(run.stdout);
  assert.equal(report.schemaVersion, REPORT_SCHEMA_VERSION);
  assert.equal(report.config, 'openclaw.json');
  assert.ok(
    report.findings.some((f: { location?: { includedFrom?: unknown[] } }) => f.location?.includedFrom),
    'a finding through $include',
  );
  assertValidReport(report);
});

test('several configs (an array), a rejected config and suppressed findings match the schema too', () => {
  const dir = tempRepo({
    'a/openclaw.json':
      '{ gateway: { bind: "lan" }, security: { audit: { suppressions: [{ checkId: "gateway.bind_no_auth", reason: "lab" }] } } }',
    'b/openclaw.json': '{ gateway: { bind: "moon" } }',
  });
  const run = runCli(['.', '--json'], dir);
  assert.equal(run.code, 2);
  const [audited, rejected] = JSON.parse(run.stdout);
  assert.equal(audited.suppressedFindings[0].suppression.reason, 'lab');
  assert.equal(rejected.ok, false);
  assert.equal(rejected.schemaVersion, REPORT_SCHEMA_VERSION);
  assertValidReport([audited, rejected]);
});

test('the schema rejects what it does not describe: an unknown field, another severity, no schemaVersion', () => {
  const report = JSON.parse(runCli(['--json'], examplesRepo()).stdout);
  const variants: Array<[string, (r: any) => void]> = [
    ['unknown field', (r) => (r.extra = 1)],
    ['unknown finding field', (r) => (r.findings[0].extra = 1)],
    ['severity', (r) => (r.findings[0].severity = 'high')],
    ['schemaVersion', (r) => delete r.schemaVersion],
    ['line 0', (r) => (r.findings[0].location.line = 0)],
  ];
  for (const [name, mutate] of variants) {
    const copy = structuredClone(report);
    mutate(copy);
    assert.throws(() => assertValidReport(copy), /does not match/, name);
  }
});

test('the schema is shipped in the package and names the version the CLI writes', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  assert.ok(pkg.files.includes('schemas'));
  const defs = REPORT_SCHEMA.definitions as Record<string, { const?: unknown }>;
  assert.equal(defs.schemaVersion!.const, REPORT_SCHEMA_VERSION);
});
