import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { main } from '../cli/main.ts';
import type { CliIo } from '../cli/io.ts';
import { nodeHost } from '../io/node-host.ts';
import { compareMigrateCase, listMigrateCases } from '../../test/conformance/migrate-compare.ts';
import { runMigration } from './run.ts';

const CASES = join(import.meta.dirname, '../../test/conformance/cases');

/**
 * Cases where our migration equals the real `openclaw doctor --fix` on all three counts (doctor's change lines, the
 * migrated config, the audit after). `npm run migrate:conformance` measures the rest; a case leaving this list is a
 * regression.
 */
const MATCHING = [
  '0xrancho__aa-cma__openclaw-json',
  'Agent-Guard__Demo-exfil__openclaw-json',
  'Alzxcvb__openclaw-telegram-bot__start-sh',
  'Alzxcvb__openclaw-telegram-bot__start-sh-9404449',
  'AndreuSerraSastre__tipi-docker__config-openclaw-json',
  'Anoxy2__homelab__infra-openclaw-json',
  'ArmenakGaloyan__trytoclaw-config__openclaw-openclaw-json',
  'ArtificialSight__openclaw-railway-template__openclaw-json',
  'Austoin__OpenClaw-Cloud__openclaw-json',
  'Be1l-ai__openclaw-docker-config__config-openclaw-json',
  'BrandonNetSmith__steelclaw__config-openclaw-json',
  'Clawbuilders__openclaw-setup__config-openclaw-json',
  'ConsultingFuture4200__clawbot__config-openclaw-json5',
  'DSTI-AWS-Cloud-Club__moltbot-aws-lab__config-openclaw-json',
  'Dithilli__openclaw-starter__openclaw-example-json',
  'EdgarSPHBot__cleo-backup__config-openclaw-json',
  'Emerson__OpenClaw-Pi5__config-openclaw-json',
  'Enigmaticjoe__onemoreytry__node-c-arc-openclaw-json',
  'HauptJ__OpenClaw-Deploy__openclaw-openclaw-json',
  'Hello-Vince__openclaw-coding-agent__config-openclaw-json',
  'Hwikb__openclaw-dockerized__openclaw-json-example',
  'HyperCLI__hypercli-agent-images__openclaw-openclaw-json',
  'IT-HUSET__openclaw-guide__examples-openclaw-json',
  'IT-HUSET__openclaw-guide__examples-openclaw-pragmatic-json',
  'InvictusAutomation__oc-admin-home-shared__openclaw-openclaw-json',
  'James-Bao__sample-OpenClaw-on-AWS-with-Bedrock__openclaw-openclaw-json',
  'JungeAlexander__openclaw-docker-config__config-openclaw-json',
  'LeonardoBonacci__dockerclaw__swarm-coordinator-data-openclaw-json',
  'MartinCastroAlvarez__openclaw-agent__config-openclaw-json',
  'MathewTomberlin__CursorClaw__openclaw-example-json',
  'Mc01__claw__config-openclaw-json',
  'Merit-Systems__CraigClaw__deploy-openclaw-json',
  'NVIDIA__NemoClaw__dockerfile',
  'Omsatyaswaroop29__nemoclaw__config-openclaw-example-json',
  'OpenCodeEngineer__webagent__openclaw-config-openclaw-json5',
  'ProfessorSeb__docker-env-openclaw-agentgateway__openclaw-openclaw-json',
  'Salman-719__OpsClaw__openclaw-config-openclaw-json',
  'Team-I-Leo__team-i-openclaw-audit-demo__openclaw-project-openclaw-json5',
  'TommyKammy__openclaw-n8n-blueprint__docker-openclaw-openclaw-json',
  'Vinh-CHUC__config-files__openclaw-openclaw-json',
  'VisionOra__openclaw-whatsapp-telegram__openclaw-template-json',
  'aleccool213__open-claw-deployment__openclaw-json-example',
  'antvlrasmus-create__NemoClaw__openclaw-openclaw-json',
  'athola__clawrange__openclaw-config-openclaw-json',
  'autibequi__nixos__openclaw-openclaw-json',
  'axinova-ai__axinova-agent-fleet__openclaw-openclaw-json',
  'bobo070314__igp-infrastructure__config-openclaw-json5',
  'bolotas-migas__selfhost__openclaw-openclaw-json',
  'casparfelten__openclaw-starter__openclaw-example-json',
  'chisuhua__home__openclaw-openclaw-json',
  'clairefro__openclaw-sandbox-docker-lmstudio__openclaw-example-json',
  'cloudgg82-blip__openclaw-deploy__configs-openclaw-json',
  'darrenchang__vibe-setup__openclaw-openclaw-json',
  'directifyapp__directify-agent__openclaw-example-json',
  'ericchansen__my-openclaw__config-openclaw-template-json',
  'johndebord__openclaw__render-start-sh',
  'jweingardt12__BaseClaw__openclaw-config-openclaw-json',
  'kingsh2012__openclaw-compose__templates-openclaw-json',
  'liangzh77__openclaw-docker-deploy__config-openclaw-template-json',
  'lktiep__OpenClawGCP__configs-openclaw-json',
  'manu-mishra__open-claw-fleet__docker-openclaw-json',
  'niu-cai__openclaw-quick-start__configs-openclaw-json',
  'quantum-vector-io__social_agent_openclaw__config-openclaw-json5',
  'salexandr0s__ClawHub__openclaw-openclaw-json5',
  'simple10__openclaw-stack__openclaw-default-openclaw-jsonc',
  'simple10__openclaw-stack__openclaw-default-openclaw-router-jsonc',
  'tardigrde__openclaw-deploy__openclaw-example-json',
  'thelockdoc__clawdbot-zeabur__start-sh',
  'titocosta__openclaw__configs-openclaw-json',
  'vsv1020__openclaw-deploy__openclaw-jsonc',
  'windley__openclaw-cedar-policy-demo__openclaw-json5',
];

