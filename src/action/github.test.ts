import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHub, describeError, isPermissionError, listPages, type ApiPacing } from './github.ts';

const FAST: ApiPacing = { retryAfterMs: 1, writeIntervalMs: 0, notificationIntervalMs: 0 };

async function serve(answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    const a = answers.length > 1 ? answers.shift()! : answers[0]!;
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body === undefined ? '' : JSON.stringify(a.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((d) => server.close(() => d())),
  };
}

test('GHES base path, the token, retries of 5xx logged', async () => {
  const s = await serve([{ status: 502 }, { status: 503 }, { status: 200, body: { ok: 1 } }]);
  const log: string[] = [];
  const github = createGitHub({ apiUrl: `${s.url}/api/v3/`, token: 't0k', pacing: FAST, onRetry: (l) => log.push(l) });
  const r = await github.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
  assert.deepEqual(r.data, { ok: 1 });
  assert.deepEqual(s.seen, Array(3).fill('GET /api/v3/repos/o/r token t0k'));
  assert.deepEqual(log, ['GitHub API GET /repos/o/r: retry 1', 'GitHub API GET /repos/o/r: retry 2']);
  await s.close();
});

test('secondary rate limit: waits as retry-after says; a plain 403 is a permission error, not retried', async () => {
  const s = await serve([
    { status: 403, body: { message: 'You have exceeded a secondary rate limit' }, headers: { 'retry-after': '3' } },
    { status: 201, body: { id: 1 } },
  ]);
  const log: string[] = [];
  const github = createGitHub({ apiUrl: s.url, token: 't', pacing: FAST, onRetry: (l) => log.push(l) });
  assert.equal((await github.request('POST /x', { a: 1 })).status, 201);
  assert.deepEqual(log, ['GitHub API POST /x: secondary rate limit, retry 1 in 3s']);
  await s.close();
  const s2 = await serve([{ status: 403, body: { message: 'Resource not accessible by integration' } }]);
  const github2 = createGitHub({ apiUrl: s2.url, token: 't', pacing: FAST, onRetry: () => assert.fail('no retry') });
  const error = await github2.request('POST /x', {}).catch((e: unknown) => e);
  assert.ok(isPermissionError(error));
  assert.equal(describeError(error, s2.url), 'POST /x: HTTP 403 (Resource not accessible by integration)');
  assert.equal(s2.seen.length, 1);
  await s2.close();
});

test('a rate limit longer than we wait is not waited for, nor taken for a permission problem', async () => {
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  const s = await serve([
    {
      status: 403,
      body: { message: 'API rate limit exceeded' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    },
  ]);
  const github = createGitHub({ apiUrl: s.url, token: 't', pacing: FAST });
  const error = await github.request('GET /y').catch((e: unknown) => e);
  assert.equal(isPermissionError(error), false);
  assert.equal(s.seen.length, 1);
  await s.close();
});

test('gives up after the retries, with the status', async () => {
  const s = await serve([{ status: 500, body: { message: 'boom' } }]);
  const github = createGitHub({ apiUrl: s.url, token: 't', pacing: FAST, retries: 2 });
  const error = await github.request('GET /y').catch((e: unknown) => e);
  assert.equal(describeError(error, s.url), 'GET /y: HTTP 500 (boom)');
  assert.equal(isPermissionError(error), false);
  assert.equal(s.seen.length, 3);
  await s.close();
});

test('listPages follows the Link header and stops at maxPages', async () => {
  let url = '';
  const page = (n: number) => ({
    status: 200,
    body: [n],
    headers: { link: `<${url}/items?per_page=100&page=${n + 1}>; rel="next"` },
  });
  const s = await serve([page(1), page(2), page(3)]);
  url = s.url;
  const github = createGitHub({ apiUrl: s.url, token: 't', pacing: FAST });
  const pages: unknown[] = [];
  for await (const p of listPages(github, 'GET /items', {}, 2)) pages.push(p);
  assert.deepEqual(pages, [[1], [2]]);
  assert.deepEqual(
    s.seen.map((l) => l.split(' ')[1]),
    ['/items?per_page=100&page=1', '/items?per_page=100&page=2'],
  );
  await s.close();
});
