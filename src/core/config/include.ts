/**
 * `$include` resolution with openclaw's merge rules, confined to the config's own folder.
 * Every included file is parsed into located nodes, so merged values keep the file and line they came from.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { openFile, type Host, type OpenedFile } from '../host.ts';
import type { SourceSpan } from '../types.ts';
import { ConfigLoadError, ParseError } from '../errors.ts';
import type { ArrayNode, ConfigNode, ObjectMember, ObjectNode } from './node.ts';
import { decodeUtf8, parseJson5, withBom } from './parse.ts';
import type { ValueBudget } from './scan.ts';

export const MAX_INCLUDE_DEPTH = 10;
const MAX_INCLUDE_BYTES = 2 * 1024 * 1024;
/** Bounds fan-out: a config that names more include files than this in total is refused. */
const MAX_INCLUDED_FILES = 1000;
/** Bounds amplification: the bytes read through `$include`, each read counted (a file included 100 times counts 100 times). */
const MAX_INCLUDE_TOTAL_BYTES = 5 * 1024 * 1024;
/** Bounds the cost of merging (array concatenation, key copies), which a list of includes could make quadratic. */
const MAX_MERGE_WORK = 10_000_000;
const MAX_PATH_LENGTH = 4096;
const UNSAFE_MERGE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface IncludeResolver {
  /** Resolves every `$include` in a parsed file (the top-level config is depth 0). */
  resolve(node: ConfigNode, absFile: string): ConfigNode;
  /** Files read through `$include`, relative to the root, in the order first read. */
  readonly files: string[];
  /** For each included file (relative), the `$include` spans that brought it in, outermost first. */
  readonly chains: Map<string, SourceSpan[]>;
  /** The text of each included file (relative) as it was read, a byte-order mark included. */
  readonly texts: Map<string, string>;
}

export interface IncludeOptions {
  host: Host;
  /** Absolute folder that includes must stay inside (the top-level config's folder). */
  boundary: string;
  /** Turns an absolute path into the path printed to users (relative to the audit root). */
  display: (absPath: string) => string;
  /** Keys and values parsed so far for this config, its includes included. */
  budget?: ValueBudget;
}

/** `child` is `parent` or below it (both absolute, already resolved). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function typeName(node: ConfigNode): string {
  if (node.kind === 'object') return 'object';
  if (node.kind === 'array') return 'array';
  return node.value === null ? 'null' : typeof node.value;
}

/**
 * openclaw's deep merge: objects merge key by key, arrays concatenate, anything else is replaced.
 * `work.units` is increased by the number of members and items copied.
 */
function mergeNodes(base: ConfigNode, override: ConfigNode, work: { units: number } = { units: 0 }): ConfigNode {
  if (base.kind === 'object' && override.kind === 'object') {
    work.units += base.members.size + override.members.size;
    const members = new Map<string, ObjectMember>(base.members);
    for (const [key, member] of override.members) {
      if (UNSAFE_MERGE_KEYS.has(key)) continue;
      const existing = members.get(key);
      members.set(key, existing ? { ...member, value: mergeNodes(existing.value, member.value, work) } : member);
    }
    return { kind: 'object', span: override.span, members };
  }
  if (base.kind === 'array' && override.kind === 'array') {
    work.units += base.items.length + override.items.length;
    return { kind: 'array', span: override.span, items: [...base.items, ...override.items] } satisfies ArrayNode;
  }
  return override;
}

