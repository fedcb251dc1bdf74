/**
 * A local stand-in for the GitHub REST API (127.0.0.1, random port) that serves the endpoints the Action calls
 * (`FAKE_GITHUB_OPERATIONS`). Every request is checked against GitHub's OpenAPI description (the vendored subset in
 * `test/schemas/github-rest-subset.json`: path and query parameters, JSON body), plus headers and the rules the
 * description cannot express (a 40-hex `head_sha`, review comments on lines of the diff, the review on the PR head…);
 * a request that fails gets a 422 and its problems are recorded in `errors`. Every response sent, a test's overrides
 * included, is checked against the description of its status and any mismatch recorded in `errors` too, so the
 * bodies tests rely on are ones GitHub can send. Every test asserts `errors` is empty.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import {
  checkRun,
  diffEntry,
  diffHunk,
  issueComment,
  notFound,
  review,
  reviewComment,
  sarifStatus,
  sarifUpload,
  validationFailed,
  type Site,
  type FakeReviewComment,
} from './fake-github-bodies.ts';
import { FAKE_GITHUB_OPERATIONS, type FakeRoute } from './fake-github-operations.ts';
import { githubOperation, type GitHubOperation } from './github-openapi.ts';

interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
}

interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface FakePullFile {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The unified diff GitHub shows (hunks only); absent for binary or very large files. */
  patch?: string;
}

interface FakePull {
  headSha: string;
  files: FakePullFile[];
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  errors: string[];
  comments: Array<{ id: number; issue: number; body: string }>;
  checkRuns: Array<{ id: number; create: any; updates: any[] }>;
  sarifs: Array<{ id: string; body: any; sarif: any }>;
  /** Pull requests the pulls endpoints know, by number (see `addPull`). */
  pulls: Map<number, FakePull>;
  /** Reviews created, with the request body as sent. */
  reviews: Array<{ id: number; pull: number; body: any }>;
  /** Review comments: those of the created reviews. */
  reviewComments: FakeReviewComment[];
  addPull(number: number, pull: FakePull): void;
  /** Answers the next `times` requests of a route with `response`, then the normal handler again; forever by default. */
  override(route: FakeRoute, response: FakeResponse, times?: number): void;
  close(): Promise<void>;
}

interface FakeRequest extends RecordedRequest {
  params: Record<string, string>;
}

interface Route {
  operation: GitHubOperation;
  /** Rules the OpenAPI description cannot express; a request that breaks one changes nothing and gets a 422. */
  check?: (req: FakeRequest, errors: string[]) => void;
  handle: (req: FakeRequest) => FakeResponse;
}

const SHA = /^[0-9a-f]{40}$/;
const SIDES = ['LEFT', 'RIGHT'];
/** GitHub refuses longer comment and review bodies; the description does not say so. */
const BODY_MAX = 65536;

/** `per_page` is at most 100 and `page` starts at 1, as GitHub's docs say in prose. */
function checkPage(req: FakeRequest, errors: string[]): void {
  const perPage = Number(req.query.get('per_page') ?? 30);
  const page = Number(req.query.get('page') ?? 1);
  if (!(perPage >= 1 && perPage <= 100)) errors.push('query.per_page: 1..100');
  if (!(page >= 1)) errors.push('query.page: ≥ 1');
}

/** One page of a list, with GitHub's `Link` header (`next`, `last`, `first`, `prev`) when there is more than one page. */
function pageOf<T>(req: FakeRequest, items: T[], api: string): FakeResponse {
  const perPage = Number(req.query.get('per_page') ?? 30);
  const page = Number(req.query.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(req.query);
    query.set('page', String(n));
    return `<${api}${req.path}?${query}>; rel="${rel}"`;
  };
  const links = [
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
  ];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    ...(links.length ? { headers: { link: links.join(', ') } } : {}),
  };
}

function checkCommentBody(req: FakeRequest, errors: string[]): void {
  const body = req.body?.body;
  if (body === '') errors.push('body.body: empty');
  else if (typeof body === 'string' && body.length > BODY_MAX)
    errors.push(`body.body: ${body.length} characters > ${BODY_MAX}`);
}

