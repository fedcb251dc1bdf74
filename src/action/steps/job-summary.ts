/** Step: the job summary, always (it needs no permission). */
import { renderMarkdown } from '../../report/markdown.ts';
import type { Step } from '../run-state.ts';

export const writeJobSummary: Step = async (run) => {
  const summary = renderMarkdown(run.reported, { ...(run.blobBaseUrl ? { blobBaseUrl: run.blobBaseUrl } : {}), docsBaseUri: run.docsBaseUri, ...(run.baseline ? { baseline: run.baseline } : {}), footer: run.footer });
  await run.ports.core.appendSummary(summary);
};
