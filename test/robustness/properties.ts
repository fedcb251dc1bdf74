/**
 * The fuzzing properties, shared by the seeded run in `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`).
 * Every case goes through `auditFile` with the in-memory Host, then through the CLI's render → redact pipeline.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJson5 } from '../../src/core/config/parse.ts';
import { toPlain } from '../../src/core/config/node.ts';
import { ROOT, memoryHost } from '../helpers/memory-host.ts';
import type { AuditOutcome } from '../../src/core/types.ts';
import { assertNoSecret, auditAndCheck, loadCorpus } from './harness.ts';

const CONFIG = `${ROOT}/openclaw.json`;

type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;

const KEYS = [
  'gateway',
  'auth',
  'mode',
  'token',
  'password',
  'bind',
  'port',
  'hooks',
  'enabled',
  'channels',
  'telegram',
  'discord',
  'models',
  'providers',
  'apiKey',
  'baseUrl',
  'agents',
  'list',
  'defaults',
  'tools',
  'exec',
  'elevated',
  'sandbox',
  'env',
  'vars',
  'secrets',
  'source',
  'provider',
  'id',
  'security',
  'audit',
  'suppressions',
  'checkId',
  '$include',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'a.b',
  '0',
  'ünï',
  '\u0000',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'lan',
    'loopback',
    'local',
    'remote',
    'token',
    'password',
    'none',
    'full',
    'allowlist',
    '${TOKEN}',
    '$${X}',
    '${',
    'exec',
    'file',
    'env',
    './x.json',
    '../x',
    '/etc/passwd',
    'true',
    '\uFEFF',
    '\u2028',
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 64, 5e-324, 18789, 65536, -1),
  fc.boolean(),
  fc.constant(null),
);

/** Arbitrary config-like JSON values: known keys and hostile ones, every type in every place. */
const configValue = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    tie('object'),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 6 })
    .map((entries) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries)
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    }),
})).object;