test('the cases that match doctor keep matching (lines, migrated config, audit after)', () => {
  for (const name of MATCHING) {
    const r = compareMigrateCase(join(CASES, name));
    assert.deepEqual(
      { lines: [r.missingLines, r.extraLines], config: r.configDiff, audit: r.auditDiff, errors: r.errors },
      { lines: [[], []], config: [], audit: [], errors: [] },
      name,
    );
  }
});

test('every case with a doctor answer: the edits read back as the migrated config, bytes outside them are kept, a second run changes nothing', () => {
  let edited = 0;
  for (const name of listMigrateCases(CASES)) {
    const root = join(CASES, name);
    const run = runMigration({ host: nodeHost, configPath: join(root, 'openclaw.json'), root });
    if (!run) continue;
    assert.deepEqual(run.errors, [], name);
    if (run.files.length === 0) continue;
    edited++;
    const pending = new Map(run.files.map((f) => [f.absPath, f.after]));
    for (const f of run.files) {
      // Every byte outside the edited spans is the original's.
      let at = 0;
      let out = 0;
      for (const e of f.edits) {
        assert.equal(f.after.slice(out, out + (e.start - at)), f.before.slice(at, e.start), name);
        out += e.start - at + e.text.length;
        at = e.end;
      }
      assert.equal(f.after.slice(out), f.before.slice(at), name);
    }
    // Reads by path only, so the pending texts stand in for the files.
    const { open: _open, ...byPath } = nodeHost;
    const host = {
      ...byPath,
      readFile: (p: string) => (pending.has(p) ? new TextEncoder().encode(pending.get(p)!) : nodeHost.readFile(p)),
      stat: (p: string) => {
        const i = nodeHost.stat(p);
        return i && pending.has(p) ? { ...i, size: Buffer.byteLength(pending.get(p)!) } : i;
      },
    };
    const second = runMigration({ host, configPath: join(root, 'openclaw.json'), root });
    assert.deepEqual(
      second?.files.map((f) => f.file),
      [],
      `${name}: second run`,
    );
  }
  assert.ok(edited >= 60, `most cases doctor changed get edits (${edited})`);
});

