import { NO_SECRETS } from '../core/redact.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditOutcome } from '../core/types.ts';
import { renderMarkdown, ruleDocsUrl } from './markdown.ts';
import { mdText } from './markdown-escape.ts';
import { renderFormat } from './formats.ts';
import { renderGfm, tableRows } from '../../test/helpers/gfm.ts';
import type { Finding, Severity } from '../core/types.ts';

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
        suppressedFindings: [
          {
            ...finding,
            checkId: 'hooks.x',
            severity: 'warn',
            title: 'T',
            detail: 'D',
            suppression: { reason: 'accepted: lab only' },
          },
        ],
      }),
    ],
    {
      blobBaseUrl: 'https://github.com/o/r/blob/abc/',
      docsBaseUri: 'https://d/checks/',
      marker: 'openclaw-audit:sticky',
    },
  );
  assert.equal(
    md,
    [
      '<!-- openclaw-audit:sticky -->',
      '### ❌ openclaw-audit',
      '',
      '**1** critical · **0** warn · **0** info · 1 suppressed in 1 config.',
      '',
      '<details open><summary><b>openclaw.json</b>: 1 critical · 0 warn · 0 info</summary>',
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
      '</details>',
      '',
    ].join('\n'),
  );
});

test('rejected configs list their issues at their location', () => {
  const md = renderMarkdown([
    {
      ok: false,
      config: 'openclaw.json',
      files: [],
      secrets: { values: [], spans: [] },
      issues: [
        {
          path: 'gateway.bind',
          message: 'Invalid input',
          allowedValues: ['auto', 'lan'],
          hint: 'use "lan"',
          location: { file: 'openclaw.json', line: 1, column: 14, endLine: 1, endColumn: 16, path: 'gateway.bind' },
        },
      ],
    },
  ]);
  assert.match(md, /#### ❌ openclaw.json: rejected by openclaw/);
  assert.match(md, /- openclaw.json:1:14 `gateway.bind`: Invalid input \(allowed: "auto", "lan"\) — use "lan"/);
  assert.match(md, /\*\*1\*\* rejected config/);
});

test('baseline: new only, resolved listed', () => {
  const md = renderMarkdown([ok({ summary: { critical: 1, warn: 0, info: 0 }, findings: [finding] })], {
    baseline: {
      base: 'main @ abc1234',
      unchanged: 2,
      resolved: [{ config: 'openclaw.json', finding: { ...finding, checkId: 'old.one', title: 'Old' } }],
    },
  });
  assert.match(
    md,
    /Only findings this change introduces \(compared with main @ abc1234\): \*\*1\*\* critical .*; 2 unchanged, 1 resolved\./,
  );
  assert.match(md, /<details><summary>1 resolved by this change<\/summary>/);
  assert.match(md, /\| critical \| old.one \| Old \| conf\/open claw.json:3 \|/);
});

test('stays under maxLength by dropping rows, and says so', () => {
  const findings = Array.from({ length: 400 }, (_, i) => ({ ...finding, detail: `detail ${i} `.repeat(20) }));
  const md = renderMarkdown([ok({ summary: { critical: 400, warn: 0, info: 0 }, findings })], { maxLength: 20_000 });
  assert.ok(md.length <= 20_000, String(md.length));
  assert.match(
    md,
    /_Left out to fit GitHub's size limit: \d+ critical; the job summary, the SARIF and JSON reports have everything\._/,
  );
  assert.match(md, /\| Severity \| Check \| Finding \| Location \|/);
});

test('rule docs for templated ids use the template page; --format markdown works', () => {
  assert.equal(ruleDocsUrl('https://d/', 'some.unknown id'), 'https://d/some.unknown%20id.md');
  assert.equal(renderFormat('markdown', [ok()], { version: '0' }), renderMarkdown([ok()]));
});

/** Seventeen configs, as in the issue: a rejected one listed last, one critical among many info rows. */
function seventeen(): AuditOutcome[] {
  const f = (severity: Severity, i: number, c: number): Finding => ({
    checkId: `x.${severity}_${i}`,
    severity,
    title: `${severity} ${i} of config ${c}`,
    detail: 'why it matters, at some length '.repeat(12),
    location: { file: `app${c}/openclaw.json`, line: i + 1, column: 3, endLine: i + 1, endColumn: 9, path: `p.${i}` },
  });
  const configs: AuditOutcome[] = Array.from({ length: 16 }, (_, c) => {
    const findings = [
      ...Array.from({ length: 20 }, (_, i) => f('info', i, c)),
      ...(c === 12 ? [f('critical', 99, c)] : []),
      ...(c % 4 === 0 ? [f('warn', 50, c)] : []),
    ];
    const summary = { critical: 0, warn: 0, info: 0 };
    for (const x of findings) summary[x.severity]++;
    return ok({ config: `app${c}/openclaw.json`, findings, summary });
  });
  configs.push({
    ok: false,
    config: 'bad/openclaw.json',
    files: [],
    secrets: NO_SECRETS,
    issues: [
      {
        path: 'gateway.bind',
        message: 'Invalid input',
        location: { file: 'bad/openclaw.json', line: 2, column: 9, endLine: 2, endColumn: 11, path: 'gateway.bind' },
      },
    ],
  });
  return configs;
}

test('a comment over the limit: rejected configs first, worst configs next, info rows dropped before any critical, and counted', () => {
  const md = renderMarkdown(seventeen(), { marker: 'openclaw-audit:sticky', maxLength: 64_512 });
  assert.ok(md.length <= 64_512, String(md.length));
  const html = renderGfm(md);
  // The rejected config comes before every section, then the config with the critical.
  assert.ok(html.indexOf('bad/openclaw.json: rejected by openclaw') < html.indexOf('<details'));
  assert.match(html, /^<details open><summary><b>app12\/openclaw.json<\/b>: 1 critical · 1 warn · 20 info<\/summary>/m);
  assert.ok(html.indexOf('app12/openclaw.json</b>') < html.indexOf('app0/openclaw.json</b>'));
  const rows = tableRows(html);
  assert.equal(rows.filter((r) => r.startsWith('🔴 critical')).length, 1);
  assert.equal(rows.filter((r) => r.startsWith('🟠 warn')).length, 4);
  const info = rows.filter((r) => r.startsWith('🔵 info')).length;
  assert.ok(info > 0 && info < 320, String(info));
  assert.match(
    md,
    new RegExp(
      `_Left out to fit GitHub's size limit: ${320 - info} info; the job summary, the SARIF and JSON reports have everything\\._`,
    ),
  );
  // Every section is closed, and sections whose rows all went keep no empty table.
  assert.equal((html.match(/<details/g) ?? []).length, (html.match(/<\/details>/g) ?? []).length);
  assert.equal((html.match(/<table>/g) ?? []).length, (html.match(/<tbody>/g) ?? []).length);
});

test('when even criticals do not fit, warn rows go first and the note counts both', () => {
  const findings = [
    ...Array.from({ length: 50 }, (_, i) => ({ ...finding, severity: 'warn' as const, detail: `w${i} `.repeat(40) })),
    ...Array.from({ length: 50 }, (_, i) => ({ ...finding, detail: `c${i} `.repeat(40) })),
  ];
  const md = renderMarkdown([ok({ summary: { critical: 50, warn: 50, info: 0 }, findings })], { maxLength: 12_000 });
  const rows = tableRows(renderGfm(md));
  assert.equal(rows.filter((r) => r.startsWith('🟠 warn')).length, 0);
  const kept = rows.filter((r) => r.startsWith('🔴 critical')).length;
  assert.ok(kept > 0 && kept < 50);
  assert.match(md, new RegExp(`Left out to fit GitHub's size limit: ${50 - kept} critical, 50 warn;`));
});

test('unresolved references are shown beside the findings they explain', () => {
  const notes = [
    'security audit: failed to resolve gateway.auth.token locally (Environment variable "GATEWAY_TOKEN" is missing or empty.).',
  ];
  const md = renderMarkdown([
    ok({ summary: { critical: 1, warn: 0, info: 0 }, findings: [finding], secretDiagnostics: notes }),
  ]);
  const html = renderGfm(md);
  const quote = html.indexOf('<blockquote>');
  assert.ok(quote > html.indexOf('<details open>') && quote < html.indexOf('<table>'), html);
  assert.match(
    html,
    /<li>security audit: failed to resolve gateway\.auth\.token locally \(Environment variable &quot;GATEWAY_TOKEN&quot; is missing or empty\.\)\.<\/li>/,
  );
});

test('only-new: a config whose findings are all on the base says so, with the count', () => {
  const md = renderMarkdown(
    [
      ok({ config: 'deploy/prod/openclaw.json' }),
      ok({
        config: 'dev/openclaw.json',
        summary: { critical: 0, warn: 1, info: 0 },
        findings: [{ ...finding, severity: 'warn' }],
      }),
    ],
    {
      baseline: {
        base: 'main @ abc1234',
        unchanged: 1,
        unchangedByConfig: { 'deploy/prod/openclaw.json': 1 },
        resolved: [],
      },
    },
  );
  assert.match(md, /#### ✅ deploy\/prod\/openclaw.json: no new finding \(1 unchanged\)/);
  assert.match(md, /<summary><b>dev\/openclaw.json<\/b>: 0 critical · 1 warn · 0 info new<\/summary>/);
});

test('a config name in a section summary is HTML-escaped and mentions are broken', () => {
  const html = renderGfm(
    renderMarkdown([
      ok({ config: '<img src=x>@team/openclaw.json', summary: { critical: 1, warn: 0, info: 0 }, findings: [finding] }),
    ]),
  );
  assert.match(html, /<summary><b>&lt;img src=x&gt;@&#8203;team\/openclaw.json<\/b>/);
  assert.ok(!html.includes('<img'));
});

test("a rejected config's upgrade readiness: doctor's lines, config keys escaped, the audit after labelled; info rows of other configs go first to fit", () => {
  const rejected: AuditOutcome = {
    ok: false,
    config: 'team/openclaw.json',
    files: ['team/openclaw.json'],
    issues: [{ path: 'gateway.nodes', message: 'Unrecognized key: "denyCommands"' }],
    secrets: NO_SECRETS,
  };
  const after = ok({
    config: 'team/openclaw.json',
    summary: { critical: 1, warn: 0, info: 0 },
    findings: [{ ...finding, location: { ...finding.location, file: 'team/openclaw.json' } }],
  });
  const migration = {
    issues: [{ path: 'gateway.nodes', message: 'Unrecognized key: "denyCommands"', fate: 'migrated' as const }],
    migrations: [
      'Moved gateway.nodes.denyCommands → gateway.nodes.commands.deny.',
      'Moved <b>x</b> → [y](http://evil)',
    ],
    dropped: ['tools.`evil`'],
    repairs: [],
    pending: [
      'channels.slack: Plugin "slack" channel settings cannot be checked until its data/settings upgrade finishes.',
    ],
    remaining: [],
    errors: [],
    files: ['team/openclaw.json'],
    after,
  };
  const noisy = ok({
    config: 'noisy/openclaw.json',
    summary: { critical: 0, warn: 0, info: 300 },
    findings: Array.from({ length: 300 }, (_, i) => ({ ...finding, severity: 'info' as const, checkId: `i.n${i}` })),
  });
  const migrations = new Map([['team/openclaw.json', migration]]);
  const html = renderGfm(renderMarkdown([noisy, rejected], { migrations }));
  assert.match(
    html,
    /<details><summary><b>Upgrade readiness<\/b>: <code>openclaw doctor --fix<\/code> would make 3 changes; <code>npx openclaw-audit --fix=migrate<\/code> makes them in place/,
  );
  assert.match(html, /<li>migrate: Moved gateway\.nodes\.denyCommands → gateway\.nodes\.commands\.deny\.<\/li>/);
  assert.match(
    html,
    /<code>gateway\.nodes<\/code>: Unrecognized key: &quot;denyCommands&quot; → <em><code>openclaw doctor --fix<\/code> migrates this<\/em><\/li>/,
  );
  assert.match(html, /<li>migrate: Moved &lt;b&gt;x&lt;\/b&gt; → \[y\]\(http:\u200b\/\/evil\)<\/li>/);
  assert.match(html, /<li>drop: <code>tools.`evil`<\/code> \(unknown key\)<\/li>/);
  assert.match(html, /<li>pending: channels\.slack: Plugin &quot;slack&quot; channel settings cannot be checked/);
  assert.doesNotMatch(html, /<a href="http:\/\/evil/);
  assert.match(
    html,
    /<strong>After the migration<\/strong> \(not the config as committed\): 1 critical · 0 warn · 0 info/,
  );
  assert.ok(tableRows(html).includes('🔴 critical|gateway.bind_no_auth|Gateway binds beyond loopback without auth'));

  // Too long for a PR comment: the noisy config's info rows go, the rejected config's readiness stays.
  const short = renderMarkdown([noisy, rejected], { migrations, maxLength: 8000 });
  assert.ok(short.length <= 8000);
  assert.match(short, /- migrate: Moved gateway\.nodes\.denyCommands/);
  assert.match(short, /_Left out to fit GitHub's size limit: \d+ info;/);
  assert.doesNotMatch(short, /upgrade-readiness row/);
});
