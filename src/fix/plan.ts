/**
 * Plans openclaw 2026.9.6's config fixes on a loaded config: `groupPolicy: "open"` → `"allowlist"` on every
 * `channels.<id>` object and every `channels.<id>.accounts.<acct>` object — the only config edit its `--fix` makes.
 * Pure: a located tree and the file texts in, text edits at the recorded positions out.
 */
import type { ConfigNode, ObjectNode } from '../core/config/node.ts';
import { parseJson5 } from '../core/config/parse.ts';
import type { SourceSpan } from '../core/types.ts';
import { bomLength, offsetAt, parserLineStarts, type TextEdit } from './text.ts';

export interface FixChange {
  /** The file the value lives in (an `$include` file when it came from one), relative to the audit root. */
  file: string;
  /** openclaw's dotted path: `channels.telegram.accounts.work.groupPolicy`. */
  path: string;
  from: string;
  to: string;
  /** Where the value is (1-based; `endColumn` exclusive), as the loader recorded it. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A text edit and the config paths it fixes (one literal can reach several paths through a shared include). */
export interface PlannedEdit extends TextEdit {
  /** The config paths a security fix changes (none for a migration's edit). */
  paths: string[];
  /** A migration's edit: doctor's lines for every change it makes in this config (see fix/suggest.ts). */
  migrations?: readonly string[];
}

export interface FixPlan {
  changes: FixChange[];
  edits: PlannedEdit[];
  /** Changes openclaw would make that cannot be made by editing one literal (e.g. a `${VAR}` value). */
  errors: string[];
}

interface Remediation {
  key: string;
  from: string;
  to: string;
}

const GROUP_POLICY: Remediation = { key: 'groupPolicy', from: 'open', to: 'allowlist' };

/** `Object.keys` order: canonical array indices ascending first, then the other keys as written. */
function jsKeyOrder(keys: Iterable<string>): string[] {
  const all = [...keys];
  const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;
  return [...all.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...all.filter((k) => !isIndex(k))];
}

function objectAt(node: ConfigNode | undefined, key: string): ObjectNode | undefined {
  if (node?.kind !== 'object') return undefined;
  const child = node.members.get(key)?.value;
  return child?.kind === 'object' ? child : undefined;
}

/** The targets openclaw's `setGroupPolicyAllowlist` visits, in its order. */
function targets(tree: ConfigNode): Array<{ owner: ObjectNode; path: string[] }> {
  const out: Array<{ owner: ObjectNode; path: string[] }> = [];
  const channels = objectAt(tree, 'channels');
  if (!channels) return out;
  for (const id of jsKeyOrder(channels.members.keys())) {
    const section = channels.members.get(id)!.value;
    if (section.kind !== 'object') continue;
    out.push({ owner: section, path: ['channels', id] });
    const accounts = objectAt(section, 'accounts');
    if (!accounts) continue;
    for (const accountId of jsKeyOrder(accounts.members.keys())) {
      const account = accounts.members.get(accountId)!.value;
      if (accountId === '' || account.kind !== 'object') continue;
      out.push({ owner: account, path: ['channels', id, 'accounts', accountId] });
    }
  }
  return out;
}

/** Maps a recorded span to offsets in the file's full text; undefined when the span is not in that text. */
function locateSpan(span: SourceSpan, text: string): { start: number; end: number } | undefined {
  const bom = bomLength(text);
  const body = text.slice(bom);
  const starts = parserLineStarts(body);
  const start = offsetAt(starts, body.length, span.line, span.column);
  const end = offsetAt(starts, body.length, span.endLine, span.endColumn);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { start: start + bom, end: end + bom };
}

/** The string a literal's source text spells, or undefined when it is not one string literal. */
function literalValue(raw: string, file: string): string | undefined {
  if (!/^(['"])[\s\S]*\1$/.test(raw)) return undefined;
  try {
    const node = parseJson5(raw, file);
    return node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Plans every fix for a loaded config. `texts` holds the full text (BOM included) of each file the config was
 * read from, keyed like the spans (relative to the audit root).
 */
export function planFixes(tree: ConfigNode, texts: ReadonlyMap<string, string>): FixPlan {
  const plan: FixPlan = { changes: [], edits: [], errors: [] };
  const fix = GROUP_POLICY;
  for (const { owner, path } of targets(tree)) {
    const member = owner.members.get(fix.key);
    if (!member || member.value.kind !== 'scalar' || member.value.value !== fix.from) continue;
    const dotted = [...path, fix.key].join('.');
    const span = member.value.span;
    const text = texts.get(span.file);
    const at = text === undefined ? undefined : locateSpan(span, text);
    const raw = at && text !== undefined ? text.slice(at.start, at.end) : undefined;
    const written = raw === undefined ? undefined : literalValue(raw, span.file);
    const where = `${span.file}:${span.line}:${span.column}`;
    if (raw === undefined || written === undefined) {
      plan.errors.push(`${dotted}: cannot locate the value at ${where}; not edited`);
      continue;
    }
    if (written !== fix.from) {
      plan.errors.push(
        `${dotted}: the value ${JSON.stringify(fix.from)} comes from ${raw} at ${where} (env substitution); set it to ${JSON.stringify(fix.to)} by hand`,
      );
      continue;
    }
    const quote = raw[0]!;
    plan.changes.push({
      file: span.file,
      path: dotted,
      from: fix.from,
      to: fix.to,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
    });
    // One included file can be merged in at several places: one literal, one edit.
    const same = plan.edits.find((e) => e.file === span.file && e.start === at!.start);
    if (same) same.paths.push(dotted);
    else
      plan.edits.push({
        file: span.file,
        start: at!.start,
        end: at!.end,
        text: `${quote}${fix.to}${quote}`,
        paths: [dotted],
      });
  }
  return plan;
}
