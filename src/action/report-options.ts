/** The Markdown report options every Action output shares (job summary, PR comment, check run summary). */
import type { MarkdownOptions } from '../report/markdown.ts';
import type { ActionRun } from './run-state.ts';

export function reportOptions(run: ActionRun): MarkdownOptions {
  return {
    ...(run.blobBaseUrl ? { blobBaseUrl: run.blobBaseUrl } : {}),
    docsBaseUri: run.docsBaseUri,
    ...(run.baseline ? { baseline: run.baseline } : {}),
    migrations: run.migrations,
  };
}
