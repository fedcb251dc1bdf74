/** The shipped JSON Schema of the `--json` report (schemas/report.schema.json), compiled once for every test that produces a report. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/report.schema.json', import.meta.url));
export const REPORT_SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

let validate: ReturnType<Ajv['compile']> | undefined;

/** Asserts that a `--json` report (its text or parsed value) is valid against the shipped schema. */
export function assertValidReport(report: unknown, what = 'report'): void {
  validate ??= new Ajv({ allErrors: true, strict: true }).compile(REPORT_SCHEMA);
  const value = typeof report === 'string' ? JSON.parse(report) : report;
  if (!validate(value)) {
    assert.fail(
      `${what} does not match schemas/report.schema.json:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`,
    );
  }
}
