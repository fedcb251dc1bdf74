import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FixSuggestion } from '../fix/suggest.ts';
import { mdCode as codeSpan } from '../report/markdown-escape.ts';
import {
  markerKeys,
  reviewCommentPayload,
  suggestionComments,
  suggestionKey,
  suggestionMarker,
  type SuggestionContext,
} from './review-suggestions.ts';

const suggestion = (over: Partial<FixSuggestion> = {}): FixSuggestion => ({
  file: 'openclaw.json',
  startLine: 3,
  endLine: 3,
  originalLines: ['    discord: { groupPolicy: "open" },'],
  suggestedLines: ['    discord: { groupPolicy: "allowlist" },'],
  paths: ['channels.discord.groupPolicy'],
  migrations: [],
  migrationsNamed: false,
  ...over,
});

const context = (over: Partial<SuggestionContext> = {}): SuggestionContext => ({
  repoPrefix: '',
  changes: [
    {
      file: 'openclaw.json',
      path: 'channels.discord.groupPolicy',
      from: 'open',
      to: 'allowlist',
      line: 3,
      column: 30,
      endLine: 3,
      endColumn: 36,
    },
  ],
  findings: [],
  secrets: [],
  ...over,
});

test('paths are relative to the repository: the audit root folder is prefixed', () => {
  const { comments } = suggestionComments(
    [suggestion({ file: 'inc/channels.json5' })],
    context({ repoPrefix: 'deploy/bots' }),
  );
  assert.equal(comments[0]!.path, 'deploy/bots/inc/channels.json5');
  assert.equal(comments[0]!.key, suggestionKey('deploy/bots/inc/channels.json5', suggestion()));
  assert.notEqual(comments[0]!.key, suggestionKey('inc/channels.json5', suggestion()));
});

test('the key is stable, and differs by path, config paths and suggested text', () => {
  const k = suggestionKey('a.json', suggestion());
  assert.match(k, /^[0-9a-f]{32}$/);
  assert.equal(
    suggestionKey('a.json', suggestion({ startLine: 40, endLine: 40 })),
    k,
    'moving the lines keeps the key',
  );
  assert.notEqual(suggestionKey('b.json', suggestion()), k);
  assert.notEqual(suggestionKey('a.json', suggestion({ paths: ['channels.slack.groupPolicy'] })), k);
  assert.notEqual(suggestionKey('a.json', suggestion({ suggestedLines: ['  x'] })), k);
  assert.deepEqual(markerKeys(`text\n${suggestionMarker(k)}\nmore ${suggestionMarker('f'.repeat(32))}`), [
    k,
    'f'.repeat(32),
  ]);
  assert.deepEqual(markerKeys('<!-- openclaw-audit:suggestion key=nothex -->'), []);
});

test('a hostile config path stays inside a code span; backticks in the suggestion get a longer fence', () => {
  const path = 'channels.`x` <img src=x> @octocat [a](http://e)';
  const lines = ['  a: "```", groupPolicy: "allowlist",'];
  const { comments } = suggestionComments(
    [suggestion({ paths: [path], suggestedLines: lines, originalLines: ['  a: "```", groupPolicy: "open",'] })],
    context({ changes: [] }),
  );
  const body = comments[0]!.body;
  assert.ok(body.includes('fixes ``channels.`x` <img src=x> @octocat [a](http://e)``, as'), body);
  assert.ok(body.endsWith('\n\n````suggestion\n  a: "```", groupPolicy: "allowlist",\n````\n'), body);
  assert.equal(codeSpan('a\nb'), '`a b`');
  assert.equal(codeSpan('`'), '`` ` ``');
});

test('flagging checks are listed (at most 4, linked when docs are known)', () => {
  const findings = ['a.one', 'a.two', 'a.three', 'a.four', 'a.five', 'a.one'].map((checkId) => ({
    checkId,
    location: { path: 'channels.discord.groupPolicy' },
  }));
  const { comments } = suggestionComments(
    [suggestion()],
    context({
      findings: [...findings, { checkId: 'other', location: { path: 'gateway.bind' } }],
      docsBaseUri: 'https://d/',
    }),
  );
  assert.match(
    comments[0]!.body,
    /\(flagged by \[`a\.one`\]\(https:\/\/d\/a\.one\.md\), \[`a\.two`\]\(https:\/\/d\/a\.two\.md\), \[`a\.three`\]\(https:\/\/d\/a\.three\.md\), \[`a\.four`\]\(https:\/\/d\/a\.four\.md\) and 1 more\), as/,
  );
  assert.ok(!comments[0]!.body.includes('other'));
});