/** Columns are only allowed on one-line annotations. */
function checkAnnotations(output: any, errors: string[]): void {
  for (const [i, a] of (Array.isArray(output?.annotations) ? output.annotations : []).entries()) {
    if ((a?.start_column !== undefined || a?.end_column !== undefined) && a.start_line !== a.end_line)
      errors.push(`body.output.annotations[${i}]: columns only on one-line annotations`);
  }
}

function checkCreateCheckRun(req: FakeRequest, errors: string[]): void {
  const body = req.body;
  if (typeof body?.head_sha === 'string' && !SHA.test(body.head_sha)) errors.push('body.head_sha: a 40-hex commit SHA');
  if (body?.status === 'completed' && body.conclusion === undefined)
    errors.push('body.conclusion: required with status completed');
  checkAnnotations(body?.output, errors);
}

function checkUploadSarif(req: FakeRequest, errors: string[]): void {
  const body = req.body;
  if (typeof body?.checkout_uri === 'string' && !body.checkout_uri.startsWith('file://'))
    errors.push('body.checkout_uri: a file:// URI');
  if (typeof body?.sarif === 'string') sarifLog(body.sarif, errors);
}

/** The SARIF log of an upload (gzip + base64 JSON, version 2.1.0), or undefined after recording why not. */
function sarifLog(sarif: string, errors: string[]): any {
  try {
    const log = JSON.parse(gunzipSync(Buffer.from(sarif, 'base64')).toString('utf8'));
    if (log.version === '2.1.0' && Array.isArray(log.runs)) return log;
    errors.push('body.sarif: not a SARIF 2.1.0 log');
  } catch (error) {
    errors.push(`body.sarif: not gzip+base64 JSON (${(error as Error).message})`);
  }
  return undefined;
}

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

