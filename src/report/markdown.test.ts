import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditOutcome } from '../core/types.ts';
import { renderMarkdown, ruleDocsUrl } from './markdown.ts';
import { mdText } from './markdown-escape.ts';
import { renderFormat } from './formats.ts';

const ok = (over: Partial<Extract<AuditOutcome, { ok: true }>> = {}): AuditOutcome => ({
  ok: true,
  config: 'openclaw.json',
  summary: { critical: 0, warn: 0, info: 0 },
  findings: [],
  suppressedFindings: [],
  secretDiagnostics: [],
  schemaWarnings: [],
  files: ['openclaw.json'],
  secrets: { values: [], spans: [] },
  ...over,
});

const finding = {
  checkId: 'gateway.bind_no_auth',
  severity: 'critical' as const,
  title: 'Gateway binds beyond loopback without auth',
  detail: 'bind="lan" | no <b>auth</b> @team [x](http://evil)',
  location: { file: 'conf/open claw.json', line: 3, column: 5, endLine: 4, endColumn: 2, path: 'gateway.bind' },
};

test('escapes HTML, links, tables and mentions', () => {
  assert.equal(mdText('a|b <i> @x [l](u) *e*\nz'), 'a\\|b &lt;i&gt; @&#8203;x \\[l\\]\\(u\\) \\*e\\*<br>z');
});

test('clean run: one line', () => {
  assert.equal(renderMarkdown([ok()]), '### ✅ openclaw-audit\n\nNo active finding in 1 config.\n');
});

test('findings table with links to lines and rule docs, suppressed collapsed', () => {
  const md = renderMarkdown(
    [
      ok({
        summary: { critical: 1, warn: 0, info: 0 },
        findings: [finding],
        suppressedFindings: [{ ...finding, checkId: 'hooks.x', severity: 'warn', title: 'T', detail: 'D', suppression: { reason: 'accepted: lab only' } }],
      }),
    ],
    { blobBaseUrl: 'https://github.com/o/r/blob/abc/', docsBaseUri: 'https://d/checks/', marker: 'openclaw-audit:sticky' },
  );
  assert.equal(
    md,
    [
      '<!-- openclaw-audit:sticky -->',
      '### ❌ openclaw-audit',
      '',
      '**1** critical · **0** warn · **0** info · 1 suppressed in 1 config.',
      '',
      '#### openclaw.json: 1 critical · 0 warn · 0 info',
      '',
      '| Severity | Check | Finding | Location |',
      '|---|---|---|---|',
      '| 🔴 critical | [gateway.bind\\_no\\_auth](https://d/checks/gateway.bind_no_auth.md) | **Gateway binds beyond loopback without auth**<br>bind="lan" \\| no &lt;b&gt;auth&lt;/b&gt; @&#8203;team \\[x\\]\\(http:&#8203;//evil\\) | [conf/open claw.json:3:5](https://github.com/o/r/blob/abc/conf/open%20claw.json#L3-L4) |',
      '',
      '<details><summary>1 suppressed by <code>security.audit.suppressions</code></summary>',
      '',
      '| Severity | Check | Title | Location | Reason |',
      '|---|---|---|---|---|',
      '| warn | [hooks.x](https://d/checks/hooks.x.md) | T | [conf/open claw.json:3:5](https://github.com/o/r/blob/abc/conf/open%20claw.json#L3-L4) | accepted: lab only |',
      '',
      '</details>',
      '',
    ].join('\n'),
  );
});

test('rejected configs list their issues at their location', () => {
  const md = renderMarkdown([
    { ok: false, config: 'openclaw.json', files: [], secrets: { values: [], spans: [] }, issues: [{ path: 'gateway.bind', message: 'Invalid input', allowedValues: ['auto', 'lan'], hint: 'use "lan"', location: { file: 'openclaw.json', line: 1, column: 14, endLine: 1, endColumn: 16, path: 'gateway.bind' } }] },
  ]);
  assert.match(md, /#### ❌ openclaw.json: rejected by openclaw/);
  assert.match(md, /- openclaw.json:1:14 `gateway.bind`: Invalid input \(allowed: "auto", "lan"\) — use "lan"/);
  assert.match(md, /\*\*1\*\* rejected config/);
});

test('baseline: new only, resolved listed', () => {
  const md = renderMarkdown([ok({ summary: { critical: 1, warn: 0, info: 0 }, findings: [finding] })], { baseline: { base: 'main @ abc1234', unchanged: 2, resolved: [{ config: 'openclaw.json', finding: { ...finding, checkId: 'old.one', title: 'Old' } }] } });
  assert.match(md, /Only findings this change introduces \(compared with main @ abc1234\): \*\*1\*\* critical .*; 2 unchanged, 1 resolved\./);
  assert.match(md, /<details><summary>1 resolved by this change<\/summary>/);
  assert.match(md, /\| critical \| old.one \| Old \| conf\/open claw.json:3 \|/);
});

test('stays under maxLength by dropping rows, and says so', () => {
  const findings = Array.from({ length: 400 }, (_, i) => ({ ...finding, detail: `detail ${i} `.repeat(20) }));
  const md = renderMarkdown([ok({ summary: { critical: 400, warn: 0, info: 0 }, findings })], { maxLength: 20_000 });
  assert.ok(md.length <= 20_000, String(md.length));
  assert.match(md, /_\d+ more rows left out to fit GitHub's size limit/);
  assert.match(md, /\| Severity \| Check \| Finding \| Location \|/);
});

test('rule docs for templated ids use the template page; --format markdown works', () => {
  assert.equal(ruleDocsUrl('https://d/', 'some.unknown id'), 'https://d/some.unknown%20id.md');
  assert.equal(renderFormat('markdown', [ok()], { version: '0' }), renderMarkdown([ok()]));
});
