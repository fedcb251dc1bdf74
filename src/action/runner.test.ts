import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileCommand, runnerCore } from './runner.ts';

test('runner commands: masks once per line, heredoc outputs, summary append, setFailed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oca-runner-'));
  const env = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'sum') };
  writeFileSync(env.GITHUB_OUTPUT, '');
  let out = '';
  let code = 0;
  const core = runnerCore(env, (t) => (out += t), (c) => (code = c));
  core.setSecret('abc%def');
  core.setSecret('line1\nline2');
  core.setOutput('critical', '3');
  await core.appendSummary('# hi');
  core.setFailed('bad\nthing');
  assert.equal(out, '::add-mask::abc%25def\n::add-mask::line1%0Aline2\n::add-mask::line1\n::add-mask::line2\n::error::bad%0Athing\n');
  assert.equal(code, 1);
  assert.match(readFileSync(env.GITHUB_OUTPUT, 'utf8'), /^critical<<(ghadelimiter_[0-9a-f-]+)\n3\n\1\n$/);
  assert.equal(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), '# hi\n');
  assert.ok(!fileCommand('x', 'v').includes('\nv\nv'));
});
