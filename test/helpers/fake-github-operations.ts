/**
 * The REST operations the fake GitHub server implements, by route name, spelt as in GitHub's OpenAPI description
 * (`METHOD /path/{template}`). `scripts/vendor-github-openapi.ts` vendors exactly these into
 * `test/schemas/github-rest-subset.json`.
 */
export const FAKE_GITHUB_OPERATIONS = {
  listComments: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  createCheckRun: 'POST /repos/{owner}/{repo}/check-runs',
  updateCheckRun: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  uploadSarif: 'POST /repos/{owner}/{repo}/code-scanning/sarifs',
  getSarif: 'GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}',
  listPullFiles: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  listReviewComments: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  createReview: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
} as const;

export type FakeRoute = keyof typeof FAKE_GITHUB_OPERATIONS;
