/** Config path → source location, through `$include` files. */
import type { ConfigPath, SourceLocation, SourceSpan } from '../types.ts';
import type { ConfigNode } from './node.ts';

/** Dotted like openclaw's issue paths: `bindings.0.match`; the root is `<root>`. */
function formatPath(path: ConfigPath): string {
  return path.length === 0 ? '<root>' : path.map(String).join('.');
}

export type Locator = (path: ConfigPath) => SourceLocation;

/**
 * Builds a locator over a merged tree. A present scalar points at `key: value`, a present object or array at its
 * key, and an absent path at the nearest present parent.
 */
export function createLocator(root: ConfigNode, chains: Map<string, SourceSpan[]>): Locator {
  const withChain = (span: SourceSpan, path: ConfigPath): SourceLocation => {
    const includedFrom = chains.get(span.file);
    return {
      file: span.file,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
      path: formatPath(path),
      ...(includedFrom && includedFrom.length > 0 ? { includedFrom } : {}),
    };
  };
  return (path) => {
    let node: ConfigNode = root;
    let best: { span: SourceSpan; depth: number } = { span: firstLine(root.span), depth: 0 };
    for (let depth = 0; depth < path.length; depth++) {
      const segment = path[depth]!;
      if (node.kind === 'object' && node.members.has(String(segment))) {
        const member = node.members.get(String(segment))!;
        node = member.value;
        best = { span: node.kind === 'scalar' ? member.span : member.keySpan, depth: depth + 1 };
      } else if (node.kind === 'array' && typeof segment === 'number' && segment >= 0 && segment < node.items.length) {
        node = node.items[segment]!;
        best = { span: node.kind === 'scalar' ? node.span : firstLine(node.span), depth: depth + 1 };
      } else {
        break;
      }
    }
    return withChain(best.span, path);
  };
}

/** An object or array can span many lines; point at its opening line only. */
function firstLine(span: SourceSpan): SourceSpan {
  return span.endLine === span.line ? span : { ...span, endLine: span.line, endColumn: span.column + 1 };
}
