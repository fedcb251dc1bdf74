/**
 * Posts fix suggestions as ONE pull-request review on the PR head: only on lines the PR's diff adds (GitHub refuses
 * comments outside the diff), skipping any whose marker an earlier run already posted.
 */
import { checkRange, parseRightSide, type RangeVerdict } from './diff-lines.ts';
import { listPages, type GitHub } from './github.ts';
import { markerKeys, reviewBody, reviewCommentPayload, type SuggestionComment } from './review-suggestions.ts';

export interface PullTarget {
  owner: string;
  repo: string;
  pr: number;
}

/** GitHub lists at most 3,000 files of a pull request. */
const FILE_PAGES = 30;
const COMMENT_PAGES = 50;
/** Comments in one review; the rest wait for a later run (after these are applied) or `--fix`. */
export const REVIEW_MAX_COMMENTS = 50;

interface PullFile {
  filename: string;
  status?: string;
  patch?: string;
}

interface ReviewComment {
  body?: string | null;
}

/** The patches of the wanted paths among the PR's changed files (`undefined` when GitHub gives no patch: binary, too large). */
async function changedFilePatches(
  github: GitHub,
  target: PullTarget,
  wanted: ReadonlySet<string>,
): Promise<Map<string, string | undefined>> {
  const { owner, repo, pr } = target;
  const found = new Map<string, string | undefined>();
  for await (const page of listPages<PullFile>(
    github,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { owner, repo, pull_number: pr },
    FILE_PAGES,
  )) {
    for (const file of page)
      if (wanted.has(file.filename) && file.status !== 'removed')
        found.set(file.filename, typeof file.patch === 'string' ? file.patch : undefined);
    if (found.size >= wanted.size) break;
  }
  return found;
}

/** The suggestion keys already in the PR's review comments. */
async function postedSuggestionKeys(github: GitHub, target: PullTarget): Promise<Set<string>> {
  const { owner, repo, pr } = target;
  const keys = new Set<string>();
  for await (const page of listPages<ReviewComment>(
    github,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
    { owner, repo, pull_number: pr },
    COMMENT_PAGES,
  )) {
    for (const comment of page)
      if (typeof comment.body === 'string') for (const key of markerKeys(comment.body)) keys.add(key);
  }
  return keys;
}

export interface ReviewResult {
  posted: number;
  reviewId?: number;
  /** Already posted by an earlier run. */
  duplicate: number;
  /** By verdict: the lines are not in the diff, not changed by the PR, or not the head's text. */
  skipped: Record<Exclude<RangeVerdict, 'ok'>, number>;
  /** Over REVIEW_MAX_COMMENTS. */
  overLimit: number;
}

export async function postSuggestionReview(
  github: GitHub,
  target: PullTarget,
  headSha: string,
  comments: readonly SuggestionComment[],
): Promise<ReviewResult> {
  const result: ReviewResult = {
    posted: 0,
    duplicate: 0,
    skipped: { 'outside-diff': 0, untouched: 0, changed: 0 },
    overLimit: 0,
  };
  if (comments.length === 0) return result;
  const patches = await changedFilePatches(github, target, new Set(comments.map((c) => c.path)));
  const hunks = new Map([...patches].map(([path, patch]) => [path, patch === undefined ? [] : parseRightSide(patch)]));
  const onDiff = comments.filter((c) => {
    const verdict = checkRange(hunks.get(c.path) ?? [], c.startLine, c.endLine, c.originalLines);
    if (verdict !== 'ok') result.skipped[verdict]++;
    return verdict === 'ok';
  });
  if (onDiff.length === 0) return result;
  const posted = await postedSuggestionKeys(github, target);
  const fresh = onDiff.filter((c) => !posted.has(c.key));
  result.duplicate = onDiff.length - fresh.length;
  const batch = fresh.slice(0, REVIEW_MAX_COMMENTS);
  result.overLimit = fresh.length - batch.length;
  if (batch.length === 0) return result;
  const { owner, repo, pr } = target;
  const { data } = await github.rest.pulls.createReview({
    owner,
    repo,
    pull_number: pr,
    commit_id: headSha,
    event: 'COMMENT',
    body: reviewBody(batch),
    comments: batch.map(reviewCommentPayload),
  });
  result.posted = batch.length;
  result.reviewId = data.id;
  return result;
}
