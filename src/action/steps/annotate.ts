/**
 * Step: annotations on the exact spans. A check run carries every one (50 per request); without it (a fork PR, no
 * token, `check-run: false`) they are workflow commands, 10 per level per step.
 */
import { renderMarkdown } from '../../report/markdown.ts';
import { checkAnnotation, stepAnnotations } from '../annotations.ts';
import { CHECK_RUN_NAME, createCheckRun } from '../check-run.ts';
import { plural, runsFeature } from '../labels.ts';
import type { Step } from '../run-state.ts';

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
        summary: run.redact(renderMarkdown(run.reported, { ...(run.blobBaseUrl ? { blobBaseUrl: run.blobBaseUrl } : {}), docsBaseUri: run.docsBaseUri, ...(run.baseline ? { baseline: run.baseline } : {}), maxLength: 65_000 })),
        annotations: inputs.annotations ? annotations.map(checkAnnotation) : [],
        ...(ctx.runUrl ? { detailsUrl: ctx.runUrl } : {}),
      });
      checkRunDone = true;
      ports.core.info(`check run ${result.id}: ${plural(inputs.annotations ? annotations.length : 0, 'annotation')} in ${plural(result.requests, 'request')}`);
    } catch (error) {
      run.degraded.apiFailed('check run', 'checks: write', error);
    }
  } else if (inputs.checkRun === true && !github) {
    run.degraded.skipped('check run', 'no token or repository');
  }
  if (inputs.annotations && !checkRunDone) {
    for (const a of stepAnnotations(annotations)) ports.core[a.level](a.message, a.properties);
  }
};
