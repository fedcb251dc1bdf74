/**
 * Channel configs owned by plugins bundled inside openclaw (e.g. `channels.telegram`) are checked, once the core
 * schema passes, against that plugin's JSON Schema, with ajv-style messages prefixed "invalid config: ".
 * `validatePluginSchema` is a small JSON Schema checker producing those messages.
 */
import type { PathSegment } from '../types.ts';
import type { JsonSchema } from './zod-like.ts';
import type { SchemaViolation } from './validate.ts';
import { SCHEMA_DATA } from './validate.ts';
import { summarizeAllowedValues, appendAllowedValuesHint } from './allowed-values.ts';

interface PluginIssue {
  path: PathSegment[];
  message: string;
  allowedValues?: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
    case 'object': return isRecord(v);
    case 'array': return Array.isArray(v);
    case 'null': return v === null;
    default: return true;
  }
}

function same(a: unknown, b: unknown): boolean {
  try {
    return a === b || JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  let node: unknown = root;
  for (const seg of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) node = isRecord(node) ? node[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return (node as JsonSchema) ?? true;
}

export function validatePluginSchema(root: JsonSchema, schema: JsonSchema, value: unknown, path: PathSegment[] = [], depth = 0): PluginIssue[] {
  if (schema === true || depth > 200 || !isRecord(schema)) return schema === false ? [{ path, message: 'boolean schema is false' }] : [];
  const s = schema;
  if (typeof s.$ref === 'string') return validatePluginSchema(root, resolveRef(root, s.$ref), value, path, depth + 1);
  const out: PluginIssue[] = [];
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeOk(t, value))) return [{ path, message: `must be ${types.join(',')}` }];
  }
  if (s.const !== undefined && !same(s.const, value)) {
    const sum = summarizeAllowedValues([s.const])!;
    out.push({ path, message: appendAllowedValuesHint('must be equal to constant', sum), allowedValues: sum.values });
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => same(e, value))) {
    const sum = summarizeAllowedValues(s.enum)!;
    out.push({ path, message: appendAllowedValuesHint('must be equal to one of the allowed values', sum), allowedValues: sum.values });
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((b) => validatePluginSchema(root, b as JsonSchema, value, path, depth + 1).length === 0)) {
    out.push({ path, message: 'must match a schema in anyOf' });
  }
  if (Array.isArray(s.oneOf) && s.oneOf.filter((b) => validatePluginSchema(root, b as JsonSchema, value, path, depth + 1).length === 0).length !== 1) {
    out.push({ path, message: 'must match exactly one schema in oneOf' });
  }
  if (Array.isArray(s.allOf)) for (const b of s.allOf) out.push(...validatePluginSchema(root, b as JsonSchema, value, path, depth + 1));
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) out.push({ path, message: `must be >= ${s.minimum}` });
    if (typeof s.maximum === 'number' && value > s.maximum) out.push({ path, message: `must be <= ${s.maximum}` });
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) out.push({ path, message: `must be > ${s.exclusiveMinimum}` });
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) out.push({ path, message: `must be < ${s.exclusiveMaximum}` });
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && value.length < s.minLength) out.push({ path, message: `must NOT have fewer than ${s.minLength} characters` });
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) out.push({ path, message: `must NOT have more than ${s.maxLength} characters` });
    if (typeof s.pattern === 'string') {
      let ok = true;
      try { ok = new RegExp(s.pattern, 'u').test(value); } catch { ok = true; }
      if (!ok) out.push({ path, message: `must match pattern "${s.pattern}"` });
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) out.push({ path, message: `must NOT have fewer than ${s.minItems} items` });
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push({ path, message: `must NOT have more than ${s.maxItems} items` });
    if (s.items !== undefined && !Array.isArray(s.items)) value.forEach((v, i) => out.push(...validatePluginSchema(root, s.items as JsonSchema, v, [...path, i], depth + 1)));
  }
  if (isRecord(value)) {
    const props = isRecord(s.properties) ? (s.properties as Record<string, JsonSchema>) : {};
    if (Array.isArray(s.required)) {
      // Defaults are filled before the check, so a required key with a default never goes missing.
      for (const key of s.required as string[]) if (!Object.prototype.hasOwnProperty.call(value, key) && !(isRecord(props[key]) && 'default' in (props[key] as object))) out.push({ path: [...path, key], message: `must have required property '${key}'` });
    }
    const extra: string[] = [];
    for (const key of Object.keys(value)) {
      if (Object.prototype.hasOwnProperty.call(props, key)) {
        out.push(...validatePluginSchema(root, props[key]!, value[key], [...path, key], depth + 1));
      } else if (s.additionalProperties === false) {
        extra.push(key);
      } else if (isRecord(s.additionalProperties)) {
        // openclaw's checker reports record members under a "*" segment.
        out.push(...validatePluginSchema(root, s.additionalProperties, value[key], [...path, '*'], depth + 1));
      }
    }
    if (extra.length) out.push({ path, message: `must not have additional properties: ${extra.map((k) => `"${k}"`).join(', ')}` });
  }
  return out;
}

export function validateChannels(config: unknown): SchemaViolation[] {
  const channels = isRecord(config) ? config.channels : undefined;
  if (!isRecord(channels)) return [];
  const out: SchemaViolation[] = [];
  for (const id of Object.keys(channels)) {
    const entry = SCHEMA_DATA.channels[id.trim()];
    if (!entry || !entry.bundled) continue;
    for (const issue of validatePluginSchema(entry.schema, entry.schema, channels[id])) {
      const v: SchemaViolation = { path: ['channels', id.trim(), ...issue.path], message: `invalid config: ${issue.message}` };
      if (issue.allowedValues) v.allowedValues = issue.allowedValues;
      out.push(v);
    }
  }
  return out;
}