/** A temporary repository the CLI runs in and writes to. */
function repo(files: Record<string, string>) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oc-migrate-')));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  let stdout = '';
  let stderr = '';
  const writes: string[] = [];
  const io: CliIo = {
    host: nodeHost,
    cwd: dir,
    colorAllowed: false,
    now: () => 0,
    version: 'test',
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (p, text) => {
      writes.push(relative(dir, p));
      writeFileSync(p, text);
    },
  };
  const run = (...argv: string[]) => {
    stdout = '';
    stderr = '';
    writes.length = 0;
    const code = main(argv, io);
    return { code, stdout, stderr, writes: [...writes] };
  };
  return { dir, run, read: (rel: string) => readFileSync(join(dir, rel), 'utf8') };
}

const LEGACY = `// Gateway for the team bot
{
  gateway: {
    port: 18789,
    mode: 'local',
    bind: 'loopback',
    auth: { mode: 'token', token: '\${GATEWAY_TOKEN}' },
    tailscale: {
      mode: 'off', // no tailnet
      resetOnExit: false,
    },
  },
  $include: './commands.json5',
}
`;
const COMMANDS = `{
  commands: {
    native: 'auto',
    ownerDisplay: 'raw', // retired
  },
}
`;

test('a rejected config: the report says what doctor would migrate and audits the config as it would be after, labelled; exit code stays 2', () => {
  const r = repo({ 'openclaw.json': LEGACY, 'commands.json5': COMMANDS });
  const text = r.run('openclaw.json');
  assert.equal(text.code, 2);
  assert.match(text.stdout, /upgrade readiness/);
  assert.match(text.stdout, /migrate {2}Removed retired gateway\.tailscale\.resetOnExit config\./);
  assert.match(text.stdout, /migrate {2}Removed commands\.ownerDisplay; owner ids now render raw\./);
  assert.match(text.stdout, /after the migration \(not the config as committed\)/);
  // Issue by issue: what the migration does about each of openclaw's issues.
  assert.match(text.stdout, /^ {2}issue {4}gateway\.tailscale: Unrecognized key: "resetOnExit" → migrated$/m);
  const json = r.run('openclaw.json', '--json');
  assert.equal(json.code, 2);
  const body = JSON.parse(json.stdout) as {
    ok: boolean;
    migration: { issues: Array<{ fate: string }>; migrations: string[]; afterMigration: { ok: boolean } };
  };
  assert.equal(body.ok, false);
  assert.ok(body.migration.migrations.includes('Removed retired gateway.tailscale.resetOnExit config.'));
  assert.equal(body.migration.afterMigration.ok, true);
  assert.ok(body.migration.issues.every((i) => i.fate === 'migrated'));
  assert.deepEqual(json.writes, []);
});

test('issue by issue: a retired key doctor migrates, an unknown key it drops, a bad value that needs a person', () => {
  const r = repo({
    'openclaw.json': '{\n  gateway: { bind: 12, tailscale: { resetOnExit: false } },\n  tools: { bogus: 1 },\n}\n',
  });
  const text = r.run('openclaw.json');
  assert.equal(text.code, 2);
  const fates = text.stdout.split('\n').filter((l) => l.startsWith('  issue '));
  assert.deepEqual(fates, [
    '  issue    tools: Unrecognized key: "bogus" → dropped (unknown key)',
    '  issue    gateway.bind: Invalid input (allowed: "auto", "lan", "loopback", "custom", "tailnet") → remains: needs a person',
    '  issue    gateway.tailscale: Unrecognized key: "resetOnExit" → migrated',
  ]);
  assert.match(text.stdout, /after the migration the config would still be rejected \(1 issue\)/);
  // Where doctor fails users, say so: it may write nothing at all while an issue remains.
  assert.match(text.stdout, /openclaw doctor --fix may write none of these while an issue remains/);
});

