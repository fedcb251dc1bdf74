/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an argument and throws a
 * RangeError past about 100,000 of them, which a config's arrays, keys or issues can reach.
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