test('left out: a secret in the lines or in the body, a body too long; a repeated key is offered once', () => {
  const secretInLine = suggestion({
    originalLines: ['{ token: "s3cr3t-value", groupPolicy: "open" }'],
    suggestedLines: ['{ token: "s3cr3t-value", groupPolicy: "allowlist" }'],
  });
  const secretInPath = suggestion({ paths: ['channels.s3cr3t-value.groupPolicy'], startLine: 9, endLine: 9 });
  const long = suggestion({ suggestedLines: ['x'.repeat(70_000)], startLine: 12, endLine: 12 });
  const result = suggestionComments(
    [suggestion(), secretInLine, secretInPath, long, suggestion()],
    context({ secrets: ['s3cr3t-value'] }),
  );
  assert.deepEqual([result.comments.length, result.withSecret, result.tooLong], [1, 2, 1]);
  assert.ok(!JSON.stringify(result.comments).includes('s3cr3t'));
});

test('review comment payload: line and side, start_line only for several lines', () => {
  const [one, two] = suggestionComments(
    [suggestion(), suggestion({ file: 'b.json', startLine: 4, endLine: 6 })],
    context(),
  ).comments;
  assert.deepEqual(reviewCommentPayload(one!), { path: 'openclaw.json', line: 3, side: 'RIGHT', body: one!.body });
  assert.deepEqual(reviewCommentPayload(two!), {
    path: 'b.json',
    start_line: 4,
    start_side: 'RIGHT',
    line: 6,
    side: 'RIGHT',
    body: two!.body,
  });
});

test("a migration names what openclaw rejects on its lines, and doctor's lines only when they name a key it writes", () => {
  const doctor = [
    'Removed retired gateway.tailscale.resetOnExit config.',
    'Removed commands.ownerDisplay; owner ids now render raw.',
  ];
  const migration = (over: Partial<FixSuggestion>) =>
    suggestion({
      startLine: 4,
      endLine: 5,
      originalLines: ['  meta: {', '    lastTouchedAt: "2026-01-01",'],
      suggestedLines: ['  meta: {'],
      paths: [],
      migrations: doctor,
      migrationsNamed: false,
      ...over,
    });
  const issues = [
    { path: 'meta', message: 'Unrecognized key: "lastTouchedAt"', location: { file: 'openclaw.json', line: 5 } },
    { path: 'commands', message: 'Unrecognized key: "ownerDisplay"', location: { file: 'openclaw.json', line: 9 } },
  ];
  const [unnamed] = suggestionComments([migration({})], context({ issues })).comments;
  assert.match(
    unnamed!.body,
    /openclaw rejects these lines as committed:\n- `meta`: Unrecognized key: "lastTouchedAt"\n\n/,
  );
  assert.match(
    unnamed!.body,
    /This is part of doctor's migration of the config \(2 changes, listed in the job summary\)\./,
  );
  assert.doesNotMatch(unnamed!.body, /resetOnExit|ownerDisplay/);

  const [named] = suggestionComments(
    [
      migration({
        startLine: 9,
        endLine: 9,
        originalLines: ['    ownerDisplay: "raw",'],
        migrations: [doctor[1]!],
        migrationsNamed: true,
      }),
    ],
    context({ issues }),
  ).comments;
  assert.match(
    named!.body,
    /- `commands`: Unrecognized key: "ownerDisplay"\n\ndoctor's lines for the change:\n- Removed commands\.ownerDisplay/,
  );

  // No issue located on the lines: doctor's lines, whichever they are.
  const [plain] = suggestionComments([migration({ startLine: 20, endLine: 20 })], context({ issues })).comments;
  assert.match(
    plain!.body,
    /\(openclaw rejects it as committed\):\n- Removed retired gateway\.tailscale\.resetOnExit config\.\n- Removed commands/,
  );
});
