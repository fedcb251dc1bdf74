import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyInlineIgnores, parseIgnoreText, readInlineIgnores } from '../../src/core/inline-ignores.ts';
import { REPO_ROOT, runCli } from '../robustness/harness.ts';
import { examplesRepo } from '../helpers/examples.ts';

const EXAMPLE = readFileSync(join(REPO_ROOT, 'examples', 'openclaw.json'), 'utf8');
const AUTH = readFileSync(join(REPO_ROOT, 'examples', 'gateway', 'auth.json5'), 'utf8');

/** The example config with `insert` put on a new line before the line that contains `before`. */
function withLine(text: string, before: string, insert: string): string {
  return text.replace(before, `${insert}\n${before}`);
}

type Report = {
  summary: Record<string, number>;
  findings: Array<{ checkId: string }>;
  suppressedFindings?: Array<{ checkId: string; suppression: Record<string, any> }>;
  ignoreWarnings?: Array<{ message: string; location: { file: string; line: number } }>;
};
const report = (dir: string, argv: string[] = []) =>
  JSON.parse(runCli(['--json', '--fail-on', 'none', ...argv], dir).stdout) as Report;

test('an ignore comment on the line above accepts the finding: suppressed with its reason, in every report, not gated', () => {
  const cold = report(examplesRepo());
  const dir = examplesRepo({
    'openclaw.json': withLine(
      EXAMPLE,
      '    path: "/",',
      '    // openclaw-audit: ignore[hooks.path_root] webhooks are only reachable on the internal network, until 2027-03-01',
    ),
  });
  const r = report(dir);
  assert.ok(!r.findings.some((f) => f.checkId === 'hooks.path_root'));
  assert.equal(r.summary.critical, cold.summary.critical - 1);
  const ignored = r.suppressedFindings!.find((f) => f.checkId === 'hooks.path_root')!;
  assert.equal(ignored.suppression.reason, 'webhooks are only reachable on the internal network');
  assert.equal(ignored.suppression.inline.until, '2027-03-01');
  assert.deepEqual(
    [ignored.suppression.inline.location.file, ignored.suppression.inline.location.line],
    ['openclaw.json', 14],
  );
  assert.equal(r.ignoreWarnings, undefined);

  const sarif = JSON.parse(runCli(['--format', 'sarif'], dir).stdout);
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'hooks.path_root');
  assert.deepEqual(result.suppressions[0].kind, 'inSource');
  assert.equal(result.suppressions[0].justification, 'webhooks are only reachable on the internal network');
  assert.equal(result.suppressions[0].location.physicalLocation.region.startLine, 14);
  assert.match(
    runCli([], dir).stdout,
    /SUPPRESSED\n.*hooks\.path_root .* — webhooks are only reachable on the internal network \(inline ignore until 2027-03-01\)/,
  );
  assert.match(runCli(['--format', 'markdown'], dir).stdout, /webhooks are only reachable on the internal network/);
});

test('a trailing comment applies to its own line, in an $include file too; several checkIds in one comment', () => {
  const dir = examplesRepo({
    'openclaw.json': EXAMPLE.replace(
      'allowedOrigins: ["*"],',
      'allowedOrigins: ["*"], // openclaw-audit: ignore[gateway.control_ui.allowed_origins_wildcard, hooks.path_root] local testing only',
    ),
    'gateway/auth.json5': AUTH.replace(
      'token: "short-token",',
      'token: "short-token", /* openclaw-audit: ignore[gateway.token_too_short] rotated by the vault agent */',
    ),
  });
  const r = report(dir);
  const ids = r.suppressedFindings!.map((f) => f.checkId).sort();
  assert.deepEqual(ids, ['gateway.control_ui.allowed_origins_wildcard', 'gateway.token_too_short']);
  assert.ok(
    r.findings.some((f) => f.checkId === 'hooks.path_root'),
    'the comment is not on the hooks.path line',
  );
});

