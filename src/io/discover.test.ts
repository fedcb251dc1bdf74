import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, memoryHost } from '../../test/helpers/memory-host.ts';
import { UsageError, discoverConfigs } from './discover.ts';

const rel = (paths: string[]) => paths.map((p) => p.slice(ROOT.length + 1));

test('discovery goes through the Host port: one walk, .gitignore (nested, negated) and exclude, in name order', () => {
  const host = memoryHost({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'tmp/\n',
    'openclaw.json': '{}',
    'a/openclaw.json5': '{}',
    'a/.gitignore': '*.json5\n!keep.json5\n',
    'a/b/openclaw.jsonc': '{}',
    'tmp/openclaw.json': '{}',
    'node_modules/x/openclaw.json': '{}',
    'fixtures/openclaw.json': '{}',
  });
  const found = discoverConfigs([], { host, cwd: ROOT, exclude: ['fixtures/'] });
  assert.equal(found.root, ROOT);
  assert.deepEqual(rel(found.configs), ['openclaw.json', 'a/b/openclaw.jsonc']);
  assert.deepEqual(found.skipped, [
    { path: '.git/', reason: 'always skipped' },
    { path: 'a/openclaw.json5', reason: 'a/.gitignore: *.json5' },
    { path: 'fixtures/', reason: '--exclude fixtures/' },
    { path: 'node_modules/', reason: 'always skipped' },
    { path: 'tmp/', reason: '.gitignore: tmp/' },
  ]);
  assert.equal(found.truncated, false);
});

test('the default root: the cwd, or for a path outside it the git top-level holding it, else its folder', () => {
  const host = memoryHost({
    'work/x': '',
    'other/.git/HEAD': '',
    'other/deep/openclaw.json': '{}',
    'plain/openclaw.json': '{}',
  });
  const cwd = `${ROOT}/work`;
  assert.equal(discoverConfigs(['../other/deep/openclaw.json'], { host, cwd }).root, `${ROOT}/other`);
  assert.equal(discoverConfigs(['../plain/openclaw.json'], { host, cwd }).root, `${ROOT}/plain`);
  // Two of them: the folder that holds both roots.
  assert.equal(discoverConfigs(['../plain/openclaw.json', '../other/deep/openclaw.json'], { host, cwd }).root, ROOT);
  assert.throws(
    () => discoverConfigs([], { host, cwd, root: 'nope', names: { root: 'root:', exclude: 'exclude:' } }),
    new UsageError('root: nope: no such folder'),
  );
});

test('ignore rules cannot stall discovery: a huge .gitignore over a large tree is a clear error', () => {
  const files: Record<string, string> = {
    '.gitignore': Array.from({ length: 6000 }, (_, i) => `*.never${i}`).join('\n'),
  };
  for (let i = 0; i < 400; i++) files[`d${i}/openclaw.json`] = '{}';
  const host = memoryHost(files);
  assert.throws(
    () => discoverConfigs([], { host, cwd: ROOT }),
    /the \.gitignore rules are too many to apply to a tree this large; name the folders to audit, or leave big folders out with --exclude/,
  );
  // The same rules over a small tree are applied.
  const small = memoryHost({ '.gitignore': files['.gitignore']!, 'a/openclaw.json': '{}' });
  assert.equal(discoverConfigs([], { host: small, cwd: ROOT }).configs.length, 1);
});
