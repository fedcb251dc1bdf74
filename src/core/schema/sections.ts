/**
 * The generated schema data as JSON Lines: line 1 is the document with some subtrees replaced by
 * `{ "$section": N }`, and line N + 2 is the JSON of section N. A section is parsed the first time it is read.
 * The data is ~500 kB; parsing all of it took a tenth of the CLI's start-up, while an audit reads only the parts its
 * config uses.
 */
const SECTION_KEY = '$section';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sectionIndex(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const index = (value as Record<string, unknown>)[SECTION_KEY];
  return keys.length === 1 && keys[0] === SECTION_KEY && Number.isInteger(index) ? (index as number) : undefined;
}

/**
 * Reads sections text. Every `{ "$section": N }` becomes a property that parses its line on first read (then keeps
 * the result); only the skeleton on line 1 is parsed now.
 */
export function readSections(text: string): unknown {
  const lines = text.split('\n');
  const root: unknown = JSON.parse(lines[0]!);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      const index = sectionIndex(value);
      if (index === undefined) {
        stack.push(value);
        continue;
      }
      const line = lines[index + 1];
      if (line === undefined || line === '') throw new Error(`schema data: section ${index} is missing`);
      Object.defineProperty(node, key, {
        enumerable: true,
        configurable: true,
        get() {
          const parsed: unknown = JSON.parse(line);
          Object.defineProperty(node, key, { value: parsed, enumerable: true, configurable: true, writable: true });
          return parsed;
        },
      });
    }
  }
  return root;
}

/**
 * Writes schema data as sections text: each top-level key of the core schema, each channel schema and each plugin
 * config schema becomes a section (the parts an audit may never read).
 */
export function writeSections(data: { [key: string]: Json }): string {
  const skeleton = structuredClone(data) as Record<string, Record<string, Record<string, Json>>>;
  const sections: string[] = [];
  const section = (value: Json): Json => ({ [SECTION_KEY]: sections.push(JSON.stringify(value)) - 1 });
  const eachValue = (map: Record<string, Json> | undefined) => {
    for (const key of Object.keys(map ?? {})) map![key] = section(map![key]!);
  };
  eachValue(skeleton.core?.properties as Record<string, Json> | undefined);
  for (const channel of Object.values(skeleton.channels ?? {}))
    if (channel.schema !== undefined) channel.schema = section(channel.schema);
  eachValue(skeleton.plugins);
  for (const plugin of Object.values(skeleton.officialPlugins ?? {})) {
    if (plugin.configSchema !== undefined) plugin.configSchema = section(plugin.configSchema);
    eachValue(plugin.channelSchemas as Record<string, Json> | undefined);
  }
  return [JSON.stringify(skeleton), ...sections].join('\n') + '\n';
}
