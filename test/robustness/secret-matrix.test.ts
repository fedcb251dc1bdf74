/**
 * Issue 16's matrix: every secret-bearing field family, holding secrets that are ordinary words, very short, or
 * spelled with escapes, continuations, quotes and backslashes. Each output (text, JSON, SARIF, Markdown,
 * `--fix --dry-run`, `--fix --json`, review-suggestion bodies, the Action's log, summary and files) must be
 * byte-identical to the output for the same config holding a random secret spelled the same way, and show neither.
 * Identity is the strong half: had any output been rewritten where the word `password` or `info` occurs, or shown
 * the value, the two runs would differ.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { run as runAction } from '../../src/action/main.ts';
import { testPorts } from '../helpers/action-ports.ts';
import { fakeCore } from '../helpers/fake-core.ts';
import { inputVar } from '../../src/action/inputs.ts';
import { suggestionComments } from '../../src/action/review-suggestions.ts';
import { actionMasks } from '../../src/core/redact.ts';
import { auditFile } from '../../src/core/run.ts';
import type { AuditOutcome } from '../../src/core/types.ts';
import { planFixRun } from '../../src/fix/run.ts';
import { fixSuggestions } from '../../src/fix/suggest.ts';
import { nodeHost } from '../../src/io/node-host.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.ts';
import { REPO_ROOT, renderOutput, runCli } from './harness.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')),
);

/** A secret as decoded, and the body of its literal as written in the file (between its quotes). */
interface Spelling {
  name: string;
  quote: '"' | "'";
  /** The literal's body; escapes and continuations are kept as written. */
  body: string;
  value: string;
}

const plain = (value: string): Spelling => ({
  name: value,
  quote: '"',
  body: JSON.stringify(value).slice(1, -1),
  value,
});

const SPELLINGS: Spelling[] = [
  ...['password', 'token', 'short', 'info', 'local', 'critical', 'true', 'file'].map(plain),
  plain('a'),
  plain('xy'),
  plain('k9!'),
  {
    name: 'JSON5 escape',
    quote: '"',
    body: '123456789:AAH\\u0041bcdefghijklmnopqrstuvwxyz0123',
    value: '123456789:AAHAbcdefghijklmnopqrstuvwxyz0123',
  },
  { name: 'line continuation', quote: '"', body: 'Zq8xV2mP\\\nl4Rt7Ws9', value: 'Zq8xV2mPl4Rt7Ws9' },
  { name: 'quotes and backslashes', quote: '"', body: 'a\\"b\\\\c\'d', value: 'a"b\\c\'d' },
  { name: '": "', quote: "'", body: '": "', value: '": "' },
];

/** The same spelling with every literal character replaced by a random letter or digit (escapes kept as written). */
function control(spelling: Spelling, random: () => string): Spelling {
  let body = '';
  let value = '';
  for (let i = 0; i < spelling.body.length; i++) {
    const c = spelling.body[i]!;
    if (c === '\\') {
      const next = spelling.body[i + 1]!;
      const escape = next === 'u' ? spelling.body.slice(i, i + 6) : spelling.body.slice(i, i + 2);
      body += escape;
      value += next === 'u' ? String.fromCharCode(parseInt(escape.slice(2), 16)) : next === '\n' ? '' : next;
      i += escape.length - 1;
    } else {
      const r = random();
      body += r;
      value += r;
    }
  }
  return { name: `control for ${spelling.name}`, quote: spelling.quote, body, value };
}

function seededRandom(seed: number): () => string {
  const chars = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return chars[state % chars.length]!;
  };
}

/**
 * Two configs per spelling. `main`: gateway token, hooks token, a provider `apiKey`, telegram `botToken` and a
 * webhook URL with the secret as its password, slack `appToken`, feishu `encryptKey`, each on the line next to a
 * `groupPolicy: "open"` that `--fix` rewrites (so diffs and suggestions would show it as context), plus one channel
 * whose fixed line holds the secret itself. `exec`: an exec secret provider whose `args` hold the secret (its `command` must be an absolute path; `/bin/sh` is too short to mask), named by
 * the gateway token (openclaw's secretDiagnostics mention the command), and a gateway password.
 */
