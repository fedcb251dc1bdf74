import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf, idsOfLenient } from '../../../test/helpers/findings.ts';
import { blockedBindReason } from './sandbox.ts';

test('docker settings with sandbox mode off', () => {
  assert.deepEqual(idsOf('{ agents: { defaults: { sandbox: { docker: { image: "x" } } } } }', 'sandbox.'), [
    'sandbox.docker_config_mode_off:warn',
  ]);
  // an agent with sandboxing on makes the defaults' docker settings useful; its own empty docker object does not count
  const agentOn =
    '{ agents: { defaults: { sandbox: { docker: { image: "x" } } }, entries: { main: { sandbox: { mode: "all", docker: {} } } } } }';
  assert.deepEqual(idsOf(agentOn, 'sandbox.'), []);
  const agentOff = `{ agents: { defaults: { sandbox: { docker: { image: "x" } } }, ownership: "explicit",
    entries: { main: { sandbox: { docker: { memory: "1g" } } }, boxed: { sandbox: { mode: "all" } } } } }`;
  assert.match(finding(agentOff, 'sandbox.docker_config_mode_off').detail, /:\n- agents.entries.main.sandbox.docker$/);
});

test('dangerous binds: one finding per bind, pointing at the bind', () => {
  const config =
    '{\n  agents: { defaults: { sandbox: { mode: "all", docker: {\n    binds: ["/srv/p:/p", "/etc/ssl:/etc/ssl:ro", "/:/host"],\n  } } } },\n}';
  assert.deepEqual(idsOf(config, 'sandbox.'), [
    'sandbox.dangerous_bind_mount:critical',
    'sandbox.dangerous_bind_mount:critical',
  ]);
  const f = finding(config, 'sandbox.dangerous_bind_mount');
  assert.match(f.detail, /"\/etc\/ssl:\/etc\/ssl:ro", which targets the blocked path "\/etc"/);
  assert.deepEqual(at(f), [3, 26]);
});

test('bind reasons', () => {
  assert.deepEqual(blockedBindReason('/var/run/docker.sock:/var/run/docker.sock'), {
    kind: 'targets',
    blockedPath: '/var/run',
  });
  assert.deepEqual(blockedBindReason('/var:/v'), { kind: 'covers', blockedPath: '/var/run' });
  assert.deepEqual(blockedBindReason('/:/host'), { kind: 'covers', blockedPath: '/' });
  assert.deepEqual(blockedBindReason('data:/data'), { kind: 'non_absolute', sourcePath: 'data' });
  assert.equal(blockedBindReason('/srv/etc:/x'), undefined);
  assert.equal(blockedBindReason('C:\\Users\\me:/x'), undefined);
});

test('container namespace joins are a dangerous network mode; bridge is fine', () => {
  const config =
    '{ agents: { defaults: { sandbox: { mode: "all", docker: { network: "container:vpn", dangerouslyAllowContainerNamespaceJoin: true } } } } }';
  assert.deepEqual(idsOf(config, 'sandbox.'), ['sandbox.dangerous_network_mode:critical']);
  assert.deepEqual(
    idsOf('{ agents: { defaults: { sandbox: { mode: "all", docker: { network: "bridge" } } } } }', 'sandbox.'),
    [],
  );
});

test('seccomp and apparmor unconfined (only reachable leniently: openclaw rejects them)', () => {
  const config =
    '{ agents: { defaults: { sandbox: { mode: "all", docker: { seccompProfile: "Unconfined", apparmorProfile: "unconfined" } } } } }';
  assert.deepEqual(idsOfLenient(config, 'sandbox.'), [
    'sandbox.dangerous_seccomp_profile:critical',
    'sandbox.dangerous_apparmor_profile:critical',
  ]);
});
