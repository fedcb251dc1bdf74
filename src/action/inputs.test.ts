import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigurationError, inputVar, parseBoolean, readInputs } from './inputs.ts';

const env = (inputs: Record<string, string>) => ({
  GITHUB_WORKSPACE: '/ws',
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVar(k), v])),
});

test('defaults match action.yml', () => {
  const inputs = readInputs(env({}), '/elsewhere');
  assert.deepEqual(inputs, {
    config: [],
    root: '/ws',
    exclude: [],
    failOn: 'critical',
    sarifFile: '/ws/openclaw-audit.sarif',
    uploadSarif: false,
    annotations: true,
    checkRun: 'auto',
    prComment: 'auto',
    onlyNew: false,
    suggestFixes: false,
    suppressed: 'sarif',
    token: '',
    lenient: false,
  });
  // Every input of action.yml is described with its default.
  const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
  const section = yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:'));
  const blocks = section.split(/\n {2}(?=[a-z-]+:\n)/).slice(1);
  assert.equal(blocks.length, 15);
  for (const block of blocks) assert.match(block, /Default/, block.split(':')[0]);
});

test('the runner spells input variables with hyphens kept', () => {
  assert.equal(inputVar('fail-on'), 'INPUT_FAIL-ON');
  assert.equal(inputVar('sarif file'), 'INPUT_SARIF_FILE');
});

test('booleans accept only the YAML 1.2 core spellings', () => {
  for (const yes of ['true', 'True', 'TRUE']) assert.equal(parseBoolean('x', yes, false), true);
  for (const no of ['false', 'False', 'FALSE']) assert.equal(parseBoolean('x', no, true), false);
  for (const bad of ['yes', 'on', '1', 'tRUE', 'y'])
    assert.throws(
      () => parseBoolean('upload-sarif', bad, false),
      (e: unknown) =>
        e instanceof ConfigurationError && e.input === 'upload-sarif' && e.message.includes(JSON.stringify(bad)),
    );
});

test('bad values name the input', () => {
  assert.throws(
    () => readInputs(env({ 'fail-on': 'high' }), '/'),
    /input fail-on: expected one of critical, warn, info, none, got "high"/,
  );
  assert.throws(() => readInputs(env({ 'check-run': 'maybe' }), '/'), /input check-run: expected auto, true or false/);
  assert.throws(() => readInputs(env({ suppressed: 'drop' }), '/'), /input suppressed: expected one of sarif, omit/);
  assert.throws(() => readInputs(env({ 'only-new': 'yes' }), '/'), /input only-new/);
  assert.throws(() => readInputs(env({ 'suggest-fixes': 'on' }), '/'), /input suggest-fixes: expected true or false/);
  assert.equal(readInputs(env({ 'suggest-fixes': 'True' }), '/').suggestFixes, true);
});

test('config is one entry per line; root and sarif-file resolve against the workspace', () => {
  const inputs = readInputs(
    env({
      config: 'a/openclaw.json\n  # comment\n\nconfigs/**/{x,y}.json5\n',
      root: 'sub',
      'sarif-file': 'out/r.sarif',
      'pr-comment': 'false',
      'check-run': 'True',
      category: 'cfg',
    }),
    '/',
  );
  assert.deepEqual(inputs.config, ['a/openclaw.json', 'configs/**/{x,y}.json5']);
  assert.equal(inputs.root, '/ws/sub');
  assert.equal(inputs.sarifFile, '/ws/out/r.sarif');
  assert.equal(inputs.prComment, false);
  assert.equal(inputs.checkRun, true);
  assert.equal(inputs.category, 'cfg');
});
