/**
 * The JSON Schema checker openclaw 2026.9.6 applies to plugin-owned settings (`channels.<id>` of a channel plugin,
 * `plugins.entries.<id>.config`): TypeBox 1.x semantics as openclaw drives it, reproduced in our own code.
 *
 * Interface facts this file reproduces (observed on the real tool):
 * - the schema is normalised first: a `type` array becomes an `anyOf` of single-type copies, an object schema
 *   whose only member rule is a schema-valued `additionalProperties` is treated as a `.*` pattern rule;
 * - every keyword of a node is evaluated (no early exit after a type error), in a fixed keyword order;
 * - an error context holds at most 8 errors; `allOf`/`anyOf`/`oneOf`/`$ref` evaluate their branches in fresh
 *   contexts and copy failed branches' errors back (up to the capacity);
 * - `additionalProperties: false` first records one "schema is false" error per extra key, then the aggregate
 *   error; the per-key ones are dropped afterwards when they directly precede their aggregate;
 * - schema defaults are filled in before checking; a failure that only exists because a default switched on a
 *   conditional (`if`/`then`) branch is forgiven;
 * - formats: `uri` must parse as a URL, every other known format is an annotation.
 */
import type { PathSegment } from '../types.ts';
import { summarizeAllowedValues, appendAllowedValuesHint } from './allowed-values.ts';
import { schemaPattern } from './pattern.ts';

type Schema = boolean | { [key: string]: unknown };

export interface JsonSchemaIssue {
  /** Segments below the validated value (openclaw joins them with dots; [] is "<root>"). */
  path: PathSegment[];
  message: string;
  allowedValues?: unknown[];
}

const MAX_ERRORS = 8;

interface RawError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
}

