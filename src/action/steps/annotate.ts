/**
 * Step: annotations on the exact spans. A check run carries every one (50 per request); without it (a fork PR, no
 * token, `check-run: false`) they are workflow commands, 10 per level per step.
 */
import { oneLine } from '../../report/text.ts';
import { renderMarkdown } from '../../report/markdown.ts';
import { checkAnnotation, stepAnnotations, type AnnotationLevel } from '../annotations.ts';
import { CHECK_RUN_NAME, createCheckRun } from '../check-run.ts';
import { plural, runsFeature } from '../labels.ts';
import { reportOptions } from '../report-options.ts';
import type { ActionRun, Step } from '../run-state.ts';

export const annotate: Step = async (run) => {
  const { ports, inputs, ctx, github, annotations, totals: t } = run;
  let checkRunDone = false;
  if (runsFeature(inputs.checkRun, ctx) && github && ctx.headSha) {
    try {
      const result = await createCheckRun(github, {
        owner: ctx.owner!,
        repo: ctx.repo!,
        headSha: ctx.headSha,
        name: inputs.category ? `${CHECK_RUN_NAME} (${inputs.category})` : CHECK_RUN_NAME,
        conclusion: run.failing ? 'failure' : 'success',
        title: `${t.critical} critical, ${t.warn} warn, ${t.info} info${t.rejected ? `, ${t.rejected} rejected` : ''}`,
        summary: renderMarkdown(run.reported, { ...reportOptions(run), maxLength: 65_000 }),
        annotations: inputs.annotations ? annotations.map(checkAnnotation) : [],
        ...(ctx.runUrl ? { detailsUrl: ctx.runUrl } : {}),
      });
      checkRunDone = true;
      ports.core.info(
        `check run ${result.id}: ${plural(inputs.annotations ? annotations.length : 0, 'annotation')} in ${plural(result.requests, 'request')}`,
      );
      // The check run's annotations are on its page; the log lists them too, one line each. Config text is escaped
      // and never starts the line, so a file or key cannot become a workflow command (`::add-mask::…`).
      for (const a of annotations) ports.core.info(`  - ${oneLine(a.file)}:${a.line ?? 1} ${oneLine(a.title)}`);
    } catch (error) {
      run.degraded.apiFailed('check run', 'checks: write', error, inputs.checkRun);
    }
  } else if (inputs.checkRun === true && !github) {
    run.degraded.skipped('check run', 'no token or repository');
  }
  if (inputs.annotations && !checkRunDone) {
    for (const a of stepAnnotations(annotations, reservedSlots(run))) ports.core[a.level](a.message, a.properties);
  }
};

/**
 * Slots kept for what the step prints after the annotations, so GitHub's cap of 10 per level does not drop it: the
 * closing `::error::` of a failing step, and the warning or notice a later feature may end with.
 */
function reservedSlots({ inputs, failing, baseline }: ActionRun): Partial<Record<AnnotationLevel, number>> {
  const asked = inputs.uploadSarif || inputs.checkRun === true || inputs.prComment === true;
  // Without a baseline, only-new has already printed its notice.
  const printed = inputs.onlyNew && !baseline ? 1 : 0;
  return {
    error: failing ? 1 : 0,
    warning: inputs.uploadSarif || inputs.suggestFixes ? 1 : 0,
    notice: (asked ? 1 : 0) + printed,
  };
}
