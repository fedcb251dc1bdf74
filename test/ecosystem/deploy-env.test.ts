import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../robustness/harness.ts';
import { tempRepo } from '../helpers/examples.ts';
import { FORMATS } from '../../src/report/formats.ts';

const CONFIG =
  '{\n  gateway: { bind: "lan", auth: { token: "${GW_TOKEN}" } },\n  hooks: { enabled: true, token: "${HOOKS_TOKEN}", path: "/hooks" },\n}\n';
type Report = { findings: Array<{ checkId: string; detail: string }> };
const json = (argv: string[], dir: string) =>
  JSON.parse(runCli([...argv, '--json', '--fail-on', 'none'], dir).stdout) as Report;

test('by default a ${VAR} stays unresolved, exactly as in the cold audit; declaring another name changes nothing', () => {
  const dir = tempRepo({ 'openclaw.json': CONFIG });
  const cold = json([], dir);
  assert.ok(
    cold.findings.some((f) => f.checkId === 'gateway.bind_no_auth'),
    'the unresolved token is no token',
  );
  assert.ok(
    cold.findings.some((f) => f.checkId === 'hooks.token_too_short' && /is 14 chars/.test(f.detail)),
    'the literal ${HOOKS_TOKEN} is measured',
  );
  assert.deepEqual(json(['--env', 'SOMETHING_ELSE'], dir), cold);
});

test('--env NAME: the reference counts as set to an unknown value, and findings that depend on it say so', () => {
  const dir = tempRepo({ 'openclaw.json': CONFIG });
  const report = json(['--env', 'GW_TOKEN', '--env', 'HOOKS_TOKEN'], dir);
  const ids = report.findings.map((f) => f.checkId);
  assert.ok(!ids.includes('gateway.bind_no_auth'), 'a token is configured where the gateway runs');
  assert.ok(!ids.includes('hooks.token_too_short'), 'its length is unknown, so not called short');
  const stored = report.findings.find((f) => f.checkId === 'config.secrets.hooks_token_in_config');
  assert.ok(stored, ids.join());
  assert.match(stored.detail, /\nAssumed: \$\{HOOKS_TOKEN\} is set where the gateway runs/);
  for (const f of report.findings.filter((x) => !x.checkId.startsWith('config.secrets.hooks')))
    assert.doesNotMatch(f.detail, /Assumed/, f.checkId);

  for (const format of FORMATS) {
    const run = runCli(['--env', 'GW_TOKEN', '--env', 'HOOKS_TOKEN', '--format', format], dir);
    assert.doesNotMatch(run.stdout, /deploy-time-value-of/, `${format} shows the stand-in value`);
  }
});

test('env: in .openclaw-audit.yml declares them too; --env replaces the list; a bad name is a usage error', () => {
  const dir = tempRepo({ 'openclaw.json': CONFIG, '.openclaw-audit.yml': 'env: [GW_TOKEN]\n' });
  assert.ok(!json([], dir).findings.some((f) => f.checkId === 'gateway.bind_no_auth'));
  assert.ok(json(['--env', 'HOOKS_TOKEN'], dir).findings.some((f) => f.checkId === 'gateway.bind_no_auth'));
  const bad = runCli(['--env', 'GW_TOKEN=abc'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^openclaw-audit: --env GW_TOKEN=abc: a variable name is/);
});

test("a declared name takes precedence over the config's own env.vars, like a variable set in the environment", () => {
  const dir = tempRepo({
    'openclaw.json':
      '{ env: { vars: { GW_TOKEN: "q7Zk2pW9" } }, gateway: { bind: "lan", auth: { token: "${GW_TOKEN}" } } }',
  });
  assert.ok(json([], dir).findings.some((f) => f.checkId === 'gateway.token_too_short'));
  assert.ok(!json(['--env', 'GW_TOKEN'], dir).findings.some((f) => f.checkId === 'gateway.token_too_short'));
});
