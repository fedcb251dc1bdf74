import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Host } from '../core/host.ts';
import { loadConfig } from '../core/config/load.ts';
import { nodeHost } from '../io/node-host.ts';
import { main } from '../cli/main.ts';
import type { CliIo } from '../cli/io.ts';
import { memoryHost, ROOT } from '../../test/helpers/memory-host.ts';
import { unifiedDiff } from './diff.ts';
import { planFixRun } from './run.ts';
import { fixSuggestions, suggestFixes } from './suggest.ts';
import { applyEdits, decodeFull, type TextEdit } from './text.ts';
import { planFixes } from './plan.ts';

/** A temporary repository on disk (discovery reads the real file system) that the CLI runs in and writes to. */
function repo(files: Record<string, string>) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oc-fix-')));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const writes: string[] = [];
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    host: nodeHost,
    cwd: dir,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (p, text) => {
      writes.push(relative(dir, p));
      writeFileSync(p, text);
    },
    colorAllowed: false,
    now: () => 0,
    version: 'test',
  };
  const run = (...argv: string[]) => {
    stdout = '';
    stderr = '';
    writes.length = 0;
    const code = main(argv, io);
    return { code, stdout, stderr, writes: [...writes] };
  };
  const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
  const bytes = (rel: string) => readFileSync(join(dir, rel));
  const valueAt = (path: string[], file = 'openclaw.json'): unknown => {
    const loaded = loadConfig({ host: nodeHost, configPath: join(dir, file), root: dir });
    assert.ok(loaded.ok, 'the fixed config still loads');
    let v: unknown = loaded.config.value;
    for (const k of path) v = (v as Record<string, unknown>)[k];
    return v;
  };
  return { dir, run, read, bytes, valueAt };
}

const BASIC = `{
  // personal bot
  "channels": {
    "telegram": {
      "botToken": "\${TELEGRAM_BOT_TOKEN}",
      "groupPolicy": "open",
      "accounts": {
        "work": { "groupPolicy": "open", "dmPolicy": "pairing" },
        "home": { "groupPolicy": "disabled" },
      },
    },
    "defaults": { "groupPolicy": "open" },
  },
  "gateway": { "bind": "loopback" },
}
`;

test('--fix flips every channels.<id> and channels.<id>.accounts.<acct> groupPolicy "open", nothing else', () => {
  const r = repo({ 'openclaw.json': BASIC });
  const result = r.run('--fix');
  assert.deepEqual(result.writes, ['openclaw.json']);
  assert.equal(r.read('openclaw.json'), BASIC.replace(/"groupPolicy": "open"/g, '"groupPolicy": "allowlist"'));
  assert.equal(r.valueAt(['channels', 'telegram', 'groupPolicy']), 'allowlist');
  assert.equal(r.valueAt(['channels', 'telegram', 'accounts', 'work', 'groupPolicy']), 'allowlist');
  assert.equal(r.valueAt(['channels', 'telegram', 'accounts', 'home', 'groupPolicy']), 'disabled');
  assert.equal(r.valueAt(['channels', 'defaults', 'groupPolicy']), 'allowlist');
  assert.match(result.stdout, /^openclaw\.json: fixed 3 values\n/);
  assert.match(result.stdout, /openclaw\.json:6:22 {2}channels\.telegram\.groupPolicy: "open" -> "allowlist"\n/);
  const report = r.run('--json');
  const summary = (JSON.parse(report.stdout) as { findings: Array<{ checkId: string; detail: string }> }).findings.find(
    (f) => f.checkId === 'summary.attack_surface',
  );
  if (summary) assert.match(summary.detail, /^groups: open=0, /);
});

test('a second --fix changes nothing and says so', () => {
  const r = repo({ 'openclaw.json': BASIC });
  assert.equal(r.run('--fix').writes.length, 1);
  const fixed = r.read('openclaw.json');
  const second = r.run('--fix');
  assert.deepEqual(second.writes, []);
  assert.equal(r.read('openclaw.json'), fixed);
  assert.match(second.stdout, /^openclaw\.json: nothing to fix\n/);
  const json = JSON.parse(r.run('--fix', '--json').stdout) as { fix: { ok: boolean; changes: unknown[] } };
  assert.deepEqual([json.fix.ok, json.fix.changes], [true, []]);
});

