/** The machine formats besides JSON and text. */
import type { AuditOutcome } from '../core/types.ts';
import type { FailLevel } from './gate.ts';
import { renderGithub } from './github.ts';
import { renderGitlab } from './gitlab.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import type { MigrationSummary } from './migration.ts';
import { formatSarif, toSarif } from './sarif.ts';
import { VERSION } from '../version.ts';

export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'github' | 'gitlab' | 'junit';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'markdown', 'github', 'gitlab', 'junit'];

export interface FormatOptions {
  version: string;
  /** SARIF only: `automationDetails.id` (the CLI's `--category`). */
  category?: string;
  /** SARIF only: leave suppressed findings out (the CLI's `--omit-suppressed`, the Action's `suppressed: omit`). */
  omitSuppressed?: boolean;
  /** The gate; JUnit fails a case at or above it. Default `critical`. */
  failOn?: FailLevel;
  /** Markdown only: by config, what `openclaw doctor --fix` would migrate in a rejected config. */
  migrations?: ReadonlyMap<string, MigrationSummary>;
}

export const REPOSITORY_URL = 'https://github.com/openclaw-audit/openclaw-audit';
/** The git tag of this version's release (CONTRIBUTING.md § Releasing): docs links name it, so they match the checks that ran. */
export const RELEASE_TAG = `v${VERSION}`;
export const DOCS_BASE_URI = `${REPOSITORY_URL}/blob/${RELEASE_TAG}/docs/checks/`;

export function renderFormat(
  format: Exclude<Format, 'text' | 'json'>,
  outcomes: readonly AuditOutcome[],
  options: FormatOptions,
): string {
  if (format === 'sarif') {
    return formatSarif(
      toSarif(outcomes, {
        toolVersion: options.version,
        informationUri: REPOSITORY_URL,
        docsBaseUri: DOCS_BASE_URI,
        ...(options.category !== undefined ? { category: options.category } : {}),
        ...(options.omitSuppressed ? { omitSuppressed: true } : {}),
      }),
    );
  }
  if (format === 'markdown')
    return renderMarkdown(outcomes, {
      docsBaseUri: DOCS_BASE_URI,
      ...(options.migrations ? { migrations: options.migrations } : {}),
    });
  if (format === 'github') return renderGithub(outcomes);
  if (format === 'gitlab') return renderGitlab(outcomes);
  return renderJunit(outcomes, { failOn: options.failOn ?? 'critical' });
}
