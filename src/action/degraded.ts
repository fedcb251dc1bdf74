/**
 * The one collector of features the run could not do for lack of permission (or of a token): each step adds to it,
 * and the run ends with ONE notice naming them all, instead of a warning per feature. A feature left on `auto` that
 * the token may not do is only a log line: the workflow's `permissions:` decide, and the defaults stay quiet.
 */
import { describeError, isPermissionError } from './github.ts';

export class Degraded {
  readonly features: string[] = [];
  readonly #warn: (message: string) => void;
  readonly #info: (message: string) => void;
  readonly #apiUrl: string;

  /** `warn` prints a warning now (a failure that is not about permissions); `info` a log line. */
  constructor(log: { warn: (message: string) => void; info: (message: string) => void }, apiUrl: string) {
    this.#warn = log.warn;
    this.#info = log.info;
    this.#apiUrl = apiUrl;
  }

  /** A feature skipped before any request (no token, no commit…). */
  skipped(feature: string, why: string): void {
    this.features.push(`${feature} (${why})`);
  }

  /**
   * A request failed: a permission answer is collected (only logged when the feature was left on `auto`), anything
   * else is a warning now.
   */
  apiFailed(feature: string, permission: string, error: unknown, wanted: boolean | 'auto' = true): void {
    if (!isPermissionError(error)) return this.#warn(`${feature} failed: ${describeError(error, this.#apiUrl)}`);
    const status = (error as { status: number }).status;
    if (wanted === 'auto')
      this.#info(`${feature}: skipped, the token may not (needs \`${permission}\`; HTTP ${status}).`);
    else this.features.push(`${feature} (needs \`${permission}\`; HTTP ${status})`);
  }

  /** The end-of-run notice, or undefined when nothing was skipped. */
  message(fork: boolean, sarifFile: string): string | undefined {
    if (this.features.length === 0) return undefined;
    return `The token may not do everything asked, so these were skipped: ${this.features.join('; ')}. ${fork ? 'Pull requests from forks get a read-only token. ' : ''}Findings are still in the annotations, the job summary and ${sarifFile}.`;
  }
}