test('a value from an $include file is fixed in that file; the including file is untouched', () => {
  const main = '{\n  channels: { $include: "./channels.json5" },\n}\n';
  const inc = "// channels\n{\n  telegram: { groupPolicy: 'open' }, // keep\n}\n";
  const r = repo({ 'openclaw.json': main, 'channels.json5': inc });
  const result = r.run('--fix', '--json');
  assert.deepEqual(result.writes, ['channels.json5']);
  assert.equal(r.read('openclaw.json'), main);
  assert.equal(r.read('channels.json5'), inc.replace("'open'", "'allowlist'"));
  const json = JSON.parse(result.stdout) as { fix: unknown; report: { config: string } };
  assert.deepEqual(json.fix, {
    ok: true,
    changes: [
      {
        file: 'channels.json5',
        path: 'channels.telegram.groupPolicy',
        from: 'open',
        to: 'allowlist',
        line: 3,
        column: undefined,
      },
    ].map(({ column: _c, ...c }) => c),
    errors: [],
  });
  assert.equal(json.report.config, 'openclaw.json');
  assert.equal(r.valueAt(['channels', 'telegram', 'groupPolicy']), 'allowlist');
});

test('CRLF, BOM, comments, single quotes, unquoted keys and trailing commas are kept byte for byte', () => {
  const text =
    '\uFEFF// top\r\n{\r\n  /* block */ channels: {\r\n    telegram: {\r\n      groupPolicy: \'open\', // was open\r\n      accounts: { a: { groupPolicy: "open", }, },\r\n    },\r\n  },\r\n}';
  const r = repo({ 'openclaw.json': text });
  assert.equal(r.run('--fix', '--fail-on', 'none').code, 0);
  const expected =
    '\uFEFF// top\r\n{\r\n  /* block */ channels: {\r\n    telegram: {\r\n      groupPolicy: \'allowlist\', // was open\r\n      accounts: { a: { groupPolicy: "allowlist", }, },\r\n    },\r\n  },\r\n}';
  assert.equal(r.read('openclaw.json'), expected);
  const bytes = r.bytes('openclaw.json');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(r.valueAt(['channels', 'telegram', 'accounts', 'a', 'groupPolicy']), 'allowlist');
});

test('--fix --dry-run prints the exact unified diff and writes nothing', () => {
  const text =
    '{\n  // a\n  // b\n  // c\n  // d\n  channels: {\n    telegram: { groupPolicy: "open" },\n  },\n  // e\n  // f\n  // g\n  // h\n  gateway: { bind: "loopback" },\n}\n';
  const r = repo({ 'openclaw.json': text });
  const result = r.run('--fix', '--dry-run');
  assert.deepEqual(result.writes, []);
  assert.equal(r.read('openclaw.json'), text);
  assert.equal(
    result.stdout,
    [
      '--- a/openclaw.json',
      '+++ b/openclaw.json',
      '@@ -4,7 +4,7 @@',
      '   // c',
      '   // d',
      '   channels: {',
      '-    telegram: { groupPolicy: "open" },',
      '+    telegram: { groupPolicy: "allowlist" },',
      '   },',
      '   // e',
      '   // f',
      '',
    ].join('\n'),
  );
  assert.match(result.stderr, /openclaw\.json: would fix 1 value\n/);
});

test('dry-run diff: CRLF lines keep \\r, a last line without newline is marked, nearby changes share a hunk', () => {
  const text = '{\r\n  channels: {\r\n    irc: { groupPolicy: "open" },\r\n    line: { groupPolicy: "open" } } }';
  const run = planFixRun({
    host: memoryHost({ 'openclaw.json': text }),
    configPaths: [`${ROOT}/openclaw.json`],
    root: ROOT,
  });
  const file = run.files[0]!;
  assert.equal(
    unifiedDiff(file.file, file.before, file.edits),
    '--- a/openclaw.json\n+++ b/openclaw.json\n@@ -1,4 +1,4 @@\n {\r\n   channels: {\r\n' +
      '-    irc: { groupPolicy: "open" },\r\n-    line: { groupPolicy: "open" } } }\n\\ No newline at end of file\n' +
      '+    irc: { groupPolicy: "allowlist" },\r\n+    line: { groupPolicy: "allowlist" } } }\n\\ No newline at end of file\n',
  );
});

