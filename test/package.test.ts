import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack gives a self-contained CLI that installs offline and audits the example config', () => {
  const work = mkdtempSync(join(tmpdir(), 'oca-pack-'));
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
  );
  const info = packed[0] as { filename: string; unpackedSize: number; files: Array<{ path: string }> };
  // The bundle carries the settings-file parser (yaml), the migration rules and the schema data: 1.5 MB at most.
  assert.ok(info.unpackedSize <= 1.5 * 1024 * 1024, `unpacked size ${info.unpackedSize} is over 1.5 MB`);
  const paths = info.files.map((f) => f.path).sort();
  for (const file of [
    'dist/cli/index.js',
    'dist/cli/run.js',
    'dist/cli/openclaw-schema.jsonl',
    'schemas/report.schema.json',
  ])
    assert.ok(paths.includes(file), `${file} is not packed`);
  assert.deepEqual(
    paths.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('dist/action')),
    [],
  );
  for (const file of ['index.js', 'run.js'])
    assert.doesNotMatch(readFileSync(join(root, 'dist', 'cli', file), 'utf8'), /@actions\/core/);

  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(work, info.filename)], {
    cwd: app,
    stdio: 'pipe',
  });
  const bin = join(app, 'node_modules', '.bin', 'openclaw-audit');
  const example = spawnSync(bin, [join(root, 'examples'), '--root', root, '--json'], { cwd: app, encoding: 'utf8' });
  assert.equal(example.status, 1, example.stderr);
  assert.equal(JSON.parse(example.stdout).config, 'examples/openclaw.json');
  writeFileSync(join(app, 'openclaw.json'), '{ gateway: { bind: "lan" ');
  const malformed = spawnSync(bin, ['openclaw.json'], { cwd: app, encoding: 'utf8' });
  assert.equal(malformed.status, 2);
  assert.match(malformed.stdout, /openclaw\.json:1:\d+ <root>: JSON5 parse failed/);
});
