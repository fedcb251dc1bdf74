/**
 * Writes and reads in a repository a pull request controls: nothing is written outside it or through a link, no
 * update is lost, and a link, folder or FIFO swapped in while the audit reads cannot redirect or block the read.
 * The swaps are injected at the exact instant through the Host port (deterministic), plus one real race.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import type { Host } from '../../src/core/host.ts';
import { runCli } from './harness.ts';
import { loadConfig } from '../../src/core/config/load.ts';
import { nodeHost } from '../../src/io/node-host.ts';
import { writeFileSafely } from '../../src/io/safe-file.ts';
import { run as runAction } from '../../src/action/main.ts';
import { fakeCore } from '../helpers/fake-core.ts';
import { nodePorts } from '../../src/action/node-ports.ts';
import { inputVar } from '../../src/action/inputs.ts';

const TSX = import.meta.resolve('tsx');
const CLI = fileURLToPath(new URL('../../src/cli/run.ts', import.meta.url));
const OUTSIDE = 'OUTSIDE-MARKER-51c2';

/** `<tmp>/repo` is audited; `<tmp>/outside` holds what a planted link points at. */
function sandbox(files: Record<string, string>) {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'oca-files-')));
  after(() => rmSync(top, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries({ 'outside/file': 'precious\n', ...files })) {
    mkdirSync(dirname(join(top, rel)), { recursive: true });
    writeFileSync(join(top, rel), text);
  }
  mkdirSync(join(top, 'repo'), { recursive: true });
  return { top, repo: join(top, 'repo'), outsideFile: join(top, 'outside', 'file') };
}

/** The CLI as installed: a separate process on the real file system. */
function cli(argv: string[], cwd: string) {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...argv], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI in-process with the real writer; `beforeWrite` runs just before each file is written. */
function cliWithHook(argv: string[], cwd: string, beforeWrite: (path: string) => void) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    host: nodeHost,
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (path, text, options) => {
      beforeWrite(path);
      writeFileSafely(path, text, options);
    },
    colorAllowed: false,
    now: () => 0,
    version: '0.0.0-test',
  };
  return { code: main(argv, io), stdout, stderr };
}

const OPEN_GROUP = '{ channels: { telegram: { groupPolicy: "open" } } }\n';

test('--output through a committed symlink is refused and the file it points to is untouched', () => {
  const s = sandbox({ 'repo/openclaw.json': '{}\n' });
  symlinkSync(s.outsideFile, join(s.repo, 'openclaw-audit.sarif'));
  const r = cli(['--format', 'sarif', '--output', 'openclaw-audit.sarif'], s.repo);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'openclaw-audit: cannot write openclaw-audit.sarif: it is a symbolic link; not written, so the file it points to is left alone\n',
  );
  assert.equal(readFileSync(s.outsideFile, 'utf8'), 'precious\n');
});

test('--output into a missing folder is an error and creates nothing; an existing file is replaced', () => {
  const s = sandbox({ 'repo/openclaw.json': '{}\n', 'repo/report.json': 'old' });
  const missing = cli(['--json', '--output', 'out/report.json'], s.repo);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^openclaw-audit: cannot write out\/report\.json: no such folder: .*\/repo\/out\n$/);
  assert.deepEqual(readdirSync(s.repo).sort(), ['openclaw.json', 'report.json']);
  const ok = cli(['--json', '--output', 'report.json', '--fail-on', 'none'], s.repo);
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(Array.isArray(JSON.parse(readFileSync(join(s.repo, 'report.json'), 'utf8')).findings));
  assert.deepEqual(readdirSync(s.repo).sort(), ['openclaw.json', 'report.json'], 'no temporary file left');
});