function configs(s: Spelling): Record<string, string> {
  const lit = `${s.quote}${s.body}${s.quote}`;
  const url = `${s.quote}https://bot:${s.body}@example.com/tg${s.quote}`;
  return {
    'main/openclaw.json': [
      '{',
      '  gateway: { bind: "lan", auth: { mode: "token",',
      `    token: ${lit} } },`,
      '  hooks: { enabled: true, path: "/hooks",',
      `    token: ${lit} },`,
      '  models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", models: [],',
      `    apiKey: ${lit} } } },`,
      '  channels: {',
      '    telegram: {',
      '      groupPolicy: "open",',
      `      botToken: ${lit},`,
      `      webhookUrl: ${url},`,
      '    },',
      '    slack: {',
      '      groupPolicy: "open",',
      `      appToken: ${lit},`,
      '    },',
      '    feishu: {',
      `      encryptKey: ${lit},`,
      '      groupPolicy: "open",',
      '    },',
      `    discord: { groupPolicy: "open", token: ${lit} },`,
      '  },',
      '}',
      '',
    ].join('\n'),
    // Rejected by openclaw as committed: doctor's migrations move the web search key into the brave plugin's config
    // (a secret on new lines) and rename the node deny list; the security fix then runs on the migrated config.
    'legacy/openclaw.json': [
      '{',
      '  gateway: { bind: "loopback", auth: { mode: "token", token: "${GW_TOKEN}" },',
      '    nodes: { denyCommands: ["camera.snap"] } },',
      '  tools: { web: { search: {',
      `    apiKey: ${lit} } } },`,
      '  channels: {',
      '    discord: {',
      '      enabled: true,',
      '      groupPolicy: "open",',
      `      token: ${lit},`,
      '    },',
      '  },',
      '}',
      '',
    ].join('\n'),
    'exec/openclaw.json': [
      '{',
      '  secrets: { providers: { pass: { source: "exec",',
      `    command: "/bin/sh", args: [${lit}] } } },`,
      '  gateway: { auth: { mode: "token", token: { source: "exec", provider: "pass", id: "gw" } },',
      `    remote: { password: ${lit} } },`,
      '  channels: {',
      '    discord: {',
      '      groupPolicy: "open",',
      '    },',
      '  },',
      '}',
      '',
    ].join('\n'),
  };
}

function writeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-secrets-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Outputs {
  [name: string]: string;
}

async function actionOutputs(
  repo: string,
  config: string,
  server: FakeGitHub,
): Promise<{ outputs: Outputs; masks: string[] }> {
  const { core, got } = fakeCore();
  const files = new Map<string, string>();
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: repo,
    GITHUB_REPOSITORY: 'octo/configs',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '77',
    GITHUB_API_URL: server.url,
    [inputVar('config')]: config,
    [inputVar('check-run')]: 'false',
    [inputVar('pr-comment')]: 'false',
    [inputVar('upload-sarif')]: 'true',
    [inputVar('token')]: 'test-token',
  };
  await runAction(
    testPorts(repo, env, core, {
      writeText: (p, t) => void files.set(p.slice(repo.length), t),
      now: () => 0,
      version: '0.0.0-test',
      tempDir: join(repo, '.tmp'),
    }),
  );
  const log = [
    ...got.lines,
    ...Object.entries(got.outputs).map(([n, v]) => `output ${n}=${v}`),
    ...got.failed.map((m) => `failed ${m}`),
  ];
  const outputs: Outputs = { 'action log': log.join('\n'), 'action summary': got.summary.join('\n') };
  for (const [path, text] of files) outputs[`action file ${path}`] = text;
  // Paths of the temporary checkout and the upload's id differ between runs; nothing else may.
  const id = server.sarifs[server.sarifs.length - 1]?.id ?? '<none>';
  for (const key of Object.keys(outputs))
    outputs[key] = outputs[key]!.split(repo).join('<workspace>').split(id).join('<sarif-id>');
  return { outputs, masks: got.secrets };
}

function reviewBodies(repo: string, config: string, outcome: AuditOutcome): string {
  const fixRun = planFixRun({
    host: nodeHost,
    configPaths: [join(repo, config)],
    root: repo,
    kinds: { security: true, migrate: true },
  });
  const { suggestions, withheld } = fixSuggestions(fixRun);
  const built = suggestionComments(suggestions, {
    repoPrefix: '',
    changes: fixRun.configs.flatMap((c) => c.changes),
    findings: outcome.ok ? outcome.findings : [],
    secrets: actionMasks(fixRun.secrets),
  });
  return JSON.stringify({ withheld, withSecret: built.withSecret, comments: built.comments }, null, 2);
}

