/**
 * The generated schema data (`npm run gen:schema`, openclaw-schema.jsonl beside this module), read on first use.
 * The one file read in src/core: the data ships with the tool (ncc copies it next to each bundle and rewrites the URL),
 * it is not part of the audited repository.
 */
import { readFileSync } from 'node:fs';
import { readSections } from './sections.ts';
import type { JsonSchema } from './zod-like.ts';
import type { Facts } from './refinements.ts';

interface OfficialPlugin {
  version: string;
  /** Channel ids the plugin owns. */
  channels: string[];
  /** Channel schemas that differ from the generated metadata under `channels` (usually none). */
  channelSchemas?: Record<string, JsonSchema>;
  configSchema?: JsonSchema;
}

interface SchemaData {
  header: Record<string, string>;
  facts: Facts;
  core: JsonSchema;
  channels: Record<string, { pluginId: string; bundled: boolean; schema: JsonSchema }>;
  plugins: Record<string, JsonSchema>;
  /** Official npm channel plugins (`@openclaw/<id>`): their channel schemas and manifest configSchema. */
  officialPlugins?: Record<string, OfficialPlugin>;
}

let data: SchemaData | undefined;

export function schemaData(): SchemaData {
  if (!data) data = readSections(readFileSync(new URL('./openclaw-schema.jsonl', import.meta.url), 'utf8')) as SchemaData;
  return data;
}
