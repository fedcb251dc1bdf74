/**
 * A small interpreter that walks openclaw's generated JSON Schema (which openclaw derives from its zod schema) and
 * reports issues the way zod 4 would for the same value: same codes, same order, same English messages.
 * It never throws: depth is bounded and every value shape is handled.
 */
import type { PathSegment } from '../types.ts';
import { isRecord } from '../records.ts';
import { schemaPattern } from './pattern.ts';
import { pushAll } from '../arrays.ts';

export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface ZodLikeIssue {
  code: string;
  path: PathSegment[];
  message: string;
  /** zod's `continue` flag: true when the issue does not abort the enclosing union branch. */
  continue?: boolean;
  values?: unknown[];
  expected?: string;
  errors?: ZodLikeIssue[][];
  keys?: string[];
  origin?: string;
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
}

const MAX_DEPTH = 400;

function parsedType(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  return typeof value;
}

function receivedName(value: unknown): string {
  const t = parsedType(value);
  if (t === 'nan') return 'NaN';
  if (t === 'number' && !Number.isFinite(value as number)) return String(value);
  return t;
}

function stringifyPrimitive(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

function invalidType(expected: string, value: unknown, path: PathSegment[]): ZodLikeIssue {
  return {
    code: 'invalid_type',
    expected,
    path,
    message: `Invalid input: expected ${expected}, received ${receivedName(value)}`,
  };
}

function invalidValue(values: unknown[], path: PathSegment[]): ZodLikeIssue {
  const message =
    values.length === 1
      ? `Invalid input: expected ${stringifyPrimitive(values[0])}`
      : `Invalid option: expected one of ${values.map(stringifyPrimitive).join('|')}`;
  return { code: 'invalid_value', values, path, message };
}

function isObjectSchema(s: JsonSchema): s is Record<string, unknown> {
  return typeof s === 'object' && s !== null;
}

function aborted(issues: readonly ZodLikeIssue[]): boolean {
  return issues.some((i) => i.continue !== true);
}

function prefix(issues: ZodLikeIssue[], seg: PathSegment): ZodLikeIssue[] {
  for (const i of issues) i.path.unshift(seg);
  return issues;
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** Where `$ref`s resolve: the root of the schema document being interpreted. */
export interface SchemaContext {
  root: JsonSchema;
}

function resolveRef(ctx: SchemaContext, ref: string): JsonSchema {
  if (!ref.startsWith('#')) return true;
  let node: unknown = ctx.root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(node)) return true;
    node = node[seg];
  }
  return (node as JsonSchema) ?? true;
}

/** Finds the zod discriminator of a `oneOf` (zod's discriminatedUnion): a property that is a literal in every branch. */
function discriminatorOf(branches: JsonSchema[]): string | undefined {
  const first = branches[0];
  if (!isObjectSchema(first) || !isRecord(first.properties)) return undefined;
  for (const key of Object.keys(first.properties)) {
    const ok = branches.every((b) => {
      if (!isObjectSchema(b) || !isRecord(b.properties)) return false;
      const p = (b.properties as Record<string, JsonSchema>)[key];
      return isRecord(p) && (p.const !== undefined || Array.isArray(p.enum));
    });
    if (ok) return key;
  }
  return undefined;
}

function literalValues(s: JsonSchema): unknown[] {
  if (!isObjectSchema(s)) return [];
  if (s.const !== undefined) return [s.const];
  if (Array.isArray(s.enum)) return s.enum;
  return [];
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && !Number.isNaN(v),
  integer: (v) => typeof v === 'number' && !Number.isNaN(v),
  boolean: (v) => typeof v === 'boolean',
  object: (v) => isRecord(v),
  array: (v) => Array.isArray(v),
  null: (v) => v === null,
};

function formatCheck(format: string, value: string): string | undefined {
  switch (format) {
    case 'uri':
    case 'url':
      try {
        new URL(value);
        return undefined;
      } catch {
        return 'Invalid URL';
      }
    case 'email':
      return /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/.test(
        value,
      )
        ? undefined
        : 'Invalid email address';
    default:
      return undefined;
  }
}