test('notes pasted above the JSON: doctor removes them when what follows is a config openclaw accepts, and only then', () => {
  const config = '{\n  // the team gateway\n  gateway: { mode: "local", bind: "loopback" },\n}\n';
  const r = repo({ 'openclaw.json': `Paste this into ~/.openclaw/openclaw.json:\n\n${config}` });
  const text = r.run('openclaw.json');
  assert.equal(text.code, 2, 'openclaw cannot parse it as committed');
  assert.match(text.stdout, /^ {2}issue {4}<root>: JSON5 parse failed: .* → migrated$/m);
  assert.match(text.stdout, /^ {2}repair {3}Removed non-JSON prefix from openclaw\.json\.$/m);
  assert.deepEqual(r.run('--fix=migrate').writes, ['openclaw.json']);
  // Only the two lines above the root went; the config is as written (the roster doctor writes with it aside).
  assert.ok(
    r.read('openclaw.json').startsWith('{\n  // the team gateway\n  gateway: { mode: "local", bind: "loopback" },\n'),
  );
  assert.notEqual(r.run('openclaw.json').code, 2, 'openclaw now loads it');
  assert.deepEqual(r.run('--fix=migrate').writes, []);

  // What follows the notes is not a config openclaw accepts: doctor leaves the file alone, and so do we.
  const bad = repo({ 'openclaw.json': 'notes\n{ gateway: { bind: 12 } }\n' });
  assert.doesNotMatch(bad.run('openclaw.json').stdout, /upgrade readiness/);
  assert.deepEqual(bad.run('--fix=migrate').writes, []);
});

test('--fix=migrate edits each key in its own file, keeps comments and quotes, and a second run is a no-op', () => {
  const r = repo({ 'openclaw.json': LEGACY, 'commands.json5': COMMANDS });
  const dry = r.run('--fix=migrate', '--dry-run');
  assert.deepEqual(dry.writes, []);
  assert.match(dry.stdout, /^--- a\/openclaw\.json\n\+\+\+ b\/openclaw\.json\n/m);
  assert.match(dry.stdout, /^- {6}resetOnExit: false,\n/m);
  assert.match(dry.stdout, /^--- a\/commands\.json5\n/m);
  const fixed = r.run('--fix=migrate');
  assert.deepEqual(fixed.writes.sort(), ['commands.json5', 'openclaw.json']);
  assert.equal(r.read('commands.json5'), `{\n  commands: {\n    native: 'auto',\n  },\n}\n`);
  // The new roster goes after the last key written in this file, in its style (bare keys, two-space indent).
  assert.equal(
    r.read('openclaw.json'),
    LEGACY.replace('      resetOnExit: false,\n', '').replace(
      '  },\n  $include',
      '  },\n  agents: {\n    entries: {\n      main: {}\n    }\n  },\n  $include',
    ),
  );
  assert.match(r.read('openclaw.json'), /mode: 'off', \/\/ no tailnet/);
  const again = r.run('--fix=migrate');
  assert.deepEqual(again.writes, []);
  assert.notEqual(r.run('openclaw.json').code, 2, 'the migrated config is accepted');
});

test("--fix --json lists each migration with doctor's message; --fix=security alone leaves the legacy keys", () => {
  const r = repo({ 'openclaw.json': LEGACY, 'commands.json5': COMMANDS });
  const security = r.run('--fix=security', '--json');
  assert.deepEqual(security.writes, []);
  assert.equal(security.code, 2);
  const both = r.run('--fix', '--json', '--dry-run');
  const body = JSON.parse(both.stdout) as { fix: { migration: { migrations: string[]; filesChanged: string[] } } };
  assert.deepEqual(body.fix.migration.migrations, [
    'Removed retired gateway.tailscale.resetOnExit config.',
    'Removed commands.ownerDisplay; owner ids now render raw.',
    // With an `$include`, doctor cannot commit the migrations early: its roster step then writes the implicit roster.
    'Prepared the canonical agent roster without retired default markers for persistence.',
  ]);
  assert.deepEqual(body.fix.migration.filesChanged.sort(), ['commands.json5', 'openclaw.json']);
  assert.equal(r.run('--fix=nonsense').code, 2);
});

