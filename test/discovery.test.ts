/**
 * Paths, roots and discovery as a user meets them: the CLI and the Action run on temporary repositories.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from './robustness/harness.ts';
import { run as runAction } from '../src/action/main.ts';
import { fakeCore } from './helpers/fake-core.ts';
import { nodePorts } from '../src/action/node-ports.ts';
import { inputVar } from '../src/action/inputs.ts';
import { HELP } from '../src/cli/help.ts';
import { SKIPPED_FOLDERS } from '../src/io/discover.ts';

const CLEAN = '{ gateway: { mode: "local", bind: "loopback", auth: { mode: "token", token: "${GATEWAY_TOKEN}" } } }\n';

/** A temporary folder with these files (a path ending in `/` is an empty folder). */
function tree(files: Record<string, string>): string {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'oca-disc-')));
  after(() => rmSync(top, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    if (rel.endsWith('/')) {
      mkdirSync(join(top, rel), { recursive: true });
      continue;
    }
    mkdirSync(dirname(join(top, rel)), { recursive: true });
    writeFileSync(join(top, rel), text);
  }
  return top;
}

/** The configs a JSON run reported, in order. */
function audited(stdout: string): string[] {
  const body = JSON.parse(stdout);
  return (Array.isArray(body) ? body : [body]).map(
    (o: { config?: string; path?: string }) => o.config ?? o.path ?? '?',
  );
}

function cli(argv: string[], cwd: string) {
  return runCli([...argv, '--json', '--fail-on', 'none'], cwd);
}

test('a config named outside the current folder is audited; the root is its git top-level, else its folder', () => {
  const top = tree({
    'work/.keep': '',
    'home/.openclaw/openclaw.json': CLEAN,
    'repo/.git/': '',
    'repo/deploy/prod/openclaw.json': CLEAN,
  });
  const cwd = join(top, 'work');
  const home = cli([join(top, 'home/.openclaw/openclaw.json')], cwd);
  assert.equal(home.code, 0, home.stderr);
  assert.deepEqual(audited(home.stdout), ['openclaw.json']);
  const repo = cli(['../repo/deploy/prod/openclaw.json'], cwd);
  assert.equal(repo.code, 0, repo.stderr);
  assert.deepEqual(audited(repo.stdout), ['deploy/prod/openclaw.json']);
  // A folder named outside is searched the same way.
  const folder = cli(['../repo/deploy'], cwd);
  assert.deepEqual(audited(folder.stdout), ['deploy/prod/openclaw.json']);
  // A worktree's `.git` is a file: it marks the top-level too.
  const wt = tree({ 'wt/.git': 'gitdir: /elsewhere\n', 'wt/a/openclaw.json': CLEAN });
  assert.deepEqual(audited(cli([join(wt, 'wt/a/openclaw.json')], cwd).stdout), ['a/openclaw.json']);
});

test('for a config named outside, $include stays confined to the config folder', () => {
  const top = tree({
    'work/.keep': '',
    'elsewhere/conf/openclaw.json': '{ "$include": "../secret.json5" }\n',
    'elsewhere/secret.json5': '{}',
  });
  const r = runCli([join(top, 'elsewhere/conf/openclaw.json')], join(top, 'work'));
  assert.equal(r.code, 2);
  assert.match(r.stdout, /Include path escapes config directory: \.\.\/secret\.json5/);
});

test('--root DIR with no path discovers under DIR; an explicit root keeps refusing paths outside it', () => {
  const top = tree({
    'examples/a/openclaw.json': CLEAN,
    'examples/b/openclaw.json5': CLEAN,
    'other/openclaw.json': CLEAN,
  });
  const r = cli(['--root', 'examples'], top);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(audited(r.stdout), ['a/openclaw.json', 'b/openclaw.json5']);
  const outside = cli(['--root', 'examples', 'other/openclaw.json'], top);
  assert.equal(outside.code, 2);
  assert.equal(
    outside.stderr,
    `openclaw-audit: ${join(top, 'other/openclaw.json')} is outside the root ${join(top, 'examples')} (set --root)\n`,
  );
});

test('--root naming no folder says so', () => {
  const top = tree({ 'openclaw.json': CLEAN });
  assert.equal(cli(['--root', '/nonexistent'], top).stderr, 'openclaw-audit: --root /nonexistent: no such folder\n');
  assert.equal(cli(['--root', 'openclaw.json'], top).stderr, 'openclaw-audit: --root openclaw.json: not a folder\n');
});

test('.gitignore is honoured with git rules: nested files, negation, folder patterns, .git/info/exclude', () => {
  const top = tree({
    '.git/info/exclude': 'scratch/\n',
    '.gitignore': 'build/\n*.json5\n!keep/*.json5\n',
    'openclaw.json': CLEAN,
    'build/openclaw.json': CLEAN,
    'scratch/openclaw.json': CLEAN,
    'lab/openclaw.json5': CLEAN,
    'keep/openclaw.json5': CLEAN,
    'apps/.gitignore': 'old/\n',
    'apps/new/openclaw.json': CLEAN,
    'apps/old/openclaw.json': CLEAN,
    'apps/deep/old/openclaw.json': CLEAN,
  });
  const r = cli(['--verbose'], top);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(audited(r.stdout), ['openclaw.json', 'apps/new/openclaw.json', 'keep/openclaw.json5']);
  assert.equal(
    r.stderr,
    [
      'openclaw-audit: skipped .git/ (always skipped)',
      'openclaw-audit: skipped apps/deep/old/ (apps/.gitignore: old/)',
      'openclaw-audit: skipped apps/old/ (apps/.gitignore: old/)',
      'openclaw-audit: skipped build/ (.gitignore: build/)',
      'openclaw-audit: skipped lab/openclaw.json5 (.gitignore: *.json5)',
      'openclaw-audit: skipped scratch/ (.git/info/exclude: scratch/)',
      '',
    ].join('\n'),
  );
  // Discovery under a subfolder still applies the .gitignore files above it.
  assert.deepEqual(audited(cli(['apps'], top).stdout), ['apps/new/openclaw.json']);
  // A file named explicitly is audited even when ignored, as `git add -f` would take it.
  assert.deepEqual(audited(cli(['build/openclaw.json'], top).stdout), ['build/openclaw.json']);
});

