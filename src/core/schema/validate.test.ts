import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssuePath, validateConfig } from './validate.ts';
import { compareCase, loadCase } from '../../../scripts/lib/schema-conformance-case.ts';

const pairs = (cfg: unknown) => validateConfig(cfg).map((v) => [formatIssuePath(v.path), v.message]);

test('formatIssuePath', () => {
  assert.equal(formatIssuePath([]), '<root>');
  assert.equal(formatIssuePath(['bindings', 0, 'match']), 'bindings.0.match');
});

test('valid minimal config has no issues', () => {
  assert.deepEqual(validateConfig({}), []);
  assert.deepEqual(validateConfig({ gateway: { port: 18789, bind: 'loopback' } }), []);
});

test('unknown key at root, nested, and in an array element', () => {
  const root = validateConfig({ foo: 1 });
  assert.deepEqual(
    root.map((v) => [formatIssuePath(v.path), v.message, v.at]),
    [['<root>', 'Unrecognized key: "foo"', ['foo']]],
  );
  assert.deepEqual(pairs({ gateway: { bogus: 1, other: 2 } }), [['gateway', 'Unrecognized keys: "bogus", "other"']]);
  assert.deepEqual(pairs({ bindings: [{ agentId: 'main', match: { channel: 'telegram', nope: 1 } }] }), [
    ['bindings.0.match', 'Unrecognized key: "nope"'],
  ]);
});

test('own __proto__ key is an ordinary unknown key', () => {
  const cfg: Record<string, unknown> = {};
  Object.defineProperty(cfg, '__proto__', { value: 1, enumerable: true, configurable: true, writable: true });
  assert.deepEqual(pairs(cfg), [['<root>', 'Unrecognized key: "__proto__"']]);
});

test('wrong type, root not an object', () => {
  assert.deepEqual(pairs({ gateway: { port: 'x' } }), [
    ['gateway.port', 'Invalid input: expected number, received string'],
  ]);
  assert.deepEqual(pairs([]), [['<root>', 'Invalid input: expected object, received array']]);
  assert.deepEqual(pairs({ plugins: { enabled: [] } }), [
    ['plugins.enabled', 'Invalid input: expected boolean, received array (allowed: true, false)'],
  ]);
});

test('enum with allowedValues and a legacy hint', () => {
  const [v] = validateConfig({ gateway: { bind: '0.0.0.0' } });
  assert.equal(v!.message, 'Invalid input (allowed: "auto", "lan", "loopback", "custom", "tailnet")');
  assert.deepEqual(v!.allowedValues, ['auto', 'lan', 'loopback', 'custom', 'tailnet']);
  assert.match(v!.hint!, /bind mode/);
});

test('union failure and bindings branch selection', () => {
  assert.deepEqual(pairs({ bindings: [{ agentId: 'main', match: { channel: 'x', peer: { kind: 'dm', id: '1' } } }] }), [
    ['bindings.0', 'Invalid input (allowed: "direct", "group", "channel", "acp")'],
  ]);
});

test('legacy key hints', () => {
  const [v] = validateConfig({ logging: { redactSensitive: 'tools' } });
  assert.equal(v!.message, 'Unrecognized key: "redactSensitive"');
  assert.match(v!.hint!, /redactPatterns/);
});

test('refinements', () => {
  assert.deepEqual(pairs({ agents: { entries: { a: {}, b: {} } } }), [
    [
      'agents.ownership',
      'multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor',
    ],
  ]);
  assert.deepEqual(pairs({ agents: { entries: { a: { default: true }, b: {} } } }), []);
  assert.deepEqual(pairs({ agents: { ownership: 'explicit' } }), [
    ['agents.entries', 'agents.entries must contain at least one configured agent'],
  ]);
  assert.deepEqual(pairs({ agents: { defaults: { heartbeat: { every: 'daily' } } } }), [
    ['agents.defaults.heartbeat.every', 'invalid duration (use ms, s, m, h)'],
  ]);
  assert.deepEqual(pairs({ tools: { web: { search: { apiKey: 'k' } } } }), [
    ['tools.web.search.apiKey', 'legacy web_search provider config must use plugins.entries.<plugin>.config.webSearch'],
  ]);
  assert.deepEqual(pairs({ models: { providers: { mine: { baseUrl: 'http://x' } } } }), [
    [
      'models.providers.mine.models',
      'custom model providers must declare models; provider overlays without models are only supported for bundled providers',
    ],
  ]);
});

test('legacy agents.list is validated as agents.entries', () => {
  assert.deepEqual(pairs({ agents: { ownership: 'explicit', list: [{ id: 'a', bogus: 1 }, { id: 'b' }] } }), [
    ['agents.entries.a', 'Unrecognized key: "bogus"'],
  ]);
});

test('bundled channel config against its plugin schema', () => {
  assert.deepEqual(pairs({ channels: { telegram: { streamMode: 'x' } } }), [
    ['channels.telegram', 'invalid config: must not have additional properties: "streamMode"'],
  ]);
});

test('never throws on odd input', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 5000; i++) deep = { a: deep };
  for (const v of [
    null,
    undefined,
    1,
    'x',
    true,
    [1, 2],
    deep,
    { agents: null },
    { channels: [] },
    new Array(100000).fill(0),
  ]) {
    assert.ok(Array.isArray(validateConfig(v)));
  }
});

test('conformance: exact issue multiset for every recorded case', () => {
  const root = join(import.meta.dirname, '..', '..', '..', 'test', 'conformance', 'cases');
  // Not reproduced yet: "Unknown model" comes from provider manifests' model suppression lists.
  const knownGaps = new Set(['ArtificialSight__openclaw-railway-template__openclaw-json']);
  let checked = 0;
  for (const name of readdirSync(root).sort()) {
    const c = loadCase(join(root, name));
    if (!c || c.skip || knownGaps.has(name)) continue;
    const r = compareCase(c);
    assert.ok(r.ok, `${name}\n missing: ${r.missing.join('\n  ')}\n extra: ${r.extra.join('\n  ')}`);
    checked++;
  }
  assert.ok(checked > 50);
});

test("issues come in openclaw's order: by top-level key in schema order, refinements within their section", () => {
  // Recorded with openclaw 2026.9.6: the tools refinement sits between the meta and commands schema issues.
  const config = {
    gateway: { tailscale: { resetOnExit: true } },
    commands: { useAccessGroups: true },
    tools: { web: { search: { apiKey: 'sk-test-0000' } } },
    meta: { lastTouchedAt: '2026-01-01' },
  };
  assert.deepEqual(
    validateConfig(config).map((v) => `${formatIssuePath(v.path)}: ${v.message.split(' ').slice(0, 4).join(' ')}`),
    [
      'meta: Unrecognized key: "lastTouchedAt"',
      'tools.web.search.apiKey: legacy web_search provider config',
      'commands: Unrecognized key: "useAccessGroups"',
      'gateway.tailscale: Unrecognized key: "resetOnExit"',
    ],
  );
});
