import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RULES } from '../../src/core/checks/registry.ts';
import { REPO_ROOT, runCli } from '../robustness/harness.ts';
import { examplesRepo, tempRepo } from '../helpers/examples.ts';

/** A workflow command read back the way the runner reads it (actions/runner ActionCommand, v2 syntax). */
function parseCommand(line: string): { command: string; props: Record<string, string>; data: string } {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProp = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    props[pair.slice(0, at)] = unescapeProp(pair.slice(at + 1));
  }
  return { command: m[1]!, props, data: unescapeData(m[3]!) };
}

const HOSTILE = '/tmp/x\n::error::pwned%0A<x>&\'"\u001b[31m,:]]>';
function hostileRepo(): string {
  return tempRepo({
    'we,ird:dir%/openclaw.json': `{ gateway: { bind: "lan" }, tools: { exec: { safeBinTrustedDirs: [${JSON.stringify(HOSTILE)}] } } }`,
  });
}

test('--format github: one workflow command per finding, at its file, line and columns, most severe first', () => {
  const dir = examplesRepo();
  const report = JSON.parse(runCli(['--json'], dir).stdout);
  const run = runCli(['--format', 'github'], dir);
  assert.equal(run.code, 1);
  const commands = run.stdout.trimEnd().split('\n').map(parseCommand);
  assert.equal(commands.length, report.findings.length);
  const level = { critical: 'error', warn: 'warning', info: 'notice' } as const;
  const order = ['error', 'warning', 'notice'];
  assert.deepEqual(
    commands.map((c) => c.command),
    [...commands.map((c) => c.command)].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
  );
  for (const f of report.findings) {
    const c = commands.find((x) => x.props.title === `${f.checkId}: ${f.title}`);
    assert.ok(c, f.checkId);
    assert.equal(c.command, level[f.severity as keyof typeof level]);
    assert.equal(c.props.file, f.location.file);
    assert.equal(c.props.line, String(f.location.line));
    assert.equal(c.props.endLine, String(f.location.endLine));
    assert.ok(c.data.startsWith(f.detail), f.checkId);
  }
  assert.ok(
    commands.some((c) => /\(included from openclaw\.json:\d+:\d+\)/.test(c.data)),
    'an $include chain is named',
  );
});

test('--format github escapes what a config controls: no new command, no terminal escape, properties intact', () => {
  const run = runCli(['.', '--format', 'github', '--fail-on', 'none'], hostileRepo());
  const lines = run.stdout.trimEnd().split('\n');
  assert.ok(
    lines.every((l) => l.startsWith('::error ') || l.startsWith('::warning ') || l.startsWith('::notice ')),
    run.stdout,
  );
  assert.doesNotMatch(run.stdout, /\u001b/);
  const risky = lines
    .map(parseCommand)
    .find((c) => c.props.title?.startsWith('tools.exec.safe_bin_trusted_dirs_risky'))!;
  assert.equal(risky.props.file, 'we,ird:dir%/openclaw.json');
  assert.ok(risky.data.includes(HOSTILE.replace('\u001b', '\\u001b')), risky.data);
});