test('suggestion payloads: the exact lines, one per block, in the file each value lives in', () => {
  const main =
    '{\n  channels: {\n    telegram: { groupPolicy: "open", accounts: { a: { groupPolicy: \'open\' } } },\n    irc: { $include: "./x.json" },\n  },\n}\n';
  const host = memoryHost({ 'openclaw.json': main, 'x.json': '{\r\n  "groupPolicy": "open"\r\n}\r\n' });
  assert.deepEqual(suggestFixes({ host, configPaths: [`${ROOT}/openclaw.json`], root: ROOT }), [
    {
      file: 'openclaw.json',
      startLine: 3,
      endLine: 3,
      originalLines: ['    telegram: { groupPolicy: "open", accounts: { a: { groupPolicy: \'open\' } } },'],
      suggestedLines: ['    telegram: { groupPolicy: "allowlist", accounts: { a: { groupPolicy: \'allowlist\' } } },'],
      paths: ['channels.telegram.groupPolicy', 'channels.telegram.accounts.a.groupPolicy'],
      migrations: [],
      migrationsNamed: false,
    },
    {
      file: 'x.json',
      startLine: 2,
      endLine: 2,
      originalLines: ['  "groupPolicy": "open"'],
      suggestedLines: ['  "groupPolicy": "allowlist"'],
      paths: ['channels.irc.groupPolicy'],
      migrations: [],
      migrationsNamed: false,
    },
  ]);
});

test('a suggestion whose lines hold a secret is left out', () => {
  const host = memoryHost({
    'openclaw.json': '{ channels: { telegram: { botToken: "123456:abcdef", groupPolicy: "open" } } }',
  });
  const run = planFixRun({ host, configPaths: [`${ROOT}/openclaw.json`], root: ROOT });
  assert.equal(run.files.length, 1);
  assert.deepEqual(fixSuggestions(run), { suggestions: [], withheld: 1 });
});

test('a rejected config is not edited and exits 2 with its issues', () => {
  const text = '{ channels: { telegram: { groupPolicy: "open" } }, }}';
  const r = repo({ 'openclaw.json': text });
  const result = r.run('--fix', '--json');
  assert.equal(result.code, 2);
  assert.deepEqual(result.writes, []);
  assert.equal(r.read('openclaw.json'), text);
  const json = JSON.parse(result.stdout) as { fix: { ok: boolean; errors: string[] }; report: { ok: boolean } };
  assert.equal(json.fix.ok, false);
  assert.match(json.fix.errors[0]!, /^<root>: JSON5 parse failed/);
  assert.equal(json.report.ok, false);
});

test('a groupPolicy that comes from ${VAR} is not rewritten; the fix reports it', () => {
  const text = '{ env: { vars: { GP: "open" } }, channels: { telegram: { groupPolicy: "${GP}" } } }';
  const r = repo({ 'openclaw.json': text });
  const result = r.run('--fix', '--json', '--fail-on', 'none');
  assert.deepEqual(result.writes, []);
  assert.equal(result.code, 1);
  const json = JSON.parse(result.stdout) as { fix: { ok: boolean; changes: unknown[]; errors: string[] } };
  assert.equal(json.fix.ok, false);
  assert.deepEqual(json.fix.changes, []);
  assert.match(json.fix.errors[0]!, /channels\.telegram\.groupPolicy: the value "open" comes from "\$\{GP\}"/);
});

test('--dry-run without --fix is a usage error', () => {
  const r = repo({ 'openclaw.json': BASIC });
  assert.equal(r.run('--dry-run').code, 2);
});

