/** The machine formats besides JSON and text. */
import type { AuditOutcome } from '../core/types.ts';
import { renderMarkdown } from './markdown.ts';

export type Format = 'text' | 'json' | 'sarif' | 'markdown';

export interface FormatOptions {
  version: string;
}

export function renderFormat(format: 'sarif' | 'markdown', outcomes: readonly AuditOutcome[], _options: FormatOptions): string {
  if (format === 'markdown') return renderMarkdown(outcomes);
  throw new Error(`--format ${format} is not available yet`);
}
