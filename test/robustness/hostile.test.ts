/**
 * Hostile configs through the real file system (temp folders, real symlinks) and the CLI's `main()` in-process.
 * Invariant for each: `main()` returns (never throws), exit code 0/1/2, every issue names file:line:column, and
 * nothing outside the config's folder is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Host } from '../../src/core/host.ts';
import { nodeHost } from '../../src/io/node-host.ts';
import { MAX_INCLUDE_DEPTH } from '../../src/core/config/include.ts';
import { assertNoSecret, runCli, type CliRun } from './harness.ts';

/** A temp folder: `<tmp>/outside/…` is outside the audited `<tmp>/repo/…`. */
function sandbox(files: Record<string, string | Uint8Array>): { top: string; repo: string } {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'oca-hostile-')));
  const repo = join(top, 'repo');
  mkdirSync(repo);
  for (const [path, content] of Object.entries(files)) {
    const abs = join(top, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { top, repo };
}

/** The real file system, recording every path the core asks about. */
function spyHost(): Host & { reads: string[]; touched: string[] } {
  const reads: string[] = [];
  const touched: string[] = [];
  return {
    reads,
    touched,
    readFile: (p) => (reads.push(p), touched.push(p), nodeHost.readFile(p)),
    stat: (p) => (touched.push(p), nodeHost.stat(p)),
    realpath: (p) => (touched.push(p), nodeHost.realpath(p)),
    list: (p) => (touched.push(p), nodeHost.list!(p)),
  };
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

interface Checked extends CliRun {
  json: {
    ok?: boolean;
    issues?: Array<{ message: string; location?: { file: string; line: number; column: number } }>;
  };
  host: ReturnType<typeof spyHost>;
}

/** Runs text and JSON output; checks the CLI invariants and that every file read is inside `readRoot`. */
function audit(repo: string, argv: string[] = ['openclaw.json'], readRoot = repo): Checked {
  const host = spyHost();
  const text = runCli(argv, repo, host);
  const json = runCli([...argv, '--json'], repo, host);
  for (const run of [text, json]) {
    assert.ok([0, 1, 2].includes(run.code), `exit code ${run.code}`);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
  }
  assert.equal(text.code, json.code);
  for (const read of host.reads) assert.ok(inside(read, readRoot), `read ${read} outside ${readRoot}`);
  const body = JSON.parse(json.stdout);
  if (body.ok === false) {
    assert.equal(json.code, 2);
    for (const issue of body.issues) {
      assert.ok(issue.location, `issue without location: ${issue.message}`);
      assert.ok(issue.location.line >= 1 && issue.location.column >= 1);
      assert.match(
        text.stdout,
        new RegExp(`${escape(issue.location.file)}:${issue.location.line}:${issue.location.column} `),
      );
    }
  }
  return { ...text, json: body, host };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rejected(result: Checked, message: RegExp, file = 'openclaw.json'): { line: number; column: number } {
  assert.equal(result.code, 2, result.stdout);
  assert.equal(result.json.ok, false);
  const issue = result.json.issues!.find((i) => message.test(i.message));
  assert.ok(issue, `no issue matches ${message}: ${JSON.stringify(result.json.issues)}`);
  assert.equal(issue.location!.file, file);
  return issue.location!;
}

const MARKER_TEXT = 'OUTSIDE-MARKER-7f3a9c';

test('$include of /etc/passwd is refused at the $include value, and /etc/passwd is never read', () => {
  const { repo } = sandbox({
    'repo/openclaw.json': '{\n  gateway: { mode: "local" },\n  $include: "/etc/passwd",\n}\n',
  });
  const result = audit(repo);
  assert.deepEqual(rejected(result, /Include path escapes config directory: \/etc\/passwd/), {
    ...rejected(result, /escapes/),
    line: 3,
    column: 13,
  });
  assert.doesNotMatch(result.stdout, /root:x:0/);
  assert.ok(!result.host.reads.includes('/etc/passwd'));
});

test('$include of ../../x is refused even when the target exists, and it is never read', () => {
  const { repo } = sandbox({
    x: MARKER_TEXT,
    'repo/sub/openclaw.json': '{ "$include": "../../x" }',
    'repo/x': MARKER_TEXT,
  });
  const result = audit(repo, ['sub/openclaw.json']);
  rejected(result, /Include path escapes config directory: \.\.\/\.\.\/x/, 'sub/openclaw.json');
  // `repo/x` is inside the audit root but outside the config's folder: refused too.
  const sibling = audit(repo, ['sub/openclaw.json'], join(repo, 'sub'));
  assert.equal(sibling.code, 2);
  assert.doesNotMatch(result.stdout + sibling.stdout, new RegExp(MARKER_TEXT));
});

test('symlinks that leave the config folder (to a file, to a folder, to /etc/passwd) are refused unread', () => {
  const { top, repo } = sandbox({
    'outside/secret.json': `{ gateway: { auth: { token: "${MARKER_TEXT}" } } }`,
    'repo/openclaw.json': '{ "$include": "./link.json" }',
    'repo/dir.json': '{ "$include": "./linked-dir/secret.json" }',
    'repo/passwd.json': '{ "$include": "./passwd" }',
  });
  symlinkSync(join(top, 'outside', 'secret.json'), join(repo, 'link.json'));
  symlinkSync(join(top, 'outside'), join(repo, 'linked-dir'));
  symlinkSync('/etc/passwd', join(repo, 'passwd'));
  for (const config of ['openclaw.json', 'dir.json', 'passwd.json']) {
    const result = audit(repo, [config]);
    rejected(result, /Include path resolves outside config directory \(symlink\)/, config);
    assert.doesNotMatch(result.stdout, new RegExp(`${MARKER_TEXT}|root:x:0`));
  }
  // A symlink that stays inside the folder is followed.
  const ok = sandbox({
    'repo/openclaw.json': '{ "$include": "./alias.json" }',
    'repo/real.json': '{ gateway: { mode: "local" } }',
  });
  symlinkSync(join(ok.repo, 'real.json'), join(ok.repo, 'alias.json'));
  assert.notEqual(audit(ok.repo).json.ok, false);
});

test('a config that is itself a symlink out of the root (given or discovered) is refused unread', () => {
  const { top, repo } = sandbox({ 'outside/openclaw.json': `{ gateway: { auth: { token: "${MARKER_TEXT}" } } }` });
  symlinkSync(join(top, 'outside', 'openclaw.json'), join(repo, 'openclaw.json'));
  mkdirSync(join(repo, 'app'));
  symlinkSync('/etc/passwd', join(repo, 'app', 'openclaw.json5'));
  const given = audit(repo, ['openclaw.json']);
  rejected(given, /^Config file resolves outside the root \(symlink\), not read: openclaw\.json$/);
  const discovered = runCli(['.'], repo, spyHost());
  assert.equal(discovered.code, 2);
  assert.match(
    discovered.stdout,
    /openclaw\.json:1:1 <root>: Config file resolves outside the root \(symlink\), not read: openclaw\.json\n/,
  );
  assert.match(
    discovered.stdout,
    /app\/openclaw\.json5:1:1 <root>: Config file resolves outside the root \(symlink\), not read: app\/openclaw\.json5\n/,
  );
  assert.doesNotMatch(given.stdout + discovered.stdout, new RegExp(`${MARKER_TEXT}|root:x:0`));
  // A symlinked config that stays inside the root is audited.
  const ok = sandbox({ 'repo/config/real.json': '{ gateway: { mode: "local" } }' });
  symlinkSync(join(ok.repo, 'config', 'real.json'), join(ok.repo, 'openclaw.json'));
  assert.notEqual(audit(ok.repo, ['.']).json.ok, false);
});

test('include cycles (self, two files, three files) are refused with the cycle spelled out', () => {
  const { repo } = sandbox({
    'repo/self.json': '{ "$include": "./self.json" }',
    'repo/a.json': '{ "$include": "./b.json" }',
    'repo/b.json': '{\n  "$include": ["./a.json"] }',
    'repo/c1.json': '{ "$include": "./c2.json" }',
    'repo/c2.json': '{ "$include": "./c3.json" }',
    'repo/c3.json': '{ "$include": "./c1.json" }',
  });
  rejected(audit(repo, ['self.json']), /Circular include detected: self\.json -> self\.json/, 'self.json');
  const two = rejected(audit(repo, ['a.json']), /Circular include detected: a\.json -> b\.json -> a\.json/, 'b.json');
  assert.deepEqual([two.line, two.column], [2, 16]);
  rejected(
    audit(repo, ['c1.json']),
    /Circular include detected: c1\.json -> c2\.json -> c3\.json -> c1\.json/,
    'c3.json',
  );
});

test('include fan-out bombs are refused: 10 × 10 × 10 × 10 files, 5,000 names in one list', () => {
  // Each level includes the next ten times: 10^4 inclusions if nothing stopped it.
  const files: Record<string, string> = {
    'repo/openclaw.json': `{ "$include": ${JSON.stringify(Array(10).fill('./l1.json'))} }`,
  };
  for (let level = 1; level <= 4; level++) {
    files[`repo/l${level}.json`] =
      level < 4
        ? `{ "$include": ${JSON.stringify(Array(10).fill(`./l${level + 1}.json`))} }`
        : '{ gateway: { mode: "local" } }';
  }
  files['repo/wide.json'] = `{ "$include": ${JSON.stringify(Array(5000).fill('./l4.json'))} }`;
  const { repo } = sandbox(files);
  const deep = audit(repo);
  rejected(deep, /More than 1000 include files are named/, 'l1.json');
  assert.ok(deep.host.reads.length <= 2 * 1002, `read ${deep.host.reads.length} files for two runs`);
  rejected(audit(repo, ['wide.json']), /More than 1000 include files are named/, 'wide.json');
});

test('include amplification is bounded: repeated big includes and quadratic list folds are refused', () => {
  const big = `{ gateway: { customBindHost: "${'a'.repeat(1_900_000)}" } }`;
  const { repo } = sandbox({
    'repo/big.json': big,
    'repo/openclaw.json': '{ "$include": ["./big.json", "./big.json", "./big.json"] }',
    'repo/arr.json': JSON.stringify(Array(25).fill(0)),
    'repo/fold.json': `{ agents: { list: { "$include": ${JSON.stringify(Array(1000).fill('./arr.json'))} } } }`,
  });
  rejected(audit(repo), /Include files add up to more than 5242880 bytes/);
  rejected(audit(repo, ['fold.json']), /Included content is too large to merge/, 'fold.json');
});

test(`include depth ${MAX_INCLUDE_DEPTH} is accepted and depth ${MAX_INCLUDE_DEPTH + 1} is refused at the innermost $include`, () => {
  const chain = (n: number, prefix: string): Record<string, string> => {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`repo/${prefix}${i}.json`] = `{ "$include": "./${prefix}${i + 1}.json" }`;
    files[`repo/${prefix}${n}.json`] = '{ gateway: { mode: "local" } }';
    return files;
  };
  const { repo } = sandbox({ ...chain(MAX_INCLUDE_DEPTH, 'ok'), ...chain(MAX_INCLUDE_DEPTH + 1, 'deep') });
  const ok = audit(repo, ['ok0.json']);
  assert.notEqual(ok.json.ok, false, ok.stdout);
  rejected(audit(repo, ['deep0.json']), /Maximum include depth \(10\) exceeded/, `deep${MAX_INCLUDE_DEPTH}.json`);
});

test('SecretRefs of kind exec and file: no command runs and no file outside the root is read', () => {
  const { top, repo } = sandbox({ 'outside/token.txt': MARKER_TEXT });
  const marker = join(top, 'exec-ran');
  const config = {
    secrets: {
      providers: {
        run: { source: 'exec', command: '/bin/sh', args: ['-c', `touch ${marker}`], allowInsecurePath: true },
        disk: { source: 'file', path: join(top, 'outside', 'token.txt'), mode: 'singleValue' },
        etc: { source: 'file', path: '/etc/passwd', mode: 'singleValue' },
      },
    },
    gateway: {
      mode: 'local',
      bind: 'lan',
      auth: { mode: 'token', token: { source: 'exec', provider: 'run', id: 'value' } },
      remote: { token: { source: 'file', provider: 'disk', id: 'value' } },
    },
    hooks: { enabled: true, token: { source: 'file', provider: 'etc', id: 'value' } },
    models: {
      providers: {
        custom: { baseUrl: 'http://127.0.0.1:1', apiKey: { source: 'exec', provider: 'run', id: 'k' }, models: [] },
      },
    },
  };
  writeFileSync(join(repo, 'openclaw.json'), JSON.stringify(config, null, 2));
  for (const extra of [[], ['--lenient']]) {
    const result = audit(repo, ['openclaw.json', ...extra]);
    assert.doesNotMatch(result.stdout, new RegExp(`${MARKER_TEXT}|root:x:`));
    assert.ok(
      result.host.touched.every((p) => inside(p, repo)),
      `touched ${result.host.touched.filter((p) => !inside(p, repo))}`,
    );
  }
  assert.equal(existsSync(marker), false, 'the exec SecretRef provider ran');
});

test('__proto__, constructor and prototype keys (top-level, nested, through $include) never pollute a prototype', () => {
  const hostile =
    '{ "__proto__": { "polluted": "yes" }, "constructor": { "prototype": { "polluted": "yes" } }, "prototype": { "polluted": "yes" }, gateway: { "__proto__": { "polluted": "yes" }, mode: "local" } }';
  const { repo } = sandbox({
    'repo/openclaw.json': hostile,
    'repo/inc.json':
      '{ "$include": "./part.json", "__proto__": { "polluted": "yes" }, gateway: { constructor: { prototype: { polluted: "yes" } } } }',
    'repo/part.json': hostile,
  });
  for (const config of ['openclaw.json', 'inc.json']) {
    for (const extra of [[], ['--lenient']]) {
      const result = audit(repo, [config, ...extra]);
      assert.ok([0, 1, 2].includes(result.code));
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
  assert.equal((Function.prototype as unknown as Record<string, unknown>).polluted, undefined);
});

test('a 50 MB config is refused from its size, without being read; a 50 MB include too', () => {
  const huge = Buffer.alloc(50 * 1024 * 1024, 0x20);
  huge.write('{ gateway: { mode: "local" } }');
  const { repo } = sandbox({ 'repo/openclaw.json': huge, 'repo/inc.json': '{ "$include": "./openclaw.json" }' });
  const top = audit(repo);
  rejected(top, /Config file is larger than 5242880 bytes \(52428800\)/);
  const include = audit(repo, ['inc.json']);
  rejected(include, /Include file is larger than 2097152 bytes/, 'inc.json');
  for (const run of [top, include])
    assert.ok(!run.host.reads.some((p) => p.endsWith('openclaw.json')), 'the 50 MB file was read');
});

test('10,000-deep nesting (arrays, objects, mixed, in an include) is a clear error at a location, not a crash', () => {
  const n = 10_000;
  const { repo } = sandbox({
    'repo/arrays.json': `{ gateway: { x: ${'['.repeat(n)}${']'.repeat(n)} } }`,
    'repo/objects.json': `{ gateway: ${'{ "a": '.repeat(n)}1${' }'.repeat(n)} }`,
    'repo/mixed.json': `${'[{ "a": '.repeat(n / 2)}1${' }]'.repeat(n / 2)}`,
    'repo/inc.json': '{ "$include": "./objects.json" }',
  });
  for (const config of ['arrays.json', 'objects.json', 'mixed.json'])
    rejected(audit(repo, [config]), /nest|too deep/i, config);
  rejected(audit(repo, ['inc.json']), /nest|too deep/i, 'objects.json');
});

test('NUL bytes, BOM, CRLF and invalid UTF-8 are handled with exact positions', () => {
  const { repo } = sandbox({
    'repo/nul.json': '{\n  gateway: \u0000{ mode: "local" } }',
    'repo/nul-string.json': '{ gateway: { mode: "local", customBindHost: "a\u0000b" } }',
    'repo/bom.json': '\uFEFF{\n  gateway: { mode: "local", bind: "lan" },\n}',
    'repo/crlf.json': '{\r\n  gateway: {\r\n    mode: "local",\r\n    oops: 1,\r\n  },\r\n}\r\n',
    'repo/bad-utf8.json': Buffer.concat([
      Buffer.from('{\n  gateway: { mode: "'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('" } }'),
    ]),
    'repo/bad-utf8-inc.json': '{\n\n  "$include": "./bad-utf8.json" }',
  });
  const nul = rejected(audit(repo, ['nul.json']), /JSON5 parse failed/, 'nul.json');
  assert.deepEqual([nul.line, nul.column], [2, 12]);
  assert.notEqual(audit(repo, ['nul-string.json']).code, undefined);
  const bom = audit(repo, ['bom.json']);
  assert.notEqual(bom.json.ok, false, bom.stdout);
  const crlf = rejected(audit(repo, ['crlf.json']), /Unrecognized key: "oops"/, 'crlf.json');
  assert.deepEqual([crlf.line, crlf.column], [4, 5]);
  const utf8 = rejected(audit(repo, ['bad-utf8.json']), /not valid UTF-8/, 'bad-utf8.json');
  assert.deepEqual([utf8.line, utf8.column], [2, 21]);
  rejected(audit(repo, ['bad-utf8-inc.json']), /Failed to parse include file.*not valid UTF-8/, 'bad-utf8.json');
});

test('unique secrets planted in every secret-bearing field never appear in text or JSON output', () => {
  const secret = (n: number) => `S3CR3T-${n}-q"w\\e-é-${n * 7919}`;
  let n = 0;
  const planted: string[] = [];
  const plant = () => {
    const s = secret(++n);
    planted.push(s);
    return s;
  };
  const config = {
    env: { vars: { OPENAI_API_KEY: plant(), GATEWAY_PASSWORD: plant() } },
    gateway: {
      mode: 'local',
      bind: 'lan',
      auth: { mode: 'token', token: plant(), password: plant() },
      remote: { token: plant(), password: plant() },
    },
    hooks: { enabled: true, token: plant() },
    channels: {
      telegram: { enabled: true, botToken: plant(), webhookSecret: plant() },
      discord: { enabled: true, token: plant() },
      slack: { enabled: true, botToken: plant(), appToken: plant(), signingSecret: plant() },
    },
    models: {
      providers: {
        custom: { baseUrl: 'http://127.0.0.1:1', apiKey: plant(), models: [] },
        openai: { baseUrl: 'https://api.openai.com/v1', apiKey: plant(), models: [] },
      },
    },
    talk: { apiKey: plant() },
    tools: { web: { search: { apiKey: plant() } } },
  };
  const { repo } = sandbox({ 'repo/openclaw.json': JSON.stringify(config, null, 2) });
  for (const extra of [[], ['--lenient']]) {
    const result = audit(repo, ['openclaw.json', ...extra]);
    const json = runCli(['openclaw.json', '--json', ...extra], repo);
    assertNoSecret({ text: result.stdout, json: json.stdout, stderr: result.stderr }, planted);
  }
});

test('secrets that are common words (true, file, json) and the secrets.providers section never corrupt the output', () => {
  const config = {
    secrets: {
      providers: {
        disk: { source: 'file', path: '/run/secrets/x', mode: 'json' },
        run: { source: 'exec', command: '/usr/bin/pass' },
      },
    },
    gateway: { mode: 'local', auth: { mode: 'token', token: 'true' }, remote: { token: 'file' } },
    hooks: { enabled: true, token: 'line' },
    oops: 1,
  };
  const { repo } = sandbox({ 'repo/openclaw.json': JSON.stringify(config, null, 2) });
  for (const extra of [[], ['--lenient']]) {
    const result = audit(repo, ['openclaw.json', ...extra]);
    const json = runCli(['openclaw.json', '--json', ...extra], repo);
    const body = JSON.parse(json.stdout);
    const locations = JSON.stringify(body.issues ?? body.schemaWarnings ?? body.findings);
    assert.match(locations, /"file":"openclaw\.json","line":\d+,"column":\d+/, json.stdout);
    assert.match(result.stdout, /openclaw\.json:\d+:\d+/);
    assert.doesNotMatch(json.stdout, /"\[redacted\]":/);
  }
});