test('two configs sharing an include: the include is edited once, both reports see the fix', () => {
  const shared = '{ telegram: { groupPolicy: "open" } }\n';
  const r2 = repo({
    'openclaw.json': '{ channels: { $include: "./shared.json5" }, }',
    'shared.json5': shared,
    'openclaw.json5': '{ channels: { $include: "./shared.json5" } }',
  });
  const result = r2.run('openclaw.json', 'openclaw.json5', '--fix', '--json');
  assert.deepEqual(result.writes, ['shared.json5']);
  assert.equal(r2.read('shared.json5'), shared.replace('"open"', '"allowlist"'));
  const [first, second] = JSON.parse(result.stdout) as Array<{ fix: { changes: unknown[] } }>;
  assert.equal(first!.fix.changes.length, 1);
  assert.equal(second!.fix.changes.length, 0);
});

/** Asserts that `after` is `before` with exactly the edits, every other byte equal, each edit replacing an "open" literal. */
function assertOnlyEdits(before: string, after: string, edits: readonly TextEdit[], name: string): void {
  assert.equal(applyEdits(before, edits), after, name);
  let b = 0;
  let a = 0;
  for (const e of [...edits].sort((x, y) => x.start - y.start)) {
    assert.equal(after.slice(a, a + (e.start - b)), before.slice(b, e.start), name);
    assert.match(before.slice(e.start, e.end), /^(['"])open\1$/, name);
    a += e.start - b + e.text.length;
    b = e.end;
  }
  assert.equal(after.slice(a), before.slice(b), name);
}

const CASES = join(import.meta.dirname, '../../test/conformance/cases');
const caseNames = readdirSync(CASES)
  .filter((n) => existsSync(join(CASES, n, 'openclaw.json')))
  .sort();

test('every conformance case: planned edits change only "open" literals, the result loads and a second plan is empty', () => {
  // At the planner level (no schema gate), so the real-world files exercise the edit machinery even when
  // openclaw 2026.9.6 would reject them for unrelated keys.
  let edited = 0;
  for (const name of caseNames) {
    const root = join(CASES, name);
    const configPath = join(root, 'openclaw.json');
    const loaded = loadConfig({ host: nodeHost, configPath, root });
    if (!loaded.ok) continue;
    const texts = new Map(loaded.config.files.map((f) => [f, decodeFull(nodeHost.readFile(join(root, f)))]));
    const plan = planFixes(loaded.config.tree, texts);
    assert.deepEqual(plan.errors, [], name);
    if (plan.edits.length === 0) continue;
    edited++;
    const fixed = new Map(texts);
    for (const file of new Set(plan.edits.map((e) => e.file))) {
      const edits = plan.edits.filter((e) => e.file === file);
      fixed.set(file, applyEdits(texts.get(file)!, edits));
      assertOnlyEdits(texts.get(file)!, fixed.get(file)!, edits, name);
    }
    const overlay: Host = {
      readFile: (p) => {
        const rel = relative(root, p);
        return fixed.has(rel) ? new TextEncoder().encode(fixed.get(rel)!) : nodeHost.readFile(p);
      },
      stat: (p) => nodeHost.stat(p),
      realpath: (p) => nodeHost.realpath(p),
    };
    const reloaded = loadConfig({ host: overlay, configPath, root });
    assert.ok(reloaded.ok, name);
    for (const c of plan.changes) {
      let v: unknown = reloaded.config.value;
      for (const k of c.path.split('.')) v = (v as Record<string, unknown>)[k];
      assert.equal(v, 'allowlist', `${name}: ${c.path}`);
    }
    assert.deepEqual(planFixes(reloaded.config.tree, fixed).changes, [], name);
  }
  assert.ok(edited >= 5, `the corpus has configs with groupPolicy "open" (${edited})`);
});

test('every conformance case through the security fix: a rejected config gets no edit, an accepted one round-trips', () => {
  for (const name of caseNames) {
    const root = join(CASES, name);
    const run = planFixRun({ host: nodeHost, configPaths: [join(root, 'openclaw.json')], root });
    const result = run.configs[0]!;
    if (!result.report.ok) {
      assert.deepEqual([run.files, result.changes, result.ok], [[], [], false], name);
      continue;
    }
    for (const file of run.files) assertOnlyEdits(file.before, file.after, file.edits, name);
    assert.equal(result.report.ok, true, name);
  }
});
