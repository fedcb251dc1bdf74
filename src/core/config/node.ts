/** The located config tree: every key and value keeps the span of text it came from. */
import type { SourceSpan } from '../types.ts';

type Scalar = string | number | boolean | null;

interface NodeBase {
  span: SourceSpan;
}

export interface ObjectMember {
  keySpan: SourceSpan;
  /** From the start of the key to the end of the value. */
  span: SourceSpan;
  value: ConfigNode;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  members: Map<string, ObjectMember>;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: ConfigNode[];
}

interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: Scalar;
}

export type ConfigNode = ObjectNode | ArrayNode | ScalarNode;

/** Sets a property as an own data property, so keys like `__proto__` never touch a prototype. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` is special when assigned; defining every key was a fifth of loading a large config.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Converts a located tree to the plain value openclaw's checks would see. */
export function toPlain(node: ConfigNode): unknown {
  // Iterative to stay safe on deeply nested input (a merged tree can nest deeper than one file).
  const holder: unknown[] = [undefined];
  const stack: Array<[ConfigNode, unknown[] | Record<string, unknown>, string | number]> = [[node, holder, 0]];
  while (stack.length > 0) {
    const [current, target, key] = stack.pop()!;
    let value: unknown;
    if (current.kind === 'scalar') value = current.value;
    else if (current.kind === 'array') {
      const out: unknown[] = new Array(current.items.length);
      current.items.forEach((item, index) =>
        item.kind === 'scalar' ? (out[index] = item.value) : stack.push([item, out, index]),
      );
      value = out;
    } else {
      const out: Record<string, unknown> = {};
      for (const [name, member] of current.members) {
        defineOwn(out, name, member.value.kind === 'scalar' ? member.value.value : undefined);
        if (member.value.kind !== 'scalar') stack.push([member.value, out, name]);
      }
      value = out;
    }
    if (Array.isArray(target)) target[key as number] = value;
    else defineOwn(target, key as string, value);
  }
  return holder[0];
}