test('no reason, an expired date, a wrong checkId or a comment inside a string: the finding stays, with a warning at the comment', () => {
  const dir = examplesRepo({
    'openclaw.json': withLine(
      withLine(
        EXAMPLE.replace(
          'allowedOrigins: ["*"],',
          'allowedOrigins: ["*", "// openclaw-audit: ignore[gateway.control_ui.allowed_origins_wildcard] a string, not a comment"],',
        ),
        '    path: "/",',
        '    // openclaw-audit: ignore[hooks.path_root]',
      ),
      '  discovery:',
      '  // openclaw-audit: ignore[discovery.mdns_full_mode] lab network, until 1969-12-31',
    ),
    'gateway/auth.json5': withLine(
      AUTH,
      '    token:',
      '    // openclaw-audit: ignore[gateway.bind_no_auth] wrong check on this line',
    ),
  });
  const run = runCli(['--json', '--fail-on', 'none'], dir);
  const r = JSON.parse(run.stdout) as Report;
  for (const id of [
    'hooks.path_root',
    'discovery.mdns_full_mode',
    'gateway.control_ui.allowed_origins_wildcard',
    'gateway.token_too_short',
  ]) {
    assert.ok(
      r.findings.some((f) => f.checkId === id),
      `${id} is still reported`,
    );
  }
  assert.equal(r.suppressedFindings, undefined);
  const warnings = r.ignoreWarnings!.map((w) => `${w.location.file}:${w.location.line} ${w.message}`);
  assert.deepEqual(warnings, [
    'gateway/auth.json5:5 ignore of gateway.bind_no_auth matches no finding on line 6',
    'openclaw.json:14 ignored comment: a reason is required: ignore[checkId] why this risk is accepted',
    'openclaw.json:18 ignore of discovery.mdns_full_mode expired on 1969-12-31: the finding is reported again',
  ]);
  assert.match(
    run.stderr,
    /^openclaw-audit: warning: gateway\/auth\.json5:5:5: ignore of gateway\.bind_no_auth matches no finding/m,
  );
  assert.match(runCli([], dir).stdout, /warning openclaw\.json:18:3 ignore of discovery\.mdns_full_mode expired/);
});

test('the ignore grammar: checkIds, reason, optional until; anything else is not an ignore or a clear warning', () => {
  assert.equal(parseIgnoreText(' a plain comment'), undefined);
  assert.deepEqual(parseIgnoreText(' openclaw-audit: ignore[a.b] why, until 2027-03-01'), {
    ok: true,
    checkIds: ['a.b'],
    reason: 'why',
    until: '2027-03-01',
  });
  assert.deepEqual(parseIgnoreText(' openclaw-audit: ignore[a.b,c.d] runs until the migration ends'), {
    ok: true,
    checkIds: ['a.b', 'c.d'],
    reason: 'runs until the migration ends',
  });
  assert.match(
    (parseIgnoreText('openclaw-audit: ignore[a.b] why, until 2027-02-30') as { message: string }).message,
    /not a date/,
  );
  assert.match((parseIgnoreText('openclaw-audit: ignore[a.b') as { message: string }).message, /no closing/);
  assert.match(
    (parseIgnoreText('openclaw-audit: skip[a.b] x') as { message: string }).message,
    /expected openclaw-audit: ignore\[checkId\] reason/,
  );
  // Hostile: a huge comment is skipped, and a long run of brackets or spaces is read in one pass.
  const huge = `{ a: 1 // openclaw-audit: ignore[x] ${'y'.repeat(100_000)}\n}`;
  assert.deepEqual(readInlineIgnores(huge, 'f.json'), { ignores: [], warnings: [] });
  const odd = readInlineIgnores(`{ a: 1 /* openclaw-audit: ignore[${'['.repeat(3000)}] r */ }`, 'f.json');
  assert.equal(odd.warnings.length, 1);
  const expired = applyInlineIgnores(
    [
      {
        checkId: 'a.b',
        severity: 'warn',
        title: 't',
        detail: 'd',
        location: { file: 'f.json', line: 2, column: 1, endLine: 2, endColumn: 2, path: 'a' },
      },
    ],
    readInlineIgnores('{\n  a: 1, // openclaw-audit: ignore[a.b] r, until 2027-03-01\n}', 'f.json').ignores,
    '2027-03-02',
  );
  assert.equal(expired.active.length, 1);
  assert.match(expired.warnings[0]!.message, /expired on 2027-03-01/);
});
