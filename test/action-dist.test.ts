/** The bundled Action (dist/action/index.js) run as the runner runs it: INPUT_* env, event payload, output files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withFakeGitHub } from './helpers/fake-github.ts';

const DIST = new URL('../dist/action/index.js', import.meta.url).pathname;

function runDist(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [DIST], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: env.GITHUB_WORKSPACE,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `name<<delim\nvalue\ndelim` records of $GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

test(
  'dist/action/index.js on a fork pull request: annotations, outputs, summary, SARIF; 403s degrade to one notice',
  { skip: !existsSync(DIST) },
  async () => {
    await withFakeGitHub(async (server) => {
      server.override('listComments', { status: 403, body: { message: 'Resource not accessible by integration' } });
      const ws = mkdtempSync(join(tmpdir(), 'oca-dist-'));
      mkdirSync(join(ws, 'bad'));
      writeFileSync(join(ws, 'bad', 'openclaw.json'), '{\n  gateway: { bind: 12 },\n}\n');
      const temp = join(ws, '.runner');
      mkdirSync(temp);
      const event = join(temp, 'event.json');
      writeFileSync(
        event,
        JSON.stringify({
          action: 'opened',
          number: 3,
          pull_request: {
            number: 3,
            head: { sha: 'a'.repeat(40), ref: 'f', repo: { full_name: 'fork/configs' } },
            base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'octo/configs' } },
          },
        }),
      );
      const outputFile = join(temp, 'output');
      const summaryFile = join(temp, 'summary');
      writeFileSync(outputFile, '');
      writeFileSync(summaryFile, '');
      const { code, stdout, stderr } = await runDist({
        GITHUB_WORKSPACE: ws,
        GITHUB_REPOSITORY: 'octo/configs',
        GITHUB_SHA: 'c'.repeat(40),
        GITHUB_REF: 'refs/pull/3/merge',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_API_URL: server.url,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: temp,
        'INPUT_FAIL-ON': 'critical',
        'INPUT_SARIF-FILE': 'openclaw-audit.sarif',
        'INPUT_CHECK-RUN': 'auto',
        'INPUT_PR-COMMENT': 'true',
        INPUT_ANNOTATIONS: 'true',
        INPUT_SUPPRESSED: 'sarif',
        'INPUT_SUGGEST-FIXES': 'true',
        INPUT_TOKEN: 'test-token',
      });
      assert.equal(stderr, '');
      assert.equal(code, 1, stdout);
      assert.deepEqual(server.errors, []);
      // auto skips the check run on a fork; the forced comment gets a 403 and one notice.
      assert.deepEqual(
        server.requests.map((r) => `${r.method} ${r.path}`),
        ['GET /repos/octo/configs/issues/3/comments'],
      );
      const lines = stdout.split('\n');
      const error = lines.find((l) => l.startsWith('::error title='));
      assert.match(
        error ?? '',
        /^::error title=config.invalid%3A OpenClaw config is invalid,file=bad\/openclaw.json,line=2,endLine=2,col=\d+,endColumn=\d+::gateway.bind: /,
      );
      assert.equal(lines.filter((l) => l.startsWith('::notice')).length, 1);
      assert.match(
        lines.find((l) => l.startsWith('::notice'))!,
        /PR comment \(needs `pull-requests: write`; HTTP 403\)/,
      );
      assert.ok(
        lines.includes('suggest-fixes: the pull request comes from a fork, whose token is read-only; no review.'),
        stdout,
      );
      assert.equal(lines.at(-2), '::error::openclaw-audit: openclaw would reject bad/openclaw.json.');
      const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
      assert.deepEqual(outputs, {
        'sarif-file': join(ws, 'openclaw-audit.sarif'),
        'findings-json': join(temp, 'openclaw-audit', 'openclaw-audit.json'),
        critical: '0',
        warn: '0',
        info: '0',
        suppressed: '0',
        'new-findings': '0',
        'sarif-id': '',
        suggestions: '0',
      });
      const summary = readFileSync(summaryFile, 'utf8');
      assert.match(summary, /#### ❌ bad\/openclaw.json: rejected by openclaw/);
      assert.match(
        summary,
        /\[bad\/openclaw.json:2:\d+\]\(https:\/\/github.com\/octo\/configs\/blob\/a{40}\/bad\/openclaw.json#L2\)/,
      );
      const sarif = JSON.parse(readFileSync(join(ws, 'openclaw-audit.sarif'), 'utf8'));
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
      assert.ok(JSON.parse(readFileSync(outputs['findings-json']!, 'utf8')).ok === false);
    });
  },
);

test('dist/action stays under 2 MB, and dist/cli carries no @actions code', { skip: !existsSync(DIST) }, () => {
  const dir = dirname(DIST);
  const size = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  assert.ok(size <= 2 * 1024 * 1024, `dist/action is ${size} bytes`);
  for (const file of ['index.js', 'run.js']) {
    const cli = readFileSync(new URL(`../dist/cli/${file}`, import.meta.url), 'utf8');
    assert.ok(!cli.includes('@actions/'), `dist/cli/${file} bundles @actions/*`);
    assert.ok(!cli.includes('::add-mask::'), `dist/cli/${file} bundles the Action`);
  }
});