export function createIncludeResolver(options: IncludeOptions): IncludeResolver {
  const { host, boundary, display } = options;
  const files: string[] = [];
  const texts = new Map<string, string>();
  const chains = new Map<string, SourceSpan[]>();
  let realBoundary: string;
  try {
    realBoundary = host.realpath(boundary);
  } catch {
    realBoundary = boundary;
  }
  let readCount = 0;
  let readBytes = 0;
  const work = { units: 0 };
  const merge = (base: ConfigNode, override: ConfigNode, span: SourceSpan): ConfigNode => {
    const merged = mergeNodes(base, override, work);
    if (work.units > MAX_MERGE_WORK)
      fail(`Included content is too large to merge (more than ${MAX_MERGE_WORK} values copied)`, span);
    return merged;
  };

  const fail = (message: string, span: SourceSpan, includedFrom?: SourceSpan[]): never => {
    throw new ConfigLoadError({
      path: '<root>',
      message,
      location: { ...span, path: '$include', ...(includedFrom && includedFrom.length > 0 ? { includedFrom } : {}) },
    });
  };

  function loadIncluded(
    written: string,
    span: SourceSpan,
    fromFile: string,
    stack: string[],
    spans: SourceSpan[],
  ): ConfigNode {
    const chainSpans = chains.get(display(fromFile)) ?? [];
    if (written.includes('\0') || written.length >= MAX_PATH_LENGTH) {
      fail(`Invalid include path: ${JSON.stringify(written.slice(0, 80))}`, span, chainSpans);
    }
    if (stack.length > MAX_INCLUDE_DEPTH) {
      fail(`Maximum include depth (${MAX_INCLUDE_DEPTH}) exceeded at: ${written}`, span, chainSpans);
    }
    const target = resolve(dirname(fromFile), written);
    if (!isInside(target, boundary)) {
      fail(`Include path escapes config directory: ${written} (root: ${display(boundary) || '.'})`, span, chainSpans);
    }
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].map(display).join(' -> ');
      fail(`Circular include detected: ${cycle}`, span, chainSpans);
    }
    // Opened once: the checks and the read are made on the descriptor, so a link or folder swapped meanwhile
    // cannot redirect the read, and a FIFO cannot block it.
    let opened: OpenedFile;
    try {
      opened = openFile(host, target);
    } catch {
      return fail(`Failed to read include file: ${written} (resolved: ${display(target)})`, span, chainSpans);
    }
    let bytes: Uint8Array;
    try {
      const real = opened.realpath();
      if (real === undefined)
        fail(`Include file changed while it was being read, not read: ${written}`, span, chainSpans);
      if (!isInside(real!, realBoundary)) {
        fail(`Include path resolves outside config directory (symlink): ${written}`, span, chainSpans);
      }
      const info = opened.info();
      if (info.kind !== 'file') fail(`Include path is not a regular file: ${written}`, span, chainSpans);
      if (info.links > 1) fail(`Include path is a hard link, which is refused: ${written}`, span, chainSpans);
      if (info.size > MAX_INCLUDE_BYTES) {
        fail(`Include file is larger than ${MAX_INCLUDE_BYTES} bytes: ${written}`, span, chainSpans);
      }
      readCount += 1;
      if (readCount > MAX_INCLUDED_FILES)
        fail(`More than ${MAX_INCLUDED_FILES} include files are named`, span, chainSpans);
      readBytes += info.size;
      if (readBytes > MAX_INCLUDE_TOTAL_BYTES) {
        fail(
          `Include files add up to more than ${MAX_INCLUDE_TOTAL_BYTES} bytes (each inclusion counted)`,
          span,
          chainSpans,
        );
      }
      try {
        bytes = opened.read(MAX_INCLUDE_BYTES);
      } catch {
        return fail(`Failed to read include file: ${written} (resolved: ${display(target)})`, span, chainSpans);
      }
      if (bytes.length > MAX_INCLUDE_BYTES)
        fail(`Include file is larger than ${MAX_INCLUDE_BYTES} bytes: ${written}`, span, chainSpans);
    } finally {
      opened.close();
    }

    const relFile = display(target);
    const nextSpans = [...spans, span];
    if (!chains.has(relFile)) {
      chains.set(relFile, nextSpans);
      files.push(relFile);
    }
    let parsed: ConfigNode;
    try {
      const text = decodeUtf8(bytes, relFile);
      if (!texts.has(relFile)) texts.set(relFile, withBom(bytes, text));
      parsed = parseJson5(text, relFile, options.budget);
    } catch (error) {
      if (error instanceof ParseError) {
        throw new ConfigLoadError({
          path: '<root>',
          message: `Failed to parse include file: ${written} (resolved: ${relFile}): ${error.message}`,
          location: { ...error.span, path: '<root>', includedFrom: nextSpans },
        });
      }
      return fail(`Failed to read include file: ${written} (resolved: ${relFile})`, span, chainSpans);
    }
    return walk(parsed, target, [...stack, target], nextSpans);
  }

  function includePaths(member: ObjectMember): Array<{ written: string; span: SourceSpan }> {
    const value = member.value;
    if (value.kind === 'scalar' && typeof value.value === 'string') return [{ written: value.value, span: value.span }];
    if (value.kind === 'array') {
      return value.items.map((item) => {
        if (item.kind !== 'scalar' || typeof item.value !== 'string') {
          return fail(`Invalid $include array item: expected string, got ${typeName(item)}`, item.span);
        }
        return { written: item.value, span: item.span };
      });
    }
    return fail(`Invalid $include value: expected string or array of strings, got ${typeName(value)}`, value.span);
  }

  function walk(node: ConfigNode, file: string, stack: string[], spans: SourceSpan[]): ConfigNode {
    // A subtree without $include is returned as it is, not copied.
    if (node.kind === 'array') {
      let changed = false;
      const items = node.items.map((item) => {
        const resolved = walk(item, file, stack, spans);
        changed ||= resolved !== item;
        return resolved;
      });
      return changed ? { ...node, items } : node;
    }
    if (node.kind !== 'object') return node;
    const include = node.members.get('$include');
    const siblings: ObjectNode = { kind: 'object', span: node.span, members: new Map() };
    let changed = include !== undefined;
    for (const [key, member] of node.members) {
      if (key === '$include') continue;
      const value = walk(member.value, file, stack, spans);
      changed ||= value !== member.value;
      siblings.members.set(key, value === member.value ? member : { ...member, value });
    }
    if (!include) return changed ? siblings : node;
    const targets = includePaths(include);
    const loaded = targets.map((t) => loadIncluded(t.written, t.span, file, stack, spans));
    let included: ConfigNode;
    if (include.value.kind === 'array') {
      included = loaded.reduce<ConfigNode>((acc, next) => merge(acc, next, include.span), {
        kind: 'object',
        span: include.span,
        members: new Map(),
      });
    } else {
      included = loaded[0]!;
    }
    if (siblings.members.size === 0) return included;
    if (included.kind !== 'object') fail('Sibling keys require included content to be an object', include.span);
    return merge(included, siblings, include.span);
  }

  return {
    files,
    chains,
    texts,
    resolve: (node, absFile) => walk(node, absFile, [absFile], []),
  };
}
