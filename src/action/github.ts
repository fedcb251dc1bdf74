/**
 * A thin GitHub REST client over `fetch`: base URL from `GITHUB_API_URL` (GHES, GHE.com), JSON in and out,
 * retries with backoff on 5xx, 429 and secondary rate limits. Small on purpose: no Octokit in the bundle.
 */

export interface ApiResponse<T = unknown> {
  status: number;
  data: T;
  headers: Headers;
}

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly apiMessage: string,
    /** The last answer was a rate limit we could not wait out. */
    readonly rateLimited = false,
  ) {
    super(`${method} ${path}: HTTP ${status}${apiMessage ? ` (${apiMessage})` : ''}`);
  }

  /** 403/404 that is not a rate limit: the token may not do this (fork PR, missing permission, feature off). */
  get isPermission(): boolean {
    return !this.rateLimited && (this.status === 401 || this.status === 403 || this.status === 404);
  }
}

export interface GitHubClientOptions {
  apiUrl: string;
  token: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts after the first one. */
  retries?: number;
  /** First backoff delay; doubled on every retry (with jitter). */
  baseDelayMs?: number;
  /** The longest wait we accept for a rate limit before giving up. */
  maxDelayMs?: number;
  userAgent?: string;
  /** Called before every retry, for a log line. */
  onRetry?: (info: { method: string; path: string; status: number; delayMs: number; attempt: number }) => void;
}

export interface GitHubClient {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

const PER_PAGE = 100;

/**
 * The pages of a GitHub list endpoint (`path` without query), 100 items each, until a short page or `maxPages`.
 * A caller that has found what it wants stops reading by leaving its `for await` loop.
 */
export async function* listPages<T>(client: GitHubClient, path: string, maxPages: number): AsyncGenerator<T[]> {
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await client.request<T[]>('GET', `${path}?per_page=${PER_PAGE}&page=${page}`);
    yield data;
    if (data.length < PER_PAGE) return;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function isSecondaryRateLimit(status: number, headers: Headers, message: string): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return headers.get('retry-after') !== null || headers.get('x-ratelimit-remaining') === '0' || /rate limit/i.test(message);
}

/** How long GitHub asks us to wait: `retry-after` seconds, else until `x-ratelimit-reset`, else exponential backoff. */
function retryDelay(headers: Headers, attempt: number, base: number, now: number): number {
  const after = Number(headers.get('retry-after'));
  if (Number.isFinite(after) && after > 0) return after * 1000;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now) + 1000;
  return base * 2 ** attempt;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 120_000;
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': options.userAgent ?? 'openclaw-audit-action',
        };
        if (options.token) headers.authorization = `Bearer ${options.token}`;
        if (body !== undefined) headers['content-type'] = 'application/json';
        let response: Response;
        try {
          response = await doFetch(apiUrl + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
        } catch (error) {
          // Network errors are retried like 5xx.
          if (attempt >= retries) throw new GitHubApiError(0, method, path, error instanceof Error ? error.message : String(error));
          const delayMs = base * 2 ** attempt;
          options.onRetry?.({ method, path, status: 0, delayMs, attempt: attempt + 1 });
          await sleep(delayMs);
          continue;
        }
        const text = await response.text();
        let data: unknown = undefined;
        if (text) {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        if (response.ok) return { status: response.status, data: data as T, headers: response.headers };
        const message = data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string' ? (data as { message: string }).message : '';
        const retryable = response.status >= 500 || isSecondaryRateLimit(response.status, response.headers, message);
        if (retryable && attempt < retries) {
          const delayMs = retryDelay(response.headers, attempt, base, Date.now());
          if (delayMs <= maxDelay) {
            options.onRetry?.({ method, path, status: response.status, delayMs, attempt: attempt + 1 });
            await sleep(delayMs);
            continue;
          }
        }
        throw new GitHubApiError(response.status, method, path, message, retryable && response.status < 500);
      }
    },
  };
}
