/**
 * The `suggest-fixes` step: plan `--fix` on the audited configs (the security fix and doctor's migrations; nothing is
 * written), turn each fix into a review
 * comment with a ```suggestion``` block at its repository path, and post those on lines the PR changes as one review.
 */
import { actionMasks, mergeSecrets, type ConfigSecrets } from '../core/redact.ts';
import { isAbsolute, relative, sep } from 'node:path';
import type { Host } from '../core/host.ts';
import type { AuditOutcome } from '../core/types.ts';
import { planFixRun } from '../fix/run.ts';
import { fixSuggestions } from '../fix/suggest.ts';
import type { GitHub } from './github.ts';
import type { Git } from './ports.ts';
import { postSuggestionReview, type PullTarget, type ReviewResult } from './pr-review.ts';
import { suggestionComments } from './review-suggestions.ts';

export interface SuggestFixesInput {
  github: GitHub;
  target: PullTarget;
  headSha: string;
  host: Host;
  git: Git;
  /** Absolute config paths and audit root, as audited. */
  configPaths: readonly string[];
  root: string;
  workspace: string;
  /** The head's audit outcomes (their findings name the checks a fix answers). */
  outcomes: readonly AuditOutcome[];
  secrets: ConfigSecrets;
  docsBaseUri?: string;
}

export interface SuggestFixesResult extends ReviewResult {
  /** Fixes planned, as blocks of lines (one suggestion each). */
  planned: number;
  withSecret: number;
  tooLong: number;
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * The audit root relative to the repository's top folder (`git rev-parse --show-toplevel`, which differs from the
 * workspace when actions/checkout has a `path:`); the workspace when git cannot tell.
 */
function repositoryPrefix(git: Git, host: Host, workspace: string, root: string): string {
  const real = (p: string) => {
    try {
      return host.realpath(p);
    } catch {
      return p;
    }
  };
  const top = git(['rev-parse', '--show-toplevel'], root);
  const toplevel = top.status === 0 ? new TextDecoder().decode(top.stdout).trim() : '';
  const rel = toplevel ? relative(real(toplevel), real(root)) : '';
  if (toplevel && !rel.startsWith('..') && !isAbsolute(rel)) return toPosix(rel);
  return toPosix(relative(workspace, root));
}

export async function suggestFixesReview(input: SuggestFixesInput): Promise<SuggestFixesResult> {
  const run = planFixRun({
    host: input.host,
    configPaths: input.configPaths,
    root: input.root,
    kinds: { security: true, migrate: true },
  });
  const { suggestions, withheld } = fixSuggestions(run);
  const built = suggestionComments(suggestions, {
    repoPrefix: repositoryPrefix(input.git, input.host, input.workspace, input.root),
    changes: run.configs.flatMap((c) => c.changes),
    findings: input.outcomes.flatMap((o) => (o.ok ? o.findings : [])),
    issues: input.outcomes.flatMap((o) => (o.ok ? [] : o.issues)),
    ...(input.docsBaseUri ? { docsBaseUri: input.docsBaseUri } : {}),
    secrets: actionMasks(mergeSecrets([input.secrets, run.secrets])),
  });
  const review = await postSuggestionReview(input.github, input.target, input.headSha, built.comments);
  return {
    ...review,
    planned: suggestions.length + withheld,
    withSecret: withheld + built.withSecret,
    tooLong: built.tooLong,
  };
}

/** One log line for the step's result. */
export function describeSuggestions(r: SuggestFixesResult): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    r.duplicate && `${r.duplicate} already posted`,
    r.skipped.untouched && `${r.skipped.untouched} on lines the pull request does not change`,
    r.skipped['outside-diff'] && `${r.skipped['outside-diff']} outside the diff`,
    r.skipped.changed && `${r.skipped.changed} whose lines differ at the PR head`,
    r.withSecret && `${r.withSecret} withheld because the lines hold a secret`,
    r.tooLong && `${r.tooLong} too long for a comment`,
    r.overLimit && `${r.overLimit} over the ${r.posted} a review takes; run \`openclaw-audit --fix\``,
  ].filter((p): p is string => typeof p === 'string');
  const head =
    r.posted > 0
      ? `review ${r.reviewId} with ${plural(r.posted, 'suggestion')}`
      : r.planned === 0
        ? 'nothing to fix'
        : 'no review';
  return `suggest-fixes: ${head}${parts.length ? ` (${parts.join('; ')})` : ''}.`;
}
