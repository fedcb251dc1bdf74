import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RULES } from '../src/core/checks/registry.ts';
import { docsFileName } from '../src/report/docs.ts';

test('every rule has exactly one generated docs page, and docs/checks is up to date', () => {
  const names = RULES.map((r) => docsFileName(r.id));
  assert.equal(new Set(names).size, names.length, 'two rules share a docs page');
  const root = join(import.meta.dirname, '..');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-docs.ts'), '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
});

test('rule ids are unique and every rule has a title, help, a remediation and a known severity', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.ok(rule.title.length > 0 && rule.help.length > 0, rule.id);
    assert.ok(
      rule.remediation && !/prints no remediation/.test(rule.remediation),
      `${rule.id}: the docs page's "How to fix"`,
    );
    assert.ok(rule.severities.includes(rule.severity), rule.id);
  }
});
