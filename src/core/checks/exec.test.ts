import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, finding, idsOf } from '../../../test/helpers/findings.ts';

const EXEC = ['tools.exec', 'security.exposure.open_channels_with_exec'];

test('exec host sandbox without sandbox mode, globally and per agent', () => {
  const config = `{
    agents: { ownership: "explicit", entries: { main: {}, ops: { tools: { exec: { host: "sandbox" } } }, boxed: { sandbox: { mode: "all" }, tools: { exec: { host: "sandbox" } } } } },
    tools: { exec: { host: "sandbox" } },
  }`;
  assert.deepEqual(idsOf(config, ...EXEC), [
    'tools.exec.host_sandbox_no_sandbox_defaults:warn',
    'tools.exec.host_sandbox_no_sandbox_agents:warn',
  ]);
  assert.match(finding(config, 'tools.exec.host_sandbox_no_sandbox_agents').detail, /for ops,/);
  assert.deepEqual(
    idsOf('{ agents: { defaults: { sandbox: { mode: "non-main" } } }, tools: { exec: { host: "sandbox" } } }', ...EXEC),
    [],
  );
});

test('security=full is a warning, critical with an open channel; open channels need exec enabled', () => {
  assert.deepEqual(idsOf('{ tools: { exec: { security: "full" } } }', ...EXEC), [
    'tools.exec.security_full_configured:warn',
  ]);
  const open = '{ channels: { telegram: { dmPolicy: "open", allowFrom: ["*"] } }, tools: { exec: { mode: "full" } } }';
  assert.deepEqual(idsOf(open, ...EXEC), [
    'tools.exec.security_full_configured:critical',
    'security.exposure.open_channels_with_exec:critical',
  ]);
  const allowlist = '{ channels: { telegram: { groupPolicy: "open" } }, tools: { exec: { security: "allowlist" } } }';
  assert.deepEqual(idsOf(allowlist, ...EXEC), ['security.exposure.open_channels_with_exec:warn']);
  // default exec security is deny; the sole agent's mode replaces a global full
  const deny =
    '{ channels: { telegram: { groupPolicy: "open" } }, agents: { entries: { main: { tools: { exec: { mode: "deny" } } } } }, tools: { exec: { security: "full" } } }';
  assert.deepEqual(idsOf(deny, ...EXEC), []);
});

test('the security=full finding points at the key that sets it', () => {
  const config = '{\n  tools: {\n    exec: { security: "full" },\n  },\n}';
  assert.deepEqual(at(finding(config, 'tools.exec.security_full_configured')), [3, 13]);
});

test('fs tools denied while exec stays allowed', () => {
  const config = `{
    agents: { ownership: "explicit", entries: { main: {}, boxed: { sandbox: { mode: "all", workspaceAccess: "ro" } } } },
    tools: { deny: ["write", "edit", "apply_patch"] },
  }`;
  assert.deepEqual(idsOf(config, 'tools.exec'), ['tools.exec.fs_tools_disabled_but_exec_enabled:warn']);
  const detail = finding(config, 'tools.exec.fs_tools_disabled_but_exec_enabled').detail;
  assert.match(
    detail,
    /- tools: runtime=\[exec, process\], disabledFs=\[write, edit, apply_patch\], exec.host=auto, sandbox=off, workspaceAccess=none/,
  );
  assert.match(detail, /- agents.entries.main.tools:/);
  assert.doesNotMatch(detail, /boxed/);
  assert.deepEqual(idsOf('{ tools: { deny: ["write", "edit"] } }', 'tools.exec'), []);
  assert.deepEqual(idsOf('{ tools: { deny: ["group:fs", "bash"] } }', 'tools.exec'), []);
});

test('safeBins interpreters, broad bins and risky trusted dirs', () => {
  const config = `{
    agents: { entries: { main: { tools: { exec: { safeBins: ["/usr/bin/Node", "gawk"] } } } } },
    tools: { exec: { safeBins: ["python3", "jq", "sed", "sort"], safeBinTrustedDirs: ["/tmp/x", "rel/bin", "/usr/local/bin", "/home/me/bin", "/usr/bin"] } },
  }`;
  assert.deepEqual(idsOf(config, 'tools.exec'), [
    'tools.exec.safe_bins_interpreter_unprofiled:warn',
    'tools.exec.safe_bins_broad_behavior:warn',
    'tools.exec.safe_bin_trusted_dirs_risky:warn',
  ]);
  assert.match(
    finding(config, 'tools.exec.safe_bins_interpreter_unprofiled').detail,
    /- tools.exec.safeBins: python3, sed\n- agents.entries.main.tools.exec.safeBins: gawk, node/,
  );
  const dirs = finding(config, 'tools.exec.safe_bin_trusted_dirs_risky').detail;
  assert.equal(dirs.split('\n').filter((l) => l.startsWith('- ')).length, 4);
  const safe =
    '{ tools: { exec: { safeBins: ["python3", "cut"], safeBinProfiles: { Python3: {} }, safeBinTrustedDirs: ["/usr/bin"] } } }';
  assert.deepEqual(idsOf(safe, 'tools.exec'), []);
});

test('skill allowlists on host-exec scopes with MCP servers', () => {
  const config = `{
    agents: { defaults: { skills: ["github"] }, ownership: "explicit", entries: { main: {}, locked: { tools: { exec: { security: "deny" } } } } },
    mcp: { servers: { zeta: { command: "z" }, alpha: { command: "a" } } },
  }`;
  assert.deepEqual(idsOf(config, 'tools.exec'), ['tools.exec.agent_skill_mcp_boundary_drift:warn']);
  const detail = finding(config, 'tools.exec.agent_skill_mcp_boundary_drift').detail;
  assert.match(
    detail,
    /- agents.defaults: agents.defaults.skills, exec.host=gateway, security=full, ask=off\n- main: agents.defaults.skills \(inherited\)/,
  );
  assert.match(detail, /- mcp.servers: alpha, zeta/);
  assert.doesNotMatch(detail, /locked/);
  assert.deepEqual(
    idsOf(
      '{ agents: { defaults: { skills: ["x"], sandbox: { mode: "all" } } }, mcp: { servers: { a: { command: "a" } } } }',
      'tools.exec',
    ),
    [],
  );
  assert.deepEqual(idsOf('{ agents: { defaults: { skills: ["x"] } } }', 'tools.exec'), []);
});
