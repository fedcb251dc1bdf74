import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../src/core/host.ts';
import { nodeHost } from '../../src/io/node-host.ts';
import { runCli } from './harness.ts';

test("a config this tool fails on is reported as that config's error, and the other configs are audited as usual", () => {
  const dir = mkdtempSync(join(tmpdir(), 'oca-isolation-'));
  for (const app of ['a', 'b', 'c']) {
    mkdirSync(join(dir, app));
    writeFileSync(
      join(dir, app, 'openclaw.json'),
      '{ gateway: { mode: "local", bind: "loopback", auth: { mode: "token", token: "a-long-enough-token-value-0123456789" } } }',
    );
  }
  // Reading b fails in a way the loader does not expect (as a bug would): the opened file's read throws a TypeError.
  const failing: Host = {
    ...nodeHost,
    open: (path) => {
      const opened = nodeHost.open!(path);
      if (!path.endsWith(join('b', 'openclaw.json'))) return opened;
      return {
        info: () => opened.info(),
        realpath: () => opened.realpath(),
        read: () => {
          throw new TypeError('read is not a function');
        },
        close: () => opened.close(),
      };
    },
  };
  const json = runCli(['.', '--json', '--fail-on', 'none'], dir, failing);
  assert.equal(json.code, 2, json.stderr);
  assert.equal(json.stderr, '');
  const outcomes = JSON.parse(json.stdout) as Array<{
    ok: boolean;
    config: string;
    issues?: Array<{ path: string; message: string; location: { file: string; line: number } }>;
  }>;
  assert.deepEqual(
    outcomes.map((o) => [o.config, o.ok !== false]),
    [
      ['a/openclaw.json', true],
      ['b/openclaw.json', false],
      ['c/openclaw.json', true],
    ],
  );
  const issue = outcomes[1]!.issues![0]!;
  assert.match(
    issue.message,
    /^openclaw-audit could not audit this config \(internal error: read is not a function\); please report it$/,
  );
  assert.deepEqual([issue.location.file, issue.location.line], ['b/openclaw.json', 1]);
  const text = runCli(['.', '--fail-on', 'none'], dir, failing);
  assert.equal(text.code, 2);
  assert.match(text.stdout, /b\/openclaw\.json:1:1 <root>: openclaw-audit could not audit this config/);
  assert.match(text.stdout, /c\/openclaw\.json/);
});
