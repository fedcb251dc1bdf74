/** Small things a new user meets on the first runs: typos in flags, order, colour, --output, suppressions, --lenient. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { autoColor } from '../../src/cli/color.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { nodeHost } from '../../src/io/node-host.ts';
import type { Finding } from '../../src/core/types.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { auditText } from '../helpers/memory-host.ts';
import { runCli } from '../robustness/harness.ts';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-everyday-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The CLI as a terminal would run it: `colorAllowed` is what `--color auto` found (a TTY, FORCE_COLOR, NO_COLOR). */
function runOnTerminal(argv: string[], cwd: string, colorAllowed: boolean): { code: number; stdout: string } {
  let stdout = '';
  const io: CliIo = {
    host: nodeHost,
    cwd,
    stdout: (t) => (stdout += t),
    stderr: () => {},
    writeFile: () => {},
    colorAllowed,
    now: () => 0,
    version: 'test',
  };
  return { code: main(argv, io), stdout };
}

test('an unknown option says which one was meant, with balanced quotes, in one line', () => {
  const dir = repo({ 'openclaw.json': '{}' });
  for (const [typo, meant] of [
    ['--formt', '--format'],
    ['--fial-on', '--fail-on'],
    ['--no-colour', '--no-color'],
    ['--omit', '--omit-suppressed'],
    ['--jsno', '--json'],
  ]) {
    const result = runCli([typo!, 'sarif'], dir);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `openclaw-audit: unknown option ${typo} (did you mean ${meant}?)\nRun openclaw-audit --help for usage.\n`,
    );
  }
  const far = runCli(['-x'], dir);
  assert.equal(far.code, 2);
  const first = far.stderr.split('\n')[0]!;
  assert.doesNotMatch(first, /did you mean/);
  assert.equal((first.match(/"/g) ?? []).length % 2, 0, `balanced double quotes: ${first}`);
  assert.equal((first.match(/'/g) ?? []).length % 2, 0, `balanced single quotes: ${first}`);
  assert.match(first, /openclaw-audit -- -x\)$/);
});

test('within a severity, findings are listed by file and line (text and Markdown)', () => {
  const config =
    '{\n  discovery: { mdns: { mode: "full" } },\n  hooks: { enabled: true, path: "/", token: "hooks-token-1234" },\n  gateway: { bind: "lan", controlUi: { allowedOrigins: ["*"] } },\n}\n';
  const dir = repo({ 'openclaw.json': config });
  const text = runCli(['--fail-on', 'none'], dir).stdout;
  const outcome = auditText(config);
  if (!outcome.ok) throw new Error('the config is accepted');
  const markdown = renderMarkdown([outcome]);
  for (const severity of ['critical', 'warn', 'info'] as const) {
    const ids: Finding[] = outcome.findings.filter((f) => f.severity === severity);
    const byLine: string[] = [...ids]
      .sort((a, b) => a.location!.line - b.location!.line || a.location!.column - b.location!.column)
      .map((f) => f.checkId);
    if (ids.length < 2) continue;
    const textOrder = [...text.matchAll(/^ {2}openclaw\.json:\d+:\d+ {2}(\S+)/gm)]
      .map((m) => m[1]!)
      .filter((id) => byLine.includes(id));
    assert.deepEqual(textOrder, byLine, `text, ${severity}`);
    const markdownOrder = byLine.map((id) => markdown.indexOf(id));
    assert.deepEqual(
      [...markdownOrder].sort((a, b) => a - b),
      markdownOrder,
      `Markdown, ${severity}`,
    );
  }
  assert.notDeepEqual(
    outcome.findings.filter((f) => f.severity === 'critical').map((f) => f.checkId),
    [...outcome.findings.filter((f) => f.severity === 'critical')]
      .sort((a, b) => a.location!.line - b.location!.line)
      .map((f) => f.checkId),
    'openclaw reports these criticals out of line order, so the test shows the sort',
  );
});

test('--color auto|always|never, --no-color, NO_COLOR and FORCE_COLOR', () => {
  assert.equal(autoColor(true, {}), true);
  assert.equal(autoColor(false, {}), false);
  assert.equal(autoColor(false, { FORCE_COLOR: '1' }), true);
  assert.equal(autoColor(false, { FORCE_COLOR: '' }), true, 'FORCE_COLOR set to nothing still forces, as in Node');
  assert.equal(autoColor(true, { FORCE_COLOR: '0' }), false);
  assert.equal(autoColor(true, { NO_COLOR: '1' }), false);
  assert.equal(autoColor(false, { NO_COLOR: '1', FORCE_COLOR: '1' }), false, 'NO_COLOR wins over auto');

  const dir = repo({ 'openclaw.json': '{ gateway: { bind: "lan" } }' });
  const ESC = '\x1b[';
  assert.ok(runOnTerminal([], dir, true).stdout.includes(ESC));
  assert.ok(!runOnTerminal([], dir, false).stdout.includes(ESC));
  assert.ok(runOnTerminal(['--color', 'always'], dir, false).stdout.includes(ESC), 'always, even where auto would not');
  assert.ok(!runOnTerminal(['--color', 'never'], dir, true).stdout.includes(ESC));
  assert.ok(!runOnTerminal(['--no-color'], dir, true).stdout.includes(ESC));
  assert.ok(
    !runOnTerminal(['--json', '--color', 'always'], dir, true).stdout.includes(ESC),
    'only the text report has colour',
  );
  const bad = runCli(['--color', 'sometimes'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^openclaw-audit: --color must be one of auto, always, never \(got sometimes\)\n/);
  assert.equal(runCli(['--no-color', '--color', 'always'], dir).code, 2);
});

test('--output says on stderr what it wrote, and where', () => {
  const dir = repo({ 'openclaw.json': '{}', 'b/openclaw.json': '{}' });
  const sarif = runCli(['--format', 'sarif', '--output', 'out/audit.sarif', '--fail-on', 'none'], dir);
  assert.equal(sarif.stdout, '');
  assert.equal(sarif.stderr, 'openclaw-audit: wrote the SARIF log (2 configs) to out/audit.sarif\n');
  assert.ok(sarif.written.has(join(dir, 'out', 'audit.sarif')));
  const patch = runCli(['openclaw.json', '--fix', '--dry-run', '--output', 'fix.patch'], dir);
  assert.match(patch.stderr, /\nopenclaw-audit: wrote the patch \(1 config\) to fix\.patch\n$/);
});

const MISTYPED = `{
  gateway: { bind: "lan" },
  security: { audit: { suppressions: [
    { checkId: "gateway.bind_no_auht", reason: "lab" },
    { checkId: "fs.state_dir.perms_world_writable" },
    { checkId: "gateway.auth_no_rate_limit" },
  ] } },
}`;

test('a suppression whose checkId names no check gets a note, never a finding', () => {
  const dir = repo({ 'openclaw.json': MISTYPED });
  const text = runCli([], dir);
  assert.equal(text.code, 1, 'gateway.bind_no_auth is still active');
  assert.match(
    text.stdout,
    /^note: openclaw\.json:4:5 security\.audit\.suppressions\.0: checkId "gateway\.bind_no_auht" is not a check openclaw-audit runs, so this entry suppresses nothing here \(did you mean "gateway\.bind_no_auth"\?\)$/m,
  );
  assert.match(
    text.stdout,
    /^note: openclaw\.json:5:5 security\.audit\.suppressions\.1: checkId "fs\.state_dir\.perms_world_writable" .*one of openclaw's host checks/m,
  );
  assert.doesNotMatch(text.stdout, /suppressions\.2: checkId/, 'a known check gets no note');

  const json = runCli(['--json'], dir);
  const report = JSON.parse(json.stdout) as { findings: { checkId: string }[]; summary: unknown };
  assert.deepEqual(
    report.summary,
    JSON.parse(runCli(['--json'], repo({ 'openclaw.json': MISTYPED.replace('auht', 'nope_nope_nope') })).stdout)
      .summary,
  );
  assert.ok(report.findings.every((f) => !f.checkId.includes('auht')));
  assert.equal(
    json.stderr.split('\n').filter((l) => l.startsWith('openclaw-audit: note: openclaw.json:')).length,
    2,
    'machine formats put notes on stderr',
  );

  const sarif = JSON.parse(runCli(['--format', 'sarif'], dir).stdout) as Sarif.Log;
  const notes = sarif.runs[0]!.invocations![0]!.toolExecutionNotifications!.filter((n) => n.level === 'note');
  assert.equal(notes.length, 2);
  assert.equal(notes[0]!.locations![0]!.physicalLocation!.region!.startLine, 4);
});

test('--lenient: the headline counts the schema warnings, and --fail-on warn fails on them', () => {
  const dir = repo({
    'openclaw.json':
      '{\n  gateway: { bind: "loopback", tailscale: { resetOnExit: true } },\n  meta: { lastTouchedAt: "2026-01-01" },\n}\n',
  });
  const strict = runCli([], dir);
  assert.equal(strict.code, 2);
  const lenient = runCli(['--lenient', '--fail-on', 'none'], dir);
  assert.equal(lenient.code, 0);
  const headline = lenient.stdout.split('\n')[0]!;
  const warn = /· (\d+) warn \(2 from the schema\) ·/.exec(headline);
  assert.ok(warn, headline);
  const findings = JSON.parse(runCli(['--lenient', '--json'], dir).stdout) as { summary: { warn: number } };
  assert.equal(Number(warn[1]), findings.summary.warn + 2);
  assert.equal(runCli(['--lenient', '--fail-on', 'warn'], dir).code, 1);
  const outcome = auditText('{ meta: { lastTouchedAt: "x" } }', {}, { lenient: true });
  assert.ok(outcome.ok && outcome.schemaWarnings.length === 1);
  assert.match(
    renderMarkdown([outcome]),
    new RegExp(`\\*\\*${outcome.summary.warn + 1}\\*\\* warn`),
    'the Markdown counts too',
  );
});
