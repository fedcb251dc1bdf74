/** What the Action knows about the run from the runner's environment and the event payload. */

type Env = Readonly<Record<string, string | undefined>>;

interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** The head is in another repository: `GITHUB_TOKEN` is read-only whatever `permissions:` says. */
  fromFork: boolean;
}

export interface RunContext {
  apiUrl: string;
  serverUrl: string;
  owner?: string;
  repo?: string;
  /** The commit the run checked out (the merge commit on a pull request). */
  sha?: string;
  ref?: string;
  eventName?: string;
  workspace?: string;
  runUrl?: string;
  pullRequest?: PullRequestInfo;
  /** The commit annotations and check runs belong to: the PR head on pull requests, else `sha`. */
  headSha?: string;
  /** `owner/name@ref` of this action when used from another repository, for doc links. */
  actionRepository?: string;
  actionRef?: string;
}

interface PullRequestPayload {
  number?: number;
  head?: { sha?: string; repo?: { full_name?: string } | null };
  base?: { sha?: string; ref?: string; repo?: { full_name?: string } };
}

export function readContext(env: Env, readFile: (path: string) => string): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  let payload: { pull_request?: PullRequestPayload; number?: number } = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFile(env.GITHUB_EVENT_PATH)) ?? {};
    } catch {
      payload = {};
    }
  }
  const pr = payload.pull_request;
  let pullRequest: PullRequestInfo | undefined;
  if (pr && typeof pr.number === 'number' && pr.head?.sha && pr.base?.sha) {
    const headRepo = pr.head.repo?.full_name;
    const baseRepo = pr.base.repo?.full_name ?? env.GITHUB_REPOSITORY;
    pullRequest = {
      number: pr.number,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      baseRef: pr.base.ref ?? '',
      fromFork: !headRepo || headRepo !== baseRepo,
    };
  }
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const sha = env.GITHUB_SHA || undefined;
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    ...(owner && repo ? { owner, repo } : {}),
    ...(sha ? { sha } : {}),
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
    ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
    ...(env.GITHUB_WORKSPACE ? { workspace: env.GITHUB_WORKSPACE } : {}),
    ...(owner && repo && env.GITHUB_RUN_ID
      ? { runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` }
      : {}),
    ...(pullRequest ? { pullRequest } : {}),
    ...(pullRequest ? { headSha: pullRequest.headSha } : sha ? { headSha: sha } : {}),
    ...(env.GITHUB_ACTION_REPOSITORY ? { actionRepository: env.GITHUB_ACTION_REPOSITORY } : {}),
    ...(env.GITHUB_ACTION_REF ? { actionRef: env.GITHUB_ACTION_REF } : {}),
  };
}
