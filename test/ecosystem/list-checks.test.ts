import { DOCS_BASE_URI } from '../../src/report/formats.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { RULES } from '../../src/core/checks/registry.ts';
import { docsFileName } from '../../src/report/docs.ts';
import { REPO_ROOT, runCli } from '../robustness/harness.ts';
import { existsSync } from 'node:fs';

const cwd = mkdtempSync(join(tmpdir(), 'oca-list-'));

test('--list-checks --json lists every rule of the registry with severity, title and a docs page that exists', () => {
  const run = runCli(['--list-checks', '--json'], cwd);
  assert.equal(run.code, 0);
  const { checks } = JSON.parse(run.stdout) as { checks: Array<Record<string, unknown>> };
  assert.deepEqual(
    checks.map((c) => [c.checkId, c.severity, c.severities, c.title, c.family]),
    RULES.map((r) => [r.id, r.severity, r.severities, r.title, r.family]),
  );
  for (const check of checks) {
    const docs = String(check.docs);
    assert.ok(docs.startsWith(DOCS_BASE_URI), docs);
    assert.ok(existsSync(join(REPO_ROOT, 'docs', 'checks', decodeURI(docs.split('/').pop()!))), docs);
  }
  assert.deepEqual(runCli(['--list-checks', '--format', 'json'], cwd).stdout, run.stdout);
});

test('--list-checks prints one line per check in text, and a GFM table in Markdown', () => {
  const text = runCli(['--list-checks'], cwd);
  assert.equal(text.code, 0);
  const lines = text.stdout.trimEnd().split('\n');
  assert.equal(lines.length, RULES.length);
  const bind = lines.find((l) => l.startsWith('gateway.bind_no_auth '))!;
  assert.match(
    bind,
    /^gateway\.bind_no_auth +critical +Gateway binds beyond loopback without auth +https:\S+\/gateway\.bind_no_auth\.md$/,
  );
  assert.match(
    lines.find((l) => l.startsWith('gateway.http.no_auth '))!,
    / warn\/critical /,
  );

  const md = runCli(['--list-checks', '--format', 'markdown'], cwd);
  assert.equal(md.code, 0);
  const html = marked.parse(md.stdout, { async: false, gfm: true });
  const rows = [
    ...html.matchAll(
      /<tr>\s*<td><a href="([^"]+)"><code>([^<]*(?:&lt;[^<]*)*)<\/code><\/a><\/td>\s*<td>([^<]+)<\/td>\s*<td>([^<]*)<\/td>/g,
    ),
  ];
  assert.equal(rows.length, RULES.length);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  rows.forEach((row, i) => {
    const rule = RULES[i]!;
    assert.equal(unescape(row[2]!), rule.id);
    assert.ok(row[1]!.endsWith('/' + encodeURI(docsFileName(rule.id))), row[1]);
    assert.equal(row[3], rule.severities.join('/'));
    assert.equal(unescape(row[4]!), rule.title);
  });
});

test('--list-checks refuses a format it cannot print', () => {
  const run = runCli(['--list-checks', '--format', 'sarif'], cwd);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^openclaw-audit: --list-checks prints text, json, markdown/);
});
