/** The CLI's SARIF flags for code scanning uploads: `--category` and `--omit-suppressed`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { runCli } from '../robustness/harness.ts';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-sarif-flags-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const SUPPRESSED =
  '{ gateway: { bind: "lan" }, security: { audit: { suppressions: [{ checkId: "gateway.bind_no_auth", reason: "lab only" }] } } }';

function sarifOf(argv: string[], cwd: string): { code: number; run: Sarif.Run } {
  const result = runCli(['--format', 'sarif', ...argv], cwd);
  assert.equal(result.stderr, '');
  return { code: result.code, run: (JSON.parse(result.stdout) as Sarif.Log).runs[0]! };
}

test('--omit-suppressed leaves suppressed findings out of the SARIF log; without it they are results with suppressions', () => {
  const dir = repo({ 'openclaw.json': SUPPRESSED });
  const kept = sarifOf([], dir).run.results!.filter((r) => r.ruleId === 'gateway.bind_no_auth');
  assert.equal(kept.length, 1);
  assert.deepEqual(
    kept[0]!.suppressions!.map((s) => [s.kind, s.status, s.justification]),
    [['inSource', 'accepted', 'lab only']],
  );

  const { code, run } = sarifOf(['--omit-suppressed'], dir);
  assert.equal(code, 1, 'the exit code still follows --fail-on on the active findings');
  assert.deepEqual(
    run.results!.filter((r) => r.ruleId === 'gateway.bind_no_auth'),
    [],
  );
  assert.ok(run.results!.length > 0);
  assert.ok(run.results!.every((r) => r.suppressions === undefined));
});

test('the category is openclaw-audit/ whatever the number of configs, and --category replaces it', () => {
  const dir = repo({ 'a/openclaw.json': '{}', 'b/openclaw.json': '{}' });
  assert.equal(sarifOf(['a'], dir).run.automationDetails!.id, 'openclaw-audit/');
  assert.equal(sarifOf(['a', 'b'], dir).run.automationDetails!.id, 'openclaw-audit/');
  assert.equal(
    sarifOf(['--category', 'openclaw-audit/deploy'], dir).run.automationDetails!.id,
    'openclaw-audit/deploy/',
  );
  assert.equal(sarifOf(['--category', 'prod/'], dir).run.automationDetails!.id, 'prod/');
  assert.equal(
    sarifOf(['--category', '/tool:openclaw'], dir).run.automationDetails!.id,
    '/tool:openclaw/',
    'CodeQL-style categories start with /',
  );
});

test('--category and --omit-suppressed are refused with other formats and bad values, in one line', () => {
  const dir = repo({ 'openclaw.json': '{}' });
  for (const [argv, message] of [
    [['--category', 'x'], '--category applies only to SARIF'],
    [['--json', '--omit-suppressed'], '--omit-suppressed applies only to SARIF'],
    [['--format', 'sarif', '--category', ''], '--category must be one non-empty line'],
    [['--format', 'sarif', '--category', '  '], '--category must be one non-empty line'],
    [['--format', 'sarif', '--category', 'a\nb'], '--category must be one non-empty line'],
  ] as const) {
    const result = runCli([...argv], dir);
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.startsWith(`openclaw-audit: ${message}`), result.stderr);
  }
});

test('--fix with --format sarif honours both flags for the report after the fix', () => {
  const dir = repo({ 'openclaw.json': SUPPRESSED });
  const result = runCli(['--fix', '--format', 'sarif', '--omit-suppressed', '--category', 'fixed'], dir);
  const run = (JSON.parse(result.stdout) as Sarif.Log).runs[0]!;
  assert.equal(run.automationDetails!.id, 'fixed/');
  assert.deepEqual(
    run.results!.filter((r) => r.ruleId === 'gateway.bind_no_auth'),
    [],
  );
});