test('--fix does not write through a symlink swapped in while it runs', () => {
  const s = sandbox({ 'repo/openclaw.json': OPEN_GROUP });
  const config = join(s.repo, 'openclaw.json');
  const r = cliWithHook(['--fix'], s.repo, (path) => {
    if (path !== config) return;
    rmSync(config);
    symlinkSync(s.outsideFile, config);
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^openclaw-audit: cannot write openclaw\.json: it is a symbolic link; not written/m);
  assert.equal(readFileSync(s.outsideFile, 'utf8'), 'precious\n');
});

test('--fix keeps an edit made to the file while it runs, and says so', () => {
  const s = sandbox({ 'repo/openclaw.json': OPEN_GROUP });
  const config = join(s.repo, 'openclaw.json');
  const edited = `// a teammate's edit\n${OPEN_GROUP}`;
  const r = cliWithHook(['--fix'], s.repo, (path) => {
    if (path === config) writeFileSync(config, edited);
  });
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /cannot write openclaw\.json: it changed after it was read \(an edit made meanwhile is kept\); not written, run again/,
  );
  assert.equal(readFileSync(config, 'utf8'), edited);
  // Run again: the fix applies to the edited file.
  const again = cli(['--fix', '--fail-on', 'none'], s.repo);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(config, 'utf8'), edited.replace('"open"', '"allowlist"'));
});

test('a hard-linked openclaw.json whose other name is outside the root is neither read nor edited', () => {
  const s = sandbox({ 'outside/openclaw.json': OPEN_GROUP.replace('{', `{ meta: { note: "${OUTSIDE}" },`) });
  linkSync(join(s.top, 'outside', 'openclaw.json'), join(s.repo, 'openclaw.json'));
  for (const argv of [['--fix'], ['--json']]) {
    const r = cli(argv, s.repo);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stdout, /Config file is a hard link, which is refused: openclaw\.json/);
    assert.doesNotMatch(r.stdout, new RegExp(OUTSIDE));
  }
  assert.match(readFileSync(join(s.top, 'outside', 'openclaw.json'), 'utf8'), /"open"/);
});

test('the Action does not write its SARIF through a symlink a pull request commits', async () => {
  const s = sandbox({ 'repo/openclaw.json': '{}\n' });
  symlinkSync(s.outsideFile, join(s.repo, 'openclaw-audit.sarif'));
  mkdirSync(join(s.repo, 'reports'));
  const { core, got } = fakeCore();
  const failed = got.failed;
  const env = (inputs: Record<string, string>) => ({
    GITHUB_WORKSPACE: s.repo,
    RUNNER_TEMP: join(s.top, 'runner-temp'),
    GITHUB_EVENT_NAME: 'push',
    ...Object.fromEntries(
      Object.entries({ 'check-run': 'false', 'pr-comment': 'false', ...inputs }).map(([k, v]) => [inputVar(k), v]),
    ),
  });
  const result = await runAction({ ...nodePorts(), env: env({}), cwd: s.repo, core });
  assert.equal(result.exitCode, 1);
  assert.deepEqual(failed, [
    'openclaw-audit: cannot write openclaw-audit.sarif: it is a symbolic link; not written, so the file it points to is left alone',
  ]);
  assert.equal(readFileSync(s.outsideFile, 'utf8'), 'precious\n');
  // A committed folder link cannot carry it out of the workspace either.
  rmSync(join(s.repo, 'reports'), { recursive: true });
  symlinkSync(join(s.top, 'outside'), join(s.repo, 'reports'));
  failed.length = 0;
  await runAction({ ...nodePorts(), env: env({ 'sarif-file': 'reports/openclaw.sarif' }), cwd: s.repo, core });
  assert.match(
    failed[0]!,
    /^openclaw-audit: cannot write reports\/openclaw\.sarif: its folder resolves outside .* \(through a symbolic link\); not written$/,
  );
  assert.deepEqual(readdirSync(join(s.top, 'outside')), ['file']);
  // A folder that does not exist yet is created inside the workspace.
  rmSync(join(s.repo, 'openclaw-audit.sarif'));
  failed.length = 0;
  const ok = await runAction({
    ...nodePorts(),
    env: env({ 'sarif-file': 'out/sarif/openclaw.sarif', 'fail-on': 'none' }),
    cwd: s.repo,
    core,
  });
  assert.deepEqual(failed, []);
  assert.equal(ok.exitCode, 0);
  assert.equal(JSON.parse(readFileSync(join(s.repo, 'out', 'sarif', 'openclaw.sarif'), 'utf8')).version, '2.1.0');
});

