/** Test/dev helper (validate.test.ts, scripts/schema-conformance.ts): loads a recorded corpus case and compares our issues with openclaw's (as a multiset). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { evaluate, parse } from '@humanwhocodes/momoa';
import { formatIssuePath, validateConfig } from '../../src/core/schema/validate.ts';
import { isRecord } from '../../src/core/records.ts';

export interface ConformanceCase {
  name: string;
  config: unknown;
  expected: string[];
  /** The case fails before schema validation (JSON5 or $include error): the loader's concern, not ours. */
  skip: boolean;
}

function readJson5(file: string): unknown {
  return evaluate(parse(readFileSync(file, 'utf8'), { mode: 'json5', allowTrailingCommas: true } as never) as never);
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const k of Object.keys(b)) out[k] = k in out ? deepMerge(out[k], b[k]) : b[k];
    return out;
  }
  return b;
}

/** A tiny `$include` resolver, enough for the corpus (the real one lives in the loader). */
function resolveIncludes(value: unknown, dir: string, depth = 0): unknown {
  if (depth > 10) return value;
  if (Array.isArray(value)) return value.map((v) => resolveIncludes(v, dir, depth));
  if (!isRecord(value)) return value;
  let base: unknown = undefined;
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (k === '$include') {
      const files = Array.isArray(value[k]) ? (value[k] as unknown[]) : [value[k]];
      for (const f of files) {
        if (typeof f !== 'string') continue;
        const p = resolve(dir, f);
        const inc = resolveIncludes(readJson5(p), dirname(p), depth + 1);
        base = base === undefined ? inc : deepMerge(base, inc);
      }
    } else rest[k] = resolveIncludes(value[k], dir, depth);
  }
  if (base === undefined) return rest;
  return Object.keys(rest).length > 0 ? deepMerge(base, rest) : base;
}

function issueKey(path: string, message: string): string {
  return `${path} :: ${message}`;
}

export function loadCase(dir: string): ConformanceCase | undefined {
  const expectedFile = join(dir, 'expected.json');
  const configFile = join(dir, 'openclaw.json');
  if (!existsSync(expectedFile) || !existsSync(configFile)) return undefined;
  const exp = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
    issues?: { path: string; message: string }[];
    oracle?: { plugins?: boolean };
  };
  const expected = (exp.issues ?? []).map((i) => issueKey(i.path, i.message));
  const name = dir.split('/').pop()!;
  // Loader errors (JSON5 syntax, `$include` problems) come before schema validation: not ours to reproduce here.
  const preSchema = expected.some((k) =>
    /JSON5 parse failed|include file|Include path|Circular include|Maximum include depth|Invalid \$include|Sibling keys require included/.test(
      k,
    ),
  );
  let config: unknown;
  try {
    config = resolveIncludes(readJson5(configFile), dir);
  } catch {
    return { name, config: undefined, expected, skip: true };
  }
  // Cases recorded with the official channel plugins installed (`oracle.plugins`) are compared like the others: our
  // default assumes a plugin the config trusts is installed, which is what those recordings had.
  return { name, config, expected, skip: preSchema };
}

export function compareCase(c: ConformanceCase): { ok: boolean; missing: string[]; extra: string[] } {
  const got = validateConfig(c.config).map((v) => issueKey(formatIssuePath(v.path), v.message));
  const pool = [...c.expected];
  const extra: string[] = [];
  for (const g of got) {
    const i = pool.indexOf(g);
    if (i >= 0) pool.splice(i, 1);
    else extra.push(g);
  }
  return { ok: pool.length === 0 && extra.length === 0, missing: pool, extra };
}