async function outputsFor(
  s: Spelling,
  config: string,
  server: FakeGitHub,
): Promise<{ outputs: Outputs; masks: string[] }> {
  const repo = writeRepo(configs(s));
  const outcome = auditFile({ host: nodeHost, configPath: join(repo, config), root: repo });
  const outputs: Outputs = {};
  for (const format of ['text', 'json', 'sarif', 'markdown'] as const)
    outputs[format] = renderOutput([outcome], format);
  for (const format of ['text', 'markdown'] as const) {
    // The CLI's own reports: a rejected config's upgrade readiness (doctor's lines, the audit after) included.
    const cli = runCli([config, '--format', format], repo);
    outputs[`cli --format ${format}`] = `${cli.code}\n${cli.stdout}\n${cli.stderr}`;
  }
  const dryRun = runCli([config, '--fix', '--dry-run'], repo);
  outputs['--fix --dry-run'] = `${dryRun.code}\n${dryRun.stdout}\n${dryRun.stderr}`;
  const fixJson = runCli([config, '--fix', '--dry-run', '--json'], repo);
  outputs['--fix --dry-run --json'] = `${fixJson.code}\n${fixJson.stdout}\n${fixJson.stderr}`;
  outputs['review suggestions'] = reviewBodies(repo, config, outcome);
  const action = await actionOutputs(repo, config, server);
  return { outputs: { ...outputs, ...action.outputs }, masks: action.masks };
}

/** The forms a value can take in an output: decoded, JSON-escaped, and as written in the file. */
function forms(s: Spelling): string[] {
  return [...new Set([s.value, JSON.stringify(s.value).slice(1, -1), s.body])];
}

describe('secrets in every field family, whatever the value and its spelling', () => {
  SPELLINGS.forEach((spelling, index) => {
    test(`${spelling.name}: outputs are identical to those for a random secret, and show neither`, async () => {
      const other = control(spelling, seededRandom(index + 1));
      const server = await startFakeGitHub();
      try {
        for (const config of ['main/openclaw.json', 'exec/openclaw.json', 'legacy/openclaw.json']) {
          const secret = await outputsFor(spelling, config, server);
          const random = await outputsFor(other, config, server);
          assert.deepEqual(Object.keys(secret.outputs), Object.keys(random.outputs));
          for (const [name, text] of Object.entries(random.outputs)) {
            // A random value of 1–3 characters occurs in any text by chance: for those, identity is the check.
            for (const form of forms(other).filter((f) => f.length >= 4))
              assert.ok(!text.includes(form), `${config} ${name} shows the random secret ${JSON.stringify(form)}`);
            assert.equal(secret.outputs[name], text, `${config} ${name} differs from the output for a random secret`);
          }
          const sarif = JSON.parse(secret.outputs.sarif!);
          assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors));
          // What --fix would change next to (or on) a secret is still offered where it can be shown.
          assert.match(secret.outputs['--fix --dry-run']!, /\+\s+groupPolicy: "allowlist"/);
          // Masks: only distinctive values, never a word or a few characters.
          for (const mask of secret.masks)
            assert.ok(mask.length >= 8 && !/^[A-Za-z]+$/.test(mask), `masked ${JSON.stringify(mask)}`);
          assert.deepEqual(
            secret.masks.length > 0,
            random.masks.length > 0 && spelling.value.length >= 8 && !/^[A-Za-z]+$/.test(spelling.value),
          );
        }
        // The fake GitHub checks every request against GitHub's API description and accepted each upload.
        assert.deepEqual(server.errors, []);
        assert.equal(server.sarifs.length, 4);
      } finally {
        await server.close();
      }
    });
  });
});