// --- Reads: a swap injected at the instant between the loader's checks and its read -------------------------------

/**
 * nodeHost with `swap()` run once, for `target`: just before its bytes are read by path (`readFile`), or just before
 * or after it is opened (`open`). A loader that checks a path and then reads it by path reads whatever was swapped in.
 */
function racingHost(target: string, swap: () => void, moment: 'before-open' | 'after-open'): Host {
  let done = false;
  const fire = (path: string) => {
    if (!done && path === target) {
      done = true;
      swap();
    }
  };
  return {
    ...nodeHost,
    readFile: (path) => (fire(path), nodeHost.readFile(path)),
    open: (path) => {
      if (moment === 'before-open') fire(path);
      const opened = nodeHost.open!(path);
      if (moment === 'after-open') fire(path);
      return opened;
    },
  };
}

function includeRepo() {
  const s = sandbox({
    'repo/openclaw.json': '{ "$include": "./conf/part.json5" }\n',
    'repo/conf/part.json5': '{ gateway: { mode: "local" } }\n',
    'outside/part.json5': `{ meta: { note: "${OUTSIDE}" } }\n`,
  });
  const flip = () => {
    renameSync(join(s.repo, 'conf'), join(s.repo, 'conf.real'));
    symlinkSync(join(s.top, 'outside'), join(s.repo, 'conf'));
  };
  return {
    ...s,
    flip,
    load: (host: Host) => loadConfig({ host, configPath: join(s.repo, 'openclaw.json'), root: s.repo }),
  };
}

for (const moment of ['before-open', 'after-open'] as const) {
  test(`an included folder flipped to a link outside ${moment === 'before-open' ? 'just before' : 'just after'} the file is opened is not read`, () => {
    const r = includeRepo();
    const loaded = r.load(racingHost(join(r.repo, 'conf', 'part.json5'), r.flip, moment));
    assert.equal(loaded.ok, false, `read: ${JSON.stringify(loaded.ok && loaded.config.value)}`);
    assert.match(
      loaded.ok ? '' : loaded.issue.message,
      moment === 'before-open' ? /resolves outside config directory \(symlink\)/ : /changed while it was being read/,
    );
  });

  test(`a config swapped for a link outside ${moment === 'before-open' ? 'just before' : 'just after'} it is opened is not read`, () => {
    const s = sandbox({ 'repo/openclaw.json': '{}\n', 'outside/openclaw.json': `{ meta: { note: "${OUTSIDE}" } }\n` });
    const config = join(s.repo, 'openclaw.json');
    const swap = () => {
      rmSync(config);
      symlinkSync(join(s.top, 'outside', 'openclaw.json'), config);
    };
    const loaded = loadConfig({ host: racingHost(config, swap, moment), configPath: config, root: s.repo });
    assert.equal(loaded.ok, false, `read: ${JSON.stringify(loaded.ok && loaded.config.value)}`);
  });
}

test('an include swapped for a FIFO just before it is read cannot hang the run', () => {
  const s = sandbox({ 'repo/openclaw.json': '{ "$include": "./part.json5" }\n', 'repo/part.json5': '{}\n' });
  if (spawnSync('mkfifo', [join(s.top, 'probe')]).status !== 0) return; // no mkfifo on this system
  // In a child process with a timeout: a read that blocks would block this test runner for good.
  const script = `
    import { spawnSync } from 'node:child_process';
    import { rmSync } from 'node:fs';
    import { nodeHost } from ${JSON.stringify(new URL('../../src/io/node-host.ts', import.meta.url).href)};
    import { loadConfig } from ${JSON.stringify(new URL('../../src/core/config/load.ts', import.meta.url).href)};
    const repo = ${JSON.stringify(s.repo)};
    const part = repo + '/part.json5';
    let done = false;
    const fire = (p) => { if (!done && p === part) { done = true; rmSync(part); spawnSync('mkfifo', [part]); } };
    const host = { ...nodeHost, readFile: (p) => (fire(p), nodeHost.readFile(p)), open: (p) => (fire(p), nodeHost.open(p)) };
    const loaded = loadConfig({ host, configPath: repo + '/openclaw.json', root: repo });
    process.stdout.write(loaded.ok ? 'read' : loaded.issue.message);
  `;
  const r = spawnSync(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.signal, null, 'the load blocked on the FIFO');
  assert.equal(r.stdout, 'Include path is not a regular file: ./part.json5', r.stderr);
});