test('a .gitignore that is a link out of the repository is not read', () => {
  const top = tree({ 'outside/rules': 'a/\n', 'repo/.git/': '', 'repo/a/openclaw.json': CLEAN });
  symlinkSync(join(top, 'outside/rules'), join(top, 'repo/.gitignore'));
  assert.deepEqual(audited(cli([], join(top, 'repo')).stdout), ['a/openclaw.json']);
});

test('--exclude (repeatable, .gitignore syntax relative to the root) leaves folders and files out', () => {
  const top = tree({
    'openclaw.json': CLEAN,
    'examples/openclaw.json': CLEAN,
    'test/fixtures/openclaw.json': CLEAN,
    'deploy/fixtures/openclaw.json': CLEAN,
    'deploy/prod/openclaw.json5': CLEAN,
  });
  const r = cli(['--exclude', 'examples/', '--exclude', 'fixtures', '--exclude', '*.json5', '--verbose'], top);
  assert.deepEqual(audited(r.stdout), ['openclaw.json']);
  assert.match(r.stderr, /^openclaw-audit: skipped deploy\/fixtures\/ \(--exclude fixtures\)$/m);
  assert.match(r.stderr, /^openclaw-audit: skipped deploy\/prod\/openclaw\.json5 \(--exclude \*\.json5\)$/m);
  assert.match(r.stderr, /^openclaw-audit: skipped examples\/ \(--exclude examples\/\)$/m);
  // Everything excluded: the error says what was skipped.
  const none = cli(['deploy', '--exclude', 'deploy/*/'], top);
  assert.equal(none.code, 2);
  assert.equal(
    none.stderr,
    'openclaw-audit: no OpenClaw config (openclaw.json, openclaw.json5, openclaw.jsonc) under deploy; skipped: deploy/fixtures/, deploy/prod/\n',
  );
  // Globs match the files discovery finds, so excludes apply to them too.
  assert.deepEqual(audited(cli(['**/openclaw.json', '--exclude', 'test/'], top).stdout), [
    'openclaw.json',
    'deploy/fixtures/openclaw.json',
    'examples/openclaw.json',
  ]);
});

test('the skip list --help documents is the one the code applies: node_modules and .git; dist/ and vendor/ are searched', () => {
  const top = tree({
    'node_modules/p/openclaw.json': CLEAN,
    'dist/openclaw.json': CLEAN,
    'vendor/x/openclaw.json': CLEAN,
    '.git/openclaw.json': CLEAN,
  });
  assert.deepEqual(audited(cli([], top).stdout), ['dist/openclaw.json', 'vendor/x/openclaw.json']);
  assert.deepEqual(SKIPPED_FOLDERS, ['.git', 'node_modules']);
  assert.match(HELP.replace(/\s+/g, ' '), /skipping \.git and node_modules, and what \.gitignore files ignore/);
});

test('the Action: root without config discovers under the root; exclude; messages name root:, not --root', async () => {
  const ws = tree({
    'examples/a/openclaw.json': CLEAN,
    'examples/skip/openclaw.json': CLEAN,
    'openclaw.json': '{ oops',
  });
  const { core, got } = fakeCore();
  const { lines, failed } = got;
  const env = (inputs: Record<string, string>) => ({
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: join(ws, '.tmp'),
    GITHUB_EVENT_NAME: 'push',
    ...Object.fromEntries(
      Object.entries({ 'check-run': 'false', 'pr-comment': 'false', 'fail-on': 'none', ...inputs }).map(([k, v]) => [
        inputVar(k),
        v,
      ]),
    ),
  });
  const ok = await runAction({ ...nodePorts(), env: env({ root: 'examples', exclude: 'skip/\n' }), cwd: ws, core });
  assert.deepEqual(failed, []);
  assert.equal(ok.exitCode, 0);
  assert.ok(lines.includes('skipped skip/ (exclude: skip/)'), lines.join('\n'));
  assert.match(lines.join('\n'), /1 config audited under examples/);
  await runAction({ ...nodePorts(), env: env({ root: 'nope' }), cwd: ws, core });
  assert.deepEqual(failed, ['openclaw-audit: root: nope: no such folder']);
  failed.length = 0;
  await runAction({ ...nodePorts(), env: env({ root: 'examples', config: 'openclaw.json' }), cwd: ws, core });
  assert.deepEqual(failed, [
    `openclaw-audit: ${join(ws, 'openclaw.json')} is outside the root ${join(ws, 'examples')} (set root:)`,
  ]);
  failed.length = 0;
  await runAction({ ...nodePorts(), env: env({ config: 'missing.json' }), cwd: ws, core });
  assert.deepEqual(failed, ['openclaw-audit: config: no such file or folder: missing.json']);
});
