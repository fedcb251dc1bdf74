/** The pre-commit hook (.pre-commit-hooks.yaml) runs when a config or one of its $include files is staged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from './robustness/harness.ts';

const ROOT = join(import.meta.dirname, '..');
const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
  id: string;
  entry: string;
  files: string;
  pass_filenames: boolean;
  args?: string[];
}>;

test('the hook is selected when only an $include file changes, and not for other files', () => {
  assert.equal(hook!.id, 'openclaw-audit');
  const files = new RegExp(hook!.files); // pre-commit uses Python's re; this pattern means the same in both
  for (const staged of [
    'examples/openclaw.json',
    'examples/gateway/auth.json5',
    'deploy/openclaw.jsonc',
    'channels.json',
  ])
    assert.match(staged, files, staged);
  for (const staged of ['README.md', 'src/cli/main.ts', 'openclaw.json.bak'])
    assert.doesNotMatch(staged, files, staged);
});

test('run as pre-commit runs it (entry and args, no file names, from the repository root), it audits the config that includes the change', () => {
  assert.equal(
    hook!.pass_filenames,
    false,
    'an $include file passed as a path would be audited as a config of its own',
  );
  assert.equal(hook!.entry, 'openclaw-audit');
  const repo = mkdtempSync(join(tmpdir(), 'oca-hook-'));
  cpSync(join(ROOT, 'examples'), join(repo, 'examples'), { recursive: true });
  const result = runCli([...(hook!.args ?? []), '--json'], repo);
  assert.equal(result.code, 1, 'critical findings fail the commit');
  const report = JSON.parse(result.stdout) as { config: string; findings: { location?: { file: string } }[] };
  assert.equal(report.config, 'examples/openclaw.json');
  assert.ok(
    report.findings.some((f) => f.location?.file === 'examples/gateway/auth.json5'),
    'findings in the included file are reported',
  );
});
