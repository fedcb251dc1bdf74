/**
 * Turns a migrated config (plain data) into byte-level edits of the files the original was read from: only the
 * members that change are touched, each in the file that owns it, and new text is written in that file's own style
 * (indentation, key quotes, string quotes, line endings). Values that moved keep their original text (comments
 * included) when an identical value exists in the source; `agents.list` → keyed `agents.entries` is rewritten in
 * place (brackets become braces, each item gets its id as key).
 */
import type { ArrayNode, ConfigNode, ObjectMember, ObjectNode } from '../core/config/node.ts';
import { toPlain } from '../core/config/node.ts';
import type { SourceSpan } from '../core/types.ts';
import { bomLength, offsetAt, parserLineStarts, type TextEdit } from '../fix/text.ts';
import { has, isRec, samePlain, type Rec } from './draft.ts';

export interface RenderResult {
  edits: TextEdit[];
  /** Dotted paths whose change could not be written as an edit (the caller reports them). */
  unplaced: string[];
}

interface FileStyle {
  unit: string;
  keyQuote: '"' | "'" | '';
  strQuote: '"' | "'";
  eol: string;
}

interface FileText {
  text: string;
  bom: number;
  starts: number[];
  style: FileStyle;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Source texts longer than this are not indexed for moved-value reuse (bounded work on hostile input). */
const MAX_INDEX_CHARS = 512 * 1024;

function detectStyle(
  text: string,
  root: ConfigNode | undefined,
  offsets: (s: SourceSpan) => number | undefined,
): FileStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let unit = '  ';
  const indents = text
    .split(/\r?\n/, 2000)
    .map((l) => /^([ \t]+)\S/.exec(l)?.[1])
    .filter((s): s is string => Boolean(s));
  if (indents.some((s) => s.startsWith('\t'))) unit = '\t';
  else if (indents.length > 0) unit = ' '.repeat(Math.min(...indents.map((s) => s.length)));
  let keyQuote: FileStyle['keyQuote'] = '"';
  if (root?.kind === 'object') {
    const first = root.members.values().next().value as ObjectMember | undefined;
    const at = first ? offsets(first.keySpan) : undefined;
    const c = at === undefined ? '"' : text[at];
    keyQuote = c === '"' || c === "'" ? c : '';
  }
  return { unit, keyQuote, strQuote: firstStringQuote(text, root, offsets) ?? (keyQuote === "'" ? "'" : '"'), eol };
}

/** Strings looked at for the file's quote character, at most. */
const MAX_STYLE_NODES = 2000;

/** The quote of the first string value written in this file (breadth first, bounded), if any. */
function firstStringQuote(
  text: string,
  root: ConfigNode | undefined,
  offsets: (s: SourceSpan) => number | undefined,
): '"' | "'" | undefined {
  const queue: ConfigNode[] = root ? [root] : [];
  const add = (node: ConfigNode) => {
    // Values merged in from an `$include` are written in their own file.
    if (queue.length < MAX_STYLE_NODES && node.span.file === root!.span.file) queue.push(node);
  };
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node.kind === 'object') for (const m of node.members.values()) add(m.value);
    else if (node.kind === 'array') for (const item of node.items) add(item);
    else if (typeof node.value === 'string') {
      const at = offsets(node.span);
      const c = at === undefined ? undefined : text[at];
      if (c === '"' || c === "'") return c;
    }
  }
  return undefined;
}