class Errors {
  readonly list: RawError[] = [];
  full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }
  add(keyword: string, schemaPath: string, instancePath: string, params: Record<string, unknown> = {}): false {
    if (!this.full()) this.list.push({ keyword, schemaPath, instancePath, params });
    return false;
  }
  addAll(errors: RawError[]): false {
    for (const e of errors) if (!this.full()) this.list.push(e);
    return false;
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(o: Obj, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

// --- normalisation (memoised per source node) ---

const RESOURCE_KEYS = new Set([
  '$anchor',
  '$defs',
  '$dynamicAnchor',
  '$id',
  '$recursiveAnchor',
  '$schema',
  '$vocabulary',
  'definitions',
]);
const MAP_KEYS = new Set(['$defs', 'definitions', 'dependentSchemas', 'patternProperties', 'properties']);
const VALUE_KEYS = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const ARRAY_KEYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

function compilesUnicode(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Patterns written for non-unicode regexps (`\:`, `\/`) are relaxed so they compile with the `u` flag. */
function repairPattern(pattern: string): string {
  if (compilesUnicode(pattern)) return pattern;
  const repaired = pattern.replace(/\\([^\\])/g, (m, ch: string) => (ch === ':' || ch === '/' ? ch : m));
  return compilesUnicode(repaired) ? repaired : pattern;
}

const normalized = new WeakMap<object, Schema>();

function normalize(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalize);
  if (!isObj(schema)) return schema;
  const cached = normalized.get(schema);
  if (cached !== undefined) return cached;
  let s: Obj = schema;
  if (s.nullable === true && s.enumIncludesNull === true && Array.isArray(s.enum) && !s.enum.includes(null))
    s = { ...s, enum: [...s.enum, null] };
  // type arrays (and `nullable`) become unions of single-type copies
  const types = Array.isArray(s.type) ? [...(s.type as unknown[])] : typeof s.type === 'string' ? [s.type] : null;
  if (types) {
    if (s.nullable === true && !types.includes('null')) types.push('null');
    if (types.length !== 1 || Array.isArray(s.type)) {
      const { nullable: _n, type: _t, ...rest } = s;
      const resource: Obj = {};
      const branch: Obj = {};
      for (const [k, v] of Object.entries(rest)) (RESOURCE_KEYS.has(k) ? resource : branch)[k] = v;
      s = { ...resource, anyOf: types.map((t) => ({ ...branch, type: t })) };
    }
  }
  if (isObj(s.additionalProperties) && !isObj(s.properties) && !isObj(s.patternProperties)) {
    const { additionalProperties, ...rest } = s;
    s = { ...rest, patternProperties: { '.*': additionalProperties }, additionalProperties: false };
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$dynamicRef' && s.$ref === undefined) out.$ref = v;
    else if (k === 'pattern' && typeof v === 'string') out[k] = repairPattern(v);
    else if (k === 'patternProperties' && isObj(v)) {
      const map: Obj = {};
      for (const [p, sub] of Object.entries(v)) {
        const rp = repairPattern(p);
        const ns = normalize(sub);
        map[rp] = has(map, rp) ? { allOf: [map[rp], ns] } : ns;
      }
      out[k] = map;
    } else if (MAP_KEYS.has(k) && isObj(v)) {
      const map: Obj = {};
      for (const [name, sub] of Object.entries(v)) map[name] = normalize(sub);
      out[k] = map;
    } else if (VALUE_KEYS.has(k) || ARRAY_KEYS.has(k)) out[k] = normalize(v);
    else out[k] = v;
  }
  normalized.set(schema, out);
  return out;
}

// --- equality, sizes, formats ---

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a)) {
    if (!isObj(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

let segmenter: Intl.Segmenter | undefined;
function graphemes(value: string): number {
  if (/^[\x00-\x7f]*$/.test(value)) return value.length;
  segmenter ??= new Intl.Segmenter();
  let n = 0;
  for (const _ of segmenter.segment(value)) n++;
  return n;
}

const ANNOTATION_FORMATS = new Set([
  'date-time',
  'date',
  'duration',
  'email',
  'hostname',
  'idn-email',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'iri-reference',
  'iri',
  'json-pointer-uri-fragment',
  'json-pointer',
  'regex',
  'relative-json-pointer',
  'time',
  'uri-reference',
  'uri-template',
  'url',
  'uuid',
]);

function formatOk(format: string, value: string): boolean {
  if (format === 'uri') {
    try {
      new URL(value);
      return true;
    } catch {
      return false;
    }
  }
  return ANNOTATION_FORMATS.has(format);
}

const regex = (pattern: string) => schemaPattern(pattern, 'u');

function typeOk(type: unknown, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isObj(v);
    case 'array':
      return Array.isArray(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'null':
      return v === null;
    case 'string':
      return typeof v === 'string';
    default:
      return true;
  }
}

function resolveRef(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let seg = raw;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      /* keep */
    }
    seg = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isObj(node)) node = node[seg];
    else return undefined;
  }
  return node;
}

// --- the checker ---

class Checker {
  constructor(private readonly root: unknown) {}

