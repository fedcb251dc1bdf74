import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fake, fakeAudit } from '../../test/helpers/fake-audit.ts';
import { startFakeGitHub, withFakeGitHub, type FakeGitHub } from '../../test/helpers/fake-github.ts';
import type { FakeRoute } from '../../test/helpers/fake-github-operations.ts';
import { inputVar } from './inputs.ts';
import { fakeCore } from '../../test/helpers/fake-core.ts';
import { testPorts } from '../../test/helpers/action-ports.ts';
import { renderGfm, tableRows } from '../../test/helpers/gfm.ts';
import { run } from './main.ts';
import type { Git } from './ports.ts';
import { RELEASE_TAG } from '../report/formats.ts';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const MERGE = 'c'.repeat(40);

const realGit: Git = (args, cwd) => {
  const r = spawnSync('git', args, { cwd });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString() };
};

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-action-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function setup(ws: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}, server?: FakeGitHub) {
  const { core, got } = fakeCore();
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'octo/configs',
    GITHUB_SHA: HEAD,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '77',
    RUNNER_TEMP: join(ws, '.tmp'),
    ...(server ? { GITHUB_API_URL: server.url } : {}),
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(inputs)) env[inputVar(k)] = v;
  const ports = testPorts(ws, env, core, {
    git: realGit,
    apiPacing: { retryAfterMs: 0, writeIntervalMs: 0, notificationIntervalMs: 0 },
    audit: fakeAudit,
  });
  return { ports, got };
}

function prEvent(ws: string, opts: { fork?: boolean; number?: number } = {}): Record<string, string> {
  const path = join(ws, '.event.json');
  writeFileSync(
    path,
    JSON.stringify({
      action: 'synchronize',
      number: opts.number ?? 7,
      pull_request: {
        number: opts.number ?? 7,
        head: { sha: HEAD, ref: 'feature', repo: { full_name: opts.fork ? 'someone/configs' : 'octo/configs' } },
        base: { sha: BASE, ref: 'main', repo: { full_name: 'octo/configs' } },
      },
    }),
  );
  return {
    GITHUB_EVENT_PATH: path,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_SHA: MERGE,
  };
}

const TWO = fake({
  findings: [
    {
      checkId: 'gateway.bind_no_auth',
      severity: 'critical',
      title: 'Gateway binds beyond loopback without auth',
      detail: 'the token is visible',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 9,
      path: 'gateway.bind',
    },
    {
      checkId: 'hooks.path_root',
      severity: 'warn',
      title: 'Hooks on /',
      detail: 'path is "/"',
      line: 8,
      column: 3,
      endLine: 8,
      endColumn: 7,
      path: 'hooks.path',
    },
  ],
  suppressed: [{ checkId: 'discovery.mdns_full', severity: 'warn', reason: 'lab network' }],
  secrets: ['sk-live-SECRET123'],
});

