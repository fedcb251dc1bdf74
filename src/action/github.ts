/**
 * The GitHub REST client: `@actions/github`'s Octokit (proxies from `HTTPS_PROXY`/`NO_PROXY`, pagination), pointed at
 * the run's API URL (GHES, GHE.com), with `@octokit/plugin-retry` (5xx and network errors) and
 * `@octokit/plugin-throttling` (primary and secondary rate limits, one write a second as GitHub asks).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import Bottleneck from 'bottleneck/light.js';

export type GitHub = ReturnType<typeof createGitHub>;
type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;
type Octokit = Parameters<OctokitPlugin>[0];

/** Waits between requests; GitHub's defaults unless a test makes them zero. */
export interface ApiPacing {
  /** Unit of the retry back-off (retry n waits n² units) and of `retry-after` seconds. */
  retryAfterMs: number;
  /** Between two writes (POST, PATCH…). */
  writeIntervalMs: number;
  /** Between two writes that notify people (comments, reviews). */
  notificationIntervalMs: number;
}

const GITHUB_PACING: ApiPacing = { retryAfterMs: 1000, writeIntervalMs: 1000, notificationIntervalMs: 3000 };

export interface GitHubOptions {
  apiUrl: string;
  token: string;
  pacing?: ApiPacing;
  /** Retries of a 5xx or network error. */
  retries?: number;
  /** The longest rate-limit wait we accept, in seconds; a longer one fails the request. */
  maxRateLimitWaitS?: number;
  /** A log line before each retry. */
  onRetry?: (line: string) => void;
}

/** Rate limits are retried this many times. */
const RATE_LIMIT_RETRIES = 2;

export function createGitHub(options: GitHubOptions) {
  const pacing = options.pacing ?? GITHUB_PACING;
  const maxWait = options.maxRateLimitWaitS ?? 120;
  const log = options.onRetry ?? (() => {});
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: Parameters<Octokit['request']['endpoint']['parse']>[0],
      octokit: Octokit,
      retryCount: number,
    ): boolean => {
      if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > maxWait) return false;
      log(
        `GitHub API ${request.method} ${pathOf(octokit.request.endpoint.parse(request).url, request.baseUrl)}: ${kind}, retry ${retryCount + 1} in ${retryAfter}s`,
      );
      return true;
    };
  /** Registered before the retry plugin, so it sees every attempt: logs the retries of 5xx and network errors. */
  const logRetries: OctokitPlugin = (octokit) => {
    octokit.hook.before('request', (request) => {
      const attempt = (request.request as { retryCount?: number } | undefined)?.retryCount;
      if (attempt)
        log(
          `GitHub API ${request.method} ${pathOf(octokit.request.endpoint.parse(request).url, request.baseUrl)}: retry ${attempt}`,
        );
    });
    return {};
  };
  return getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      userAgent: 'openclaw-audit-action',
      retry: { retryAfterBaseValue: pacing.retryAfterMs, retries: options.retries ?? 3 },
      throttle: {
        retryAfterBaseValue: pacing.retryAfterMs,
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: pacing.writeIntervalMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: pacing.notificationIntervalMs }),
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    },
    logRetries,
    retry,
    throttling,
  );
}

const PER_PAGE = 100;

/**
 * The pages of a GitHub list endpoint (`route` as `GET /path/{param}`), 100 items each, following GitHub's `Link`
 * header, at most `maxPages`. A caller that has found what it wants stops reading by leaving its `for await` loop.
 */
export async function* listPages<T>(
  github: GitHub,
  route: string,
  params: Record<string, string | number>,
  maxPages: number,
): AsyncGenerator<T[]> {
  let pages = 0;
  for await (const page of github.paginate.iterator(route, { ...params, per_page: PER_PAGE, page: 1 })) {
    yield page.data as T[];
    if (++pages >= maxPages) return;
  }
}

/** Octokit's error: GitHub answered with a status that is not 2xx, or (as a 500) the request failed on the network. */
export function isApiError(error: unknown): error is RequestError {
  return error instanceof RequestError;
}

/** 401/403/404 that is not a rate limit: the token may not do this (fork PR, missing permission, feature off). */
export function isPermissionError(error: unknown): boolean {
  if (!isApiError(error) || ![401, 403, 404].includes(error.status)) return false;
  const headers = error.response?.headers ?? {};
  return (
    headers['x-ratelimit-remaining'] !== '0' &&
    headers['retry-after'] === undefined &&
    !/rate limit/i.test(apiMessage(error))
  );
}

function apiMessage(error: RequestError): string {
  const data = error.response?.data;
  return data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
    ? (data as { message: string }).message
    : '';
}

/** A request URL relative to the API URL (`/repos/o/r/…?page=2`). */
function pathOf(url: string, apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return url.startsWith(base) ? url.slice(base.length) : url;
}

/** `METHOD /path?query: HTTP status (GitHub's message)`, the path relative to the API URL. */
export function describeError(error: unknown, apiUrl: string): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const message = apiMessage(error);
  return `${error.request.method} ${pathOf(error.request.url, apiUrl)}: HTTP ${error.status}${message ? ` (${message})` : ''}`;
}
