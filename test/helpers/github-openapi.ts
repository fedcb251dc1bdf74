/**
 * Checks requests and responses against the vendored subset of GitHub's REST OpenAPI description
 * (`test/schemas/github-rest-subset.json`, see `test/schemas/README.md`), with ajv.
 *
 * The description is OpenAPI 3.0: `nullable: true` becomes JSON Schema's `null` type (added to `enum` too, since
 * GitHub sends `null` for nullable enums such as a check run's `conclusion`); `example` and the other OpenAPI-only
 * keywords are ignored (`strict: false`). Request bodies are closed (`additionalProperties: false` on objects that
 * declare their properties): GitHub silently ignores an unknown property, so a misspelt one would otherwise go
 * unnoticed. Responses stay open, as GitHub adds fields over time.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = { [key: string]: any };

interface Parameter {
  in: 'path' | 'query';
  name: string;
  required: boolean;
  schema: Schema;
}

interface VendoredOperation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema: Schema };
  responses: Record<string, { description: string; schema?: Schema }>;
}

interface Subset {
  basicError: Schema;
  operations: Record<string, VendoredOperation>;
}

const subset = JSON.parse(
  readFileSync(new URL('../schemas/github-rest-subset.json', import.meta.url), 'utf8'),
) as Subset;

/** The operations in the vendored subset (`METHOD /path/{template}`). */
export const VENDORED_OPERATIONS: readonly string[] = Object.keys(subset.operations);

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
/** Path and query values are strings on the wire; coercion checks `per_page=100` against `type: integer`. */
const paramAjv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: true }));

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not'];

/** An OpenAPI 3.0 schema as JSON Schema; `closed` adds `additionalProperties: false` where properties are declared. */
function toJsonSchema(schema: Schema, closed: boolean): Schema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.includes(key))
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v, closed)]));
    else if (SCHEMA_LISTS.includes(key)) out[key] = (value as Schema[]).map((v) => toJsonSchema(v, closed));
    else if (SCHEMA_VALUES.includes(key)) out[key] = toJsonSchema(value, closed);
    else if (key !== 'nullable') out[key] = value;
  }
  if (closed && out.type === 'object' && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  if (schema.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
  out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
  return out;
}

/** `/comments/0/line` → `comments[0].line`. */
function where(prefix: string, pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), prefix);
}

function explain(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const detail =
      e.keyword === 'additionalProperties'
        ? ` (${e.params.additionalProperty})`
        : e.keyword === 'enum'
          ? ` (${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
          : '';
    return `${where(prefix, e.instancePath)}: ${e.message}${detail}`;
  });
}

function paramsSchema(parameters: Parameter[], where: 'path' | 'query'): Schema {
  const own = parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, toJsonSchema(p.schema, false)])),
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

export interface GitHubOperation {
  key: string;
  method: string;
  operationId: string;
  /** Matches the operation's paths; the groups are the path parameters, in `pathParams` order. */
  pattern: RegExp;
  pathParams: string[];
  /** What is wrong with a request by the description: its path and query parameters and its JSON body. */
  checkRequest(request: { params: Record<string, string>; query: URLSearchParams; body: unknown }): string[];
  /** What is wrong with a response by the description of its status (GitHub's Basic Error for an undocumented error). */
  checkResponse(status: number, body: unknown): string[];
}

const compiled = new Map<string, GitHubOperation>();

/** The vendored operation `key` (`METHOD /path/{template}`), its validators compiled once. */
export function githubOperation(key: string): GitHubOperation {
  if (!compiled.has(key)) compiled.set(key, compileOperation(key));
  return compiled.get(key)!;
}

function compileOperation(key: string): GitHubOperation {
  const operation = subset.operations[key];
  if (!operation)
    throw new Error(`${key} is not in test/schemas/github-rest-subset.json: run scripts/vendor-github-openapi.ts`);
  const [method, template] = key.split(' ') as [string, string];
  const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
  const validatePath = paramAjv.compile(paramsSchema(operation.parameters, 'path'));
  const validateQuery = paramAjv.compile(paramsSchema(operation.parameters, 'query'));
  const validateBody = operation.requestBody
    ? ajv.compile(toJsonSchema(operation.requestBody.schema, true))
    : undefined;
  const responses = new Map<string, ValidateFunction>();
  const responseValidator = (status: string, schema: Schema) => {
    if (!responses.has(status)) responses.set(status, ajv.compile(toJsonSchema(schema, false)));
    return responses.get(status)!;
  };
  return {
    key,
    method,
    operationId: operation.operationId,
    pattern,
    pathParams,
    checkRequest({ params, query, body }) {
      const errors: string[] = [];
      if (!validatePath({ ...params })) errors.push(...explain('path', validatePath.errors));
      const values: Record<string, string> = {};
      for (const [name, value] of query) {
        if (name in values) errors.push(`query.${name}: given more than once`);
        values[name] = value;
      }
      if (!validateQuery(values)) errors.push(...explain('query', validateQuery.errors));
      if (!validateBody) {
        if (body !== undefined) errors.push(`body: ${operation.operationId} takes no body`);
      } else if (body === undefined) {
        if (operation.requestBody!.required) errors.push('body: required');
      } else if (!validateBody(body)) {
        errors.push(...explain('body', validateBody.errors));
      }
      return errors;
    },
    checkResponse(status, body) {
      const documented = operation.responses[String(status)];
      const schema = documented?.schema ?? (status >= 400 ? subset.basicError : undefined);
      if (schema) {
        const validate = responseValidator(String(status), schema);
        return validate(body) ? [] : explain(`response ${status}`, validate.errors);
      }
      if (!documented) return [`response ${status}: not a documented status of ${operation.operationId}`];
      return body === undefined ? [] : [`response ${status}: documented without a body`];
    },
  };
}