test('a one-line object stays on one line, single quotes stay single, and removed members take their blanks with them', () => {
  const r = repo({
    'openclaw.json': [
      '{',
      "  gateway: { mode: 'local', bind: 'loopback', nodes: { denyCommands: ['camera.snap'] } },",
      "  channels: { slack: { enabled: true, dm: { enabled: true, policy: 'open', allowFrom: ['*'] } } },",
      '}',
      '',
    ].join('\n'),
  });
  r.run('--fix=migrate');
  const lines = r.read('openclaw.json').split('\n');
  assert.equal(
    lines[1],
    "  gateway: { mode: 'local', bind: 'loopback', nodes: { commands: { deny: ['camera.snap'] } } },",
  );
  assert.equal(
    lines[2],
    "  channels: { slack: { enabled: true, dm: { enabled: true }, dmPolicy: 'open', allowFrom: ['*'] } },",
  );
  assert.deepEqual(r.run('--fix=migrate').writes, []);
});

test("agents.list becomes keyed agents.entries in place, in the file's own style (tabs, CRLF, inline objects)", () => {
  const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');
  const r = repo({
    'openclaw.json': crlf([
      '{',
      '\t"agents": {',
      '\t\t"list": [',
      '\t\t\t{ "id": "main", "workspace": "~/a" },',
      '\t\t\t{',
      '\t\t\t\t"id": "ops",',
      '\t\t\t\t"workspace": "~/b" // on call',
      '\t\t\t}',
      '\t\t]',
      '\t},',
      '\t"commands": { "native": "auto", "ownerDisplay": "raw" }',
      '}',
    ]),
  });
  assert.equal(r.run('--fix=migrate').code === 2, false);
  assert.equal(
    r.read('openclaw.json'),
    crlf([
      '{',
      '\t"agents": {',
      '\t\t"entries": {',
      '\t\t\t"main": { "workspace": "~/a" },',
      '\t\t\t"ops": {',
      '\t\t\t\t"workspace": "~/b" // on call',
      '\t\t\t}',
      '\t\t},',
      '\t\t"ownership": "explicit",',
      '\t\t"defaults": {',
      '\t\t\t"systemAgent": {',
      '\t\t\t\t"agentId": "main"',
      '\t\t\t},',
      '\t\t\t"heartbeat": {',
      '\t\t\t\t"agentId": "main"',
      '\t\t\t}',
      '\t\t}',
      '\t},',
      '\t"commands": { "native": "auto" }',
      '}',
    ]),
  );
  assert.deepEqual(r.run('--fix=migrate').writes, []);
});

test('--fix prints the keys a migration names on one line each, control characters escaped, and says no security fix is needed', () => {
  const forged = 'x\u001b]0;pwned\u0007\nopenclaw.json: nothing to fix';
  const r = repo({
    'openclaw.json': `{\n  gateway: { mode: "local", tailscale: { resetOnExit: true }, ${JSON.stringify(forged)}: 1 },\n}\n`,
    'clean/openclaw.json': '{\n  gateway: { mode: "local", tailscale: { resetOnExit: true } },\n}\n',
  });
  const dry = r.run('openclaw.json', '--fix', '--dry-run');
  assert.doesNotMatch(dry.stderr, /[\u001b\u0007]/);
  assert.ok(dry.stderr.includes('x\\u001b]0;pwned\\u0007\\nopenclaw.json: nothing to fix'), dry.stderr);
  assert.ok(!dry.stderr.split('\n').includes('openclaw.json: nothing to fix"'), dry.stderr);
  const clean = r.run('clean/openclaw.json', '--fix', '--dry-run');
  assert.match(clean.stderr, /clean\/openclaw\.json: would migrate/);
  assert.match(clean.stderr, /\nclean\/openclaw\.json: no security fix to make\n/);
});
