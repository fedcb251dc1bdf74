import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssuePath, validateConfig } from './validate.ts';

const pairs = (cfg: unknown) => validateConfig(cfg).map((v) => [formatIssuePath(v.path), v.message]);
const paths = (cfg: unknown) => validateConfig(cfg).map((v) => formatIssuePath(v.path));

test('exec mode with the legacy security/ask pair: the repair names the equivalent mode when there is one', () => {
  const message = (exec: object) => String(pairs({ tools: { exec } })[0]?.[1]);
  assert.match(
    message({ mode: 'ask', security: 'allowlist', ask: 'off' }),
    /Replace security\/ask with mode="allowlist" \(the equivalent of security="allowlist" \+ ask="off"\)\./,
  );
  assert.match(message({ mode: 'ask', security: 'full', ask: 'off' }), /mode="full"/);
  assert.match(message({ mode: 'ask', security: 'deny', ask: 'on-miss' }), /mode="deny"/);
  assert.match(message({ mode: 'full', security: 'allowlist', ask: 'on-miss' }), /mode="ask"/);
  assert.match(message({ mode: 'full', security: 'full', ask: 'on-miss' }), /has no exact mode equivalent/);
  assert.match(message({ mode: 'full', security: 'allowlist', ask: 'always' }), /has no exact mode equivalent/);
  assert.match(message({ mode: 'full', ask: 'off' }), /The legacy policy is incomplete/);
  assert.deepEqual(paths({ tools: { exec: { mode: 'full', security: 'full' } } }), ['tools.exec.mode']);
});

test('exec mode conflict per agent, and its near misses', () => {
  const roster = (exec: object) => ({ agents: { entries: { main: { tools: { exec } } } } });
  assert.deepEqual(paths(roster({ mode: 'deny', security: 'full' })), ['agents.entries.main.tools.exec.mode']);
  assert.deepEqual(paths(roster({ mode: 'deny' })), []);
  assert.deepEqual(paths(roster({ security: 'full', ask: 'always' })), []);
  // An invalid mode is the schema's issue; the refinement does not run on it.
  assert.deepEqual(paths(roster({ mode: 'sometimes', security: 'full' })), ['agents.entries.main.tools.exec.mode']);
  assert.match(String(pairs(roster({ mode: 'sometimes', security: 'full' }))[0]?.[1]), /^Invalid option/);
});

test('secrets.providers.<name>.command must be a safe executable named by an absolute path', () => {
  const issues = (command: string) =>
    pairs({ secrets: { providers: { p: { source: 'exec', command } } } }).map(([, m]) => m);
  assert.deepEqual(issues('node'), ['secrets.providers.*.command must be an absolute path.']);
  assert.deepEqual(issues('./bin/get'), ['secrets.providers.*.command must be an absolute path.']);
  assert.deepEqual(issues('/usr/bin/pass; rm -rf /'), ['secrets.providers.*.command is unsafe.']);
  assert.deepEqual(issues('get secret'), [
    'secrets.providers.*.command is unsafe.',
    'secrets.providers.*.command must be an absolute path.',
  ]);
  assert.deepEqual(issues('/usr/local/bin/vault-helper'), []);
  assert.deepEqual(issues('C:\\tools\\secret.exe'), []);
  assert.deepEqual(issues('\\\\server\\tools\\secret.exe'), []);
  assert.deepEqual(
    pairs({ secrets: { providers: { p: { source: 'exec', command: 'node' } } } })[0]?.[0],
    'secrets.providers.p.command',
  );
});

test('retired model refs: a Google preview alias in agents.defaults.model(s) is canonicalised first, elsewhere it is rejected', () => {
  const defaults = (model: unknown, models?: object) =>
    paths({ agents: { defaults: { model, ...(models ? { models } : {}) } } });
  assert.deepEqual(
    defaults({ primary: 'google/gemini-3-pro-preview', fallbacks: ['google-vertex/gemini-3-pro-preview'] }),
    [],
  );
  assert.deepEqual(defaults(' GOOGLE/gemini-3-pro-preview ', { 'google-gemini-cli/gemini-3-pro-preview': {} }), []);
  // The model id is matched exactly by the alias table but case-insensitively by the suppression list.
  assert.deepEqual(defaults({ fallbacks: ['google/Gemini-3-Pro-Preview'] }), ['agents.defaults.model.fallbacks.0']);
  assert.deepEqual(defaults({ primary: 'google/gemini-1.5-pro' }), ['agents.defaults.model.primary']);
  assert.deepEqual(paths({ agents: { defaults: { imageModel: 'google/gemini-3-pro-preview' } } }), [
    'agents.defaults.imageModel',
  ]);
  assert.deepEqual(paths({ agents: { entries: { main: { model: 'google/gemini-3-pro-preview' } } } }), [
    'agents.entries.main.model',
  ]);
});
