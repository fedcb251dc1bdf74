/**
 * A local stand-in for the GitHub REST API (127.0.0.1, random port) that serves the endpoints the Action calls and
 * validates each request's method, path, headers and body shape the way GitHub's OpenAPI description defines them
 * (required fields, types, enums, the 50-annotation and 65,536-character limits). A request that does not validate
 * gets a 422 and is recorded in `errors`, so every test can assert `errors` is empty.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}


export interface FakePullFile {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The unified diff GitHub shows (hunks only); absent for binary or very large files. */
  patch?: string;
}

export interface FakePull {
  headSha: string;
  files: FakePullFile[];
}

export interface FakeReviewComment {
  id: number;
  pull: number;
  pull_request_review_id: number;
  commit_id: string;
  path: string;
  line: number;
  side: string;
  start_line: number | null;
  start_side: string | null;
  body: string;
}

export interface FakeGitHub {
  url: string;
  /** Base path GHES uses (`/api/v3`), when started with one. */
  requests: RecordedRequest[];
  errors: string[];
  comments: Array<{ id: number; body: string }>;
  checkRuns: Array<{ id: number; create: any; updates: any[] }>;
  sarifs: Array<{ id: string; body: any; sarif: any }>;
  /** Pull requests the pulls endpoints know, by number (see `addPull`). */
  pulls: Map<number, FakePull>;
  /** Reviews created, with the request body as sent. */
  reviews: Array<{ id: number; pull: number; body: any }>;
  /** Review comments: those of the created reviews, and any a test adds. */
  reviewComments: FakeReviewComment[];
  addPull(number: number, pull: FakePull): void;
  /**
   * Answers the next `times` requests of a route (`listComments`, `createComment`, `updateComment`, `createCheckRun`,
   * `updateCheckRun`, `uploadSarif`, `getSarif`, `listPullFiles`, `listReviewComments`, `createReview`) with
   * `response`, then the normal handler again; forever by default.
   */
  override(route: string, response: FakeResponse, times?: number): void;
  close(): Promise<void>;
}

const SHA = /^[0-9a-f]{40}$/;
const REF = /^refs\/(heads|tags|pull)\/.+/;
const LEVELS = ['notice', 'warning', 'failure'];
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'];

type Check = (errors: string[], body: any) => void;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function only(errors: string[], where: string, obj: any, allowed: string[]): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    errors.push(`${where}: expected an object`);
    return;
  }
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) errors.push(`${where}: unexpected property ${key}`);
}

const commentBody: Check = (errors, body) => {
  only(errors, 'body', body, ['body']);
  if (typeof body?.body !== 'string' || body.body.length === 0) errors.push('body.body: required string');
  else if (body.body.length > 65536) errors.push(`body.body: ${body.body.length} characters > 65536`);
};

function checkOutput(errors: string[], output: any, requireTitle: boolean): void {
  if (output === undefined) return;
  only(errors, 'output', output, ['title', 'summary', 'text', 'annotations', 'images']);
  if (requireTitle && typeof output.title !== 'string') errors.push('output.title: required string');
  if (typeof output.summary !== 'string') errors.push('output.summary: required string');
  else if (output.summary.length > 65535) errors.push('output.summary: longer than 65535');
  if (output.annotations === undefined) return;
  if (!Array.isArray(output.annotations)) return void errors.push('output.annotations: expected an array');
  if (output.annotations.length > 50) errors.push(`output.annotations: ${output.annotations.length} > 50`);
  for (const [i, a] of output.annotations.entries()) {
    const w = `output.annotations[${i}]`;
    only(errors, w, a, ['path', 'start_line', 'end_line', 'start_column', 'end_column', 'annotation_level', 'message', 'title', 'raw_details']);
    if (typeof a.path !== 'string' || a.path === '') errors.push(`${w}.path: required string`);
    if (!isInt(a.start_line) || !isInt(a.end_line)) errors.push(`${w}: start_line and end_line are required integers`);
    if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) errors.push(`${w}: columns only on one-line annotations`);
    if (a.start_column !== undefined && !isInt(a.start_column)) errors.push(`${w}.start_column: integer`);
    if (a.end_column !== undefined && !isInt(a.end_column)) errors.push(`${w}.end_column: integer`);
    if (!LEVELS.includes(a.annotation_level)) errors.push(`${w}.annotation_level: one of ${LEVELS.join(', ')}`);
    if (typeof a.message !== 'string') errors.push(`${w}.message: required string`);
    if (a.title !== undefined && typeof a.title !== 'string') errors.push(`${w}.title: string`);
  }
}

