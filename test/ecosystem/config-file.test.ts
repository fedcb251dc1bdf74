import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { generateValidator, OUTPUT_PATH, SCHEMA_PATH } from '../../scripts/gen-config-validator.ts';
import { parseToolConfig, ToolConfigError } from '../../src/toolconfig/parse.ts';
import { runCli } from '../robustness/harness.ts';
import { examplesRepo } from '../helpers/examples.ts';

const ids = (stdout: string) => (JSON.parse(stdout).findings as Array<{ checkId: string }>).map((f) => f.checkId);

test('.openclaw-audit.yml at the root sets the gate, the checks and the folders to skip; flags override it', () => {
  const dir = examplesRepo({
    '.openclaw-audit.yml': [
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/openclaw-audit/openclaw-audit/main/schemas/config.schema.json',
      'fail-on: warn',
      'checks:',
      '  ignore:',
      '    - "hooks.*"',
      '    - discovery.mdns_full_mode',
      '    - gateway.control_ui.allowed_origins_wildcard',
      '    - "security.exposure.*"',
      'exclude:',
      '  - legacy/',
      '',
    ].join('\n'),
    'legacy/openclaw.json': '{ this is not json5',
  });
  const run = runCli(['.', '--json'], dir);
  assert.equal(run.code, 1, run.stderr);
  const found = ids(run.stdout);
  assert.ok(found.length > 0);
  assert.ok(
    found.every((id) => !id.startsWith('hooks.') && id !== 'discovery.mdns_full_mode'),
    found.join(),
  );
  assert.equal(JSON.parse(run.stdout).summary.critical, 0, 'every critical check is ignored');
  assert.ok(found.includes('gateway.token_too_short'), 'a warn finding is left, and fails the gate at warn');

  assert.equal(runCli(['.', '--json', '--fail-on', 'critical'], dir).code, 0, '--fail-on overrides fail-on:');
  const skip = runCli(['.', '--json', '--skip-check', 'gateway.*'], dir);
  assert.ok(ids(skip.stdout).includes('hooks.path_root'), '--skip-check replaces checks.ignore');
  assert.ok(ids(skip.stdout).every((id) => !id.startsWith('gateway.')));
  const only = runCli(['.', '--json', '--check', 'gateway.token_*'], dir);
  assert.deepEqual(ids(only.stdout), ['gateway.token_too_short']);
});

test('checks.select keeps only matching checks; a glob that matches no check is a warning', () => {
  const dir = examplesRepo({
    '.openclaw-audit.yml': 'checks:\n  select: ["gateway.*", "channels.telegram.*", "gatway.typo"]\n',
  });
  const run = runCli(['--json'], dir);
  assert.ok(ids(run.stdout).every((id) => id.startsWith('gateway.')));
  assert.match(run.stderr, /warning: "gatway\.typo" matches no check/);
  assert.doesNotMatch(run.stderr, /channels\.telegram/);
});

test('baseline: in the settings file is read relative to the root', () => {
  const dir = examplesRepo({ '.openclaw-audit.yml': 'baseline: audit/baseline.json\n' });
  const first = runCli(['--write-baseline', 'audit/baseline.json', '--fail-on', 'none'], dir);
  mkdirSync(join(dir, 'audit'));
  writeFileSync(join(dir, 'audit', 'baseline.json'), first.written.get(join(dir, 'audit', 'baseline.json'))!);
  assert.equal(runCli([], dir).code, 0);
  const missing = examplesRepo({ '.openclaw-audit.yml': 'baseline: nope.json\n' });
  const run = runCli([], missing);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^openclaw-audit: \.openclaw-audit\.yml baseline: nope\.json: no such file/);
});

test('a mistake in the settings file is an error at its line and column (exit 2), before any audit', () => {
  const cases: Array<[string, RegExp]> = [
    [
      'fail-on: warn\nfial-on: info\n',
      /^openclaw-audit: \.openclaw-audit\.yml:2:1: unknown key "fial-on" in the file \(allowed: exclude, checks, fail-on, baseline, env\)/,
    ],
    ['checks:\n  ignore: gateway.*\n', /\.openclaw-audit\.yml:2:11: checks\.ignore must be a list/],
    ['fail-on: loud\n', /\.openclaw-audit\.yml:1:10: fail-on must be one of critical, warn, info, none/],
    ['env:\n  - lower_case\n', /\.openclaw-audit\.yml:2:5: env\[0\] must be a variable name/],
    ['checks: {\n', /\.openclaw-audit\.yml:\d+:\d+: YAML: /],
    ['a: 1\na: 2\n', /\.openclaw-audit\.yml:2:1: YAML: Map keys must be unique/],
  ];
  for (const [text, pattern] of cases) {
    const run = runCli(['--json'], examplesRepo({ '.openclaw-audit.yml': text }));
    assert.equal(run.code, 2, text);
    assert.match(run.stderr, pattern);
    assert.equal(run.stdout, '');
  }
  const none = runCli(['--config-file', 'ci/audit.yml'], examplesRepo());
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^openclaw-audit: ci\/audit\.yml:1:1: no such file/);
});

test('--config-file names another settings file', () => {
  const dir = examplesRepo({ 'ci/audit.yml': 'fail-on: none\n' });
  assert.equal(runCli(['--config-file', 'ci/audit.yml'], dir).code, 0);
  assert.equal(runCli([], dir).code, 1);
});

test('the settings parser agrees with the shipped JSON Schema, and its generated validator is up to date', () => {
  assert.equal(readFileSync(OUTPUT_PATH, 'utf8'), generateValidator(), 'run npm run gen:config-validator');
  const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  const samples = [
    'fail-on: warn\n',
    'exclude: [a/, "b/**"]\nchecks: { select: ["gateway.*"], ignore: [x] }\nbaseline: b.json\nenv: [OPENCLAW_GATEWAY_TOKEN]\n',
    'exclude: a\n',
    'checks: { nope: [] }\n',
    'env: ["1ABC"]\n',
    'baseline: " "\n',
    'fail-on: high\n',
    'unknown: 1\n',
    '- a\n',
  ];
  for (const text of samples) {
    let ours: boolean;
    try {
      parseToolConfig(text, 'x.yml');
      ours = true;
    } catch (error) {
      assert.ok(error instanceof ToolConfigError);
      ours = false;
    }
    assert.equal(ours, validate(parseYaml(text)), text);
  }
});
