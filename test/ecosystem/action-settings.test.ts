import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputVar } from '../../src/action/inputs.ts';
import { run } from '../../src/action/main.ts';
import { fakeCore } from '../helpers/fake-core.ts';
import { testPorts } from '../helpers/action-ports.ts';
import { examplesRepo } from '../helpers/examples.ts';
import { runCli } from '../robustness/harness.ts';
import { assertValidReport } from '../helpers/report-schema.ts';

/** The Action on a push, with the real audit, no API calls (check run and comment off): what it prints, fails and writes. */
async function runAction(ws: string, inputs: Record<string, string>) {
  const { core, got } = fakeCore();
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'octo/configs',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    RUNNER_TEMP: join(ws, '.tmp'),
    [inputVar('check-run')]: 'false',
    [inputVar('pr-comment')]: 'false',
  };
  for (const [k, v] of Object.entries(inputs)) env[inputVar(k)] = v;
  const ports = testPorts(ws, env, core);
  const result = await run(ports);
  return { result, got };
}

const SETTINGS =
  'fail-on: warn\nchecks:\n  ignore: ["hooks.*", "discovery.*", "gateway.control_ui.*", "security.exposure.*"]\nexclude: [legacy/]\n';

test('the Action reads .openclaw-audit.yml: excluded folders, ignored checks, and its fail-on when the input is unset', async () => {
  const ws = examplesRepo({ '.openclaw-audit.yml': SETTINGS, 'legacy/openclaw.json': '{ not json5' });
  const { result, got } = await runAction(ws, {});
  assert.equal(result.exitCode, 1, 'fail-on: warn from the file fails on the warn findings left');
  const report = JSON.parse(readFileSync(got.outputs['findings-json']!, 'utf8'));
  assert.equal(report.summary.critical, 0);
  assert.deepEqual(got.failed, [`openclaw-audit: ${report.summary.warn} findings at or above fail-on: warn.`]);
  assertValidReport(report);
  assert.equal(report.config, 'openclaw.json', 'legacy/ is excluded: one config');
  assert.ok(
    report.findings.every(
      (f: { checkId: string }) => !/^(hooks|discovery|gateway\.control_ui|security\.exposure)\./.test(f.checkId),
    ),
  );
  assert.ok(!got.lines.some((l) => l.includes('hooks.path_root')), 'no annotation for an ignored check');

  const input = await runAction(ws, { 'fail-on': 'critical' });
  assert.equal(input.result.exitCode, 0, 'the fail-on input wins over the file');
});

test('the Action declares the env: of .openclaw-audit.yml as deploy-time variables', async () => {
  const config = '{ gateway: { bind: "lan", auth: { token: "${GW_TOKEN}" } } }';
  const cold = await runAction(examplesRepo({ 'openclaw.json': config }), { 'fail-on': 'none' });
  const declared = await runAction(
    examplesRepo({ 'openclaw.json': config, '.openclaw-audit.yml': 'env: [GW_TOKEN]\n' }),
    { 'fail-on': 'none' },
  );
  const ids = (got: { outputs: Record<string, string> }) =>
    JSON.parse(readFileSync(got.outputs['findings-json']!, 'utf8')).findings.map((f: { checkId: string }) => f.checkId);
  assert.ok(ids(cold.got).includes('gateway.bind_no_auth'));
  assert.ok(!ids(declared.got).includes('gateway.bind_no_auth'));
});

test('the Action honours the baseline: of .openclaw-audit.yml; a missing one fails the step', async () => {
  const ws = examplesRepo();
  const written = runCli(['--write-baseline', 'audit/baseline.json', '--fail-on', 'none'], ws).written;
  mkdirSync(join(ws, 'audit'));
  writeFileSync(join(ws, 'audit', 'baseline.json'), written.get(join(ws, 'audit', 'baseline.json'))!);
  writeFileSync(join(ws, '.openclaw-audit.yml'), 'baseline: audit/baseline.json\nfail-on: info\n');
  const { result, got } = await runAction(ws, {});
  assert.equal(result.exitCode, 0, got.failed.join());
  assert.deepEqual([got.outputs.critical, got.outputs.warn, got.outputs.info], ['0', '0', '0']);
  assert.ok(
    JSON.parse(readFileSync(got.outputs['sarif-file']!, 'utf8')).runs[0].results.length > 0,
    'code scanning still gets every finding',
  );

  writeFileSync(join(ws, '.openclaw-audit.yml'), 'baseline: audit/missing.json\n');
  const missing = await runAction(ws, {});
  assert.equal(missing.result.exitCode, 1);
  assert.deepEqual(missing.got.failed, [
    'openclaw-audit: .openclaw-audit.yml baseline: audit/missing.json: no such file',
  ]);
});

test('a mistake in .openclaw-audit.yml fails the step at its line and column, before any audit', async () => {
  const ws = examplesRepo({ '.openclaw-audit.yml': 'fail-on: warn\nchecks:\n  skip: [x]\n' });
  const { result, got } = await runAction(ws, {});
  assert.equal(result.exitCode, 1);
  assert.deepEqual(got.failed, [
    'openclaw-audit: .openclaw-audit.yml:3:3: unknown key "skip" in checks (allowed: select, ignore)',
  ]);
  assert.equal(got.outputs['sarif-file'], undefined);
});