test('a real race: an included folder flipping between inside and outside never makes a load read outside', async () => {
  const r = includeRepo();
  renameSync(join(r.repo, 'conf'), join(r.repo, 'conf.real'));
  symlinkSync('conf.real', join(r.repo, 'conf'));
  // Another process renames a fresh link over `conf`, pointing inside then outside, as fast as it can.
  const flipper = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs'); const [repo, inside, outside] = process.argv.slice(1);
       for (let i = 0; ; i++) { const t = repo + '/.flip'; fs.rmSync(t, { force: true }); fs.symlinkSync(i % 2 ? outside : inside, t); fs.renameSync(t, repo + '/conf'); }`,
      r.repo,
      'conf.real',
      join(r.top, 'outside'),
    ],
    { stdio: 'ignore' },
  );
  try {
    await new Promise((done) => setTimeout(done, 100));
    const counts = { inside: 0, refused: 0 };
    for (let i = 0; i < 300; i++) {
      const loaded = r.load(nodeHost);
      if (loaded.ok) {
        assert.doesNotMatch(JSON.stringify(loaded.config.value), new RegExp(OUTSIDE), `run ${i} read the outside file`);
        counts.inside++;
      } else counts.refused++;
    }
    assert.equal(counts.inside + counts.refused, 300);
  } finally {
    flipper.kill();
  }
});

test('--fix does not write into a folder swapped for a link out of the root while it runs', () => {
  const s = sandbox({
    'repo/openclaw.json': '{ "$include": "./conf/channels.json5" }\n',
    'repo/conf/channels.json5': OPEN_GROUP,
    'outside/conf/channels.json5': OPEN_GROUP,
  });
  const r = cliWithHook(['--fix'], s.repo, (path) => {
    if (path !== join(s.repo, 'conf', 'channels.json5')) return;
    renameSync(join(s.repo, 'conf'), join(s.repo, 'conf.real'));
    symlinkSync(join(s.top, 'outside', 'conf'), join(s.repo, 'conf'));
  });
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /cannot write conf\/channels\.json5: its folder resolves outside .* \(through a symbolic link\); not written/,
  );
  assert.equal(readFileSync(join(s.top, 'outside', 'conf', 'channels.json5'), 'utf8'), OPEN_GROUP);
});

test('the CLI reads every config and include through the opened file, never by path, in the audit and the migration report', () => {
  const s = sandbox({
    'repo/ok/openclaw.json': '{ gateway: { mode: "local" }, $include: "./extra.json5" }\n',
    'repo/ok/extra.json5': '{ hooks: { enabled: false } }\n',
    // A rejected config: the migration report reads it (and its include) a second time.
    'repo/legacy/openclaw.json':
      '{ gateway: { mode: "local", tailscale: { resetOnExit: true } }, $include: "./extra.json5" }\n',
    'repo/legacy/extra.json5': '{ hooks: { enabled: false } }\n',
  });
  const opened: string[] = [];
  const byPath: string[] = [];
  const host: Host = {
    ...nodeHost,
    readFile: (path) => {
      byPath.push(path);
      return nodeHost.readFile(path);
    },
    open: (path) => {
      opened.push(path);
      return nodeHost.open!(path);
    },
  };
  const run = runCli(['.', '--fail-on', 'none'], s.repo, host);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stdout, /upgrade readiness/);
  const names = (paths: string[]) => [...new Set(paths.map((p) => p.slice(s.repo.length + 1)))].sort();
  assert.deepEqual(names(opened), ['legacy/extra.json5', 'legacy/openclaw.json', 'ok/extra.json5', 'ok/openclaw.json']);
  assert.deepEqual(names(byPath.filter((p) => !p.endsWith('.gitignore'))), []);
});