/** Runs one schema node on a value. Issue paths are relative to the value. */
export function runSchema(ctx: SchemaContext, schema: JsonSchema, value: unknown, depth = 0): ZodLikeIssue[] {
  if (schema === true || schema === undefined || schema === null) return [];
  if (schema === false) return [{ code: 'custom', path: [], message: 'Invalid input' }];
  if (depth > MAX_DEPTH) return [];
  const s = schema as Record<string, unknown>;

  if (typeof s.$ref === 'string') return runSchema(ctx, resolveRef(ctx, s.$ref), value, depth + 1);

  if (Array.isArray(s.allOf)) {
    const out: ZodLikeIssue[] = [];
    for (const part of s.allOf as JsonSchema[]) pushAll(out, runSchema(ctx, part, value, depth + 1));
    return out;
  }

  if (Array.isArray(s.anyOf)) return runUnion(ctx, s.anyOf as JsonSchema[], value, depth);
  if (Array.isArray(s.oneOf)) {
    const branches = s.oneOf as JsonSchema[];
    const disc = discriminatorOf(branches);
    if (disc === undefined) return runUnion(ctx, branches, value, depth);
    if (!isRecord(value)) return [invalidType('object', value, [])];
    const dv = value[disc];
    for (const b of branches) {
      const lits = literalValues((b as Record<string, Record<string, JsonSchema>>).properties![disc]!);
      if (lits.some((l) => l === dv)) return runSchema(ctx, b, value, depth + 1);
    }
    const options = branches.flatMap((b) =>
      literalValues((b as Record<string, Record<string, JsonSchema>>).properties![disc]!),
    );
    return [
      {
        code: 'invalid_union',
        path: [disc],
        errors: [],
        message:
          options.length > 0
            ? `Invalid discriminator value. Expected ${options.map((o) => `'${String(o)}'`).join(' | ')}`
            : 'Invalid input',
      },
    ];
  }

  if (s.const !== undefined) return equalJson(value, s.const) ? [] : [invalidValue([s.const], [])];
  if (Array.isArray(s.enum)) return s.enum.some((e) => equalJson(e, value)) ? [] : [invalidValue(s.enum, [])];

  const type = s.type;
  if (Array.isArray(type)) {
    const types = type as string[];
    if (types.some((t) => TYPE_CHECKS[t]?.(value))) {
      const t = types.find((x) => TYPE_CHECKS[x]?.(value))!;
      return runTyped(ctx, s, t, value, depth);
    }
    const nonNull = types.filter((t) => t !== 'null');
    if (nonNull.length === 1) return [invalidType(nonNull[0] === 'integer' ? 'number' : nonNull[0]!, value, [])];
    return [
      {
        code: 'invalid_union',
        path: [],
        errors: types.map((t) => [invalidType(t, value, [])]),
        message: 'Invalid input',
      },
    ];
  }
  if (typeof type === 'string') {
    const check = TYPE_CHECKS[type];
    if (check && !check(value)) return [invalidType(type === 'integer' ? 'number' : type, value, [])];
    return runTyped(ctx, s, type, value, depth);
  }
  return [];
}

function runUnion(ctx: SchemaContext, branches: JsonSchema[], value: unknown, depth: number): ZodLikeIssue[] {
  // zod's .nullable() renders as anyOf [inner, {type:"null"}]: null passes, anything else gets the inner issues.
  const nullIdx = branches.findIndex((b) => isObjectSchema(b) && b.type === 'null' && Object.keys(b).length === 1);
  if (nullIdx >= 0 && branches.length === 2) {
    if (value === null) return [];
    return runSchema(ctx, branches[1 - nullIdx]!, value, depth + 1);
  }
  const results: ZodLikeIssue[][] = [];
  for (const b of branches) {
    const r = runSchema(ctx, b, value, depth + 1);
    if (r.length === 0) return [];
    results.push(r);
  }
  const nonAborted = results.filter((r) => !aborted(r));
  if (nonAborted.length === 1) return nonAborted[0]!;
  return [{ code: 'invalid_union', path: [], errors: results, message: 'Invalid input' }];
}

function numberIssues(s: Record<string, unknown>, type: string, value: number): ZodLikeIssue[] {
  const out: ZodLikeIssue[] = [];
  if (type === 'integer' && !Number.isInteger(value)) {
    return [
      { code: 'invalid_type', expected: 'int', path: [], message: 'Invalid input: expected int, received number' },
    ];
  }
  const small = (minimum: number, inclusive: boolean): ZodLikeIssue => ({
    code: 'too_small',
    origin: 'number',
    minimum,
    inclusive,
    path: [],
    continue: true,
    message: `Too small: expected number to be ${inclusive ? '>=' : '>'}${minimum}`,
  });
  const big = (maximum: number, inclusive: boolean): ZodLikeIssue => ({
    code: 'too_big',
    origin: 'number',
    maximum,
    inclusive,
    path: [],
    continue: true,
    message: `Too big: expected number to be ${inclusive ? '<=' : '<'}${maximum}`,
  });
  if (typeof s.minimum === 'number' && value < s.minimum) out.push(small(s.minimum, true));
  if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) out.push(small(s.exclusiveMinimum, false));
  if (typeof s.maximum === 'number' && value > s.maximum) out.push(big(s.maximum, true));
  if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) out.push(big(s.exclusiveMaximum, false));
  if (typeof s.multipleOf === 'number' && s.multipleOf !== 0 && value % s.multipleOf !== 0) {
    out.push({
      code: 'not_multiple_of',
      path: [],
      continue: true,
      message: `Invalid number: must be a multiple of ${s.multipleOf}`,
    });
  }
  return out;
}

