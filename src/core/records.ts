import type { PathSegment } from './types.ts';

/** A JSON object (not null, not an array): what config sections and schema nodes are read as. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a record, or an empty one: for reading optional nested sections. */
export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/**
 * The value at `keys` below `value`, stepping through own properties of objects and arrays; undefined when a step is
 * missing. The one config path reader: typed loosely because config data is, and callers check what they get.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dig(value: unknown, ...keys: readonly PathSegment[]): any {
  let node = value;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<PathSegment, unknown>)[key];
  }
  return node;
}