  run(schema: unknown, value: unknown, errors: Errors, sp: string, ip: string): boolean {
    if (errors.full()) return false;
    if (typeof schema === 'boolean') return schema || errors.add('boolean', sp, ip);
    if (!isObj(schema)) return true;
    const s = schema;
    let ok = true;
    if (s.type !== undefined) {
      const t = Array.isArray(s.type) ? (s.type as unknown[]).some((x) => typeOk(x, value)) : typeOk(s.type, value);
      if (!t) ok = errors.add('type', sp, ip, { type: s.type });
    }
    if (isObj(value)) ok = this.object(s, value, errors, sp, ip) && ok;
    if (Array.isArray(value)) ok = this.array(s, value, errors, sp, ip) && ok;
    if (typeof value === 'string') ok = this.string(s, value, errors, sp, ip) && ok;
    if (typeof value === 'number' && Number.isFinite(value)) ok = this.number(s, value, errors, sp, ip) && ok;
    if (typeof s.$ref === 'string') ok = this.ref(s.$ref, value, errors, ip) && ok;
    if (has(s, 'const') && !deepEqual(value, s.const)) ok = errors.add('const', sp, ip, { allowedValue: s.const });
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(value, e)))
      ok = errors.add('enum', sp, ip, { allowedValues: s.enum });
    if (has(s, 'if')) ok = this.ifThenElse(s, value, errors, sp, ip) && ok;
    if (has(s, 'not')) {
      if (this.run(s.not, value, new Errors(), `${sp}/not`, ip)) ok = errors.add('not', sp, ip);
    }
    if (Array.isArray(s.allOf)) ok = this.allOf(s.allOf, value, errors, sp, ip) && ok;
    if (Array.isArray(s.anyOf)) ok = this.anyOf(s.anyOf, value, errors, sp, ip) && ok;
    if (Array.isArray(s.oneOf)) ok = this.oneOf(s.oneOf, value, errors, sp, ip) && ok;
    return ok;
  }

  private object(s: Obj, value: Obj, errors: Errors, sp: string, ip: string): boolean {
    let ok = true;
    const keys = Object.keys(value);
    if (Array.isArray(s.required)) {
      const missing = (s.required as unknown[]).filter((k) => typeof k === 'string' && !(k in value));
      if (missing.length) ok = errors.add('required', sp, ip, { requiredProperties: missing });
    }
    const props = isObj(s.properties) ? s.properties : undefined;
    const patterns = isObj(s.patternProperties) ? Object.keys(s.patternProperties) : [];
    if (has(s, 'additionalProperties')) {
      const extra: string[] = [];
      for (const key of keys) {
        const known = (props !== undefined && has(props, key)) || patterns.some((p) => regex(p)?.test(key));
        if (known) continue;
        if (!this.run(s.additionalProperties, value[key], errors, `${sp}/additionalProperties`, `${ip}/${key}`))
          extra.push(key);
      }
      if (extra.length) ok = errors.add('additionalProperties', sp, ip, { additionalProperties: extra });
    }
    if (isObj(s.patternProperties)) {
      for (const [pattern, sub] of Object.entries(s.patternProperties)) {
        const r = regex(pattern);
        for (const key of keys) {
          if (r && !r.test(key)) continue;
          if (!this.run(sub, value[key], errors, `${sp}/patternProperties/${pattern}`, `${ip}/${key}`)) ok = false;
        }
      }
    }
    if (props) {
      for (const [key, sub] of Object.entries(props)) {
        if (!(key in value) || value[key] === undefined) continue;
        if (!this.run(sub, value[key], errors, `${sp}/properties/${key}`, `${ip}/${key}`)) ok = false;
      }
    }
    if (has(s, 'propertyNames')) {
      const bad: string[] = [];
      for (const key of keys)
        if (!this.run(s.propertyNames, key, errors, `${sp}/propertyNames`, `${ip}/${key}`)) bad.push(key);
      if (bad.length) ok = errors.add('propertyNames', sp, ip, { propertyNames: bad });
    }
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties)
      ok = errors.add('minProperties', sp, ip, { limit: s.minProperties });
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties)
      ok = errors.add('maxProperties', sp, ip, { limit: s.maxProperties });
    return ok;
  }

  private array(s: Obj, value: unknown[], errors: Errors, sp: string, ip: string): boolean {
    let ok = true;
    if (Array.isArray(s.items)) {
      (s.items as unknown[]).forEach((sub, i) => {
        if (i < value.length && !this.run(sub, value[i], errors, `${sp}/items/${i}`, `${ip}/${i}`)) ok = false;
      });
    } else if (has(s, 'items')) {
      const offset = Array.isArray(s.prefixItems) ? s.prefixItems.length : 0;
      for (let i = offset; i < value.length; i++)
        if (!this.run(s.items, value[i], errors, `${sp}/items`, `${ip}/${i}`)) ok = false;
    }
    if (typeof s.maxItems === 'number' && value.length > s.maxItems)
      ok = errors.add('maxItems', sp, ip, { limit: s.maxItems });
    if (typeof s.minItems === 'number' && value.length < s.minItems)
      ok = errors.add('minItems', sp, ip, { limit: s.minItems });
    if (Array.isArray(s.prefixItems)) {
      (s.prefixItems as unknown[]).forEach((sub, i) => {
        if (i < value.length && !this.run(sub, value[i], errors, `${sp}/prefixItems/${i}`, `${ip}/${i}`)) ok = false;
      });
    }
    if (s.uniqueItems === true) {
      const dup = value.some((v, i) => value.slice(0, i).some((w) => deepEqual(v, w)));
      if (dup) ok = errors.add('uniqueItems', sp, ip);
    }
    return ok;
  }

  private string(s: Obj, value: string, errors: Errors, sp: string, ip: string): boolean {
    let ok = true;
    if (typeof s.maxLength === 'number' && graphemes(value) > s.maxLength)
      ok = errors.add('maxLength', sp, ip, { limit: s.maxLength });
    if (typeof s.minLength === 'number' && graphemes(value) < s.minLength)
      ok = errors.add('minLength', sp, ip, { limit: s.minLength });
    if (typeof s.format === 'string' && !formatOk(s.format, value))
      ok = errors.add('format', sp, ip, { format: s.format });
    if (typeof s.pattern === 'string') {
      const r = regex(s.pattern);
      if (r && !r.test(value)) ok = errors.add('pattern', sp, ip, { pattern: s.pattern });
    }
    return ok;
  }

  private number(s: Obj, value: number, errors: Errors, sp: string, ip: string): boolean {
    let ok = true;
    if (typeof s.exclusiveMaximum === 'number' && !(value < s.exclusiveMaximum))
      ok = errors.add('exclusiveMaximum', sp, ip, { comparison: '<', limit: s.exclusiveMaximum });
    if (typeof s.exclusiveMinimum === 'number' && !(value > s.exclusiveMinimum))
      ok = errors.add('exclusiveMinimum', sp, ip, { comparison: '>', limit: s.exclusiveMinimum });
    if (typeof s.maximum === 'number' && !(value <= s.maximum))
      ok = errors.add('maximum', sp, ip, { comparison: '<=', limit: s.maximum });
    if (typeof s.minimum === 'number' && !(value >= s.minimum))
      ok = errors.add('minimum', sp, ip, { comparison: '>=', limit: s.minimum });
    if (typeof s.multipleOf === 'number' && s.multipleOf !== 0) {
      const q = value / s.multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-10) ok = errors.add('multipleOf', sp, ip, { multipleOf: s.multipleOf });
    }
    return ok;
  }

  private ref(ref: string, value: unknown, errors: Errors, ip: string): boolean {
    const target = resolveRef(this.root, ref);
    if (target === undefined) return true;
    const inner = new Errors();
    const ok = this.run(target, value, inner, '#', ip);
    if (!ok) errors.addAll(inner.list);
    return ok;
  }

  private ifThenElse(s: Obj, value: unknown, errors: Errors, sp: string, ip: string): boolean {
    const trial = new Errors();
    if (this.run(s.if, value, trial, `${sp}/if`, ip)) {
      const thenSchema = has(s, 'then') ? s.then : true;
      if (this.run(thenSchema, value, trial, `${sp}/then`, ip)) {
        errors.addAll(trial.list);
        return true;
      }
      return errors.add('if', sp, ip, { failingKeyword: 'then' });
    }
    const elseSchema = has(s, 'else') ? s.else : true;
    return (
      this.run(elseSchema, value, errors, `${sp}/else`, ip) || errors.add('if', sp, ip, { failingKeyword: 'else' })
    );
  }

  private branches(
    list: unknown[],
    kw: string,
    value: unknown,
    sp: string,
    ip: string,
  ): { passed: number; failed: RawError[][] } {
    let passed = 0;
    const failed: RawError[][] = [];
    list.forEach((sub, i) => {
      const e = new Errors();
      if (this.run(sub, value, e, `${sp}/${kw}/${i}`, ip)) passed++;
      else failed.push(e.list);
    });
    return { passed, failed };
  }

  private allOf(list: unknown[], value: unknown, errors: Errors, sp: string, ip: string): boolean {
    const r = this.branches(list, 'allOf', value, sp, ip);
    if (r.passed === list.length) return true;
    for (const f of r.failed) errors.addAll(f);
    return false;
  }

  private anyOf(list: unknown[], value: unknown, errors: Errors, sp: string, ip: string): boolean {
    const r = this.branches(list, 'anyOf', value, sp, ip);
    if (r.passed > 0) return true;
    for (const f of r.failed) errors.addAll(f);
    return errors.add('anyOf', sp, ip);
  }

  private oneOf(list: unknown[], value: unknown, errors: Errors, sp: string, ip: string): boolean {
    const r = this.branches(list, 'oneOf', value, sp, ip);
    if (r.passed === 1) return true;
    if (r.passed === 0) for (const f of r.failed) errors.addAll(f);
    return errors.add('oneOf', sp, ip);
  }
}