function quoteString(value: string, quote: '"' | "'"): string {
  const json = JSON.stringify(value);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function renderKey(key: string, style: FileStyle): string {
  if (style.keyQuote === '' && IDENTIFIER.test(key)) return key;
  return quoteString(key, style.keyQuote === '' ? '"' : style.keyQuote);
}

/** A value in the file's style; nested lines are indented from `indent` (the indentation of the line it starts on). */
function renderValue(value: unknown, indent: string, style: FileStyle, inline = false, depth = 0): string {
  if (depth > 200) return 'null';
  if (typeof value === 'string') return quoteString(value, style.strQuote);
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  const inner = indent + style.unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => renderValue(v, inner, style, inline, depth + 1));
    const flat = value.every((v) => v === null || typeof v !== 'object');
    if (inline || (flat && items.join(', ').length + indent.length < 100)) return `[${items.join(', ')}]`;
    return `[${style.eol}${items.map((i) => inner + i).join(`,${style.eol}`)}${style.eol}${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const members = keys.map(
    (k) => `${renderKey(k, style)}: ${renderValue((value as Rec)[k], inner, style, inline, depth + 1)}`,
  );
  if (inline) return `{ ${members.join(', ')} }`;
  return `{${style.eol}${members.map((m) => inner + m).join(`,${style.eol}`)}${style.eol}${indent}}`;
}

/** Canonical text of plain data (sorted keys), for finding a moved value's original text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRec(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function renderMigration(tree: ConfigNode, texts: ReadonlyMap<string, string>, after: unknown): RenderResult {
  const files = new Map<string, FileText>();
  const edits: TextEdit[] = [];
  const unplaced: string[] = [];

  const fileOf = (name: string): FileText | undefined => {
    const cached = files.get(name);
    if (cached) return cached;
    const text = texts.get(name);
    if (text === undefined) return undefined;
    const bom = bomLength(text);
    const entry: FileText = {
      text,
      bom,
      starts: parserLineStarts(text.slice(bom)),
      style: { unit: '  ', keyQuote: '"', strQuote: '"', eol: '\n' },
    };
    files.set(name, entry);
    entry.style = detectStyle(text, tree.span.file === name ? tree : undefined, (s) => pos(s, 'start'));
    return entry;
  };
  function pos(span: SourceSpan, which: 'start' | 'end'): number | undefined {
    const f = fileOf(span.file);
    if (!f) return undefined;
    const body = f.text.length - f.bom;
    const at =
      which === 'start'
        ? offsetAt(f.starts, body, span.line, span.column)
        : offsetAt(f.starts, body, span.endLine, span.endColumn);
    return at === undefined ? undefined : at + f.bom;
  }
  const lineIndent = (f: FileText, offset: number): string => {
    const start = f.text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(f.text.slice(start, offset))![0];
  };
  const startsLine = (f: FileText, offset: number): boolean =>
    /^[ \t]*$/.test(f.text.slice(f.text.lastIndexOf('\n', offset - 1) + 1, offset));

  // Original texts of objects and arrays, by canonical value, for values that moved (built on first use, each node's
  // canonical text from its children's, once).
  let donors: Map<string, ConfigNode> | undefined;
  const donorIndex = (): Map<string, ConfigNode> => {
    if (donors) return donors;
    donors = new Map();
    const totalChars = [...texts.values()].reduce((n, t) => n + t.length, 0);
    if (totalChars > MAX_INDEX_CHARS) return donors;
    const text = new Map<ConfigNode, string>();
    const order: ConfigNode[] = [];
    const stack: ConfigNode[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      order.push(node);
      if (node.kind === 'object') for (const m of node.members.values()) stack.push(m.value);
      else if (node.kind === 'array') stack.push(...node.items);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!;
      let key: string;
      if (node.kind === 'scalar') key = JSON.stringify(node.value);
      else if (node.kind === 'array') key = `[${node.items.map((n) => text.get(n)).join(',')}]`;
      else
        key = `{${[...node.members.keys()]
          .sort()
          .map((k) => `${JSON.stringify(k)}:${text.get(node.members.get(k)!.value)}`)
          .join(',')}}`;
      text.set(node, key);
      if (node.kind !== 'scalar' && !donors.has(key)) donors.set(key, node);
    }
    return donors;
  };

  /** A value's text for a new place: the moved original's text (re-indented) when one exists, else rendered. */
  const valueText = (value: unknown, indent: string, file: FileText, inline: boolean): string => {
    if (value !== null && typeof value === 'object') {
      const donor = donorIndex().get(canonical(value));
      const f = donor ? fileOf(donor.span.file) : undefined;
      const start = donor ? pos(donor.span, 'start') : undefined;
      const end = donor ? pos(donor.span, 'end') : undefined;
      if (
        donor &&
        f &&
        f === file &&
        start !== undefined &&
        end !== undefined &&
        !(inline && f.text.slice(start, end).includes('\n'))
      ) {
        const from = lineIndent(f, start);
        return f.text
          .slice(start, end)
          .split('\n')
          .map((line, i) => (i === 0 || !line.startsWith(from) ? line : indent + line.slice(from.length)))
          .join('\n');
      }
    }
    return renderValue(value, indent, file.style, inline);
  };

  const replaceNode = (node: ConfigNode, value: unknown, path: string): void => {
    const f = fileOf(node.span.file);
    const start = pos(node.span, 'start');
    const end = pos(node.span, 'end');
    if (!f || start === undefined || end === undefined) return void unplaced.push(path);
    let text: string;
    if (node.kind === 'scalar' && typeof node.value === 'string' && typeof value === 'string') {
      const q = f.text[start];
      text = quoteString(value, q === "'" ? "'" : '"');
    } else {
      text = valueText(value, lineIndent(f, start), f, false);
    }
    edits.push({ file: node.span.file, start, end, text });
  };

  /** The region a deleted member occupies: its text, its comma, and its whole line when it is alone on it. */
  const memberRegion = (
    f: FileText,
    member: ObjectMember,
  ): { start: number; end: number; comma: boolean } | undefined => {
    const start = pos(member.keySpan, 'start');
    const end = pos(member.span, 'end');
    if (start === undefined || end === undefined) return undefined;
    let at = end;
    const t = f.text;
    while (t[at] === ' ' || t[at] === '\t') at++;
    const comma = t[at] === ',';
    if (comma) at++;
    let after = at;
    while (t[after] === ' ' || t[after] === '\t') after++;
    if (t.startsWith('//', after)) {
      const nl = t.indexOf('\n', after);
      after = nl < 0 ? t.length : nl;
      while (after > at && t[after - 1] === '\r') after--;
    }
    const lineEnd = t.startsWith('\r\n', after) ? after + 2 : t[after] === '\n' ? after + 1 : -1;
    if (lineEnd >= 0 && startsLine(f, start)) return { start: t.lastIndexOf('\n', start - 1) + 1, end: lineEnd, comma };
    if (comma) return { start, end: after, comma };
    // The last member of an inline object: the blank before it goes too (`{ a: 1, b: 2 }` → `{ a: 1 }`).
    let from = start;
    while (from > 0 && (t[from - 1] === ' ' || t[from - 1] === '\t')) from--;
    return { start: from, end, comma };
  };

  /** The offset of the comma after `offset` (skipping blanks and comments), if the next token is one. */
  const commaAfter = (f: FileText, offset: number): number | undefined => {
    const t = f.text;
    let at = offset;
    for (let guard = 0; guard < 10_000 && at < t.length; guard++) {
      if (/\s/.test(t[at]!)) at++;
      else if (t.startsWith('//', at)) at = t.indexOf('\n', at) < 0 ? t.length : t.indexOf('\n', at);
      else if (t.startsWith('/*', at)) at = t.indexOf('*/', at + 2) < 0 ? t.length : t.indexOf('*/', at + 2) + 2;
      else break;
    }
    return t[at] === ',' ? at : undefined;
  };

  const listToEntries = (listMember: ObjectMember, entries: Rec, path: string[]): boolean => {
    const list = listMember.value;
    const f = fileOf(list.span.file);
    if (list.kind !== 'array' || !f || fileOf(listMember.keySpan.file) !== f) return false;
    const ids = Object.keys(entries);
    if (
      ids.length !== list.items.length ||
      list.items.some((i) => i.kind !== 'object' || i.span.file !== list.span.file)
    )
      return false;
    const keyStart = pos(listMember.keySpan, 'start');
    const keyEnd = pos(listMember.keySpan, 'end');
    const open = pos(list.span, 'start');
    const close = pos(list.span, 'end');
    if (
      [keyStart, keyEnd, open, close].some((o) => o === undefined) ||
      f.text[open!] !== '[' ||
      f.text[close! - 1] !== ']'
    )
      return false;
    edits.push({ file: list.span.file, start: keyStart!, end: keyEnd!, text: renderKey('entries', f.style) });
    edits.push({ file: list.span.file, start: open!, end: open! + 1, text: '{' });
    edits.push({ file: list.span.file, start: close! - 1, end: close!, text: '}' });
    list.items.forEach((item, index) => {
      const at = pos(item.span, 'start')!;
      const id = ids[index]!;
      edits.push({ file: list.span.file, start: at, end: at, text: `${renderKey(id, f.style)}: ` });
      diffValue(item, entries[id], [...path, 'entries', id]);
    });
    return true;
  };

  function diffObject(node: ObjectNode, after: Rec, path: string[]): void {
    const f = fileOf(node.span.file);
    const members = [...node.members.entries()];
    const removed = new Map(members.filter(([k]) => !has(after, k)));
    const added = Object.keys(after).filter((k) => !node.members.has(k));

    // agents.list → keyed agents.entries, in place.
    const listMember = removed.get('list');
    if (
      path.join('.') === 'agents' &&
      listMember &&
      added.includes('entries') &&
      isRec(after.entries) &&
      listToEntries(listMember, after.entries, path)
    ) {
      removed.delete('list');
      added.splice(added.indexOf('entries'), 1);
    }
    // A key renamed in the same object with the same value: rewrite the key only.
    for (const k2 of [...added]) {
      const match = [...removed].find(
        ([, m]) => m.keySpan.file === node.span.file && samePlain(toPlain(m.value), after[k2]),
      );
      if (!match || !f) continue;
      const start = pos(match[1].keySpan, 'start');
      const end = pos(match[1].keySpan, 'end');
      if (start === undefined || end === undefined) continue;
      edits.push({ file: match[1].keySpan.file, start, end, text: renderKey(k2, f.style) });
      removed.delete(match[0]);
      added.splice(added.indexOf(k2), 1);
    }
    for (const [k, m] of members) if (has(after, k)) diffValue(m.value, after[k], [...path, k]);

    // Removed members' regions, in text order; a region's leading blank that the previous region took is not taken twice.
    const regions: TextEdit[] = [];
    for (const [k, m] of removed) {
      const mf = fileOf(m.keySpan.file);
      const region = mf ? memberRegion(mf, m) : undefined;
      if (!region) unplaced.push([...path, k].join('.'));
      else regions.push({ file: m.keySpan.file, start: region.start, end: region.end, text: '' });
    }
    regions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
    for (let i = 1; i < regions.length; i++) {
      const prev = regions[i - 1]!;
      const cur = regions[i]!;
      if (cur.file === prev.file && cur.start < prev.end) cur.start = Math.min(prev.end, cur.end);
    }
    edits.push(...regions);
    const retained = members.filter(([k]) => !removed.has(k) && node.members.get(k)!.keySpan.file === node.span.file);
    const last = members[members.length - 1];
    const open = pos(node.span, 'start');
    const close = pos(node.span, 'end');
    if (!f || open === undefined || close === undefined || f.text[open] !== '{' || f.text[close - 1] !== '}') {
      if (added.length > 0) unplaced.push(...added.map((k) => [...path, k].join('.')));
      return;
    }
    const trailingComma = last
      ? commaAfter(fileOf(last[1].span.file) ?? f, pos(last[1].span, 'end') ?? close) !== undefined
      : false;
    const lastRetained = retained[retained.length - 1];
    if (lastRetained && last && removed.has(last[0]) && !trailingComma) {
      const end = pos(lastRetained[1].span, 'end');
      const comma = end === undefined ? undefined : commaAfter(f, end);
      // The blank after it goes too when the removed members follow on the same line (`{ a: 1, b: 2 }` → `{ a: 1 }`).
      let blankEnd = comma === undefined ? 0 : comma + 1;
      while (comma !== undefined && (f.text[blankEnd] === ' ' || f.text[blankEnd] === '\t')) blankEnd++;
      const nextRegion = regions.find((r) => r.file === node.span.file && r.start === blankEnd);
      if (comma !== undefined && comma < close)
        edits.push({ file: node.span.file, start: comma, end: nextRegion ? blankEnd : comma + 1, text: '' });
    }
    if (added.length === 0) return;
    const multiline = f.text.slice(open, close).includes('\n');
    if (lastRetained) {
      const end = pos(lastRetained[1].span, 'end')!;
      const keyAt = pos(lastRetained[1].keySpan, 'start')!;
      const indent = multiline
        ? startsLine(f, keyAt)
          ? lineIndent(f, keyAt)
          : lineIndent(f, open) + f.style.unit
        : '';
      const text = added
        .map((k) =>
          multiline
            ? `,${f.style.eol}${indent}${renderKey(k, f.style)}: ${valueText(after[k], indent, f, false)}`
            : `, ${renderKey(k, f.style)}: ${valueText(after[k], '', f, true)}`,
        )
        .join('');
      edits.push({ file: node.span.file, start: end, end, text });
      return;
    }
    const interiorText = f.text.slice(open + 1, close - 1);
    const ownAll = members.every(([, m]) => m.keySpan.file === node.span.file);
    const mine = new Set(regions.filter((r) => r.file === node.span.file));
    const othersInside = edits.some(
      (e) => !mine.has(e) && e.file === node.span.file && e.end > open + 1 && e.start < close - 1,
    );
    const removedOnly = retained.length === 0 && mine.size === members.length;
    if (
      !multiline &&
      ownAll &&
      removedOnly &&
      !othersInside &&
      !interiorText.includes('$include') &&
      !/\/[/*]/.test(interiorText)
    ) {
      // An object written on one line stays on one line: its removed members and the new ones, in one edit.
      for (let i = edits.length - 1; i >= 0; i--) if (mine.has(edits[i]!)) edits.splice(i, 1);
      const body = added.map((k) => `${renderKey(k, f.style)}: ${valueText(after[k], '', f, true)}`).join(', ');
      edits.push({ file: node.span.file, start: open + 1, end: close - 1, text: ` ${body} ` });
      return;
    }
    const outer = lineIndent(f, open);
    const indent = outer + f.style.unit;
    const body = added
      .map((k) => `${indent}${renderKey(k, f.style)}: ${valueText(after[k], indent, f, false)}`)
      .join(`,${f.style.eol}`);
    const interior = f.text.slice(open + 1, close - 1);
    if (/^\s*$/.test(interior))
      edits.push({
        file: node.span.file,
        start: open + 1,
        end: close - 1,
        text: `${f.style.eol}${body}${f.style.eol}${outer}`,
      });
    else edits.push({ file: node.span.file, start: open + 1, end: open + 1, text: `${f.style.eol}${body}` });
  }

  function diffArray(node: ArrayNode, after: unknown[], path: string[]): void {
    if (after.length === node.items.length) {
      node.items.forEach((item, i) => diffValue(item, after[i], [...path, String(i)]));
      return;
    }
    replaceNode(node, after, path.join('.'));
  }

  function diffValue(node: ConfigNode, after: unknown, path: string[]): void {
    if (node.kind === 'object' && isRec(after)) return diffObject(node, after, path);
    if (node.kind === 'array' && Array.isArray(after)) return diffArray(node, after, path);
    if (samePlain(toPlain(node), after)) return;
    replaceNode(node, after, path.join('.'));
  }

  diffValue(tree, after, []);
  return { edits, unplaced };
}