const createCheckRunBody: Check = (errors, body) => {
  only(errors, 'body', body, ['name', 'head_sha', 'details_url', 'external_id', 'status', 'started_at', 'conclusion', 'completed_at', 'output', 'actions']);
  if (typeof body?.name !== 'string') errors.push('name: required string');
  if (typeof body?.head_sha !== 'string' || !SHA.test(body.head_sha)) errors.push('head_sha: required 40-hex string');
  if (body?.status !== undefined && !['queued', 'in_progress', 'completed'].includes(body.status)) errors.push('status: enum');
  if (body?.status === 'completed' && !CONCLUSIONS.includes(body.conclusion)) errors.push('conclusion: required with status completed');
  if (body?.completed_at !== undefined && Number.isNaN(Date.parse(body.completed_at))) errors.push('completed_at: date-time');
  checkOutput(errors, body?.output, true);
};

const updateCheckRunBody: Check = (errors, body) => {
  only(errors, 'body', body, ['name', 'details_url', 'external_id', 'started_at', 'status', 'conclusion', 'completed_at', 'output', 'actions']);
  checkOutput(errors, body?.output, false);
};

function uploadBody(errors: string[], body: any): any {
  only(errors, 'body', body, ['commit_sha', 'ref', 'sarif', 'checkout_uri', 'started_at', 'tool_name', 'validate']);
  if (typeof body?.commit_sha !== 'string' || !SHA.test(body.commit_sha)) errors.push('commit_sha: required 40-hex string');
  if (typeof body?.ref !== 'string' || !REF.test(body.ref)) errors.push('ref: required refs/heads|tags|pull/…');
  if (body?.checkout_uri !== undefined && !/^file:\/\//.test(body.checkout_uri)) errors.push('checkout_uri: uri');
  if (typeof body?.sarif !== 'string') return void errors.push('sarif: required string');
  try {
    const log = JSON.parse(gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8'));
    if (log.version !== '2.1.0' || !Array.isArray(log.runs)) errors.push('sarif: not a SARIF 2.1.0 log');
    return log;
  } catch (error) {
    errors.push(`sarif: not gzip+base64 JSON (${(error as Error).message})`);
    return undefined;
  }
}

const REVIEW_EVENTS = ['APPROVE', 'REQUEST_CHANGES', 'COMMENT'];
const SIDES = ['LEFT', 'RIGHT'];

/** Head line number → index of its hunk, for the lines on the right side of a patch (added or context). */
function rightSideLines(patch: string | undefined): Map<number, number> {
  const lines = new Map<number, number>();
  let hunk = -1;
  let next = 0;
  for (const row of (patch ?? '').split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (header) {
      hunk++;
      next = Number(header[1]);
    } else if (hunk >= 0 && (row.startsWith('+') || row.startsWith(' '))) {
      lines.set(next++, hunk);
    }
  }
  return lines;
}

function pageQuery(errors: string[], query: URLSearchParams, allowed: string[]): { perPage: number; page: number } {
  for (const key of query.keys()) if (!allowed.includes(key)) errors.push(`query: unexpected ${key}`);
  const perPage = Number(query.get('per_page') ?? 30);
  const page = Number(query.get('page') ?? 1);
  if (!(Number.isInteger(perPage) && perPage >= 1 && perPage <= 100)) errors.push('per_page: 1..100');
  if (!(Number.isInteger(page) && page >= 1)) errors.push('page: integer ≥ 1');
  return { perPage, page };
}

/** `POST /pulls/{n}/reviews`, including GitHub's rule that every commented line is on the diff, in one hunk. */
function createReviewBody(errors: string[], body: any, pull: FakePull): void {
  only(errors, 'body', body, ['commit_id', 'body', 'event', 'comments']);
  if (body?.commit_id !== undefined && (typeof body.commit_id !== 'string' || !SHA.test(body.commit_id))) errors.push('commit_id: 40-hex string');
  else if (body?.commit_id !== undefined && body.commit_id !== pull.headSha) errors.push(`commit_id: ${body.commit_id} is not the pull request head ${pull.headSha}`);
  if (body?.event !== undefined && !REVIEW_EVENTS.includes(body.event)) errors.push(`event: one of ${REVIEW_EVENTS.join(', ')}`);
  if (['COMMENT', 'REQUEST_CHANGES'].includes(body?.event) && (typeof body.body !== 'string' || body.body === '')) errors.push(`body: required with event ${body.event}`);
  if (body?.body !== undefined && (typeof body.body !== 'string' || body.body.length > 65536)) errors.push('body: string of at most 65536 characters');
  if (body?.comments === undefined) return;
  if (!Array.isArray(body.comments)) return void errors.push('comments: expected an array');
  for (const [i, c] of body.comments.entries()) {
    const w = `comments[${i}]`;
    only(errors, w, c, ['path', 'position', 'body', 'line', 'side', 'start_line', 'start_side']);
    if (typeof c?.path !== 'string' || c.path === '') errors.push(`${w}.path: required string`);
    if (typeof c?.body !== 'string' || c.body === '') errors.push(`${w}.body: required string`);
    else if (c.body.length > 65536) errors.push(`${w}.body: ${c.body.length} characters > 65536`);
    if (c?.position !== undefined) errors.push(`${w}.position: deprecated, use line and side`);
    if (!isInt(c?.line) || c.line < 1) errors.push(`${w}.line: required integer ≥ 1`);
    if (c?.side !== undefined && !SIDES.includes(c.side)) errors.push(`${w}.side: LEFT or RIGHT`);
    if (c?.start_line !== undefined && (!isInt(c.start_line) || !(c.start_line < c.line))) errors.push(`${w}.start_line: an integer before line`);
    if (c?.start_side !== undefined && (!SIDES.includes(c.start_side) || c.start_line === undefined)) errors.push(`${w}.start_side: LEFT or RIGHT, with start_line`);
    const file = pull.files.find((f) => f.filename === c?.path);
    if (!file) {
      errors.push(`${w}.path: ${c?.path} is not a file of the pull request`);
      continue;
    }
    if (c.side !== 'RIGHT' || (c.start_line !== undefined && c.start_side !== 'RIGHT')) continue;
    const right = rightSideLines(file.patch);
    const hunk = right.get(c.line);
    if (hunk === undefined) errors.push(`${w}.line: ${c.line} must be part of the diff`);
    for (let line = c.start_line ?? c.line; line < c.line; line++) {
      if (right.get(line) === hunk) continue;
      errors.push(`${w}.start_line: line ${line} is not in the hunk of line ${c.line}`);
      break;
    }
  }
}

export async function startFakeGitHub(options: { owner?: string; repo?: string; token?: string; basePath?: string } = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo';
  const repo = options.repo ?? 'configs';
  const token = options.token ?? 'test-token';
  const basePath = options.basePath ?? '';
  const overrides = new Map<string, { response: FakeResponse; remaining: number }>();
  const state: Omit<FakeGitHub, 'url' | 'override' | 'close' | 'addPull'> = { requests: [], errors: [], comments: [], checkRuns: [], sarifs: [], pulls: new Map(), reviews: [], reviewComments: [] };
  let nextId = 1000;
  /** GitHub answers 404; recorded as an error too, since a test that asks for a pull request it never added is wrong. */
  const unknownPull = (req: RecordedRequest): FakeResponse => {
    state.errors.push(`${req.method} ${req.path}: no pull request added with addPull`);
    return { status: 404, body: { message: 'Not Found' } };
  };

  const routes: Array<{ name: string; method: string; pattern: RegExp; handle: (m: RegExpMatchArray, req: RecordedRequest, errors: string[]) => FakeResponse }> = [
    {
      name: 'listComments',
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      handle: (_m, req, errors) => {
        for (const key of req.query.keys()) if (!['per_page', 'page', 'since'].includes(key)) errors.push(`query: unexpected ${key}`);
        const perPage = Number(req.query.get('per_page') ?? 30);
        const page = Number(req.query.get('page') ?? 1);
        if (!(perPage >= 1 && perPage <= 100)) errors.push('per_page: 1..100');
        return { status: 200, body: state.comments.slice((page - 1) * perPage, page * perPage).map((c) => ({ id: c.id, body: c.body, user: { login: 'github-actions[bot]' } })) };
      },
    },
    {
      name: 'createComment',
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      handle: (_m, req, errors) => {
        commentBody(errors, req.body);
        const comment = { id: nextId++, body: req.body?.body };
        state.comments.push(comment);
        return { status: 201, body: comment };
      },
    },
    {
      name: 'updateComment',
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      handle: (m, req, errors) => {
        commentBody(errors, req.body);
        const comment = state.comments.find((c) => c.id === Number(m[3]));
        if (!comment) return { status: 404, body: { message: 'Not Found' } };
        comment.body = req.body?.body;
        return { status: 200, body: comment };
      },
    },
    {
      name: 'createCheckRun',
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/,
      handle: (_m, req, errors) => {
        createCheckRunBody(errors, req.body);
        const run = { id: nextId++, create: req.body, updates: [] as any[] };
        state.checkRuns.push(run);
        return { status: 201, body: { id: run.id, name: req.body?.name } };
      },
    },
    {
      name: 'updateCheckRun',
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/,
      handle: (m, req, errors) => {
        updateCheckRunBody(errors, req.body);
        const run = state.checkRuns.find((r) => r.id === Number(m[3]));
        if (!run) return { status: 404, body: { message: 'Not Found' } };
        run.updates.push(req.body);
        return { status: 200, body: { id: run.id } };
      },
    },
    {
      name: 'uploadSarif',
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/code-scanning\/sarifs$/,
      handle: (_m, req, errors) => {
        const sarif = uploadBody(errors, req.body);
        const id = `sarif-${nextId++}`;
        state.sarifs.push({ id, body: req.body, sarif });
        return { status: 202, body: { id, url: `${server.url}/repos/${owner}/${repo}/code-scanning/sarifs/${id}` } };
      },
    },
    {
      name: 'listPullFiles',
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/,
      handle: (m, req, errors) => {
        const { perPage, page } = pageQuery(errors, req.query, ['per_page', 'page']);
        const pull = state.pulls.get(Number(m[3]));
        if (!pull) return unknownPull(req);
        const files = pull.files.slice((page - 1) * perPage, page * perPage);
        return { status: 200, body: files.map((f) => ({ sha: '0'.repeat(40), filename: f.filename, status: f.status ?? 'modified', additions: 0, deletions: 0, changes: 0, ...(f.patch !== undefined ? { patch: f.patch } : {}) })) };
      },
    },
    {
      name: 'listReviewComments',
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/,
      handle: (m, req, errors) => {
        const { perPage, page } = pageQuery(errors, req.query, ['per_page', 'page', 'sort', 'direction', 'since']);
        if (!state.pulls.has(Number(m[3]))) return unknownPull(req);
        const comments = state.reviewComments.filter((c) => c.pull === Number(m[3]));
        return { status: 200, body: comments.slice((page - 1) * perPage, page * perPage).map(({ pull: _pull, ...c }) => ({ ...c, user: { login: 'github-actions[bot]' } })) };
      },
    },
    {
      name: 'createReview',
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/,
      handle: (m, req, errors) => {
        const number = Number(m[3]);
        const pull = state.pulls.get(number);
        if (!pull) return unknownPull(req);
        createReviewBody(errors, req.body, pull);
        if (errors.length > 0) return { status: 422, body: { message: 'Unprocessable Entity' } }; // nothing recorded
        const review = { id: nextId++, pull: number, body: req.body };
        state.reviews.push(review);
        for (const c of req.body.comments ?? []) {
          state.reviewComments.push({ id: nextId++, pull: number, pull_request_review_id: review.id, commit_id: req.body.commit_id ?? pull.headSha, path: c.path, line: c.line, side: c.side ?? 'RIGHT', start_line: c.start_line ?? null, start_side: c.start_side ?? null, body: c.body });
        }
        return { status: 200, body: { id: review.id, state: req.body.event === 'COMMENT' ? 'COMMENTED' : 'PENDING', commit_id: req.body.commit_id ?? pull.headSha } };
      },
    },
    {
      name: 'getSarif',
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/code-scanning\/sarifs\/([^/]+)$/,
      handle: (m) => (state.sarifs.some((s) => s.id === m[3]) ? { status: 200, body: { processing_status: 'complete', analyses_url: null } } : { status: 404, body: { message: 'Not Found' } }),
    },
  ];

  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const errors: string[] = [];
      let body: any = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          errors.push('body: not JSON');
        }
      }
      const send = (r: FakeResponse) => {
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body === undefined ? '' : JSON.stringify(r.body));
      };
      let path = url.pathname;
      if (basePath) {
        if (!path.startsWith(basePath + '/')) errors.push(`path ${path} misses the API base ${basePath}`);
        path = path.slice(basePath.length);
      }
      const record: RecordedRequest = { method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body };
      state.requests.push(record);
      if (req.headers.authorization !== `Bearer ${token}`) errors.push(`authorization: expected the token (got ${req.headers.authorization ?? 'none'})`);
      if (!String(req.headers.accept ?? '').includes('application/vnd.github')) errors.push('accept: application/vnd.github+json expected');
      if (!req.headers['user-agent']) errors.push('user-agent: required');
      if (raw && !String(req.headers['content-type'] ?? '').startsWith('application/json')) errors.push('content-type: application/json expected');
      const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
      if (!route) {
        state.errors.push(`${req.method} ${path}: no such endpoint`);
        return send({ status: 404, body: { message: 'Not Found' } });
      }
      const m = path.match(route.pattern)!;
      if (m[1] !== owner || m[2] !== repo) errors.push(`${req.method} ${path}: wrong repository`);
      const override = overrides.get(route.name);
      if (override && override.remaining > 0) {
        override.remaining--;
        if (errors.length) state.errors.push(...errors.map((e) => `${req.method} ${path}: ${e}`));
        return send(override.response);
      }
      const response = route.handle(m, record, errors);
      if (errors.length > 0) {
        state.errors.push(...errors.map((e) => `${req.method} ${path}: ${e}`));
        return send({ status: 422, body: { message: 'Validation Failed', errors } });
      }
      send(response);
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  const server: FakeGitHub = {
    url: `http://127.0.0.1:${port}${basePath}`,
    ...state,
    addPull(number, pull) {
      state.pulls.set(number, pull);
    },
    override(route, response, times = Infinity) {
      overrides.set(route, { response, remaining: times });
    },
    close: () => new Promise<void>((done) => http.close(() => done())),
  };
  // Share the arrays, so the server's state and the returned object are the same lists.
  Object.assign(state, { requests: server.requests, errors: server.errors, comments: server.comments, checkRuns: server.checkRuns, sarifs: server.sarifs, pulls: server.pulls, reviews: server.reviews, reviewComments: server.reviewComments });
  return server;
}
