/** The machine formats besides JSON and text; each lands with its own issue. */
import type { AuditOutcome } from '../core/types.ts';

export type Format = 'text' | 'json' | 'sarif' | 'markdown';

export interface FormatOptions {
  version: string;
}

export function renderFormat(format: 'sarif' | 'markdown', _outcomes: readonly AuditOutcome[], _options: FormatOptions): string {
  throw new Error(`--format ${format} is not available yet`);
}
