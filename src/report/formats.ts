/** The machine formats besides JSON and text. */
import type { AuditOutcome } from '../core/types.ts';
import { formatSarif, toSarif } from './sarif.ts';

export type Format = 'text' | 'json' | 'sarif' | 'markdown';

export interface FormatOptions {
  version: string;
}

export const REPOSITORY_URL = 'https://github.com/openclaw-audit/openclaw-audit';
export const DOCS_BASE_URI = `${REPOSITORY_URL}/blob/main/docs/checks/`;

export function renderFormat(format: 'sarif' | 'markdown', outcomes: readonly AuditOutcome[], options: FormatOptions): string {
  if (format === 'sarif') {
    return formatSarif(toSarif(outcomes, { toolVersion: options.version, informationUri: REPOSITORY_URL, docsBaseUri: DOCS_BASE_URI }));
  }
  throw new Error(`--format ${format} is not available yet`);
}
