import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGitHub } from '../../src/action/github.ts';
import { checkRun } from './fake-github-bodies.ts';
import { FAKE_GITHUB_OPERATIONS } from './fake-github-operations.ts';
import { withFakeGitHub } from './fake-github.ts';
import { VENDORED_OPERATIONS, githubOperation } from './github-openapi.ts';

const HEAD = 'a'.repeat(40);
const FAST = { retryAfterMs: 0, writeIntervalMs: 0, notificationIntervalMs: 0 };

test('the vendored OpenAPI subset holds exactly the operations the fake serves', () => {
  assert.deepEqual(
    [...VENDORED_OPERATIONS].sort(),
    Object.values(FAKE_GITHUB_OPERATIONS).sort(),
    'run scripts/vendor-github-openapi.ts (see test/schemas/README.md)',
  );
});

test('the fake refuses a request the OpenAPI description does not allow, with a 422, and records why', async () => {
  await withFakeGitHub(async (server) => {
    const github = createGitHub({ apiUrl: server.url, token: 'test-token', pacing: FAST, retries: 0 });
    const annotation = { path: 'a.json', start_line: '3', end_line: 3, annotation_level: 'error', message: 'm' };
    await assert.rejects(
      github.request('POST /repos/octo/configs/check-runs', {
        name: 7,
        head_sha: HEAD,
        conclusoin: 'success',
        output: { title: 't', summary: 's', annotations: [annotation] },
      }),
      { status: 422 },
    );
    await assert.rejects(github.request('GET /repos/octo/configs/issues/x/comments?per_page=many&sort=created'), {
      status: 422,
    });
    // `data` is the raw body: an empty object, where GitHub requires `body`.
    await assert.rejects(github.request('POST /repos/octo/configs/issues/3/comments', { data: {} }), { status: 422 });
    assert.deepEqual(server.errors, [
      'POST /repos/octo/configs/check-runs: body: must NOT have additional properties (conclusoin)',
      'POST /repos/octo/configs/check-runs: body.name: must be string',
      'POST /repos/octo/configs/check-runs: body.output.annotations[0].annotation_level: must be equal to one of the allowed values ("notice", "warning", "failure")',
      'POST /repos/octo/configs/check-runs: body.output.annotations[0].start_line: must be integer',
      'GET /repos/octo/configs/issues/x/comments: path.issue_number: must be integer',
      'GET /repos/octo/configs/issues/x/comments: query: must NOT have additional properties (sort)',
      'GET /repos/octo/configs/issues/x/comments: query.per_page: must be integer',
      "POST /repos/octo/configs/issues/3/comments: body: must have required property 'body'",
    ]);
    assert.deepEqual(server.checkRuns, []);
    assert.deepEqual(server.comments, []);
  });
});

test('the fake reports a response, a test override included, that GitHub could not send', async () => {
  await withFakeGitHub(async (server) => {
    const github = createGitHub({ apiUrl: server.url, token: 'test-token', pacing: FAST, retries: 0 });
    server.override('createComment', { status: 201, body: { id: 1, body: 'hi' } }, 1);
    server.override('listComments', { status: 403, body: { message: 403 } }, 1);
    server.override('getSarif', { status: 204 }, 1);
    await github.request('POST /repos/octo/configs/issues/3/comments', { body: 'hi' });
    await assert.rejects(github.request('GET /repos/octo/configs/issues/3/comments'), { status: 403 });
    await github.request('GET /repos/octo/configs/code-scanning/sarifs/s-1');
    const missing = ['node_id', 'html_url', 'issue_url', 'user', 'url', 'created_at', 'updated_at'];
    assert.deepEqual(server.errors, [
      ...missing.map(
        (p) => `POST /repos/octo/configs/issues/3/comments: response 201: must have required property '${p}'`,
      ),
      // An error status the operation does not document is checked against GitHub's Basic Error.
      'GET /repos/octo/configs/issues/3/comments: response 403.message: must be string',
      'GET /repos/octo/configs/code-scanning/sarifs/s-1: response 204: not a documented status of code-scanning/get-sarif',
    ]);
    // Once the overrides are used up, the fake's own bodies are valid.
    await github.request('POST /repos/octo/configs/issues/3/comments', { body: 'hi' });
    assert.equal(server.errors.length, missing.length + 2);
  });
});

test('nullable fields of the OpenAPI 3.0 description accept null: a check run still in progress', () => {
  const site = { api: 'http://127.0.0.1:1', owner: 'octo', repo: 'configs' };
  const run = checkRun(site, { id: 5, create: { name: 'n', head_sha: HEAD, status: 'in_progress' }, updates: [] });
  assert.equal(run.conclusion, null);
  const create = githubOperation(FAKE_GITHUB_OPERATIONS.createCheckRun);
  assert.deepEqual(create.checkResponse(201, run), []);
  assert.deepEqual(create.checkResponse(201, { ...run, conclusion: 'maybe' }), [
    'response 201.conclusion: must be equal to one of the allowed values ("success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", null)',
  ]);
});