function check(schema: unknown, value: unknown): RawError[] | null {
  const root = normalize(schema);
  const errors = new Errors();
  if (new Checker(root).run(root, value, errors, '#', '')) return null;
  return dropFalseSchemaChildren(errors.list);
}

/** Per-key "schema is false" errors directly followed by their `additionalProperties` aggregate are dropped. */
function dropFalseSchemaChildren(errors: RawError[]): RawError[] {
  const out: RawError[] = [];
  let run = 0;
  for (const e of errors) {
    if (e.keyword === 'boolean') {
      out.push(e);
      run++;
      continue;
    }
    const keys = e.params.additionalProperties;
    if (e.keyword === 'additionalProperties' && Array.isArray(keys) && keys.length > 0 && keys.length <= run) {
      const tail = out.slice(-keys.length);
      if (
        tail.every(
          (c, i) =>
            c.schemaPath === `${e.schemaPath}/additionalProperties` &&
            c.instancePath === `${e.instancePath}/${keys[i] as string}`,
        )
      )
        out.length -= keys.length;
    }
    out.push(e);
    run = 0;
  }
  return out;
}

// --- messages (TypeBox's English locale, then openclaw's reshaping) ---

function baseMessage(e: RawError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return 'must not have additional properties';
    case 'anyOf':
      return 'must match a schema in anyOf';
    case 'boolean':
      return 'schema is false';
    case 'const':
      return 'must be equal to constant';
    case 'enum':
      return 'must be equal to one of the allowed values';
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'minimum':
      return `must be ${String(p.comparison)} ${String(p.limit)}`;
    case 'format':
      return `must match format "${String(p.format)}"`;
    case 'if':
      return `must match "${String(p.failingKeyword)}" schema`;
    case 'maxItems':
      return `must not have more than ${String(p.limit)} items`;
    case 'maxLength':
      return `must not have more than ${String(p.limit)} characters`;
    case 'maxProperties':
      return `must not have more than ${String(p.limit)} properties`;
    case 'minItems':
      return `must not have fewer than ${String(p.limit)} items`;
    case 'minLength':
      return `must not have fewer than ${String(p.limit)} characters`;
    case 'minProperties':
      return `must not have fewer than ${String(p.limit)} properties`;
    case 'multipleOf':
      return `must be multiple of ${String(p.multipleOf)}`;
    case 'not':
      return 'must not be valid';
    case 'oneOf':
      return 'must match exactly one schema in oneOf';
    case 'pattern':
      return `must match pattern "${String(p.pattern)}"`;
    case 'propertyNames':
      return `property names ${(p.propertyNames as string[]).join(', ')} are invalid`;
    case 'required':
      return `must have required properties ${(p.requiredProperties as string[]).join(', ')}`;
    case 'type':
      return Array.isArray(p.type)
        ? `must be either ${(p.type as string[]).join(' or ')}`
        : `must be ${String(p.type)}`;
    case 'uniqueItems':
      return 'must not have duplicate items';
    default:
      return 'an unknown validation error occurred';
  }
}

