/** `--fix --dry-run > fix.patch && git apply fix.patch`: the dry run's exit code says whether the patch is complete. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../robustness/harness.ts';

/** A git repository holding one config, as a user's clone would. */
function gitRepo(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-dry-run-'));
  writeFileSync(join(dir, 'openclaw.json'), config);
  const git = spawnSync('git', ['init', '-q'], { cwd: dir, encoding: 'utf8' });
  assert.equal(git.status, 0, git.stderr);
  return dir;
}

function gitApply(dir: string, patch: string): { status: number | null; stderr: string } {
  writeFileSync(join(dir, 'fix.patch'), patch);
  return spawnSync('git', ['apply', '--allow-empty', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
}

test('with critical findings left after the fix, the dry run exits 0 and its patch applies', () => {
  const config = '{\n  gateway: { bind: "lan" },\n  channels: {\n    telegram: { groupPolicy: "open" },\n  },\n}\n';
  const dir = gitRepo(config);
  const dry = runCli(['--fix', '--dry-run'], dir);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /openclaw\.json: would fix 1 value/);
  assert.equal(readFileSync(join(dir, 'openclaw.json'), 'utf8'), config, 'the dry run writes nothing');
  const applied = gitApply(dir, dry.stdout);
  assert.equal(applied.status, 0, applied.stderr);
  assert.equal(readFileSync(join(dir, 'openclaw.json'), 'utf8'), config.replace('"open"', '"allowlist"'));
  // The applied patch is the fix: nothing is left to fix, and the audit still fails on what --fix never touches.
  assert.equal(runCli(['--fix', '--dry-run'], dir).stdout, '');
  assert.equal(runCli([], dir).code, 1);
});

test('nothing to fix: exit 0 and an empty patch', () => {
  const dir = gitRepo('{ gateway: { bind: "lan" } }');
  const dry = runCli(['--fix', '--dry-run'], dir);
  assert.equal(dry.code, 0);
  assert.equal(dry.stdout, '');
  assert.match(dry.stderr, /openclaw\.json: nothing to fix/);
  assert.equal(gitApply(dir, dry.stdout).status, 0);
});

test('a change that cannot be made exits 1: the patch is not every fix', () => {
  const dir = gitRepo(
    '{ env: { vars: { GP: "open" } }, channels: { telegram: { groupPolicy: "${GP}" }, irc: { groupPolicy: "open" } } }',
  );
  const dry = runCli(['--fix', '--dry-run', '--fail-on', 'none'], dir);
  assert.equal(dry.code, 1);
  assert.match(dry.stderr, /cannot fix: channels\.telegram\.groupPolicy/);
  assert.match(
    dry.stdout,
    /^\+.*irc: \{ groupPolicy: "allowlist" \}/m,
    'the changes that can be made are still in the patch',
  );
});

test('a config openclaw would reject exits 2 and prints no patch', () => {
  const dir = gitRepo('{ channels: { telegram: { groupPolicy: "open" } }, }}');
  const dry = runCli(['--fix', '--dry-run'], dir);
  assert.equal(dry.code, 2);
  assert.equal(dry.stdout, '');
});
