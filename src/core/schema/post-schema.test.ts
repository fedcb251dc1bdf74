import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssuePath, validateConfig } from './validate.ts';
import { sandboxEnvIssues, tailscaleBindIssues } from './post-schema.ts';

const pairs = (cfg: unknown) => validateConfig(cfg).map((v) => [formatIssuePath(v.path), v.message]);
const GATEWAY = { mode: 'local', auth: { mode: 'token', token: 'a-long-enough-token-value-0123456789' } };

test('tailscale bind: custom loopback needs a canonical dotted-decimal 127/8 address', () => {
  const bind = (customBindHost: unknown) =>
    tailscaleBindIssues({ gateway: { bind: 'custom', customBindHost, tailscale: { mode: 'serve' } } }).length;
  assert.equal(bind('127.0.0.1'), 0);
  assert.equal(bind(' 127.255.255.254 '), 0);
  assert.equal(bind('[127.0.0.1]'), 0);
  assert.equal(bind('127.0.0.01'), 1);
  assert.equal(bind('127.1'), 1);
  assert.equal(bind('127.0.0.256'), 1);
  assert.equal(bind('::1'), 1);
  assert.equal(bind('localhost'), 1);
  assert.equal(bind(undefined), 1);
  assert.equal(tailscaleBindIssues({ gateway: { bind: 'lan', tailscale: { mode: 'off' } } }).length, 0);
  assert.equal(tailscaleBindIssues({ gateway: { tailscale: { mode: 'serve' } } }).length, 0);
});

test('post-schema checks stop at the first that reports (sandbox env before tailscale)', () => {
  const cfg = {
    gateway: { ...GATEWAY, bind: 'lan', tailscale: { mode: 'serve' } },
    agents: { defaults: { sandbox: { docker: { env: { 'A-B': 'x' } } } } },
  };
  assert.deepEqual(
    pairs(cfg).map(([p]) => p),
    ['agents.defaults.sandbox.docker.env.A-B'],
  );
});

test('sandbox env: podman wording, NUL values, leading/trailing spaces in names, ssh backends skipped', () => {
  const issues = sandboxEnvIssues({
    agents: {
      defaults: { sandbox: { backend: ' podman ', docker: { env: { NUL: 'a\u0000b', ' PAD': 'x' } } } },
      entries: { main: {}, remote: { sandbox: { backend: 'ssh', docker: { env: { 'NOT OK': 'x' } } } } },
    },
  });
  assert.deepEqual(
    issues.map((i) => formatIssuePath(i.path)),
    ['agents.defaults.sandbox.docker.env.NUL', 'agents.defaults.sandbox.docker.env. PAD'],
  );
  assert.match(
    issues[0]!.message,
    /^Podman sandbox backend requires .* Use a single-line, non-NUL value for key "NUL"/,
  );
  assert.match(issues[1]!.message, /Rename key " PAD" to use letters/);
});

test('model policy refs: aliases from the agent and the defaults, wildcards on segment boundaries only', () => {
  const cfg = {
    gateway: GATEWAY,
    agents: {
      defaults: { models: { 'openai/gpt-5': { alias: ' Quick ' } } },
      entries: {
        main: {
          models: { 'anthropic/claude-opus-4-1': { alias: 'deep' } },
          modelPolicy: { allow: ['quick', 'DEEP', 'openai/*', 'a/b/*', '/x', 'x/', 'a/*/b', 'bad\u007fref/x'] },
        },
      },
    },
  };
  assert.deepEqual(
    pairs(cfg).map(([p, m]) => `${p} ${m.split('.')[0]}`),
    [
      'agents.entries.main.modelPolicy.allow.4 invalid model policy ref: "/x"',
      'agents.entries.main.modelPolicy.allow.5 invalid model policy ref: "x/"',
      'agents.entries.main.modelPolicy.allow.6 invalid model policy ref: "a/*/b"',
      'agents.entries.main.modelPolicy.allow.7 invalid model policy ref: "badref/x"',
    ],
  );
});