test("--format gitlab: a Code Quality report valid against GitLab's schema, with stable, unique fingerprints", () => {
  const dir = examplesRepo();
  const report = JSON.parse(runCli(['--json'], dir).stdout);
  const run = runCli(['--format', 'gitlab'], dir);
  assert.equal(run.code, 1);
  const issues = JSON.parse(run.stdout) as Array<Record<string, any>>;
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'schemas', 'gitlab-codeclimate.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(Array.isArray(issues) && issues.length === report.findings.length);
  for (const issue of issues) {
    assert.ok(validate(issue), JSON.stringify(validate.errors));
    // What GitLab's documentation adds to the schema: the severity scale, check_name, lines.begin.
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
    assert.equal(typeof issue.check_name, 'string');
    assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  const bind = issues.find((i) => i.check_name === 'gateway.control_ui.allowed_origins_wildcard')!;
  assert.equal(bind.severity, 'critical');
  assert.equal(bind.location.path, 'openclaw.json');

  // Lines moved: same fingerprints.
  const moved = examplesRepo({ 'openclaw.json': '\n\n\n' + readFileSync(join(dir, 'openclaw.json'), 'utf8') });
  const again = JSON.parse(runCli(['--format', 'gitlab'], moved).stdout) as Array<Record<string, any>>;
  assert.deepEqual(again.map((i) => i.fingerprint).sort(), issues.map((i) => i.fingerprint).sort());
  assert.notDeepEqual(
    again.map((i) => i.location.lines.begin),
    issues.map((i) => i.location.lines.begin),
  );

  const rejected = JSON.parse(
    runCli(['--format', 'gitlab'], tempRepo({ 'openclaw.json': '{ gateway: { bind: "moon" } }' })).stdout,
  );
  assert.equal(rejected[0].severity, 'blocker');
  assert.equal(rejected[0].check_name, 'config.invalid');
});

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

test('--format junit: one test case per check and config; failures agree with the exit code', () => {
  const dir = examplesRepo({ 'second/openclaw.json': '{ gateway: { mode: "local" } }' });
  for (const failOn of ['critical', 'none']) {
    const run = runCli(['.', '--format', 'junit', '--fail-on', failOn], dir);
    assert.equal(XMLValidator.validate(run.stdout), true);
    const doc = xml.parse(run.stdout);
    const suites = doc.testsuites.testsuite as Array<Record<string, any>>;
    assert.deepEqual(
      suites.map((s) => s.name),
      ['openclaw.json', 'second/openclaw.json'],
    );
    for (const suite of suites) {
      const names = suite.testcase.map((c: { name: string }) => c.name);
      assert.equal(new Set(names).size, names.length, 'one case per check');
      assert.equal(Number(suite.tests), names.length);
      for (const rule of RULES.filter((r) => !r.id.includes('<'))) assert.ok(names.includes(rule.id), rule.id);
      assert.ok(suite.testcase.every((c: { classname: string }) => c.classname === suite.name));
    }
    const failures = Number(doc.testsuites.failures);
    assert.equal(failures > 0, run.code === 1, `fail-on ${failOn}`);
    if (failOn === 'critical') {
      const wildcard = suites[0]!.testcase.find(
        (c: { name: string }) => c.name === 'gateway.control_ui.allowed_origins_wildcard',
      );
      assert.match(
        wildcard.failure['#text'],
        /^openclaw\.json:\d+:\d+ {2}critical {2}Control UI allowed origins contains wildcard/,
      );
      const short = suites[0]!.testcase.find((c: { name: string }) => c.name === 'gateway.token_too_short');
      assert.equal(short.failure, undefined, 'a warn finding below --fail-on critical does not fail');
      assert.match(short['system-out'], /gateway\/auth\.json5:\d+:\d+ {2}warn/);
    }
  }
});

test('--format junit: config strings are XML-escaped (a real parser reads them back), rejected configs are errors, suppressed checks skipped', () => {
  const hostile = runCli(['.', '--format', 'junit', '--fail-on', 'warn'], hostileRepo());
  assert.equal(XMLValidator.validate(hostile.stdout), true);
  const doc = xml.parse(hostile.stdout);
  const risky = doc.testsuites.testsuite[0].testcase.find(
    (c: { name: string }) => c.name === 'tools.exec.safe_bin_trusted_dirs_risky',
  );
  // The parser decodes the entities: the text is the config's, with the terminal escape shown as \u001b.
  assert.ok(risky.failure['#text'].includes(HOSTILE.replace('\u001b', '\\u001b')), risky.failure['#text']);

  const rejected = runCli(
    ['.', '--format', 'junit'],
    tempRepo({
      'a/openclaw.json': '{ gateway: { bind: "moon" } }',
      'b/openclaw.json':
        '{ gateway: { bind: "lan" }, security: { audit: { suppressions: [{ checkId: "gateway.bind_no_auth", reason: "lab only" }] } } }',
    }),
  );
  assert.equal(rejected.code, 2);
  const [a, b] = xml.parse(rejected.stdout).testsuites.testsuite;
  assert.equal(a.testcase.length, 1);
  assert.equal(a.testcase[0].name, 'config.invalid');
  assert.match(a.testcase[0].error.message, /OpenClaw config is invalid/);
  const bind = b.testcase.find((c: { name: string }) => c.name === 'gateway.bind_no_auth');
  assert.equal(bind.skipped.message, 'suppressed: lab only');
});

test('one run writes several formats to several files, and stdout keeps the --format report', () => {
  const dir = examplesRepo();
  const run = runCli(
    [
      '--output',
      'sarif=out/a.sarif',
      '--output',
      'json=out/a.json',
      '--output',
      'junit=out/a.xml',
      '--output',
      'gitlab=gl-code-quality.json',
      '--output',
      'github=gh.txt',
      '--output',
      'markdown=a.md',
    ],
    dir,
  );
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^openclaw\.json: \d+ critical/);
  const file = (name: string) => run.written.get(join(dir, name))!;
  assert.equal(JSON.parse(file('out/a.sarif')).version, '2.1.0');
  assert.equal(JSON.parse(file('out/a.json')).schemaVersion, 1);
  assert.equal(XMLValidator.validate(file('out/a.xml')), true);
  assert.ok(Array.isArray(JSON.parse(file('gl-code-quality.json'))));
  assert.match(file('gh.txt'), /^::error /);
  assert.match(file('a.md'), /openclaw-audit/i);
  assert.equal(run.written.size, 6);

  const plain = runCli(['--format', 'sarif', '--output', 'x.sarif', '--output', 'json=x.json'], dir);
  assert.equal(plain.stdout, '');
  assert.deepEqual([...plain.written.keys()].sort(), [join(dir, 'x.json'), join(dir, 'x.sarif')]);
});

test('--output mistakes are usage errors (exit 2) before anything is written', () => {
  const dir = examplesRepo();
  for (const argv of [
    ['--output', 'xml=report.xml'],
    ['--output', 'a.json', '--output', 'b.json'],
    ['--output', 'json=same.json', '--output', 'sarif=same.json'],
  ]) {
    const run = runCli(argv, dir);
    assert.equal(run.code, 2, argv.join(' '));
    assert.match(run.stderr, /^openclaw-audit: --output|^openclaw-audit: two reports/);
    assert.equal(run.written.size, 0);
  }
});
