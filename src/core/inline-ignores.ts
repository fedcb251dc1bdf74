/**
 * Inline ignores: a JSON5 comment on the offending key's line, or alone on the line above it,
 *
 *     // openclaw-audit: ignore[gateway.bind_no_auth] lab gateway behind a VPN, until 2027-03-01
 *
 * moves the finding to the suppressed findings with the reason, like a `security.audit.suppressions` entry but
 * without touching what openclaw reads (openclaw skips comments). A reason is required; `until` is optional, and an
 * ignore past its date stops working and says so. Comments come from momoa's tokenizer (never a text search), and
 * each is read once with bounded, linear string operations.
 */
import { tokenize } from '@humanwhocodes/momoa';
import type { Finding, SourceLocation, SuppressedFinding } from './types.ts';

const IGNORE_MARKER = 'openclaw-audit:';

export interface InlineIgnore {
  checkIds: string[];
  reason: string;
  /** YYYY-MM-DD, inclusive. */
  until?: string;
  /** The line of findings it applies to. */
  appliesToLine: number;
  /** The comment. */
  location: SourceLocation;
}

export interface IgnoreWarning {
  message: string;
  location: SourceLocation;
}

const ID = /^[A-Za-z0-9_.<>:-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A comment longer than this is not an ignore (bounds the work on a hostile file). */
const MAX_COMMENT = 4096;

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

type Parsed = { ok: true; checkIds: string[]; reason: string; until?: string } | { ok: false; message: string };

/** The text after the comment opener, or undefined when the comment is not addressed to us. */
export function parseIgnoreText(body: string): Parsed | undefined {
  const text = body.trim();
  if (!text.startsWith(IGNORE_MARKER)) return undefined;
  const rest = text.slice(IGNORE_MARKER.length).trimStart();
  if (!rest.startsWith('ignore[')) return { ok: false, message: `expected ${IGNORE_MARKER} ignore[checkId] reason` };
  const close = rest.indexOf(']');
  if (close < 0) return { ok: false, message: 'ignore[ has no closing ]' };
  const checkIds = rest
    .slice('ignore['.length, close)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (checkIds.length === 0) return { ok: false, message: 'ignore[] names no checkId' };
  const bad = checkIds.find((id) => !ID.test(id));
  if (bad !== undefined) return { ok: false, message: `${JSON.stringify(bad)} is not a checkId` };
  let reason = rest.slice(close + 1).trim();
  let until: string | undefined;
  // `, until DATE` at the end; an `until` inside the reason is just a word.
  const comma = reason.lastIndexOf(',');
  const clause = comma >= 0 ? /^\s*until\s+(\S+)\s*$/.exec(reason.slice(comma + 1)) : null;
  if (clause) {
    if (!validDate(clause[1]!)) return { ok: false, message: `"until ${clause[1]}" is not a date (YYYY-MM-DD)` };
    until = clause[1]!;
    reason = reason.slice(0, comma).trim();
  }
  if (reason === '') return { ok: false, message: 'a reason is required: ignore[checkId] why this risk is accepted' };
  return { ok: true, checkIds, reason, ...(until ? { until } : {}) };
}

/** Every ignore comment of one file, and the malformed ones as warnings. */
export function readInlineIgnores(text: string, file: string): { ignores: InlineIgnore[]; warnings: IgnoreWarning[] } {
  const ignores: InlineIgnore[] = [];
  const warnings: IgnoreWarning[] = [];
  if (!text.includes(IGNORE_MARKER)) return { ignores, warnings };
  let tokens;
  try {
    tokens = tokenize(text, { mode: 'json5' });
  } catch {
    return { ignores, warnings }; // the loader reports syntax errors
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  for (const token of tokens) {
    if (token.type !== 'LineComment' && token.type !== 'BlockComment') continue;
    const { start, end } = token.loc;
    if (end.offset - start.offset > MAX_COMMENT) continue;
    const raw = text.slice(start.offset, end.offset);
    const body = token.type === 'LineComment' ? raw.slice(2) : raw.slice(2, -2);
    const parsed = parseIgnoreText(body);
    if (!parsed) continue;
    const location: SourceLocation = {
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      path: '<root>',
    };
    if (!parsed.ok) {
      warnings.push({ message: `ignored comment: ${parsed.message}`, location });
      continue;
    }
    // Alone on its line: it is about the next line; after code: about its own line.
    const alone = text.slice(lineStarts[start.line - 1]!, start.offset).trim() === '';
    ignores.push({
      checkIds: parsed.checkIds,
      reason: parsed.reason,
      ...(parsed.until ? { until: parsed.until } : {}),
      appliesToLine: alone ? end.line + 1 : start.line,
      location,
    });
  }
  return { ignores, warnings };
}

/**
 * Splits findings by the ignores of the files they are in. `today` is YYYY-MM-DD (UTC); an ignore whose `until` is
 * before it no longer applies and gives a warning. An ignore that matches no finding gives a warning too.
 */
export function applyInlineIgnores(
  findings: readonly Finding[],
  ignores: readonly InlineIgnore[],
  today: string,
): { active: Finding[]; ignored: SuppressedFinding[]; warnings: IgnoreWarning[] } {
  const active: Finding[] = [];
  const ignored: SuppressedFinding[] = [];
  const warnings: IgnoreWarning[] = [];
  const used = new Set<InlineIgnore>();
  const expired = new Set<InlineIgnore>();
  const byPlace = new Map<string, InlineIgnore[]>();
  for (const ignore of ignores) {
    const key = `${ignore.location.file}\u0000${ignore.appliesToLine}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), ignore]);
  }
  for (const finding of findings) {
    const loc = finding.location;
    const match = loc
      ? (byPlace.get(`${loc.file}\u0000${loc.line}`) ?? []).find((i) => i.checkIds.includes(finding.checkId))
      : undefined;
    if (!match) {
      active.push(finding);
      continue;
    }
    used.add(match);
    if (match.until !== undefined && match.until < today) {
      expired.add(match);
      active.push(finding);
      continue;
    }
    ignored.push({
      ...finding,
      suppression: {
        reason: match.reason,
        location: match.location,
        inline: { ...(match.until ? { until: match.until } : {}) },
      },
    });
  }
  for (const ignore of ignores) {
    if (expired.has(ignore))
      warnings.push({
        message: `ignore of ${ignore.checkIds.join(', ')} expired on ${ignore.until}: the finding is reported again`,
        location: ignore.location,
      });
    else if (!used.has(ignore))
      warnings.push({
        message: `ignore of ${ignore.checkIds.join(', ')} matches no finding on line ${ignore.appliesToLine}`,
        location: ignore.location,
      });
  }
  return { active, ignored, warnings };
}
