/** JSON5 text → located config tree, with every syntax problem turned into a positioned error. */
import { parse as parseMomoa } from '@humanwhocodes/momoa';
import type { SourceSpan } from '../types.ts';
import { ParseError } from '../errors.ts';
import { type ConfigNode, type ObjectMember, type ArrayNode, type ObjectNode } from './node.ts';

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

/** Parses JSON5 (a superset of JSON) into a located tree. Duplicate keys: the last one wins, like JSON.parse. */
export function parseJson5(text: string, file: string): ConfigNode {
  let document: { body: MomoaNode };
  try {
    document = parseMomoa(text, { mode: 'json5', allowTrailingCommas: true }) as unknown as { body: MomoaNode };
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

function convert(body: MomoaNode, file: string): ConfigNode {
  const root = { node: undefined as ConfigNode | undefined };
  const stack: Array<{ source: MomoaNode; assign: (n: ConfigNode) => void }> = [
    { source: body, assign: (n) => (root.node = n) },
  ];
  while (stack.length > 0) {
    const { source, assign } = stack.pop()!;
    const span = spanOf(file, source.loc);
    switch (source.type) {
      case 'Object': {
        const node: ObjectNode = { kind: 'object', span, members: new Map() };
        assign(node);
        for (const member of source.members ?? []) {
          const key = keyName(member.name);
          const entry: ObjectMember = {
            keySpan: spanOf(file, member.name.loc),
            span: spanOf(file, member.loc),
            value: undefined as unknown as ConfigNode,
          };
          node.members.delete(key);
          node.members.set(key, entry);
          stack.push({ source: member.value, assign: (n) => (entry.value = n) });
        }
        break;
      }
      case 'Array': {
        const node: ArrayNode = { kind: 'array', span, items: [] };
        assign(node);
        (source.elements ?? []).forEach((element, index) => {
          stack.push({ source: element.value, assign: (n) => (node.items[index] = n) });
        });
        break;
      }
      case 'String':
      case 'Number':
      case 'Boolean':
        assign({ kind: 'scalar', span, value: source.value as string | number | boolean });
        break;
      case 'Null':
        assign({ kind: 'scalar', span, value: null });
        break;
      case 'Infinity':
        assign({ kind: 'scalar', span, value: (source as { sign?: string }).sign === '-' ? -Infinity : Infinity });
        break;
      case 'NaN':
        assign({ kind: 'scalar', span, value: NaN });
        break;
      default:
        throw new ParseError(`JSON5 parse failed: unexpected ${source.type}`, span);
    }
  }
  return root.node!;
}
