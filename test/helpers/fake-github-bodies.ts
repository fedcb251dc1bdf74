/**
 * Response bodies of the fake GitHub server, shaped as GitHub's OpenAPI description says (every required field, the
 * right types and formats); the fake checks each one it sends against the vendored description.
 */
import { createHash } from 'node:crypto';

export interface Site {
  /** The API base URL (with `/api/v3` on GHES). */
  api: string;
  owner: string;
  repo: string;
}

const HTML = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';
/** A fixed clock, so bodies are reproducible. */
const FAKE_TIME = '2026-01-01T00:00:00Z';

function repoApi(site: Site): string {
  return `${site.api}/repos/${site.owner}/${site.repo}`;
}

function repoHtml(site: Site): string {
  return `${HTML}/${site.owner}/${site.repo}`;
}

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64');
}

/** GitHub's "Simple User". */
function simpleUser(site: Site, login: string, id: number, type: 'Bot' | 'Organization' | 'User') {
  const url = `${site.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: type === 'Bot' ? `${HTML}/apps/${login.replace(/\[bot\]$/, '')}` : `${HTML}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

/** The author of everything the Action writes with `GITHUB_TOKEN`. */
function actionsBot(site: Site) {
  return simpleUser(site, 'github-actions[bot]', 41898282, 'Bot');
}

function actionsApp(site: Site) {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: nodeId('Integration', 15368),
    owner: simpleUser(site, 'github', 9919, 'Organization'),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${HTML}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      checks: 'write',
      contents: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
      security_events: 'write',
    },
    events: ['check_run', 'check_suite', 'pull_request', 'push'],
  };
}

export function issueComment(site: Site, comment: { id: number; issue: number; body: string }) {
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${repoApi(site)}/issues/comments/${comment.id}`,
    html_url: `${repoHtml(site)}/pull/${comment.issue}#issuecomment-${comment.id}`,
    body: comment.body,
    user: actionsBot(site),
    created_at: FAKE_TIME,
    updated_at: FAKE_TIME,
    issue_url: `${repoApi(site)}/issues/${comment.issue}`,
    author_association: 'NONE',
    performed_via_github_app: null,
  };
}

/** A check run as created and then updated: the last name, status and output given, annotations counted. */
export function checkRun(site: Site, run: { id: number; create: any; updates: any[] }) {
  const last = (key: string) => [run.create, ...run.updates].reduce((value, body) => body?.[key] ?? value, undefined);
  const output = last('output');
  const status = last('status') ?? 'queued';
  const annotations = [run.create, ...run.updates].reduce((n, body) => n + (body?.output?.annotations?.length ?? 0), 0);
  const url = `${repoApi(site)}/check-runs/${run.id}`;
  const html = `${repoHtml(site)}/runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.create.head_sha,
    node_id: nodeId('CheckRun', run.id),
    external_id: last('external_id') ?? '',
    url,
    html_url: html,
    details_url: last('details_url') ?? html,
    status,
    conclusion: status === 'completed' ? last('conclusion') : null,
    started_at: last('started_at') ?? FAKE_TIME,
    completed_at: status === 'completed' ? (last('completed_at') ?? FAKE_TIME) : null,
    output: {
      title: output?.title ?? null,
      summary: output?.summary ?? null,
      text: output?.text ?? null,
      annotations_count: annotations,
      annotations_url: `${url}/annotations`,
    },
    name: last('name'),
    check_suite: { id: run.id + 1_000_000 },
    app: actionsApp(site),
    pull_requests: [],
  };
}

export function sarifUpload(site: Site, id: string) {
  return { id, url: `${repoApi(site)}/code-scanning/sarifs/${id}` };
}

export function sarifStatus(site: Site, id: string) {
  return {
    processing_status: 'complete',
    analyses_url: `${repoApi(site)}/code-scanning/analyses?sarif_id=${encodeURIComponent(id)}`,
  };
}

/** Lines the patch adds and removes, as GitHub counts them. */
function patchCounts(patch: string | undefined): { additions: number; deletions: number } {
  const rows = (patch ?? '').split('\n').filter((row) => !row.startsWith('@@'));
  return {
    additions: rows.filter((row) => row.startsWith('+')).length,
    deletions: rows.filter((row) => row.startsWith('-')).length,
  };
}

/** GitHub's "Diff Entry" of `GET /pulls/{n}/files`. */
export function diffEntry(site: Site, headSha: string, file: { filename: string; status?: string; patch?: string }) {
  const { additions, deletions } = patchCounts(file.patch);
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: createHash('sha1')
      .update(`blob ${file.filename}\0${file.patch ?? ''}`)
      .digest('hex'),
    filename: file.filename,
    status: file.status ?? 'modified',
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${repoHtml(site)}/blob/${headSha}/${path}`,
    raw_url: `${repoHtml(site)}/raw/${headSha}/${path}`,
    contents_url: `${repoApi(site)}/contents/${path}?ref=${headSha}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}

/** The patch's rows from the header of the hunk holding head line `line` down to that line (GitHub's `diff_hunk`). */
export function diffHunk(patch: string | undefined, line: number): string {
  const rows = (patch ?? '').split('\n');
  let start = -1;
  let next = 0;
  for (const [i, row] of rows.entries()) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (header) {
      start = i;
      next = Number(header[1]);
    } else if (start >= 0 && !row.startsWith('-') && next++ === line) {
      return rows.slice(start, i + 1).join('\n');
    }
  }
  return '';
}

/** A review comment as the fake keeps it. */
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
  diff_hunk: string;
}

export function reviewComment(site: Site, c: FakeReviewComment) {
  const url = `${repoApi(site)}/pulls/comments/${c.id}`;
  const html = `${repoHtml(site)}/pull/${c.pull}#discussion_r${c.id}`;
  const pull = `${repoApi(site)}/pulls/${c.pull}`;
  return {
    url,
    pull_request_review_id: c.pull_request_review_id,
    id: c.id,
    node_id: nodeId('PullRequestReviewComment', c.id),
    diff_hunk: c.diff_hunk,
    path: c.path,
    commit_id: c.commit_id,
    original_commit_id: c.commit_id,
    user: actionsBot(site),
    body: c.body,
    created_at: FAKE_TIME,
    updated_at: FAKE_TIME,
    html_url: html,
    pull_request_url: pull,
    author_association: 'NONE',
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pull } },
    start_line: c.start_line,
    original_start_line: c.start_line,
    start_side: c.start_side,
    line: c.line,
    original_line: c.line,
    side: c.side,
    subject_type: 'line',
  };
}

const REVIEW_STATES: Record<string, string> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

export function review(site: Site, r: { id: number; pull: number; commit_id: string; body?: string; event?: string }) {
  const html = `${repoHtml(site)}/pull/${r.pull}#pullrequestreview-${r.id}`;
  const pull = `${repoApi(site)}/pulls/${r.pull}`;
  const state = (r.event && REVIEW_STATES[r.event]) ?? 'PENDING';
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: actionsBot(site),
    body: r.body ?? '',
    state,
    html_url: html,
    pull_request_url: pull,
    _links: { html: { href: html }, pull_request: { href: pull } },
    ...(state === 'PENDING' ? {} : { submitted_at: FAKE_TIME }),
    commit_id: r.commit_id,
    author_association: 'NONE',
  };
}

export function notFound() {
  return { message: 'Not Found', documentation_url: DOCS, status: '404' };
}

export function validationFailed() {
  return { message: 'Validation Failed', documentation_url: DOCS, status: '422' };
}
