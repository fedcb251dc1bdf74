/**
 * Vendors the part of GitHub's REST OpenAPI description that the tests' fake GitHub server implements, into
 * `test/schemas/github-rest-subset.json`. Run by hand when the fake gains a route or the description is refreshed:
 *
 *   npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
 *   npx tsx scripts/vendor-github-openapi.ts package/generated/api.github.com.deref.json
 *
 * Vendored today: 23.0.2. The source is `generated/api.github.com.deref.json` of the npm package `@octokit/openapi`
 * (MIT; the version is read from the package's package.json and recorded in the subset's `source`), GitHub's
 * description with every `$ref` resolved. The whole package is 385 MB, too heavy for `npm ci`; the subset is small.
 * For each operation of `FAKE_GITHUB_OPERATIONS` it keeps the operationId, the path and query parameters, the JSON
 * request-body schema and every documented response (description and JSON schema), unchanged. It also keeps GitHub's
 * "Basic Error" schema, which the fake uses for error statuses an operation does not document (GitHub answers 403 or
 * 404 on any endpoint when the token lacks a permission). Keys are sorted, so a re-run changes only what changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_GITHUB_OPERATIONS } from '../test/helpers/fake-github-operations.ts';

const OUT = fileURLToPath(new URL('../test/schemas/github-rest-subset.json', import.meta.url));
const PACKAGE = '@octokit/openapi';
const FILE = 'generated/api.github.com.deref.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  );
}

/** Schemas anywhere below `value` whose `title` is `title`. */
function schemasTitled(value: Json, title: string, found: JsonObject[] = []): JsonObject[] {
  if (Array.isArray(value)) for (const v of value) schemasTitled(v, title, found);
  else if (value !== null && typeof value === 'object') {
    if (value.title === title) found.push(value);
    else for (const v of Object.values(value)) schemasTitled(v, title, found);
  }
  return found;
}

function jsonSchema(content: Json | undefined): Json | undefined {
  return (content as JsonObject | undefined)?.['application/json'] === undefined
    ? undefined
    : ((content as JsonObject)['application/json'] as JsonObject).schema;
}

function vendorOperation(spec: JsonObject, key: string): JsonObject {
  const [method, path] = key.split(' ') as [string, string];
  const operation = ((spec.paths as JsonObject)[path] as JsonObject | undefined)?.[method.toLowerCase()] as
    JsonObject | undefined;
  if (!operation) throw new Error(`${key}: not in the description`);
  const parameters = ((operation.parameters ?? []) as JsonObject[])
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((p) => ({ in: p.in, name: p.name, required: p.required === true, schema: p.schema }));
  const out: JsonObject = { operationId: operation.operationId!, parameters };
  const body = operation.requestBody as JsonObject | undefined;
  if (body) {
    const schema = jsonSchema(body.content);
    if (schema === undefined) throw new Error(`${key}: the request body is not JSON`);
    out.requestBody = { required: body.required === true, schema };
  }
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(operation.responses as JsonObject)) {
    const schema = jsonSchema((response as JsonObject).content);
    responses[status] = {
      description: (response as JsonObject).description!,
      ...(schema === undefined ? {} : { schema }),
    };
  }
  out.responses = responses;
  return out;
}

function main(): void {
  const input = process.argv[2];
  if (!input) {
    console.error('usage: npx tsx scripts/vendor-github-openapi.ts <path to api.github.com.deref.json>');
    process.exit(2);
  }
  // The package's own package.json, two levels up, says which version this is.
  const pkg = JSON.parse(readFileSync(join(dirname(input), '..', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license: string;
  };
  if (pkg.name !== PACKAGE) throw new Error(`${input} is not in the ${PACKAGE} package (found ${pkg.name})`);
  const text = readFileSync(input);
  const spec = JSON.parse(text.toString('utf8')) as JsonObject;
  const operations: JsonObject = {};
  for (const key of Object.values(FAKE_GITHUB_OPERATIONS)) operations[key] = vendorOperation(spec, key);
  if (JSON.stringify(operations).includes('"$ref"')) throw new Error('a $ref is left: give the .deref.json file');
  const basicErrors = [...new Set(schemasTitled(operations, 'Basic Error').map((s) => JSON.stringify(sortKeys(s))))];
  if (basicErrors.length !== 1)
    throw new Error(`expected one "Basic Error" schema, found ${basicErrors.length} variants`);
  const subset = {
    source: {
      name: pkg.name,
      version: pkg.version,
      file: FILE,
      license: pkg.license,
      openapi: spec.openapi!,
      sha256: createHash('sha256').update(text).digest('hex'),
    },
    basicError: JSON.parse(basicErrors[0]!) as Json,
    operations,
  };
  const json = JSON.stringify(sortKeys(subset), null, 1) + '\n';
  writeFileSync(OUT, json);
  console.log(
    `${OUT}: ${Object.keys(operations).length} operations, ${(Buffer.byteLength(json) / 1024).toFixed(0)} kB`,
  );
}

main();
