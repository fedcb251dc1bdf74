import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitHubApiError, createGitHubClient } from './github.ts';

async function serve(answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const a = answers.length > 1 ? answers.shift()! : answers[0]!;
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body === undefined ? '' : JSON.stringify(a.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((d) => server.close(() => d())) };
}

test('GHES base path, retries 5xx with exponential backoff', async () => {
  const s = await serve([{ status: 502 }, { status: 503 }, { status: 200, body: { ok: 1 } }]);
  const waits: number[] = [];
  const client = createGitHubClient({ apiUrl: `${s.url}/api/v3/`, token: 't', sleep: async (ms) => void waits.push(ms), baseDelayMs: 100 });
  const r = await client.request('GET', '/repos/o/r');
  assert.deepEqual(r.data, { ok: 1 });
  assert.deepEqual(waits, [100, 200]);
  assert.deepEqual(s.seen, ['GET /api/v3/repos/o/r', 'GET /api/v3/repos/o/r', 'GET /api/v3/repos/o/r']);
  await s.close();
});

test('secondary rate limit: honours retry-after; a plain 403 is a permission error, not retried', async () => {
  const s = await serve([{ status: 403, body: { message: 'You have exceeded a secondary rate limit' }, headers: { 'retry-after': '3' } }, { status: 201, body: { id: 1 } }]);
  const waits: number[] = [];
  const client = createGitHubClient({ apiUrl: s.url, token: 't', sleep: async (ms) => void waits.push(ms) });
  assert.equal((await client.request('POST', '/x', { a: 1 })).status, 201);
  assert.deepEqual(waits, [3000]);
  await s.close();
  const s2 = await serve([{ status: 403, body: { message: 'Resource not accessible by integration' } }]);
  const c2 = createGitHubClient({ apiUrl: s2.url, token: 't', sleep: async () => assert.fail('no retry') });
  await assert.rejects(c2.request('POST', '/x', {}), (e: unknown) => e instanceof GitHubApiError && e.isPermission && e.status === 403 && /Resource not accessible/.test(e.message));
  assert.equal(s2.seen.length, 1);
  await s2.close();
});

test('gives up after the retries, with the status', async () => {
  const s = await serve([{ status: 500, body: { message: 'boom' } }]);
  const client = createGitHubClient({ apiUrl: s.url, token: 't', sleep: async () => {}, retries: 2 });
  await assert.rejects(client.request('GET', '/y'), (e: unknown) => e instanceof GitHubApiError && e.status === 500 && !e.isPermission);
  assert.equal(s.seen.length, 3);
  await s.close();
});