function splitPointer(ip: string): PathSegment[] {
  const trimmed = ip.replace(/^\//, '');
  return trimmed === '' ? [] : trimmed.split('/').filter((s) => s.trim() !== '');
}

function toIssues(errors: RawError[]): JsonSchemaIssue[] {
  if (errors.length === 0) return [{ path: [], message: 'invalid config' }];
  const out: JsonSchemaIssue[] = [];
  for (const e of errors) {
    const base = splitPointer(e.instancePath);
    let summary: ReturnType<typeof summarizeAllowedValues> = null;
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues))
      summary = summarizeAllowedValues(e.params.allowedValues);
    if (e.keyword === 'const') summary = summarizeAllowedValues([e.params.allowedValue]);
    const withHint = (m: string): JsonSchemaIssue =>
      summary
        ? { path: base, message: appendAllowedValuesHint(m, summary), allowedValues: summary.values }
        : { path: base, message: m };
    if (e.keyword === 'required') {
      for (const k of e.params.requiredProperties as string[]) {
        const seg = k.trim();
        out.push({ path: seg ? [...base, seg] : base, message: `must have required property '${k}'` });
      }
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const keys = e.params.additionalProperties as string[];
      out.push(
        withHint(
          keys.length ? `must not have additional properties: ${keys.map((k) => `"${k}"`).join(', ')}` : baseMessage(e),
        ),
      );
      continue;
    }
    out.push(withHint(baseMessage(e)));
  }
  return out;
}

