/**
 * Fix suggestions as pull-request review comments: the repository path, a stable key (hidden in the body, so a re-run
 * does not post the same suggestion twice), a short explanation and the ```suggestion``` block. Pure.
 * Config paths come from a possibly hostile config: they are shown only inside code spans.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { FixChange } from '../fix/plan.ts';
import type { FixSuggestion } from '../fix/suggest.ts';
import { ruleDocsUrl } from '../report/markdown.ts';
import { mdCode, mdFence, mdText } from '../report/markdown-escape.ts';

const SUGGESTION_MARKER = 'openclaw-audit:suggestion';
/** GitHub refuses comment bodies over 65,536 characters. */
const REVIEW_COMMENT_MAX = 65_536;
const MAX_CHECKS_SHOWN = 4;
const MAX_MIGRATIONS_SHOWN = 5;

export interface SuggestionComment {
  key: string;
  /** Relative to the repository root, `/`-separated. */
  path: string;
  startLine: number;
  endLine: number;
  /** The head lines the suggestion replaces (to check against the PR's diff). */
  originalLines: string[];
  body: string;
  /** It makes a security fix, a migration of doctor's, or both. */
  makes: { security: boolean; migration: boolean };
}

/** One comment of `POST /repos/{o}/{r}/pulls/{n}/reviews`. */
export interface ReviewCommentPayload {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface SuggestionContext {
  /** The audit root relative to the repository root, `/`-separated; `''` when they are the same. */
  repoPrefix: string;
  /** The changes of the planned fix run (for the values before and after, by config path). */
  changes: readonly FixChange[];
  /** Active findings, for the checks that flagged a path. */
  findings: ReadonlyArray<{ checkId: string; location?: { path: string } }>;
  docsBaseUri?: string;
  /** openclaw's issues with the rejected configs, located (file relative to the audit root): a migration names those on its lines. */
  issues?: ReadonlyArray<{ path: string; message: string; location?: { file: string; line: number } }>;
  /** The distinctive secret values of the audited configs (`actionMasks`): a body showing one, in any spelling, is never built. */
  secrets: readonly string[];
}

export interface SuggestionComments {
  comments: SuggestionComment[];
  /** Left out because the body would contain a secret value. */
  withSecret: number;
  /** Left out because the body would be longer than GitHub accepts. */
  tooLong: number;
}

export function suggestionKey(path: string, suggestion: Pick<FixSuggestion, 'paths' | 'suggestedLines'>): string {
  return createHash('sha256')
    .update([path, suggestion.paths.join('\n'), suggestion.suggestedLines.join('\n')].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

const MARKER_PATTERN = new RegExp(`<!-- ${SUGGESTION_MARKER} key=([0-9a-f]{32}) -->`, 'g');

export function suggestionMarker(key: string): string {
  return `<!-- ${SUGGESTION_MARKER} key=${key} -->`;
}

/** The keys of the suggestion markers in a comment body. */
export function markerKeys(body: string): string[] {
  return [...body.matchAll(MARKER_PATTERN)].map((m) => m[1]!);
}

function checksFor(path: string, context: SuggestionContext): string {
  const ids = [...new Set(context.findings.filter((f) => f.location?.path === path).map((f) => f.checkId))];
  if (ids.length === 0) return '';
  const shown = ids
    .slice(0, MAX_CHECKS_SHOWN)
    .map((id) => (context.docsBaseUri ? `[${mdCode(id)}](${ruleDocsUrl(context.docsBaseUri, id)})` : mdCode(id)));
  const more = ids.length > MAX_CHECKS_SHOWN ? ` and ${ids.length - MAX_CHECKS_SHOWN} more` : '';
  return ` (flagged by ${shown.join(', ')}${more})`;
}

function changeLine(path: string, context: SuggestionContext): string {
  const change = context.changes.find((c) => c.path === path);
  const values = change ? `: ${mdCode(JSON.stringify(change.from))} → ${mdCode(JSON.stringify(change.to))}` : '';
  return `${mdCode(path)}${values}${checksFor(path, context)}`;
}

function securityFixText(paths: readonly string[], context: SuggestionContext): string {
  return paths.length === 1
    ? `**openclaw-audit** fixes ${changeLine(paths[0]!, context)}, as \`openclaw security audit --fix\` does.`
    : `**openclaw-audit** fixes, as \`openclaw security audit --fix\` does:\n${paths.map((p) => `- ${changeLine(p, context)}`).join('\n')}`;
}

/** doctor's lines come from config keys and values: plain text, never Markdown. */
/**
 * A migration's explanation: what openclaw rejects on the lines it replaces (when the audit located it there), then
 * doctor's lines for the keys the lines write.
 */
function migrationText(suggestion: FixSuggestion, context: SuggestionContext): string {
  const list = (items: string[], more: number) =>
    [...items, ...(more > 0 ? [`- and ${more} more (the job summary lists them all)`] : [])].join('\n');
  const lines = suggestion.migrations;
  const doctor = list(
    lines.slice(0, MAX_MIGRATIONS_SHOWN).map((l) => `- ${mdText(l.split('\n')[0]!)}`),
    lines.length - MAX_MIGRATIONS_SHOWN,
  );
  const head = '**openclaw-audit** migrates this config as `openclaw doctor --fix` would';
  const rejected = (context.issues ?? []).filter(
    (i) =>
      i.location?.file === suggestion.file &&
      i.location.line >= suggestion.startLine &&
      i.location.line <= suggestion.endLine,
  );
  if (rejected.length === 0) return `${head} (openclaw rejects it as committed):\n${doctor}`;
  const issues = list(
    rejected.slice(0, MAX_MIGRATIONS_SHOWN).map((i) => `- ${mdCode(i.path)}: ${mdText(i.message)}`),
    rejected.length - MAX_MIGRATIONS_SHOWN,
  );
  // doctor's lines name none of the keys these lines write: listing them all would explain nothing.
  const change = suggestion.migrationsNamed
    ? `doctor's lines for the change:\n${doctor}`
    : `This is part of doctor's migration of the config (${lines.length} change${lines.length === 1 ? '' : 's'}, listed in the job summary).`;
  return `${head}. openclaw rejects these lines as committed:\n${issues}\n\n${change}`;
}

function renderSuggestionBody(key: string, suggestion: FixSuggestion, context: SuggestionContext): string {
  const fence = mdFence(suggestion.suggestedLines.join('\n'));
  const what = [
    ...(suggestion.migrations.length > 0 ? [migrationText(suggestion, context)] : []),
    ...(suggestion.paths.length > 0 ? [securityFixText(suggestion.paths, context)] : []),
  ].join('\n\n');
  return `${suggestionMarker(key)}\n${what}\n\n${fence}suggestion\n${suggestion.suggestedLines.map((l) => `${l}\n`).join('')}${fence}\n`;
}

/** The comments to offer, one per suggestion, in order; a key seen twice is offered once. */
export function suggestionComments(
  suggestions: readonly FixSuggestion[],
  context: SuggestionContext,
): SuggestionComments {
  const out: SuggestionComments = { comments: [], withSecret: 0, tooLong: 0 };
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    const path = context.repoPrefix ? posix.join(context.repoPrefix, suggestion.file) : suggestion.file;
    const key = suggestionKey(path, suggestion);
    if (seen.has(key)) continue;
    seen.add(key);
    const body = renderSuggestionBody(key, suggestion, context);
    const exposed = [body, ...suggestion.originalLines];
    const forms = context.secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
    if (forms.some((s) => s !== '' && exposed.some((text) => text.includes(s)))) {
      out.withSecret++;
      continue;
    }
    if (body.length > REVIEW_COMMENT_MAX) {
      out.tooLong++;
      continue;
    }
    out.comments.push({
      key,
      path,
      startLine: suggestion.startLine,
      endLine: suggestion.endLine,
      originalLines: suggestion.originalLines,
      body,
      makes: { security: suggestion.paths.length > 0, migration: suggestion.migrations.length > 0 },
    });
  }
  return out;
}

export function reviewCommentPayload(comment: SuggestionComment): ReviewCommentPayload {
  return {
    path: comment.path,
    ...(comment.startLine < comment.endLine ? { start_line: comment.startLine, start_side: 'RIGHT' as const } : {}),
    line: comment.endLine,
    side: 'RIGHT',
    body: comment.body,
  };
}

export function reviewBody(comments: readonly Pick<SuggestionComment, 'makes'>[]): string {
  const count = comments.length;
  const what = [
    comments.some((c) => c.makes.security) && 'the config edits `openclaw security audit --fix` makes',
    comments.some((c) => c.makes.migration) && "`openclaw doctor --fix`'s migrations of a config openclaw rejects",
  ].filter((w): w is string => typeof w === 'string');
  return (
    `**openclaw-audit** suggests ${count === 1 ? 'a fix' : `${count} fixes`} on lines this pull request changes: ` +
    `${what.join(', and ')}. "Commit suggestion" applies one; \`npx openclaw-audit --fix\` applies them all locally.`
  );
}
