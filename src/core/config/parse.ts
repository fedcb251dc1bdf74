/** JSON5 text → located config tree, with every syntax problem turned into a positioned error. */
import { parse as parseMomoa } from '@humanwhocodes/momoa';
import type { SourceSpan } from '../types.ts';
import { ParseError } from '../errors.ts';
import { ScanLimitError, scanJson5, type ValueBudget } from './scan.ts';
import { type ConfigNode, type ObjectMember } from './node.ts';

interface MomoaLoc {
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}
interface MomoaNode {
  type: string;
  loc: MomoaLoc;
  value?: unknown;
  members?: Array<{ name: MomoaNode; value: MomoaNode; loc: MomoaLoc }>;
  elements?: Array<{ value: MomoaNode }>;
  name?: string;
}

function spanOf(file: string, loc: MomoaLoc): SourceSpan {
  return { file, line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

function pointSpan(file: string, line: number, column: number): SourceSpan {
  return { file, line, column, endLine: line, endColumn: column + 1 };
}

/** Decodes UTF-8 strictly; an invalid byte is reported at its line and column. */
/** The text as written, a byte-order mark included (what a byte-preserving edit starts from); `text` is `decodeUtf8`'s. */
export function withBom(bytes: Uint8Array, text: string): string {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' + text : text;
}

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const valid = validUtf8Prefix(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, valid));
    const lines = before.split('\n');
    throw new ParseError(
      `file is not valid UTF-8 (invalid byte at offset ${valid})`,
      pointSpan(file, lines.length, lines[lines.length - 1]!.length + 1),
    );
  }
}

function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

function keyName(name: MomoaNode): string {
  return name.type === 'Identifier' ? String(name.name) : String(name.value);
}

/**
 * Parses JSON5 (a superset of JSON) into a located tree. Duplicate keys: the last one wins, like JSON.parse. The keys
 * and values count against `budget`, shared by a config and its includes (see scan.ts).
 */
export function parseJson5(text: string, file: string, budget: ValueBudget = { used: 0 }): ConfigNode {
  let scanned: string;
  try {
    scanned = scanJson5(text, file, budget);
  } catch (error) {
    if (error instanceof ScanLimitError) throw new ParseError(error.message, error.span);
    throw error;
  }
  let document: { body: MomoaNode };
  try {
    document = parseMomoa(scanned, { mode: 'json5', allowTrailingCommas: true }) as unknown as { body: MomoaNode };
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ParseError('JSON5 parse failed: nesting is too deep', pointSpan(file, 1, 1));
    }
    const e = error as { message?: string; line?: number; column?: number };
    const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)\s*$/, '');
    throw new ParseError(`JSON5 parse failed: ${message}`, pointSpan(file, e.line ?? 1, e.column ?? 1));
  }
  return convert(document.body, file);
}

/** momoa's tree → ours. Recursive: the scan has capped nesting at MAX_NESTING levels. */
function convert(source: MomoaNode, file: string): ConfigNode {
  const span = spanOf(file, source.loc);
  switch (source.type) {
    case 'Object': {
      const members = new Map<string, ObjectMember>();
      for (const member of source.members ?? []) {
        const key = keyName(member.name);
        members.delete(key);
        members.set(key, {
          keySpan: spanOf(file, member.name.loc),
          span: spanOf(file, member.loc),
          value: convert(member.value, file),
        });
      }
      return { kind: 'object', span, members };
    }
    case 'Array': {
      const elements = source.elements ?? [];
      const items: ConfigNode[] = new Array(elements.length);
      for (let i = 0; i < elements.length; i++) items[i] = convert(elements[i]!.value, file);
      return { kind: 'array', span, items };
    }
    case 'String':
    case 'Number':
    case 'Boolean':
      return { kind: 'scalar', span, value: source.value as string | number | boolean };
    case 'Null':
      return { kind: 'scalar', span, value: null };
    case 'Infinity':
      return { kind: 'scalar', span, value: (source as { sign?: string }).sign === '-' ? -Infinity : Infinity };
    case 'NaN':
      return { kind: 'scalar', span, value: NaN };
    default:
      throw new ParseError(`JSON5 parse failed: unexpected ${source.type}`, span);
  }
}
