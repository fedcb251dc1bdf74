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
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Converts a located tree to the plain value openclaw's checks would see. */
export function toPlain(node: ConfigNode): unknown {
  // Iterative to stay safe on deeply nested input.
  const rootHolder: { value?: unknown } = {};
  const stack: Array<{ node: ConfigNode; assign: (v: unknown) => void }> = [
    { node, assign: (v) => (rootHolder.value = v) },
  ];
  while (stack.length > 0) {
    const { node: current, assign } = stack.pop()!;
    if (current.kind === 'scalar') {
      assign(current.value);
    } else if (current.kind === 'array') {
      const out: unknown[] = new Array(current.items.length);
      assign(out);
      current.items.forEach((item, index) => stack.push({ node: item, assign: (v) => (out[index] = v) }));
    } else {
      const out: Record<string, unknown> = {};
      assign(out);
      for (const [key, member] of current.members) {
        defineOwn(out, key, undefined);
        stack.push({ node: member.value, assign: (v) => defineOwn(out, key, v) });
      }
    }
  }
  return rootHolder.value;
}
