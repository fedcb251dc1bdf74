/** Step (opt-in): `--fix` edits on lines the PR changes, posted as one review of suggestions. */
import { describeError, isPermissionError } from '../github.ts';
import type { Step } from '../run-state.ts';
import { describeSuggestions, suggestFixesReview } from '../suggest-fixes.ts';

export const suggestFixes: Step = async (run) => {
  const { ports, inputs, ctx, github } = run;
  if (!inputs.suggestFixes) return;
  const pr = ctx.pullRequest;
  if (!pr) return ports.core.info('suggest-fixes: not a pull_request event; no review.');
  if (pr.fromFork)
    return ports.core.info('suggest-fixes: the pull request comes from a fork, whose token is read-only; no review.');
  if (!github)
    return ports.core.warning('suggest-fixes: no token or repository; no review.', { title: 'openclaw-audit' });
  try {
    const result = await suggestFixesReview({
      github,
      target: { owner: ctx.owner!, repo: ctx.repo!, pr: pr.number },
      headSha: pr.headSha,
      host: ports.host,
      git: ports.git,
      configPaths: run.configs,
      root: inputs.root,
      workspace: run.workspace,
      outcomes: run.outcomes,
      secrets: run.secrets,
      docsBaseUri: run.docsBaseUri,
    });
    run.results.suggestions = result.posted;
    ports.core.info(describeSuggestions(result));
  } catch (error) {
    // Opted in, so a failure is a warning (not the end-of-run notice), and never fails the step.
    const hint = isPermissionError(error) ? '; the token needs `pull-requests: write`' : '';
    ports.core.warning(`suggest-fixes: no review posted: ${describeError(error, ctx.apiUrl)}${hint}`, {
      title: 'openclaw-audit',
    });
  }
};
