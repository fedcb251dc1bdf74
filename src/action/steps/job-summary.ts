/** Step: the job summary, always (it needs no permission). */
import { renderMarkdown } from '../../report/markdown.ts';
import { reportOptions } from '../report-options.ts';
import type { Step } from '../run-state.ts';

export const writeJobSummary: Step = async (run) => {
  const summary = renderMarkdown(run.reported, { ...reportOptions(run), footer: run.footer });
  await run.ports.core.appendSummary(summary);
};
