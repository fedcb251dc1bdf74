import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, memoryHost } from '../../../test/helpers/memory-host.ts';
import { loadConfig } from './load.ts';

function load(files: Record<string, string>, symlinks: Record<string, string> = {}, config = 'openclaw.json') {
  return loadConfig({ host: memoryHost(files, symlinks), configPath: `${ROOT}/${config}`, root: ROOT });
}

test('an included file is merged under its key and keeps its own positions', () => {
  const result = load({
    'openclaw.json': '{\n  gateway: { $include: "./gw.json5", port: 1 },\n}',
    'gw.json5': '{\n  // auth lives here\n  auth: { token: "t" },\n  port: 2,\n}',
  });
  assert.ok(result.ok);
  const { config } = result;
  assert.deepEqual(config.value, { gateway: { auth: { token: 't' }, port: 1 } });
  assert.deepEqual(config.files, ['openclaw.json', 'gw.json5']);
  const token = config.locate(['gateway', 'auth', 'token']);
  assert.deepEqual([token.file, token.line, token.column, token.endColumn], ['gw.json5', 3, 11, 21]);
  assert.deepEqual(
    token.includedFrom?.map((s) => [s.file, s.line, s.column]),
    [['openclaw.json', 2, 24]],
  );
  const port = config.locate(['gateway', 'port']);
  assert.deepEqual([port.file, port.line], ['openclaw.json', 2]);
});

test('a list of includes folds left to right: later scalars win, arrays concatenate, nested paths are relative to the included file', () => {
  const result = load({
    'openclaw.json': '{ $include: ["./a.json", "./sub/b.json"] }',
    'a.json': '{ "gateway": { "port": 1, "trustedProxies": ["10.0.0.1"] } }',
    'sub/b.json': '{ "$include": "./c.json", "gateway": { "trustedProxies": ["10.0.0.2"] } }',
    'sub/c.json': '{ "gateway": { "port": 3 } }',
  });
  assert.ok(result.ok);
  assert.deepEqual(result.config.value, { gateway: { port: 3, trustedProxies: ['10.0.0.1', '10.0.0.2'] } });
  assert.deepEqual(result.config.files, ['openclaw.json', 'a.json', 'sub/b.json', 'sub/c.json']);
});

test('include errors are config issues at the $include value', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { 'openclaw.json': '{ $include: "../outside.json" }' },
      /^Include path escapes config directory: \.\.\/outside\.json/,
    ],
    [{ 'openclaw.json': '{ $include: "/etc/passwd" }' }, /^Include path escapes config directory: \/etc\/passwd/],
    [{ 'openclaw.json': '{ $include: "./missing.json" }' }, /^Failed to read include file: \.\/missing\.json/],
    [
      { 'openclaw.json': '{ $include: 5 }' },
      /^Invalid \$include value: expected string or array of strings, got number$/,
    ],
    [
      { 'openclaw.json': '{ $include: ["./a.json", true] }', 'a.json': '{}' },
      /^Invalid \$include array item: expected string, got boolean$/,
    ],
    [
      { 'openclaw.json': '{ $include: "./a.json" }', 'a.json': '{ $include: "./openclaw.json" }' },
      /^Circular include detected: openclaw\.json -> a\.json -> openclaw\.json$/,
    ],
    [
      { 'openclaw.json': '{ $include: "./a.json", port: 1 }', 'a.json': '[1]' },
      /^Sibling keys require included content to be an object$/,
    ],
    [
      { 'openclaw.json': '{ $include: "./a.json" }', 'a.json': '{ broken' },
      /^Failed to parse include file: \.\/a\.json/,
    ],
  ];
  for (const [files, message] of cases) {
    const result = load(files);
    assert.equal(result.ok, false, `expected rejection: ${JSON.stringify(files)}`);
    if (result.ok) continue;
    assert.equal(result.issue.path, '<root>');
    assert.match(result.issue.message, message);
    assert.ok(result.issue.location && result.issue.location.line >= 1);
  }
});

test('a symlink whose target leaves the config folder is refused', () => {
  const result = load(
    { 'cfg/openclaw.json': '{ $include: "./link.json" }', 'secret.json': '{ "token": "x" }' },
    { 'cfg/link.json': '../secret.json' },
    'cfg/openclaw.json',
  );
  assert.equal(result.ok, false);
  if (!result.ok)
    assert.match(result.issue.message, /^Include path resolves outside config directory \(symlink\): \.\/link\.json$/);
});

test('include depth: ten nested levels load, an eleventh is refused', () => {
  const chain = (levels: number) => {
    const files: Record<string, string> = { 'openclaw.json': '{ $include: "./d1.json" }' };
    for (let i = 1; i <= levels; i++)
      files[`d${i}.json`] = i < levels ? `{ "$include": "./d${i + 1}.json" }` : '{ "gateway": { "port": 1 } }';
    return files;
  };
  assert.ok(load(chain(10)).ok);
  const deep = load(chain(11));
  assert.equal(deep.ok, false);
  if (!deep.ok) assert.equal(deep.issue.message, 'Maximum include depth (10) exceeded at: ./d11.json');
});

test('merging never lets __proto__ reach a prototype', () => {
  const result = load({
    'openclaw.json': '{ $include: ["./a.json"], "__proto__": { "polluted": true } }',
    'a.json': '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } } }',
  });
  assert.ok(result.ok);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(result.config.value), Object.prototype);
});

test('${VAR} is substituted from env.vars only; a missing one stays literal and is recorded', () => {
  const result = load({
    'openclaw.json':
      '{ env: { vars: { GW: "from-env-vars" } }, gateway: { auth: { token: "${GW}", password: "${NOPE}" }, remote: { token: "$${GW}" } } }',
  });
  assert.ok(result.ok);
  const value = result.config.value as {
    gateway: { auth: { token: string; password: string }; remote: { token: string } };
  };
  assert.equal(value.gateway.auth.token, 'from-env-vars');
  assert.equal(value.gateway.auth.password, '${NOPE}');
  assert.equal(value.gateway.remote.token, '${GW}');
  assert.deepEqual(result.config.unresolvedAt(['gateway', 'auth', 'password']), { whole: true, names: ['NOPE'] });
  assert.equal(result.config.unresolvedAt(['gateway', 'auth', 'token']), undefined);
});
