import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../robustness/harness.ts';
import { examplesRepo } from '../helpers/examples.ts';
import { assertValidReport } from '../helpers/report-schema.ts';

/** The CLI in-process, with --write-baseline really written (the harness only records writes). */
function runAndWrite(argv: string[], cwd: string) {
  const run = runCli(argv, cwd);
  for (const [path, text] of run.written) writeFileSync(path, text);
  return run;
}

const ids = (report: { findings: Array<{ checkId: string }> }) => report.findings.map((f) => f.checkId).sort();

test('--write-baseline, then --baseline: only findings added since are reported and gated, whatever moved', () => {
  const dir = examplesRepo();
  const first = runAndWrite(['--write-baseline', 'openclaw-audit-baseline.json', '--fail-on', 'info'], dir);
  assert.equal(first.code, 1);
  assertValidReport(readFileSync(join(dir, 'openclaw-audit-baseline.json'), 'utf8'), 'the baseline');

  const same = runCli(['--baseline', 'openclaw-audit-baseline.json', '--json', '--fail-on', 'info'], dir);
  assert.equal(same.code, 0, 'nothing new: the gate passes');
  const sameReport = JSON.parse(same.stdout);
  assert.deepEqual(sameReport.findings, []);
  assert.deepEqual(sameReport.summary, { critical: 0, warn: 0, info: 0 });
  assert.ok(sameReport.baselinedFindings.length > 0);
  assert.match(
    runCli(['--baseline', 'openclaw-audit-baseline.json'], dir).stdout,
    /finding\(s\) already in the baseline are not shown/,
  );

  // Lines moved and a new problem added: only the new one is reported.
  const config = readFileSync(join(dir, 'openclaw.json'), 'utf8');
  writeFileSync(
    join(dir, 'openclaw.json'),
    '\n\n' + config.replace('{', '{\n  tools: { exec: { safeBinTrustedDirs: ["/tmp/bin"] } },'),
  );
  const after = runCli(['--baseline', 'openclaw-audit-baseline.json', '--json', '--fail-on', 'warn'], dir);
  assert.equal(after.code, 1);
  assert.deepEqual(ids(JSON.parse(after.stdout)), ['tools.exec.safe_bin_trusted_dirs_risky']);
});

test('a SARIF log of an earlier run is a baseline too', () => {
  const dir = examplesRepo();
  runAndWrite(['--output', 'sarif=before.sarif'], dir);
  const run = runCli(['--baseline', 'before.sarif', '--json', '--fail-on', 'info'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout).findings, []);
  const junit = runCli(['--baseline', 'before.sarif', '--format', 'junit'], dir);
  assert.doesNotMatch(junit.stdout, /<failure/);
});

test('a finding that occurs once more at the same key is new (one baseline entry per finding)', () => {
  const dir = examplesRepo();
  runAndWrite(['--write-baseline', 'b.json'], dir);
  const report = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
  report.findings = report.findings.filter((f: { checkId: string }) => f.checkId !== 'hooks.path_root');
  writeFileSync(join(dir, 'b.json'), JSON.stringify(report));
  const run = runCli(['--baseline', 'b.json', '--json'], dir);
  assert.equal(run.code, 1);
  assert.deepEqual(ids(JSON.parse(run.stdout)), ['hooks.path_root']);
});

test('a missing or malformed baseline is a usage error (exit 2) naming the file', () => {
  const dir = examplesRepo({ 'bad.json': '{ nope', 'other.json': '{"hello": 1}' });
  for (const [file, pattern] of [
    ['missing.json', /no such file/],
    ['bad.json', /is not JSON/],
    ['other.json', /neither an openclaw-audit --json report nor a SARIF log/],
  ] as const) {
    const run = runCli(['--baseline', file], dir);
    assert.equal(run.code, 2, file);
    assert.match(run.stderr, new RegExp(`^openclaw-audit: --baseline ${file}`));
    assert.match(run.stderr, pattern);
  }
});
