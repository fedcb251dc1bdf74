import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withFakeGitHub } from '../../test/helpers/fake-github.ts';
import { createGitHub } from './github.ts';
import { REVIEW_MAX_COMMENTS, postSuggestionReview } from './pr-review.ts';
import { suggestionMarker, type SuggestionComment } from './review-suggestions.ts';

const HEAD = 'a'.repeat(40);
const FAST = { retryAfterMs: 0, writeIntervalMs: 0, notificationIntervalMs: 0 };
const target = { owner: 'octo', repo: 'configs', pr: 3 };
const comment = (line: number, text: string, over: Partial<SuggestionComment> = {}): SuggestionComment => {
  const key = line.toString(16).padStart(32, '0');
  return {
    key,
    path: 'openclaw.json',
    startLine: line,
    endLine: line,
    originalLines: [text],
    body: `${suggestionMarker(key)}\nfix\n`,
    makes: { security: true, migration: false },
    ...over,
  };
};

test('postSuggestionReview: drops lines not in the diff, untouched or changed at the head; at most 50 per review', async () => {
  await withFakeGitHub(async (server) => {
    const n = REVIEW_MAX_COMMENTS + 5;
    const patch =
      `@@ -1,2 +1,${n + 2} @@\n a\n` + Array.from({ length: n }, (_, i) => `+line ${i + 2}`).join('\n') + '\n b\n';
    server.addPull(3, { headSha: HEAD, files: [{ filename: 'openclaw.json', patch }, { filename: 'big.json' }] });
    const github = createGitHub({ apiUrl: server.url, token: 'test-token', pacing: FAST });
    const comments = [
      comment(1, 'a'), // context only
      comment(2, 'not what the head has'),
      comment(9999, 'x'),
      comment(5, 'x', { path: 'big.json' }), // no patch
      comment(5, 'x', { path: 'elsewhere.json' }),
      ...Array.from({ length: n }, (_, i) => comment(i + 2, `line ${i + 2}`)).slice(1),
    ];
    const result = await postSuggestionReview(github, target, HEAD, comments);
    assert.deepEqual(server.errors, []);
    assert.deepEqual(result.skipped, { 'outside-diff': 3, untouched: 1, changed: 1 });
    assert.equal(result.posted, REVIEW_MAX_COMMENTS);
    assert.equal(result.overLimit, n - 1 - REVIEW_MAX_COMMENTS);
    assert.equal(server.reviews[0]!.body.comments.length, REVIEW_MAX_COMMENTS);
    assert.equal(server.reviews[0]!.body.comments[0].line, 3);
    // The rest go out on the next run.
    const again = await postSuggestionReview(github, target, HEAD, comments);
    assert.deepEqual(
      [again.posted, again.duplicate, again.overLimit],
      [n - 1 - REVIEW_MAX_COMMENTS, REVIEW_MAX_COMMENTS, 0],
    );
    assert.deepEqual(server.errors, []);
  });
});

test('postSuggestionReview: nothing to offer means no API call', async () => {
  await withFakeGitHub(async (server) => {
    const github = createGitHub({ apiUrl: server.url, token: 'test-token', pacing: FAST });
    assert.equal((await postSuggestionReview(github, target, HEAD, [])).posted, 0);
    assert.deepEqual(server.requests, []);
  });
});

test('the fake server refuses a review comment outside the diff or across hunks, as GitHub does', async () => {
  await withFakeGitHub(async (server) => {
    server.addPull(3, {
      headSha: HEAD,
      files: [{ filename: 'f', patch: '@@ -1,1 +1,2 @@\n a\n+b\n@@ -9,1 +10,1 @@\n-c\n+d\n' }],
    });
    const github = createGitHub({ apiUrl: server.url, token: 'test-token', pacing: FAST, retries: 0 });
    const post = (c: object) =>
      github.request('POST /repos/octo/configs/pulls/3/reviews', {
        commit_id: HEAD,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'f', side: 'RIGHT', body: 'y', ...c }],
      });
    await post({ line: 2 });
    await post({ line: 10 });
    await assert.rejects(post({ line: 3 }), { status: 422 });
    await assert.rejects(post({ start_line: 2, start_side: 'RIGHT', line: 10 }), { status: 422 });
    await assert.rejects(
      github.request('POST /repos/octo/configs/pulls/3/reviews', { event: 'COMMENT', comments: [] }),
      { status: 422 },
    );
    assert.deepEqual(server.errors, [
      'POST /repos/octo/configs/pulls/3/reviews: comments[0].line: 3 must be part of the diff',
      'POST /repos/octo/configs/pulls/3/reviews: comments[0].start_line: line 2 is not in the hunk of line 10',
      'POST /repos/octo/configs/pulls/3/reviews: body: required with event COMMENT',
    ]);
    assert.equal(server.reviews.length, 2);
  });
});
