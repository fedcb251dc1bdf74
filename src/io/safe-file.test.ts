import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsafeWriteError, openForReading, writeFileSafely } from './safe-file.ts';

/** `<tmp>/work` is where we write; `<tmp>/outside/file` is what a planted link points at. */
function sandbox() {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'oca-safe-')));
  after(() => rmSync(top, { recursive: true, force: true }));
  const work = join(top, 'work');
  mkdirSync(work);
  mkdirSync(join(top, 'outside'));
  const outsideFile = join(top, 'outside', 'file');
  writeFileSync(outsideFile, 'precious\n');
  return { top, work, outsideFile, entries: () => readdirSync(work).sort() };
}

test('a write replaces the file through a temporary file, keeps its permission bits and leaves nothing behind', () => {
  const s = sandbox();
  const target = join(s.work, 'report.sarif');
  writeFileSafely(target, 'one');
  assert.equal(readFileSync(target, 'utf8'), 'one');
  chmodSync(target, 0o640);
  const before = statSync(target).ino;
  writeFileSafely(target, 'two');
  assert.equal(readFileSync(target, 'utf8'), 'two');
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.notEqual(statSync(target).ino, before, 'a new file was renamed over the old one');
  assert.deepEqual(s.entries(), ['report.sarif']);
});

test('a symlink at the target is refused and what it points to is left alone', () => {
  const s = sandbox();
  symlinkSync(s.outsideFile, join(s.work, 'report.sarif'));
  assert.throws(
    () => writeFileSafely(join(s.work, 'report.sarif'), 'sarif'),
    (e: Error) => e instanceof UnsafeWriteError && /symbolic link/.test(e.message),
  );
  assert.equal(readFileSync(s.outsideFile, 'utf8'), 'precious\n');
  assert.deepEqual(s.entries(), ['report.sarif'], 'no temporary file left');
});

test('a file with another hard link is refused: its other name may be anywhere', () => {
  const s = sandbox();
  linkSync(s.outsideFile, join(s.work, 'openclaw.json'));
  assert.throws(() => writeFileSafely(join(s.work, 'openclaw.json'), '{}'), /other hard links/);
  assert.equal(readFileSync(s.outsideFile, 'utf8'), 'precious\n');
});

test('within: a folder that resolves outside through a link is refused, and no folder is created out there', () => {
  const s = sandbox();
  symlinkSync(join(s.top, 'outside'), join(s.work, 'reports'));
  assert.throws(
    () => writeFileSafely(join(s.work, 'reports', 'x.sarif'), 'sarif', { within: s.work }),
    /resolves outside/,
  );
  assert.throws(
    () => writeFileSafely(join(s.work, 'reports', 'deep', 'x.sarif'), 'sarif', { within: s.work, createFolders: true }),
    /resolves outside/,
  );
  assert.deepEqual(readdirSync(join(s.top, 'outside')), ['file']);
  // Folders inside are created as needed.
  writeFileSafely(join(s.work, 'a', 'b', 'x.sarif'), 'sarif', { within: s.work, createFolders: true });
  assert.equal(readFileSync(join(s.work, 'a', 'b', 'x.sarif'), 'utf8'), 'sarif');
});

test('without createFolders a missing folder is an error, not created', () => {
  const s = sandbox();
  assert.throws(() => writeFileSafely(join(s.work, 'out', 'x.json'), '{}'), /no such folder/);
  assert.deepEqual(s.entries(), []);
});

test('expect: a file that changed since it was read is not overwritten', () => {
  const s = sandbox();
  const target = join(s.work, 'openclaw.json');
  writeFileSync(target, 'as read');
  writeFileSync(target, 'edited meanwhile');
  assert.throws(() => writeFileSafely(target, 'fixed', { expect: 'as read' }), /changed after it was read/);
  assert.equal(readFileSync(target, 'utf8'), 'edited meanwhile');
  writeFileSafely(target, 'fixed', { expect: 'edited meanwhile' });
  assert.equal(readFileSync(target, 'utf8'), 'fixed');
  rmSync(target);
  assert.throws(() => writeFileSafely(target, 'fixed', { expect: 'fixed' }), /removed/);
  assert.ok(!existsSync(target));
});

test('openForReading: a FIFO opens at once and says it is not a regular file', () => {
  const s = sandbox();
  const fifo = join(s.work, 'openclaw.json');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this system
  const opened = openForReading(fifo);
  try {
    assert.equal(opened.info().kind, 'other');
  } finally {
    opened.close();
  }
});

test('openForReading: a folder swapped after the open makes realpath() undefined; reads come from what was opened', () => {
  const s = sandbox();
  mkdirSync(join(s.work, 'conf'));
  writeFileSync(join(s.work, 'conf', 'part.json5'), 'inside');
  writeFileSync(join(s.top, 'outside', 'part.json5'), 'outside');
  const opened = openForReading(join(s.work, 'conf', 'part.json5'));
  try {
    assert.equal(opened.realpath(), join(s.work, 'conf', 'part.json5'));
    renameSync(join(s.work, 'conf'), join(s.work, 'conf.real'));
    symlinkSync(join(s.top, 'outside'), join(s.work, 'conf'));
    assert.equal(opened.realpath(), undefined);
    assert.equal(Buffer.from(opened.read(100)).toString(), 'inside');
  } finally {
    opened.close();
  }
  const limited = openForReading(join(s.work, 'conf.real', 'part.json5'));
  assert.equal(limited.read(3).length, 4, 'one byte past the limit tells the caller it was exceeded');
  limited.close();
});
