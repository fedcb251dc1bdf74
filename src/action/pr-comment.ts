/** The sticky PR comment: found by its hidden marker, updated in place, marked resolved when the audit is clean. */
import { listPages, type GitHub } from './github.ts';

const COMMENT_MARKER = 'openclaw-audit:sticky';
/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_MAX = 65_536;

export function markerFor(category: string | undefined): string {
  return category ? `${COMMENT_MARKER} category=${category.replace(/-->/g, '')}` : COMMENT_MARKER;
}

interface IssueComment {
  id: number;
  body?: string | null;
}

export type CommentResult = { action: 'created' | 'updated' | 'resolved' | 'none'; id?: number };

async function findSticky(
  github: GitHub,
  owner: string,
  repo: string,
  pr: number,
  marker: string,
): Promise<IssueComment | undefined> {
  const needle = `<!-- ${marker} -->`;
  for await (const page of listPages<IssueComment>(
    github,
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { owner, repo, issue_number: pr },
    50,
  )) {
    const found = page.find((c) => typeof c.body === 'string' && c.body.split('\n', 1)[0]!.trim() === needle);
    if (found) return found;
  }
  return undefined;
}

/**
 * `body` is the full report (starting with the marker line); `clean` = nothing worth a comment. A clean run never
 * creates a comment; it rewrites an existing one to `resolvedBody` so the conversation shows the problem went away.
 */
export async function upsertStickyComment(
  github: GitHub,
  target: { owner: string; repo: string; pr: number; marker: string },
  body: string,
  clean: boolean,
  resolvedBody: string,
): Promise<CommentResult> {
  const { owner, repo, pr, marker } = target;
  const existing = await findSticky(github, owner, repo, pr, marker);
  if (clean) {
    if (!existing) return { action: 'none' };
    await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: resolvedBody });
    return { action: 'resolved', id: existing.id };
  }
  if (existing) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { action: 'updated', id: existing.id };
  }
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number: pr, body });
  return { action: 'created', id: data.id };
}
