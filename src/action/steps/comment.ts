/** Step: the sticky PR comment, created, updated in place, or marked resolved. */
import { renderMarkdown } from '../../report/markdown.ts';
import { plural, runsFeature } from '../labels.ts';
import { COMMENT_MAX, markerFor, upsertStickyComment } from '../pr-comment.ts';
import { reportOptions } from '../report-options.ts';
import type { Step } from '../run-state.ts';

export const postComment: Step = async (run) => {
  const { ports, inputs, ctx, github, totals: t } = run;
  const pr = ctx.pullRequest;
  if (!pr) {
    if (inputs.prComment === true) ports.core.info('pr-comment: not a pull_request event; no comment.');
    return;
  }
  if (!github || !runsFeature(inputs.prComment, ctx)) return;
  const marker = markerFor(inputs.category);
  const body = renderMarkdown(run.reported, {
    ...reportOptions(run),
    marker,
    footer: run.footer,
    maxLength: COMMENT_MAX - 1024,
  });
  // Info findings alone are not worth a comment (they stay in the job summary and the annotations).
  const actionable = t.critical + t.warn > 0 || t.rejected > 0;
  const rest = t.info > 0 ? ` above info (${plural(t.info, 'info finding')} in the job summary)` : '';
  const resolvedBody = `<!-- ${marker} -->\n### ✅ openclaw-audit\n\nResolved: no ${run.baseline ? 'new ' : ''}finding${rest} as of ${pr.headSha.slice(0, 7)}.\n\n${run.footer}\n`;
  try {
    const result = await upsertStickyComment(
      github,
      { owner: ctx.owner!, repo: ctx.repo!, pr: pr.number, marker },
      body,
      !actionable,
      resolvedBody,
    );
    ports.core.info(
      result.action === 'none'
        ? 'PR comment: nothing above info to report; no comment.'
        : `PR comment ${result.id}: ${result.action}`,
    );
  } catch (error) {
    run.degraded.apiFailed('PR comment', 'pull-requests: write', error, inputs.prComment);
  }
};
