/** The built CLI (dist/cli/index.js) as a shell runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');

test(
  "a reader that stops early (| head) ends the CLI quietly with the audit's exit code",
  { skip: !existsSync(CLI) || process.platform === 'win32' },
  () => {
    // The SARIF log of examples/ (~230 kB) is far larger than a pipe's buffer, so the CLI is still writing when head exits.
    const script = `node ${JSON.stringify(CLI)} --format sarif examples | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trim(), 'exit=1');
  },
);

test(
  'a damaged install (the schema data missing) fails in one line with exit code 2, not a stack trace',
  { skip: !existsSync(CLI) },
  () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'oca-broken-')), 'cli');
    cpSync(join(ROOT, 'dist', 'cli'), copy, { recursive: true });
    rmSync(join(copy, 'openclaw-schema.jsonl'));
    const run = spawnSync(process.execPath, [join(copy, 'index.js'), 'examples'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /^openclaw-audit: cannot start \(ENOENT: [^\n]*openclaw-schema\.jsonl'\); reinstall the package\n$/,
    );
  },
);