function runTyped(
  ctx: SchemaContext,
  s: Record<string, unknown>,
  type: string,
  value: unknown,
  depth: number,
): ZodLikeIssue[] {
  switch (type) {
    case 'number':
    case 'integer':
      return numberIssues(s, type, value as number);
    case 'string': {
      const str = value as string;
      const out: ZodLikeIssue[] = [];
      const len = [...str].length === str.length ? str.length : str.length;
      if (typeof s.minLength === 'number' && len < s.minLength) {
        out.push({
          code: 'too_small',
          origin: 'string',
          minimum: s.minLength,
          inclusive: true,
          path: [],
          continue: true,
          message: `Too small: expected string to have >=${s.minLength} characters`,
        });
      }
      if (typeof s.maxLength === 'number' && len > s.maxLength) {
        out.push({
          code: 'too_big',
          origin: 'string',
          maximum: s.maxLength,
          inclusive: true,
          path: [],
          continue: true,
          message: `Too big: expected string to have <=${s.maxLength} characters`,
        });
      }
      if (typeof s.pattern === 'string') {
        const tester = schemaPattern(s.pattern, 'u') ?? schemaPattern(s.pattern, '');
        const ok = tester ? tester.test(str) : true;
        if (!ok)
          out.push({
            code: 'invalid_format',
            path: [],
            continue: true,
            message: `Invalid string: must match pattern /${s.pattern}/`,
          });
      }
      if (typeof s.format === 'string') {
        const msg = formatCheck(s.format, str);
        if (msg) out.push({ code: 'invalid_format', path: [], continue: true, message: msg });
      }
      return out;
    }
    case 'array':
      return runArray(ctx, s, value as unknown[], depth);
    case 'object':
      return runObject(ctx, s, value as Record<string, unknown>, depth);
    default:
      return [];
  }
}

function runArray(ctx: SchemaContext, s: Record<string, unknown>, arr: unknown[], depth: number): ZodLikeIssue[] {
  const out: ZodLikeIssue[] = [];
  const items = s.items;
  if (Array.isArray(items)) {
    items.forEach((item, i) => {
      pushAll(out, prefix(runSchema(ctx, item as JsonSchema, arr[i], depth + 1), i));
    });
    if (arr.length > items.length && s.additionalItems !== undefined) {
      for (let i = items.length; i < arr.length; i++)
        pushAll(out, prefix(runSchema(ctx, s.additionalItems as JsonSchema, arr[i], depth + 1), i));
    }
  } else if (items !== undefined) {
    for (let i = 0; i < arr.length; i++) {
      const r = runSchema(ctx, items as JsonSchema, arr[i], depth + 1);
      if (r.length) pushAll(out, prefix(r, i));
    }
  }
  if (aborted(out)) return out;
  if (typeof s.minItems === 'number' && arr.length < s.minItems) {
    out.push({
      code: 'too_small',
      origin: 'array',
      minimum: s.minItems,
      inclusive: true,
      path: [],
      continue: true,
      message: `Too small: expected array to have >=${s.minItems} items`,
    });
  }
  if (typeof s.maxItems === 'number' && arr.length > s.maxItems) {
    out.push({
      code: 'too_big',
      origin: 'array',
      maximum: s.maxItems,
      inclusive: true,
      path: [],
      continue: true,
      message: `Too big: expected array to have <=${s.maxItems} items`,
    });
  }
  return out;
}

function runObject(
  ctx: SchemaContext,
  s: Record<string, unknown>,
  obj: Record<string, unknown>,
  depth: number,
): ZodLikeIssue[] {
  const out: ZodLikeIssue[] = [];
  const props = isRecord(s.properties) ? (s.properties as Record<string, JsonSchema>) : {};
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  for (const key of Object.keys(props)) {
    const has = Object.prototype.hasOwnProperty.call(obj, key);
    const v = has ? obj[key] : undefined;
    if (v === undefined && !required.has(key)) continue;
    const r = runSchema(ctx, props[key]!, v, depth + 1);
    if (r.length) pushAll(out, prefix(r, key));
  }
  const extra = s.additionalProperties;
  const names = s.propertyNames as JsonSchema | undefined;
  const unrecognized: string[] = [];
  for (const key of Object.keys(obj)) {
    if (Object.prototype.hasOwnProperty.call(props, key)) continue;
    if (extra === false) {
      unrecognized.push(key);
      continue;
    }
    if (names !== undefined && names !== true) {
      const nameIssues = runSchema(ctx, names, key, depth + 1);
      if (nameIssues.length) {
        if (isObjectSchema(names) && (Array.isArray(names.enum) || names.const !== undefined)) unrecognized.push(key);
        else out.push({ code: 'invalid_key', origin: 'record', path: [key], message: 'Invalid key in record' });
        continue;
      }
    }
    if (key === '__proto__') continue;
    if (extra !== undefined && extra !== true) {
      const r = runSchema(ctx, extra as JsonSchema, obj[key], depth + 1);
      if (r.length) pushAll(out, prefix(r, key));
    }
  }
  if (unrecognized.length) {
    out.push({
      code: 'unrecognized_keys',
      keys: unrecognized,
      path: [],
      continue: true,
      message: `Unrecognized key${unrecognized.length > 1 ? 's' : ''}: ${unrecognized.map((k) => `"${k}"`).join(', ')}`,
    });
  }
  return out;
}
