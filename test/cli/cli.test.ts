import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../robustness/harness.ts';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const run = (argv: string[], cwd: string) => runCli(argv, cwd);

test('a config openclaw rejects exits 2 with every issue at file:line:col, in text and JSON', () => {
  const dir = repo({ 'openclaw.json': '{\n  gateway: {\n    bind: "lan",\n  },\n  oops: [,\n}' });
  const text = run([], dir);
  assert.equal(text.code, 2);
  assert.match(text.stdout, /^openclaw\.json: OpenClaw config is invalid/);
  assert.match(text.stdout, /\n {2}openclaw\.json:5:10 <root>: JSON5 parse failed: /);
  const json = run(['--json'], dir);
  assert.equal(json.code, 2);
  const body = JSON.parse(json.stdout);
  assert.equal(body.ok, false);
  assert.deepEqual(body.error, { type: 'cli_error', message: 'OpenClaw config is invalid: openclaw.json' });
  assert.equal(body.issues[0].path, '<root>');
  assert.deepEqual([body.issues[0].location.line, body.issues[0].location.column], [5, 10]);
});

test('usage errors exit 2 with one line and no stack trace', () => {
  const dir = repo({ 'openclaw.json': '{}' });
  for (const argv of [['--fail-on', 'loud'], ['--format', 'xml'], ['--nope'], ['missing.json']]) {
    const result = run(argv, dir);
    assert.equal(result.code, 2, argv.join(' '));
    assert.match(result.stderr, /^openclaw-audit: /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});

test('a config outside the root is refused', () => {
  const dir = repo({ 'a/openclaw.json': '{}', 'b/x': '' });
  const result = run(['../a/openclaw.json', '--root', '.'], join(dir, 'b'));
  assert.equal(result.code, 2);
  assert.match(result.stderr, /outside the root/);
});

test('a folder is searched for configs and --json prints one object per config in an array', () => {
  const dir = repo({ 'x/openclaw.json': '{}', 'y/openclaw.json5': '{}', 'node_modules/z/openclaw.json': '{}' });
  const result = run(['.', '--json', '--fail-on', 'none'], dir);
  const body = JSON.parse(result.stdout);
  assert.deepEqual(
    body.map((o: { config: string }) => o.config),
    ['x/openclaw.json', 'y/openclaw.json5'],
  );
  assert.equal(result.code, 0);
});

test('--output writes the report to a file instead of stdout', () => {
  const dir = repo({ 'openclaw.json': '{}' });
  const result = run(['--json', '--output', 'out/report.json', '--fail-on', 'none'], dir);
  assert.equal(result.stdout, '');
  assert.ok(JSON.parse(result.written.get(join(dir, 'out/report.json'))!));
});

test('the bundled CLI runs under this Node and prints its version and help', () => {
  const bin = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'index.js');
  const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.equal(
    version.stdout.trim(),
    JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version,
  );
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /^Usage: openclaw-audit \[PATH\.\.\.\] \[options\]/);
  const bad = spawnSync(process.execPath, [bin, join(import.meta.dirname, 'no-such-dir')], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});

test('--format sarif prints one SARIF 2.1.0 log that declares every rule', () => {
  const dir = repo({ 'openclaw.json': '{ gateway: { bind: "lan" } }' });
  const result = run(['--format', 'sarif', '--fail-on', 'none'], dir);
  const log = JSON.parse(result.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  assert.equal(log.runs[0].tool.driver.name, 'openclaw-audit');
  assert.equal(log.runs[0].tool.driver.version, '0.0.0-test');
  assert.ok(log.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'config.invalid'));
});

test('text output escapes control characters that a hostile config puts in keys or values', () => {
  const dir = repo({ 'openclaw.json': '{ "\\u001b[2J": 1 }' });
  const result = run([], dir);
  assert.equal(result.code, 2);
  assert.doesNotMatch(result.stdout, /\u001b/);
  assert.match(result.stdout, /Unrecognized key: "\\u001b\[2J"/);
});