// --- defaults ---

function hasDefaults(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasDefaults);
  if (!isObj(schema)) return false;
  return has(schema, 'default') || Object.values(schema).some(hasDefaults);
}

function clone<T>(v: T): T {
  return v === undefined || v === null ? v : (structuredClone(v) as T);
}

function matches(schema: unknown, value: unknown, root: unknown): boolean {
  return new Checker(root).run(schema, value, new Errors(), '#', '');
}

class Defaulter {
  private readonly resolving = new Set<string>();
  /** How many defaults have been filled in so far: the only change applying a schema makes to a value. */
  private filled = 0;
  /** Objects and arrays that a schema was applied to without filling anything in: applying it again is a no-op. */
  private readonly settled = new WeakMap<object, Set<unknown>>();
  constructor(private readonly root: unknown) {}

  /**
   * The value with the schema's defaults filled in. Applying the same schema again to a value it filled nothing in
   * returns at once: the rounds below re-apply every member schema, and without this the work grew with every level
   * of nesting (a 3.4 MB discord config took 11.7 s).
   */
  apply(schema: unknown, input: unknown): unknown {
    if (typeof input !== 'object' || input === null) return this.fill(schema, input);
    if (this.settled.get(input)?.has(schema)) return input;
    const before = this.filled;
    const output = this.fill(schema, input);
    if (this.filled !== before) {
      this.settled.delete(input);
      return output;
    }
    // Nothing filled in: the output equals the input (an array may have been copied), so keep the input.
    let schemas = this.settled.get(input);
    if (!schemas) this.settled.set(input, (schemas = new Set()));
    schemas.add(schema);
    return input;
  }