/** Serialises a value as JSON5 with random style: unquoted keys, single quotes, comments, trailing commas, CRLF, BOM. */
function json5(
  value: unknown,
  style: { quote: boolean; single: boolean; comments: boolean; trailing: boolean; nl: string },
): string {
  const str = (s: string) =>
    style.single ? `'${JSON.stringify(s).slice(1, -1).replace(/'/g, "\\'").replace(/\\"/g, '"')}'` : JSON.stringify(s);
  const key = (k: string) => (!style.quote && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : str(k));
  const num = (n: number) =>
    Number.isNaN(n)
      ? 'NaN'
      : n === Infinity
        ? 'Infinity'
        : n === -Infinity
          ? '-Infinity'
          : Object.is(n, -0)
            ? '-0'
            : String(n);
  const sep = style.nl;
  const out = (v: unknown, indent: string): string => {
    if (v === null) return 'null';
    if (typeof v === 'number') return num(v);
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return str(v);
    const inner = indent + '  ';
    const comment = style.comments ? `// c${sep}${inner}/* b */ ` : '';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${sep}${inner}${comment}${v.map((x) => out(x, inner)).join(`,${sep}${inner}`)}${style.trailing ? ',' : ''}${sep}${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{${sep}${inner}${comment}${entries.map(([k, x]) => `${key(k)}: ${out(x, inner)}`).join(`,${sep}${inner}`)}${style.trailing ? ',' : ''}${sep}${indent}}`;
  };
  return out(value, '');
}

const styleArb = fc.record({
  quote: fc.boolean(),
  single: fc.boolean(),
  comments: fc.boolean(),
  trailing: fc.boolean(),
  nl: fc.constantFrom('\n', '\r\n'),
});

/** Random JSON5 documents (plus an included file that is itself random). */
const randomDocument = fc.record({
  main: configValue,
  included: configValue,
  style: styleArb,
  bom: fc.boolean(),
  link: fc.constantFrom('none', 'top', 'nested'),
});

function auditFiles(files: Record<string, string | Uint8Array>, lenient: boolean) {
  const host = memoryHost(files);
  return auditAndCheck(host, CONFIG, ROOT, { lenient });
}

function checkRandomDocument(input: Gen<typeof randomDocument>, lenient: boolean): AuditOutcome {
  const main: Record<string, unknown> = { ...(input.main as Record<string, unknown>) };
  if (input.link === 'top') main.$include = './inc.json5';
  if (input.link === 'nested') main.gateway = { $include: './inc.json5', mode: 'local' };
  const text = (input.bom ? '\uFEFF' : '') + json5(main, input.style);
  const result = auditFiles({ 'openclaw.json': text, 'inc.json5': json5(input.included, input.style) }, lenient);
  assert.ok([0, 1, 2].includes(result.exitCode));
  // A document we serialised from plain data always parses back (only `$include`, schema or size can reject it).
  if (!result.outcome.ok)
    for (const issue of result.outcome.issues)
      assert.doesNotMatch(issue.message, /JSON5 parse failed|not valid UTF-8/, text);
  return result.outcome;
}

const INTERESTING_BYTES = [
  0x00, 0x0a, 0x0d, 0x22, 0x27, 0x2c, 0x2f, 0x2a, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, 0x5c, 0x24, 0x80, 0xbf, 0xc0, 0xc3,
  0xe2, 0xef, 0xbb, 0xff,
];

/** Byte mutations of the conformance corpus configs (the case's other files stay as they are, for `$include`). */
const corpusMutation = fc.record({
  caseIndex: fc.nat(),
  mutations: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      kind: fc.constantFrom('flip', 'insert', 'delete', 'replace', 'duplicate'),
      byte: fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.integer({ min: 0, max: 255 })),
      length: fc.integer({ min: 1, max: 64 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  target: fc.constantFrom('config', 'include'),
});

function checkCorpusMutation(input: Gen<typeof corpusMutation>, lenient: boolean): AuditOutcome {
  const corpus = loadCorpus();
  const item = corpus[input.caseIndex % corpus.length]!;
  const names = Object.keys(item.files);
  const others = names.filter((n) => n !== 'openclaw.json');
  const name =
    input.target === 'include' && others.length > 0 ? others[input.caseIndex % others.length]! : 'openclaw.json';
  let bytes = Array.from(item.files[name]!);
  for (const m of input.mutations) {
    const at = Math.floor(m.at * bytes.length);
    if (m.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ (1 << (m.byte % 8));
    else if (m.kind === 'insert') bytes.splice(at, 0, m.byte);
    else if (m.kind === 'delete') bytes.splice(at, m.length);
    else if (m.kind === 'replace') bytes[at] = m.byte;
    else bytes = [...bytes.slice(0, at + m.length), ...bytes.slice(at)];
  }
  return auditFiles({ ...item.files, [name]: new Uint8Array(bytes) }, lenient).outcome;
}

const confusing = fc.oneof(
  fc.constant([]),
  fc.constant([{}]),
  fc.constant({}),
  fc.constant(''),
  fc.constant(null),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.5, 18789),
  fc.constant(true),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 200 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n))),
  fc.integer({ min: 1, max: 200 }).map((n) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n))),
  fc.constant({ source: 'exec', provider: 'p', id: 'x' }),
  fc.constant({ $include: '/etc/passwd' }),
  fc.constant('${UNSET_VAR}'),
  // Long runs that made a regex or a loop super-linear (issue 17): each must stay linear wherever it lands.
  fc
    .tuple(
      fc.constantFrom('${', '[', ' ', '9', '-', 'claude-', '$$', 'a.', '\u2028'),
      fc.integer({ min: 1_000, max: 20_000 }),
      fc.constantFrom('', 'x', '}', 'm'),
    )
    .map(([run, n, end]) => run.repeat(n) + end),
  fc
    .integer({ min: 1_000, max: 10_000 })
    .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i % 3 ? 'v' : i]))),
  fc
    .tuple(fc.constantFrom('[', ' ', '${', '-'), fc.integer({ min: 1_000, max: 10_000 }))
    .map(([run, n]) => ({ [run.repeat(n)]: 1 })),
);

/** Type confusion on the corpus: values at random paths replaced by arrays, objects, huge numbers, long strings. */
const typeConfusion = fc.record({
  caseIndex: fc.nat(),
  edits: fc.array(fc.record({ pick: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), value: confusing }), {
    minLength: 1,
    maxLength: 5,
  }),
});

function corpusValues(): unknown[] {
  return loadCorpus().map((c) => {
    try {
      return toPlain(parseJson5(new TextDecoder().decode(c.files['openclaw.json']), 'openclaw.json'));
    } catch {
      return {};
    }
  });
}
let valuesCache: unknown[] | undefined;

function checkTypeConfusion(input: Gen<typeof typeConfusion>, lenient: boolean): AuditOutcome {
  valuesCache ??= corpusValues();
  const index = input.caseIndex % valuesCache.length;
  const config = structuredClone(valuesCache[index]) as Record<string, unknown>;
  for (const edit of input.edits) {
    let node: unknown = config;
    for (const [depth, pick] of edit.pick.entries()) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const key = keys[pick % keys.length]!;
      if (depth === edit.pick.length - 1 || typeof (node as Record<string, unknown>)[key] !== 'object') {
        (node as Record<string, unknown>)[key] = structuredClone(edit.value);
        break;
      }
      node = (node as Record<string, unknown>)[key];
    }
  }
  const item = loadCorpus()[index]!;
  return auditFiles({ ...item.files, 'openclaw.json': JSON.stringify(config, null, 2) }, lenient).outcome;
}

/** Where secrets live in openclaw configs; `*` is filled with a random provider, channel or account name. */
const SECRET_PATHS: ReadonlyArray<readonly string[]> = [
  ['gateway', 'auth', 'token'],
  ['gateway', 'auth', 'password'],
  ['gateway', 'remote', 'token'],
  ['gateway', 'remote', 'password'],
  ['hooks', 'token'],
  ['channels', '*', 'token'],
  ['channels', '*', 'botToken'],
  ['channels', '*', 'appToken'],
  ['channels', '*', 'signingSecret'],
  ['channels', '*', 'webhookSecret'],
  ['channels', '*', 'accounts', '*', 'botToken'],
  ['models', 'providers', '*', 'apiKey'],
  ['talk', 'apiKey'],
  ['tools', 'web', 'search', 'apiKey'],
  ['env', 'vars', 'OPENAI_API_KEY'],
  ['env', 'SLACK_BOT_TOKEN'],
];

/** Unique secrets planted in secret-bearing fields of a corpus config (valid or not, strict or lenient). */
const plantedSecrets = fc.record({
  caseIndex: fc.nat(),
  plants: fc.array(
    fc.record({
      path: fc.constantFrom(...SECRET_PATHS),
      name: fc.constantFrom('telegram', 'discord', 'slack', 'openai', 'custom', 'default', 'work'),
      flavour: fc.constantFrom('plain', 'quote', 'unicode', 'spaces', 'env-ref'),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  nonce: fc.integer({ min: 1, max: 1e9 }),
});

function checkPlantedSecrets(input: Gen<typeof plantedSecrets>, lenient: boolean): AuditOutcome {
  valuesCache ??= corpusValues();
  const index = input.caseIndex % valuesCache.length;
  const config = structuredClone(valuesCache[index]) as Record<string, unknown>;
  const planted: string[] = [];
  input.plants.forEach((plant, i) => {
    const base = `Pl4nt3d-${input.nonce}-${i}-Zq`;
    const secret = {
      plain: base,
      quote: `${base}"'\\`,
      unicode: `${base}-é-✓`,
      spaces: `${base} with spaces`,
      'env-ref': base,
    }[plant.flavour];
    let node = config as Record<string, unknown>;
    const path = plant.path.map((s) => (s === '*' ? plant.name : s));
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      node =
        next && typeof next === 'object' && !Array.isArray(next)
          ? (next as Record<string, unknown>)
          : (node[segment] = {});
    }
    if (plant.flavour === 'env-ref') {
      // The secret reaches the field through `${VAR}` from env.vars, as openclaw substitutes it.
      const env = (
        config.env && typeof config.env === 'object' && !Array.isArray(config.env) ? config.env : (config.env = {})
      ) as Record<string, unknown>;
      const vars = (
        env.vars && typeof env.vars === 'object' && !Array.isArray(env.vars) ? env.vars : (env.vars = {})
      ) as Record<string, unknown>;
      vars[`PLANTED_${i}`] = secret;
      node[path[path.length - 1]!] = `\${PLANTED_${i}}`;
    } else {
      node[path[path.length - 1]!] = secret;
    }
    planted.push(secret);
  });
  const item = loadCorpus()[index]!;
  const { outcome, outputs } = auditFiles({ ...item.files, 'openclaw.json': JSON.stringify(config, null, 2) }, lenient);
  assertNoSecret(outputs, planted);
  return outcome;
}

export interface PropertyRun {
  name: string;
  property: fc.IPropertyWithHooks<[never, boolean]>;
}

/** Every property, each over strict and lenient mode. */
export function properties(): PropertyRun[] {
  const mode = fc.boolean();
  return [
    {
      name: 'random JSON5 documents',
      property: fc.property(randomDocument, mode, (i, l) => void checkRandomDocument(i, l)),
    },
    {
      name: 'byte mutations of the corpus',
      property: fc.property(corpusMutation, mode, (i, l) => void checkCorpusMutation(i, l)),
    },
    {
      name: 'type confusion on the corpus',
      property: fc.property(typeConfusion, mode, (i, l) => void checkTypeConfusion(i, l)),
    },
    {
      name: 'planted secrets never printed',
      property: fc.property(plantedSecrets, mode, (i, l) => void checkPlantedSecrets(i, l)),
    },
  ] as unknown as PropertyRun[];
}