describe('--fix --dry-run around secrets', () => {
  test('the patch applies with git apply --unidiff-zero and leaves out the change on a line that holds a secret', async () => {
    const { spawnSync } = await import('node:child_process');
    const repo = writeRepo(configs(plain('Zq8xV2mPl4Rt7Ws9')));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '.');
    const dry = runCli(['main/openclaw.json', '--fix', '--dry-run'], repo);
    assert.ok(!dry.stdout.includes('Zq8xV2mPl4Rt7Ws9'));
    assert.match(dry.stderr, /the change at main\/openclaw\.json:22 is not in the patch: its lines hold a secret/);
    // The telegram fix is followed by the bot token: its hunk has no trailing context.
    assert.match(dry.stderr, /apply with git apply --unidiff-zero/);
    writeFileSync(join(repo, 'patch.diff'), dry.stdout);
    const check = git('apply', '--unidiff-zero', 'patch.diff');
    assert.equal(check.status, 0, check.stderr);
    const fixed = readFileSync(join(repo, 'main/openclaw.json'), 'utf8');
    assert.equal(fixed.match(/groupPolicy: "allowlist"/g)?.length, 3);
    assert.match(fixed, /discord: \{ groupPolicy: "open", token: "Zq8xV2mPl4Rt7Ws9" \}/);
  });

  test('a hunk whose next line holds a secret ends without context and applies with --unidiff-zero', async () => {
    const { spawnSync } = await import('node:child_process');
    const repo = writeRepo({
      'openclaw.json': [
        '{',
        '  channels: {',
        '    telegram: {',
        '      groupPolicy: "open",',
        '      botToken: "Zq8xV2mPl4Rt7Ws9",',
        '      dmPolicy: "pairing",',
        '    },',
        '  },',
        '}',
        '',
      ].join('\n'),
    });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '.');
    const dry = runCli(['openclaw.json', '--fix', '--dry-run'], repo);
    assert.ok(!dry.stdout.includes('Zq8xV2mPl4Rt7Ws9'));
    assert.match(dry.stderr, /apply with git apply --unidiff-zero/);
    writeFileSync(join(repo, 'patch.diff'), dry.stdout);
    assert.notEqual(
      git('apply', '--check', 'patch.diff').status,
      0,
      'without --unidiff-zero git insists on trailing context',
    );
    const check = git('apply', '--unidiff-zero', 'patch.diff');
    assert.equal(check.status, 0, check.stderr);
    assert.match(
      readFileSync(join(repo, 'openclaw.json'), 'utf8'),
      /groupPolicy: "allowlist",\n {6}botToken: "Zq8xV2mPl4Rt7Ws9"/,
    );
  });
});

describe('several configs in one run', () => {
  test("one config's secrets change nothing in another config's output", () => {
    const other = [
      '{',
      '  channels: { telegram: { dmPolicy: "open", allowFrom: ["*"], accounts: { local: { groupPolicy: "open" } } } },',
      '  gateway: { bind: "lan", auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-info" } }, trustedProxies: ["10.0.0.1"] },',
      '}',
      '',
    ].join('\n');
    const withSecrets = writeRepo({
      'a/openclaw.json':
        '{ gateway: { auth: { token: "info" } }, hooks: { enabled: true, token: "local" }, models: { providers: { x: { baseUrl: "http://127.0.0.1:1", models: [], apiKey: "trusted" } } } }\n',
      'info/openclaw.json': other,
    });
    const alone = writeRepo({ 'info/openclaw.json': other });
    for (const format of ['--json', '--format=sarif', '--format=markdown', '--format=text']) {
      const both = runCli(['a/openclaw.json', 'info/openclaw.json', format], withSecrets);
      const single = runCli(['info/openclaw.json', format], alone);
      if (format === '--json') {
        assert.deepEqual(JSON.parse(both.stdout)[1], JSON.parse(single.stdout));
      } else if (format === '--format=sarif') {
        // Array positions (artifact and rule indexes) depend on what else the log holds; the results may not.
        const withoutIndexes = (key: string, value: unknown) =>
          key === 'index' || key === 'ruleIndex' ? undefined : value;
        const results = (log: string) =>
          JSON.parse(log, withoutIndexes).runs[0].results.filter(
            (r: { locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
              r.locations?.[0]?.physicalLocation.artifactLocation.uri === 'info/openclaw.json',
          );
        assert.deepEqual(results(both.stdout), results(single.stdout));
      } else {
        // The config's own section: up to the end of its collapsible block in Markdown.
        const section = (text: string) => {
          const start = text.slice(text.indexOf('info/openclaw.json'));
          const end = start.indexOf('</details>');
          return end >= 0 ? start.slice(0, end) : start;
        };
        assert.ok(section(both.stdout).length > 100);
        assert.equal(
          section(both.stdout).split('\n').slice(0, 20).join('\n'),
          section(single.stdout).split('\n').slice(0, 20).join('\n'),
        );
      }
    }
  });
});