  private fill(schema: unknown, input: unknown): unknown {
    let value = input;
    if (value === undefined && isObj(schema) && has(schema, 'default')) {
      value = clone(schema.default);
      this.filled += 1;
    }
    if (!isObj(schema)) return value;
    if (typeof schema.$ref === 'string' && !this.resolving.has(schema.$ref)) {
      const target = resolveRef(this.root, schema.$ref);
      if (target !== undefined) {
        this.resolving.add(schema.$ref);
        value = this.apply(target, value);
        this.resolving.delete(schema.$ref);
      }
    }
    if (Array.isArray(schema.allOf)) for (const b of schema.allOf) value = this.apply(b, value);
    const typeIs = (t: string) => schema.type === t || (Array.isArray(schema.type) && schema.type.includes(t));
    const objectRules =
      isObj(schema.properties) ||
      isObj(schema.patternProperties) ||
      isObj(schema.additionalProperties) ||
      typeof schema.if === 'boolean' ||
      isObj(schema.if);
    if ((typeIs('object') || objectRules) && isObj(value)) {
      let v: unknown = this.members(schema, value);
      if (typeof schema.if === 'boolean' || isObj(schema.if)) {
        const branch = matches(normalize(schema.if), v, normalize(this.root)) ? schema.then : schema.else;
        if (typeof branch === 'boolean' || isObj(branch)) v = this.apply(branch, v);
      }
      return isObj(v) ? this.members(schema, v) : v;
    }
    if ((typeIs('array') || schema.items !== undefined || schema.prefixItems !== undefined) && Array.isArray(value)) {
      const tuple = Array.isArray(schema.prefixItems)
        ? schema.prefixItems
        : Array.isArray(schema.items)
          ? schema.items
          : null;
      if (tuple) {
        const result = value.slice();
        tuple.forEach((sub: unknown, i: number) => {
          const d = this.apply(sub, result[i]);
          if (d !== undefined) result[i] = d;
        });
        const rest = isObj(schema.items) ? schema.items : isObj(schema.additionalItems) ? schema.additionalItems : null;
        if (rest) for (let i = tuple.length; i < result.length; i++) result[i] = this.apply(rest, result[i]);
        return result;
      }
      if (!isObj(schema.items)) return value;
      return value.map((item) => this.apply(schema.items, item));
    }
    return value;
  }

  /** Property / pattern / additional-property defaults, repeated until nothing changes. */
  private members(schema: Obj, value: Obj): Obj {
    for (let round = 0; round < 64; round++) {
      const before = this.filled;
      const props = isObj(schema.properties) ? schema.properties : {};
      for (const [key, sub] of Object.entries(props)) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
        const current = value[key];
        const next = this.apply(sub, current);
        if ((next !== current || current === undefined) && next !== undefined) value[key] = next;
      }
      const matched = new Set<string>();
      if (isObj(schema.patternProperties)) {
        for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
          const r = schemaPattern(pattern, '');
          if (!r) continue;
          for (const key of Object.keys(value)) {
            if (!r.test(key)) continue;
            matched.add(key);
            value[key] = this.apply(sub, value[key]);
          }
        }
      }
      if (isObj(schema.additionalProperties)) {
        for (const key of Object.keys(value))
          if (!has(props, key) && !matched.has(key)) value[key] = this.apply(schema.additionalProperties, value[key]);
      }
      if (this.filled === before) break;
    }
    return value;
  }
}

/** Drops `required` inside `then`/`else` branches (used to forgive failures that only a filled-in default caused). */
function relaxConditionalRequired(schema: unknown, inBranch = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => relaxConditionalRequired(s, inBranch));
  if (!isObj(schema)) return schema;
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (inBranch && k === 'required') continue;
    out[k] =
      typeof v === 'object' && v !== null ? relaxConditionalRequired(v, inBranch || k === 'then' || k === 'else') : v;
  }
  return out;
}

/**
 * Checks `value` like openclaw checks plugin-owned settings (defaults filled in first). [] when valid.
 * Never throws for JSON input.
 */
export function validateJsonSchema(schema: unknown, value: unknown): JsonSchemaIssue[] {
  const withDefaults = hasDefaults(schema) ? new Defaulter(schema).apply(schema, clone(value)) : value;
  const errors = check(schema, withDefaults);
  if (!errors) return [];
  if (withDefaults !== value && !deepEqual(withDefaults, value)) {
    const relaxedOk = check(relaxConditionalRequired(schema), withDefaults) === null;
    if (relaxedOk && check(schema, value) === null) return [];
  }
  return toIssues(errors);
}