/** `POST /pulls/{n}/reviews`: on the PR head, a body with COMMENT, and every commented line on the diff, in one hunk. */
function checkCreateReview(body: any, pull: FakePull, errors: string[]): void {
  if (typeof body?.commit_id === 'string' && body.commit_id !== pull.headSha)
    errors.push(`commit_id: ${body.commit_id} is not the pull request head ${pull.headSha}`);
  if (['COMMENT', 'REQUEST_CHANGES'].includes(body?.event) && (typeof body.body !== 'string' || body.body === ''))
    errors.push(`body: required with event ${body.event}`);
  if (typeof body?.body === 'string' && body.body.length > BODY_MAX)
    errors.push(`body: ${body.body.length} characters > ${BODY_MAX}`);
  for (const [i, c] of (Array.isArray(body?.comments) ? body.comments : []).entries()) {
    const w = `comments[${i}]`;
    if (c?.body === '') errors.push(`${w}.body: empty`);
    else if (typeof c?.body === 'string' && c.body.length > BODY_MAX)
      errors.push(`${w}.body: ${c.body.length} characters > ${BODY_MAX}`);
    if (c?.position !== undefined) errors.push(`${w}.position: deprecated, use line and side`);
    if (c?.line === undefined || c.line < 1) errors.push(`${w}.line: required, ≥ 1`);
    if (c?.side !== undefined && !SIDES.includes(c.side)) errors.push(`${w}.side: LEFT or RIGHT`);
    if (c?.start_line !== undefined && !(c.start_line < c.line)) errors.push(`${w}.start_line: before line`);
    if (c?.start_side !== undefined && (!SIDES.includes(c.start_side) || c.start_line === undefined))
      errors.push(`${w}.start_side: LEFT or RIGHT, with start_line`);
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

/** Runs `use` against a fresh fake server and closes it afterwards, whatever happens. */
export async function withFakeGitHub<T>(use: (server: FakeGitHub) => Promise<T>): Promise<T> {
  const server = await startFakeGitHub();
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

export async function startFakeGitHub(
  options: { owner?: string; repo?: string; token?: string; basePath?: string } = {},
): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo';
  const repo = options.repo ?? 'configs';
  const token = options.token ?? 'test-token';
  const basePath = options.basePath ?? '';
  const overrides = new Map<string, { response: FakeResponse; remaining: number }>();
  const state: Omit<FakeGitHub, 'url' | 'override' | 'close' | 'addPull'> = {
    requests: [],
    errors: [],
    comments: [],
    checkRuns: [],
    sarifs: [],
    pulls: new Map(),
    reviews: [],
    reviewComments: [],
  };
  const site: Site = { api: '', owner, repo };
  let nextId = 1000;
  /** GitHub answers 404; recorded as an error too, since a test that asks for a pull request it never added is wrong. */
  const unknownPull = (req: FakeRequest): FakeResponse => {
    state.errors.push(`${req.method} ${req.path}: no pull request added with addPull`);
    return { status: 404, body: notFound() };
  };

  const handlers: Record<FakeRoute, Omit<Route, 'operation'>> = {
    listComments: {
      check: checkPage,
      handle: (req) => {
        const comments = state.comments.filter((c) => c.issue === Number(req.params.issue_number));
        return pageOf(
          req,
          comments.map((c) => issueComment(site, c)),
          site.api,
        );
      },
    },
    createComment: {
      check: checkCommentBody,
      handle: (req) => {
        const comment = { id: nextId++, issue: Number(req.params.issue_number), body: req.body.body as string };
        state.comments.push(comment);
        return { status: 201, body: issueComment(site, comment) };
      },
    },
    updateComment: {
      check: checkCommentBody,
      handle: (req) => {
        const comment = state.comments.find((c) => c.id === Number(req.params.comment_id));
        if (!comment) return { status: 404, body: notFound() };
        comment.body = req.body.body;
        return { status: 200, body: issueComment(site, comment) };
      },
    },
    createCheckRun: {
      check: checkCreateCheckRun,
      handle: (req) => {
        const run = { id: nextId++, create: req.body, updates: [] as any[] };
        state.checkRuns.push(run);
        return { status: 201, body: checkRun(site, run) };
      },
    },
    updateCheckRun: {
      check: (req, errors) => checkAnnotations(req.body?.output, errors),
      handle: (req) => {
        const run = state.checkRuns.find((r) => r.id === Number(req.params.check_run_id));
        if (!run) return { status: 404, body: notFound() };
        run.updates.push(req.body);
        return { status: 200, body: checkRun(site, run) };
      },
    },
    uploadSarif: {
      check: checkUploadSarif,
      handle: (req) => {
        const id = `sarif-${nextId++}`;
        state.sarifs.push({ id, body: req.body, sarif: sarifLog(req.body.sarif, []) });
        return { status: 202, body: sarifUpload(site, id) };
      },
    },
    getSarif: {
      handle: (req) =>
        state.sarifs.some((s) => s.id === req.params.sarif_id)
          ? { status: 200, body: sarifStatus(site, req.params.sarif_id!) }
          : { status: 404, body: notFound() },
    },
    listPullFiles: {
      check: checkPage,
      handle: (req) => {
        const pull = state.pulls.get(Number(req.params.pull_number));
        if (!pull) return unknownPull(req);
        return pageOf(
          req,
          pull.files.map((f) => diffEntry(site, pull.headSha, f)),
          site.api,
        );
      },
    },
    listReviewComments: {
      check: checkPage,
      handle: (req) => {
        const number = Number(req.params.pull_number);
        if (!state.pulls.has(number)) return unknownPull(req);
        return pageOf(
          req,
          state.reviewComments.filter((c) => c.pull === number).map((c) => reviewComment(site, c)),
          site.api,
        );
      },
    },
    createReview: {
      check: (req, errors) => {
        const pull = state.pulls.get(Number(req.params.pull_number));
        if (pull) checkCreateReview(req.body, pull, errors);
      },
      handle: (req) => {
        const number = Number(req.params.pull_number);
        const pull = state.pulls.get(number);
        if (!pull) return unknownPull(req);
        const body = req.body ?? {};
        const created = { id: nextId++, pull: number, body: req.body };
        state.reviews.push(created);
        const commitId = body.commit_id ?? pull.headSha;
        for (const c of body.comments ?? []) {
          const patch = pull.files.find((f) => f.filename === c.path)?.patch;
          state.reviewComments.push({
            id: nextId++,
            pull: number,
            pull_request_review_id: created.id,
            commit_id: commitId,
            path: c.path,
            line: c.line,
            side: c.side ?? 'RIGHT',
            start_line: c.start_line ?? null,
            start_side: c.start_side ?? null,
            body: c.body,
            diff_hunk: diffHunk(patch, c.line),
          });
        }
        return {
          status: 200,
          body: review(site, { id: created.id, pull: number, commit_id: commitId, body: body.body, event: body.event }),
        };
      },
    },
  };
  const routes: Array<[FakeRoute, Route]> = Object.entries(FAKE_GITHUB_OPERATIONS).map(([name, key]) => [
    name as FakeRoute,
    { operation: githubOperation(key), ...handlers[name as FakeRoute] },
  ]);

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
      let path = url.pathname;
      if (basePath) {
        if (!path.startsWith(basePath + '/')) errors.push(`path ${path} misses the API base ${basePath}`);
        path = path.slice(basePath.length);
      }
      const record: RecordedRequest = {
        method: req.method ?? '',
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      state.requests.push(record);
      const found = routes.find(([, r]) => r.operation.method === req.method && r.operation.pattern.test(path));
      if (!found) {
        state.errors.push(`${req.method} ${path}: no such endpoint`);
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(notFound()));
      }
      const [name, route] = found;
      const { operation } = route;
      const send = (r: FakeResponse) => {
        state.errors.push(...operation.checkResponse(r.status, r.body).map((e) => `${req.method} ${path}: ${e}`));
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body === undefined ? '' : JSON.stringify(r.body));
      };
      // GitHub takes the token as `Bearer …` or `token …` (what Octokit sends for a GITHUB_TOKEN).
      const [scheme = '', credential] = (req.headers.authorization ?? '').split(' ');
      if (!/^(bearer|token)$/i.test(scheme) || credential !== token)
        errors.push(`authorization: expected the token (got ${req.headers.authorization ?? 'none'})`);
      if (!String(req.headers.accept ?? '').includes('application/vnd.github'))
        errors.push('accept: application/vnd.github+json expected');
      if (!req.headers['user-agent']) errors.push('user-agent: required');
      if (raw && !String(req.headers['content-type'] ?? '').startsWith('application/json'))
        errors.push('content-type: application/json expected');
      const values = path.match(operation.pattern)!.slice(1).map(decodeURIComponent);
      const params = Object.fromEntries(operation.pathParams.map((p, i) => [p, values[i]!]));
      if (params.owner !== owner || params.repo !== repo) errors.push(`${req.method} ${path}: wrong repository`);
      const request: FakeRequest = { ...record, params };
      const schemaErrors = operation.checkRequest(request);
      errors.push(...schemaErrors);
      // The semantic checks assume the shapes the description promises.
      if (schemaErrors.length === 0) route.check?.(request, errors);
      state.errors.push(...errors.map((e) => `${req.method} ${path}: ${e}`));
      const override = overrides.get(name);
      if (override && override.remaining > 0) {
        override.remaining--;
        return send(override.response);
      }
      send(errors.length > 0 ? { status: 422, body: validationFailed() } : route.handle(request));
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  site.api = `http://127.0.0.1:${port}${basePath}`;
  const server: FakeGitHub = {
    url: site.api,
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
  Object.assign(state, {
    requests: server.requests,
    errors: server.errors,
    comments: server.comments,
    checkRuns: server.checkRuns,
    sarifs: server.sarifs,
    pulls: server.pulls,
    reviews: server.reviews,
    reviewComments: server.reviewComments,
  });
  return server;
}