test('push: masks first, annotates the exact spans, writes summary, SARIF, JSON and outputs, fails on critical', async () => {
  const ws = workspace({ 'openclaw.json': TWO });
  const { ports, got } = setup(ws, { 'check-run': 'false', 'pr-comment': 'false' });
  const result = await run(ports);
  assert.equal(result.exitCode, 1);
  assert.deepEqual(got.secrets, ['sk-live-SECRET123']);
  assert.equal(got.order[0], 'mask');
  assert.ok(!got.lines.join('\n').includes('SECRET123'));
  const commands = got.lines.filter((l) => l.startsWith('::'));
  assert.deepEqual(commands, [
    '::error title=gateway.bind_no_auth%3A Gateway binds beyond loopback without auth,file=openclaw.json,line=3,endLine=3,col=5,endColumn=9::the token is visible',
    '::warning title=hooks.path_root%3A Hooks on /,file=openclaw.json,line=8,endLine=8,col=3,endColumn=7::path is "/"',
  ]);
  assert.deepEqual(got.outputs, {
    'sarif-file': join(ws, 'openclaw-audit.sarif'),
    'findings-json': join(ws, '.tmp', 'openclaw-audit', 'openclaw-audit.json'),
    critical: '1',
    warn: '1',
    info: '0',
    suppressed: '1',
    'new-findings': '2',
    'sarif-id': '',
    suggestions: '0',
  });
  assert.deepEqual(got.failed, ['openclaw-audit: 1 finding at or above fail-on: critical.']);
  // The summary is written before the step fails.
  assert.ok(got.order.indexOf('summary') < got.order.indexOf('fail'));
  const summary = got.summary.join('');
  assert.match(
    summary,
    /\[openclaw.json:3:5\]\(https:\/\/github.example\/octo\/configs\/blob\/a{40}\/openclaw.json#L3\)/,
  );
  assert.match(summary, /<details><summary>1 suppressed/);
  assert.match(summary, /\[workflow run\]\(https:\/\/github.example\/octo\/configs\/actions\/runs\/77\)/);
  assert.ok(!summary.includes('SECRET123'));
  const sarif = JSON.parse(readFileSync(join(ws, 'openclaw-audit.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, 3);
  assert.ok(!readFileSync(join(ws, 'openclaw-audit.sarif'), 'utf8').includes('SECRET123'));
  const json = JSON.parse(readFileSync(got.outputs['findings-json']!, 'utf8'));
  assert.equal(json.findings.length, 2);
});

test('fail-on none passes; rejected configs still fail, as errors at their location; suppressed=omit drops them from SARIF', async () => {
  const ws = workspace({ 'a/openclaw.json': TWO, 'b/openclaw.json': '{ gateway: { bind: 12 } }\n' });
  const { ports, got } = setup(ws, {
    'fail-on': 'none',
    suppressed: 'omit',
    'check-run': 'false',
    'sarif-file': 'out/x.sarif',
  });
  const result = await run(ports);
  assert.equal(result.exitCode, 1);
  assert.deepEqual(got.failed, ['openclaw-audit: openclaw would reject b/openclaw.json.']);
  const first = got.lines.find((l) => l.startsWith('::error'))!;
  assert.match(
    first,
    /^::error title=config.invalid%3A OpenClaw config is invalid,file=b\/openclaw.json,line=1,endLine=1,col=\d+,endColumn=\d+::gateway.bind: /,
  );
  const sarif = JSON.parse(readFileSync(join(ws, 'out/x.sarif'), 'utf8'));
  // The two active findings and the rejected config's issue; the suppressed finding is left out.
  assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort(), [
    'config.invalid',
    'gateway.bind_no_auth',
    'hooks.path_root',
  ]);
  assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  assert.match(got.summary.join(''), /#### ❌ b\/openclaw.json: rejected by openclaw/);
});

test('bad input: a ConfigurationError naming the input, nothing else runs', async () => {
  const ws = workspace({ 'openclaw.json': TWO });
  const { ports, got } = setup(ws, { 'upload-sarif': 'yes' });
  assert.equal((await run(ports)).exitCode, 1);
  assert.equal(got.failed.length, 1);
  assert.match(got.failed[0]!, /^input upload-sarif: expected true or false/);
  assert.deepEqual(got.summary, []);
});

test('pull request: sticky comment created, updated in place, then marked resolved; check run batches 50 annotations', async () => {
  await withFakeGitHub(async (server) => {
    const many = fake({
      findings: Array.from({ length: 120 }, (_, i) => ({
        checkId: `c.${i}`,
        severity: i % 3 === 0 ? 'critical' : 'info',
        line: i + 1,
        path: `p.${i}`,
      })),
    });
    const ws = workspace({ 'openclaw.json': many });
    const env = prEvent(ws);
    let { ports, got } = setup(ws, { token: 'test-token' }, env, server);
    await run(ports);
    assert.deepEqual(server.errors, []);
    // Check run: 120 annotations in 3 requests of ≤ 50, no workflow-command annotations.
    assert.equal(server.checkRuns.length, 1);
    const cr = server.checkRuns[0]!;
    assert.equal(cr.create.head_sha, HEAD);
    assert.equal(cr.create.conclusion, 'failure');
    assert.equal(cr.create.output.annotations.length, 50);
    assert.deepEqual(
      cr.updates.map((u) => u.output.annotations.length),
      [50, 20],
    );
    assert.deepEqual(cr.create.output.annotations[0], {
      path: 'openclaw.json',
      start_line: 1,
      end_line: 1,
      start_column: 3,
      end_column: 10,
      annotation_level: 'failure',
      message: 'Detail of c.0',
      title: 'c.0: Title of c.0',
    });
    assert.equal(got.lines.filter((l) => /^::(error|warning|notice) file=/.test(l)).length, 0);
    // Comment created.
    assert.equal(server.comments.length, 1);
    assert.match(server.comments[0]!.body, /^<!-- openclaw-audit:sticky -->\n### ❌ openclaw-audit/);
    const id = server.comments[0]!.id;

    // Second run: same comment updated.
    writeFileSync(join(ws, 'openclaw.json'), fake({ findings: [{ checkId: 'x.y', severity: 'warn', line: 2 }] }));
    ({ ports, got } = setup(ws, { token: 'test-token' }, env, server));
    await run(ports);
    assert.equal(server.comments.length, 1);
    assert.equal(server.comments[0]!.id, id);
    assert.match(server.comments[0]!.body, /x\.y/);

    // Clean: marked resolved, not deleted.
    writeFileSync(join(ws, 'openclaw.json'), fake({}));
    ({ ports, got } = setup(ws, { token: 'test-token' }, env, server));
    assert.equal((await run(ports)).exitCode, 0);
    assert.equal(server.comments.length, 1);
    assert.match(
      server.comments[0]!.body,
      /^<!-- openclaw-audit:sticky -->\n### ✅ openclaw-audit\n\nResolved: no finding as of aaaaaaa\./,
    );
    assert.deepEqual(server.errors, []);
  });
});

test('read-only token (fork-like 403s): one notice, workflow commands instead, the step does not fail for it', async () => {
  await withFakeGitHub(async (server) => {
    const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
    server.override('createCheckRun', forbidden);
    server.override('listComments', forbidden);
    server.override('uploadSarif', forbidden);
    const ws = workspace({ 'openclaw.json': fake({ findings: [{ checkId: 'w.one', severity: 'warn', line: 4 }] }) });
    const { ports, got } = setup(
      ws,
      { token: 'test-token', 'check-run': 'true', 'pr-comment': 'true', 'upload-sarif': 'true' },
      prEvent(ws, { fork: true }),
      server,
    );
    const result = await run(ports);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(got.failed, []);
    assert.deepEqual(server.errors, []);
    const notices = got.lines.filter((l) => l.startsWith('::notice'));
    assert.equal(notices.length, 1);
    assert.match(
      notices[0]!,
      /check run \(needs `checks: write`; HTTP 403\); PR comment \(needs `pull-requests: write`; HTTP 403\); SARIF upload \(needs `security-events: write`; HTTP 403\)/,
    );
    assert.match(notices[0]!, /Pull requests from forks get a read-only token/);
    assert.ok(
      got.lines.includes(
        '::warning title=w.one%3A Title of w.one,file=openclaw.json,line=4,endLine=4,col=3,endColumn=10::Detail of w.one',
      ),
    );
    assert.ok(got.summary.length === 1);
  });
});

test('auto on a fork PR does not even try the check run or the comment', async () => {
  await withFakeGitHub(async (server) => {
    const ws = workspace({ 'openclaw.json': fake({}) });
    const { ports } = setup(ws, { token: 'test-token' }, prEvent(ws, { fork: true }), server);
    await run(ports);
    assert.deepEqual(server.requests, []);
  });
});

test('upload-sarif: gzip+base64 body with commit, ref, checkout uri; polls; GHES base path; retries a 502', async () => {
  const server = await startFakeGitHub({ basePath: '/api/v3' });
  try {
    server.override('uploadSarif', { status: 502, body: { message: 'Bad gateway' } }, 1);
    const ws = workspace({ 'openclaw.json': TWO });
    const { ports, got } = setup(
      ws,
      {
        token: 'test-token',
        'upload-sarif': 'true',
        'check-run': 'false',
        'pr-comment': 'false',
        category: 'cfg/main',
        suppressed: 'omit',
      },
      {},
      server,
    );
    await run(ports);
    const uploads = server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/code-scanning/sarifs'));
    assert.equal(uploads.length, 2);
    assert.deepEqual(server.errors, []);
    assert.equal(server.sarifs.length, 1);
    const { body, sarif } = server.sarifs[0]!;
    assert.equal(body.commit_sha, HEAD);
    assert.equal(body.ref, 'refs/heads/main');
    assert.equal(body.checkout_uri, 'file://' + ws);
    assert.equal(sarif.runs[0].automationDetails.id, 'cfg/main/');
    assert.equal(sarif.runs[0].results.length, 2);
    assert.ok(!JSON.stringify(sarif).includes('SECRET123'));
    assert.ok(
      server.requests.some(
        (r) => r.method === 'GET' && r.path === `/repos/octo/configs/code-scanning/sarifs/${server.sarifs[0]!.id}`,
      ),
    );
    assert.equal(got.outputs['sarif-id'], server.sarifs[0]!.id);
    assert.ok(got.lines.some((l) => /retry 1/.test(l)));
  } finally {
    await server.close();
  }
});

test('only-new: findings on the base are not reported; resolved ones are listed; the base is read from git', async () => {
  const ws = workspace({});
  const g = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: ws,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    })
      .toString()
      .trim();
  g('init', '-q');
  const write = (text: string) => writeFileSync(join(ws, 'openclaw.json'), text);
  write(
    fake({
      findings: [
        { checkId: 'old.kept', severity: 'critical', line: 2, path: 'a' },
        { checkId: 'old.fixed', severity: 'warn', line: 3, path: 'b' },
      ],
      secrets: ['base-only-secret'],
    }),
  );
  g('add', '.');
  g('commit', '-qm', 'base');
  const base = g('rev-parse', 'HEAD');
  // The PR moves the kept finding to another line and adds a new one.
  write(
    fake({
      findings: [
        { checkId: 'old.kept', severity: 'critical', line: 9, path: 'a' },
        { checkId: 'new.one', severity: 'warn', line: 4, path: 'c', detail: 'new' },
      ],
    }),
  );
  const event = prEvent(ws);
  const payload = JSON.parse(readFileSync(event.GITHUB_EVENT_PATH!, 'utf8'));
  payload.pull_request.base.sha = base;
  writeFileSync(event.GITHUB_EVENT_PATH!, JSON.stringify(payload));
  const { ports, got } = setup(ws, { 'only-new': 'true', 'check-run': 'false', 'pr-comment': 'false' }, event);
  const result = await run(ports);
  assert.equal(result.exitCode, 0);
  assert.deepEqual(got.failed, []);
  assert.deepEqual(got.secrets, ['base-only-secret']);
  assert.deepEqual(
    got.lines.filter((l) => l.startsWith('::')),
    ['::warning title=new.one%3A Title of new.one,file=openclaw.json,line=4,endLine=4,col=3,endColumn=10::new'],
  );
  assert.equal(got.outputs['new-findings'], '1');
  assert.equal(got.outputs.critical, '0');
  const summary = got.summary.join('');
  assert.match(
    summary,
    /compared with `main` @ [0-9a-f]{7}\): \*\*0\*\* critical · \*\*1\*\* warn .*; 1 unchanged, 1 resolved\./,
  );
  assert.match(summary, /1 resolved by this change/);
  assert.match(summary, /<summary><b>openclaw.json<\/b>: 0 critical · 1 warn · 0 info new, 1 unchanged<\/summary>/);
  assert.match(summary, /old\.fixed/);
});

test('only-new without the base commit: a notice, and every finding is reported', async () => {
  const ws = workspace({ 'openclaw.json': TWO });
  const { ports, got } = setup(ws, { 'only-new': 'true', 'check-run': 'false', 'pr-comment': 'false' }, prEvent(ws));
  await run(ports);
  assert.ok(got.lines.some((l) => l.startsWith('::notice title=openclaw-audit::only-new: not a git checkout')));
  assert.equal(got.outputs['new-findings'], '2');
});

// suggest-fixes ---------------------------------------------------------------------------------------------------

const HEAD_CONFIG =
  '{\n  // team bots\n  channels: {\n    telegram: { groupPolicy: "open" },\n    slack: { groupPolicy: "open" },\n    discord: {\n      groupPolicy: "open",\n    },\n' +
  '    matrix: { $include: "./matrix.json5" },\n    whatsapp: {\n      groupPolicy: "open",\n    },\n  },\n}\n';
/** What GitHub's `pulls/{n}/files` shows for HEAD_CONFIG: telegram was "pairing", slack and whatsapp are new; one hunk. */
const HEAD_PATCH = [
  '@@ -1,10 +1,14 @@',
  ' {',
  '   // team bots',
  '   channels: {',
  '-    telegram: { groupPolicy: "pairing" },',
  '+    telegram: { groupPolicy: "open" },',
  '+    slack: { groupPolicy: "open" },',
  '     discord: {',
  '       groupPolicy: "open",',
  '     },',
  '     matrix: { $include: "./matrix.json5" },',
  '+    whatsapp: {',
  '+      groupPolicy: "open",',
  '+    },',
  '   },',
  ' }',
].join('\n');
const DOCS = `https://github.com/openclaw-audit/openclaw-audit/blob/${RELEASE_TAG}/docs/checks/`;
const key = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

/** `ws/repo` is the git checkout (actions/checkout with `path: repo`), the configs are in `repo/configs`. */
function suggestWorkspace(): string {
  const ws = workspace({
    'repo/configs/openclaw.json': HEAD_CONFIG,
    'repo/configs/matrix.json5': '{ groupPolicy: "open" }\n',
  });
  execFileSync('git', ['init', '-q'], { cwd: join(ws, 'repo') });
  return ws;
}

function addPull(server: FakeGitHub, files: Array<{ filename: string; patch?: string }>): void {
  const unrelated = Array.from({ length: 120 }, (_, i) => ({
    filename: `docs/page-${i}.md`,
    status: 'added' as const,
    patch: '@@ -0,0 +1 @@\n+x',
  }));
  server.addPull(7, { headSha: HEAD, files: [...unrelated, ...files] });
}

test('suggest-fixes: one review on the PR head, suggestions only on added lines, at repository paths; a re-run posts nothing twice', async () => {
  await withFakeGitHub(async (server) => {
    addPull(server, [{ filename: 'configs/openclaw.json', patch: HEAD_PATCH }]);
    const ws = suggestWorkspace();
    const inputs = {
      token: 'test-token',
      root: 'repo/configs',
      'suggest-fixes': 'true',
      'check-run': 'false',
      'pr-comment': 'false',
      'fail-on': 'none',
    };
    let { ports, got } = setup(ws, inputs, prEvent(ws), server);
    assert.equal((await run(ports)).exitCode, 0);
    assert.deepEqual(server.errors, []);
    // The PR's files are read page by page (the config is on page 2).
    assert.deepEqual(
      server.requests.filter((r) => r.path.endsWith('/files')).map((r) => `${r.path}?${r.query}`),
      [
        '/repos/octo/configs/pulls/7/files?per_page=100&page=1',
        '/repos/octo/configs/pulls/7/files?per_page=100&page=2',
      ],
    );
    assert.equal(server.reviews.length, 1);
    const telegram = '    telegram: { groupPolicy: "allowlist" },\n    slack: { groupPolicy: "allowlist" },';
    const whatsapp = '      groupPolicy: "allowlist",';
    const k1 = key('configs/openclaw.json', 'channels.telegram.groupPolicy\nchannels.slack.groupPolicy', telegram);
    const k2 = key('configs/openclaw.json', 'channels.whatsapp.groupPolicy', whatsapp);
    const flagged = [
      'security.exposure.open_groups_with_elevated',
      'security.exposure.open_groups_with_runtime_or_fs',
      'security.exposure.open_groups_with_control_plane_tools',
      'security.trust_model.multi_user_heuristic',
    ]
      .map((id) => `[\`${id}\`](${DOCS}${id}.md)`)
      .join(', ');
    assert.deepEqual(server.reviews[0]!.body, {
      commit_id: HEAD,
      event: 'COMMENT',
      body: '**openclaw-audit** suggests 2 fixes on lines this pull request changes: the config edits `openclaw security audit --fix` makes. "Commit suggestion" applies one; `npx openclaw-audit --fix` applies them all locally.',
      comments: [
        {
          path: 'configs/openclaw.json',
          start_line: 4,
          start_side: 'RIGHT',
          line: 5,
          side: 'RIGHT',
          body:
            `<!-- openclaw-audit:suggestion key=${k1} -->\n**openclaw-audit** fixes, as \`openclaw security audit --fix\` does:\n` +
            `- \`channels.telegram.groupPolicy\`: \`"open"\` → \`"allowlist"\` (flagged by ${flagged})\n` +
            '- `channels.slack.groupPolicy`: `"open"` → `"allowlist"`\n\n' +
            `\`\`\`suggestion\n${telegram}\n\`\`\`\n`,
        },
        {
          path: 'configs/openclaw.json',
          line: 11,
          side: 'RIGHT',
          body: `<!-- openclaw-audit:suggestion key=${k2} -->\n**openclaw-audit** fixes \`channels.whatsapp.groupPolicy\`: \`"open"\` → \`"allowlist"\`, as \`openclaw security audit --fix\` does.\n\n\`\`\`suggestion\n${whatsapp}\n\`\`\`\n`,
        },
      ],
    });
    assert.equal(got.outputs.suggestions, '2');
    assert.ok(
      got.lines.includes(
        `suggest-fixes: review ${server.reviews[0]!.id} with 2 suggestions (1 on lines the pull request does not change; 1 outside the diff).`,
      ),
      got.lines.join('\n'),
    );
    // Nothing was written: the configs are as committed.
    assert.equal(readFileSync(join(ws, 'repo/configs/openclaw.json'), 'utf8'), HEAD_CONFIG);

    // Second run: the markers are found in the review comments, no second review.
    ({ ports, got } = setup(ws, inputs, prEvent(ws), server));
    await run(ports);
    assert.deepEqual(server.errors, []);
    assert.equal(server.reviews.length, 1);
    assert.equal(server.reviewComments.length, 2);
    assert.equal(got.outputs.suggestions, '0');
    assert.ok(
      got.lines.includes(
        'suggest-fixes: no review (2 already posted; 1 on lines the pull request does not change; 1 outside the diff).',
      ),
      got.lines.join('\n'),
    );
  });
});

test('suggest-fixes: a fix whose lines hold a secret is never posted, nor the secret anywhere', async () => {
  await withFakeGitHub(async (server) => {
    const text =
      '{\n  channels: {\n    telegram: { botToken: "123456:ABCDEFsecret", groupPolicy: "open" },\n    discord: {\n      groupPolicy: "open",\n    },\n  },\n}\n';
    const patch =
      '@@ -0,0 +1,8 @@\n' +
      text
        .split('\n')
        .slice(0, -1)
        .map((l) => `+${l}`)
        .join('\n');
    server.addPull(7, { headSha: HEAD, files: [{ filename: 'openclaw.json', patch }] });
    const ws = workspace({ 'openclaw.json': text });
    const { ports, got } = setup(
      ws,
      { token: 'test-token', 'suggest-fixes': 'true', 'check-run': 'false', 'pr-comment': 'false', 'fail-on': 'none' },
      prEvent(ws),
      server,
    );
    await run(ports);
    assert.deepEqual(server.errors, []);
    assert.ok(got.secrets.includes('123456:ABCDEFsecret'));
    assert.equal(server.reviews.length, 1);
    assert.deepEqual(
      server.reviews[0]!.body.comments.map((c: { path: string; line: number }) => `${c.path}:${c.line}`),
      ['openclaw.json:5'],
    );
    assert.ok(!JSON.stringify(server.requests.map((r) => r.body)).includes('ABCDEFsecret'));
    assert.ok(
      got.lines.includes(
        `suggest-fixes: review ${server.reviews[0]!.id} with 1 suggestion (1 withheld because the lines hold a secret).`,
      ),
      got.lines.join('\n'),
    );
  });
});

test('a PR bringing a key openclaw retired: the summary says what doctor --fix would migrate and audits the result; suggest-fixes posts the migration on the PR lines, and committing it gives a config openclaw loads', async () => {
  await withFakeGitHub(async (server) => {
    const text = [
      '{',
      "  // the team's gateway",
      '  gateway: {',
      '    bind: "loopback",',
      '    auth: { mode: "token", token: "${GATEWAY_TOKEN}" },',
      '    nodes: {',
      '      denyCommands: ["camera.snap"],',
      '    },',
      '  },',
      '}',
      '',
    ].join('\n');
    const patch = [
      '@@ -3,4 +3,7 @@',
      '   gateway: {',
      '     bind: "loopback",',
      '     auth: { mode: "token", token: "${GATEWAY_TOKEN}" },',
      '+    nodes: {',
      '+      denyCommands: ["camera.snap"],',
      '+    },',
      '   },',
      ' }',
    ].join('\n');
    server.addPull(7, { headSha: HEAD, files: [{ filename: 'openclaw.json', patch }] });
    const ws = workspace({ 'openclaw.json': text });
    const { ports, got } = setup(
      ws,
      { token: 'test-token', 'suggest-fixes': 'true', 'check-run': 'false', 'pr-comment': 'false' },
      prEvent(ws),
      server,
    );
    // The rejection still decides the outcome.
    assert.equal((await run(ports)).exitCode, 1);
    assert.deepEqual(server.errors, []);

    const html = renderGfm(got.summary.join(''));
    assert.match(html, /openclaw\.json: rejected by openclaw/);
    assert.match(html, /<summary><b>Upgrade readiness<\/b>: <code>openclaw doctor --fix<\/code> would make 1 change;/);
    assert.match(html, /<li>migrate: Moved gateway\.nodes\.denyCommands → gateway\.nodes\.commands\.deny\.<\/li>/);
    assert.match(
      html,
      /<strong>After the migration<\/strong> \(not the config as committed\): 1 critical · 2 warn · 1 info/,
    );
    assert.ok(tableRows(html).includes('🔴 critical|gateway.loopback_no_auth|Gateway auth missing on loopback'));
    // The JSON report has it too.
    const json = JSON.parse(readFileSync(join(ws, '.tmp/openclaw-audit/openclaw-audit.json'), 'utf8'));
    assert.deepEqual(json.migration.migrations, ['Moved gateway.nodes.denyCommands → gateway.nodes.commands.deny.']);

    assert.equal(server.reviews.length, 1);
    const [comment, ...others] = server.reviews[0]!.body.comments as Array<{
      line: number;
      start_line?: number;
      body: string;
    }>;
    assert.equal(others.length, 0, 'the roster doctor adds after the gateway block is outside the diff');
    assert.equal(
      comment!.body.split('```suggestion')[0],
      `${comment!.body.split('\n')[0]}\n` +
        '**openclaw-audit** migrates this config as `openclaw doctor --fix` would. openclaw rejects these lines as committed:\n' +
        '- `gateway.nodes`: Unrecognized key: "denyCommands"\n\n' +
        "doctor's lines for the change:\n" +
        '- Moved gateway.nodes.denyCommands → gateway.nodes.commands.deny.\n\n',
    );
    // "Commit suggestion": the suggested lines replace the commented ones; openclaw then loads the config.
    const suggested = /```suggestion\n([\s\S]*?)```/.exec(comment!.body)![1]!;
    const lines = text.split('\n');
    const start = comment!.start_line ?? comment!.line;
    lines.splice(start - 1, comment!.line - start + 1, ...suggested.replace(/\n$/, '').split('\n'));
    const committed = workspace({ 'openclaw.json': lines.join('\n') });
    const after = setup(committed, { 'fail-on': 'none' });
    assert.equal((await run(after.ports)).exitCode, 0);
    assert.ok(!after.got.summary.join('').includes('rejected'), after.got.summary.join(''));
    assert.match(after.got.summary.join(''), /gateway\.loopback\\_no\\_auth/);
  });
});

test('suggest-fixes: skipped with an info line on a push and on a fork PR, without an API call', async () => {
  await withFakeGitHub(async (server) => {
    const ws = suggestWorkspace();
    const inputs = {
      token: 'test-token',
      root: 'repo/configs',
      'suggest-fixes': 'true',
      'check-run': 'false',
      'pr-comment': 'false',
      'fail-on': 'none',
    };
    let { ports, got } = setup(ws, inputs, {}, server);
    await run(ports);
    assert.ok(got.lines.includes('suggest-fixes: not a pull_request event; no review.'));
    assert.equal(got.outputs.suggestions, '0');
    ({ ports, got } = setup(ws, inputs, prEvent(ws, { fork: true }), server));
    await run(ports);
    assert.ok(
      got.lines.includes('suggest-fixes: the pull request comes from a fork, whose token is read-only; no review.'),
    );
    assert.deepEqual(server.requests, []);
    // Off by default.
    ({ ports, got } = setup(ws, { ...inputs, 'suggest-fixes': '' }, prEvent(ws), server));
    await run(ports);
    assert.deepEqual(server.requests, []);
    assert.ok(!got.lines.some((l) => l.includes('suggest-fixes')));
  });
});

test('suggest-fixes: 403, 404 and 422 are a warning, the step does not fail for them', async () => {
  const cases: Array<[route: FakeRoute, status: number, message: RegExp]> = [
    [
      'createReview',
      403,
      /^::warning title=openclaw-audit::suggest-fixes: no review posted: POST \/repos\/octo\/configs\/pulls\/7\/reviews: HTTP 403 \(Resource not accessible by integration\); the token needs `pull-requests: write`$/,
    ],
    [
      'listPullFiles',
      404,
      /^::warning title=openclaw-audit::suggest-fixes: no review posted: GET \/repos\/octo\/configs\/pulls\/7\/files\?per_page=100&page=1: HTTP 404 \(Not Found\); the token needs `pull-requests: write`$/,
    ],
    [
      'createReview',
      422,
      /^::warning title=openclaw-audit::suggest-fixes: no review posted: POST \/repos\/octo\/configs\/pulls\/7\/reviews: HTTP 422 \(Unprocessable Entity\)$/,
    ],
  ];
  for (const [route, status, message] of cases) {
    const server = await startFakeGitHub();
    try {
      addPull(server, [{ filename: 'configs/openclaw.json', patch: HEAD_PATCH }]);
      server.override(route, {
        status,
        body: {
          message:
            status === 403
              ? 'Resource not accessible by integration'
              : status === 404
                ? 'Not Found'
                : 'Unprocessable Entity',
          documentation_url: 'https://docs.github.com/rest',
          status: String(status),
        },
      });
      const ws = suggestWorkspace();
      const { ports, got } = setup(
        ws,
        {
          token: 'test-token',
          root: 'repo/configs',
          'suggest-fixes': 'true',
          'check-run': 'false',
          'pr-comment': 'false',
          'fail-on': 'none',
        },
        prEvent(ws),
        server,
      );
      assert.equal((await run(ports)).exitCode, 0);
      assert.deepEqual(got.failed, []);
      assert.deepEqual(server.errors, []);
      const warnings = got.lines.filter((l) => l.startsWith('::warning title=openclaw-audit::'));
      assert.equal(warnings.length, 1, `${route} ${status}`);
      assert.match(warnings[0]!, message);
      assert.equal(got.outputs.suggestions, '0');
      assert.equal(server.reviews.length, 0);
    } finally {
      await server.close();
    }
  }
});

// The defaults, as a reviewer sees them ------------------------------------------------------------------------------

test('pr-comment: info findings alone create no comment; an existing one is marked resolved, saying what is left', async () => {
  await withFakeGitHub(async (server) => {
    const ws = workspace({
      'openclaw.json': fake({ findings: [{ checkId: 'summary.attack_surface', severity: 'info', line: 1 }] }),
    });
    const env = prEvent(ws);
    let { ports, got } = setup(ws, { token: 'test-token', 'check-run': 'false' }, env, server);
    assert.equal((await run(ports)).exitCode, 0);
    assert.equal(server.comments.length, 0);
    assert.ok(got.lines.includes('PR comment: nothing above info to report; no comment.'));
    // A warn finding: the comment is created; fixed again (the info finding stays): resolved.
    writeFileSync(
      join(ws, 'openclaw.json'),
      fake({
        findings: [
          { checkId: 'summary.attack_surface', severity: 'info', line: 1 },
          { checkId: 'x.y', severity: 'warn', line: 2 },
        ],
      }),
    );
    ({ ports, got } = setup(ws, { token: 'test-token', 'check-run': 'false' }, env, server));
    await run(ports);
    assert.equal(server.comments.length, 1);
    writeFileSync(
      join(ws, 'openclaw.json'),
      fake({ findings: [{ checkId: 'summary.attack_surface', severity: 'info', line: 1 }] }),
    );
    ({ ports, got } = setup(ws, { token: 'test-token', 'check-run': 'false' }, env, server));
    await run(ports);
    assert.equal(server.comments.length, 1);
    assert.match(
      server.comments[0]!.body,
      /^<!-- openclaw-audit:sticky -->\n### ✅ openclaw-audit\n\nResolved: no finding above info \(1 info finding in the job summary\) as of aaaaaaa\./,
    );
    assert.deepEqual(server.errors, []);
  });
});

test('the README permissions (contents: read, security-events: write): the defaults try the check run and the comment, then stay quiet', async () => {
  await withFakeGitHub(async (server) => {
    const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
    server.override('createCheckRun', forbidden);
    server.override('listComments', forbidden);
    const ws = workspace({ 'openclaw.json': fake({ findings: [{ checkId: 'w.one', severity: 'warn', line: 4 }] }) });
    const { ports, got } = setup(ws, { token: 'test-token', 'upload-sarif': 'true' }, prEvent(ws), server);
    assert.equal((await run(ports)).exitCode, 0);
    assert.deepEqual(server.errors, []);
    assert.equal(server.sarifs.length, 1);
    assert.deepEqual(
      got.lines.filter((l) => /^::(notice|warning) title=openclaw-audit::/.test(l)),
      [],
    );
    assert.ok(got.lines.includes('check run: skipped, the token may not (needs `checks: write`; HTTP 403).'));
    assert.ok(got.lines.includes('PR comment: skipped, the token may not (needs `pull-requests: write`; HTTP 403).'));
    // Annotations fall back to workflow commands.
    assert.ok(got.lines.some((l) => l.startsWith('::warning title=w.one%3A Title of w.one,file=openclaw.json,line=4')));
  });
});

test('fork PR with twelve criticals: nine error annotations, so the closing ::error:: is the tenth GitHub shows', async () => {
  await withFakeGitHub(async (server) => {
    const twelve = fake({
      findings: Array.from({ length: 12 }, (_, i) => ({
        checkId: `c.${i}`,
        severity: 'critical' as const,
        line: i + 1,
        path: `p.${i}`,
      })),
    });
    const ws = workspace({ 'openclaw.json': twelve });
    const { ports, got } = setup(ws, { token: 'test-token' }, prEvent(ws, { fork: true }), server);
    assert.equal((await run(ports)).exitCode, 1);
    assert.deepEqual(server.requests, []);
    assert.equal(got.lines.filter((l) => l.startsWith('::error ')).length, 9);
    assert.ok(
      got.lines.includes(
        '::notice title=openclaw-audit::3 more annotations are not shown (GitHub shows 10 per level per step); the job summary and the SARIF file list every finding.',
      ),
    );
    assert.deepEqual(got.failed, ['openclaw-audit: 12 findings at or above fail-on: critical.']);
  });
});

test('with a check run, the job log lists one line per finding: file:line checkId: title', async () => {
  await withFakeGitHub(async (server) => {
    const ws = workspace({ 'sub/openclaw.json': TWO });
    const { ports, got } = setup(ws, { token: 'test-token', 'pr-comment': 'false' }, prEvent(ws), server);
    await run(ports);
    assert.equal(server.checkRuns.length, 1);
    assert.deepEqual(
      got.lines.filter((l) => l.startsWith('  - sub/')),
      [
        '  - sub/openclaw.json:3 gateway.bind_no_auth: Gateway binds beyond loopback without auth',
        '  - sub/openclaw.json:8 hooks.path_root: Hooks on /',
      ],
    );
    assert.equal(got.lines.filter((l) => l.startsWith('::')).length, 0);
  });
});

test('a title or file from the config cannot put a workflow command into the log', async () => {
  await withFakeGitHub(async (server) => {
    const hostile = fake({
      findings: [
        {
          checkId: 'gateway.bind_no_auth',
          severity: 'warn',
          title: 'T\n::add-mask::critical\n::warning::forged',
          line: 2,
          path: 'a',
        },
      ],
    });
    const ws = workspace({ '::error::x/openclaw.json': hostile });
    const { ports, got } = setup(
      ws,
      { token: 'test-token', 'pr-comment': 'false', config: '::error::x/openclaw.json' },
      prEvent(ws),
      server,
    );
    await run(ports);
    const log = got.lines.join('\n').split('\n');
    assert.deepEqual(
      log.filter((l) => /^\s*::/.test(l)),
      [],
    );
    assert.ok(
      log.includes('  - ::error::x/openclaw.json:2 gateway.bind_no_auth: T\\n::add-mask::critical\\n::warning::forged'),
      log.join('\n'),
    );
  });
});

test('a PR with seventeen configs: the comment fits, rejected first, every critical row kept, info rows counted out; unresolved references beside their findings', async () => {
  await withFakeGitHub(async (server) => {
    const long = 'a detail that takes room in the comment, '.repeat(8);
    const files: Record<string, string> = {
      'bad/openclaw.json': '{ gateway: { bind: 12 } }\n',
      'env/openclaw.json': '{\n  gateway: { bind: "loopback", auth: { token: "${OCA_TEST_UNSET_TOKEN}" } },\n}\n',
    };
    for (let c = 0; c < 15; c++) {
      const findings = Array.from({ length: 25 }, (_, i) => ({
        checkId: `i.n${i}`,
        severity: 'info',
        line: i + 1,
        path: `p${i}`,
        detail: long,
      }));
      if (c === 14) findings.push({ checkId: 'c.last', severity: 'critical', line: 99, path: 'c', detail: long });
      files[`app${String(c).padStart(2, '0')}/openclaw.json`] = fake({ findings });
    }
    const ws = workspace(files);
    const { ports } = setup(ws, { token: 'test-token', 'check-run': 'false', 'fail-on': 'none' }, prEvent(ws), server);
    await run(ports);
    assert.deepEqual(server.errors, []);
    const body = server.comments[0]!.body;
    assert.ok(body.length <= 65_536, String(body.length));
    const html = renderGfm(body);
    assert.ok(html.indexOf('bad/openclaw.json: rejected by openclaw') < html.indexOf('<details'));
    const rows = tableRows(html);
    assert.deepEqual(
      rows.filter((r) => r.startsWith('🔴 critical')).map((r) => r.split('|')[1]),
      ['gateway.loopback_no_auth', 'c.last'],
    );
    const info = rows.filter((r) => r.startsWith('🔵 info')).length;
    assert.match(body, new RegExp(`_Left out to fit GitHub's size limit: ${15 * 25 + 1 - info} info; `));
    const env = html.slice(html.indexOf('<b>env/openclaw.json</b>'));
    assert.ok(
      env.indexOf('failed to resolve gateway.auth.token locally') < env.indexOf('gateway.loopback_no_auth'),
      env.slice(0, 2000),
    );
  });
});
