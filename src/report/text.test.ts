import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditText } from '../../test/helpers/memory-host.ts';
import { runCli } from '../../test/robustness/harness.ts';
import { main } from '../cli/main.ts';
import { nodeHost } from '../io/node-host.ts';
import { renderText } from './text.ts';

const FORGED =
  'x\n\nopenclaw.json: 0 critical · 0 warn · 0 info\n\u001b]8;;https://attacker.example\u0007click\u001b]8;;\u0007\u001b[2J';

/** Lines a report may start at column 0: the config headers, the severity group labels, blank lines. */
function assertNoForgedLine(text: string): void {
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), `raw control character in ${JSON.stringify(text)}`);
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    assert.match(
      line,
      /^(openclaw\.json: (OpenClaw config is invalid|\d+ critical)|CRITICAL|WARN|INFO|SUPPRESSED)/,
      `forged line ${JSON.stringify(line)}`,
    );
    assert.doesNotMatch(line, /^openclaw\.json: 0 critical · 0 warn · 0 info$/, 'the forged all-clear line');
  }
}

test('text: a key cannot print control characters or start a line of its own', () => {
  const rejected = auditText(JSON.stringify({ channels: { [FORGED]: {} } }));
  assert.equal(rejected.ok, false);
  const accepted = auditText(
    JSON.stringify({
      channels: {
        discord: { dmPolicy: 'open', allowFrom: ['*'], accounts: { [FORGED]: { dmPolicy: 'open', allowFrom: ['*'] } } },
      },
    }),
  );
  assert.ok(accepted.ok);
  for (const outcome of [rejected, accepted]) {
    const text = renderText([outcome], { color: false });
    assertNoForgedLine(text);
    assert.ok(text.includes('\\u001b]8;;https://attacker.example\\u0007'), text);
  }
});

test('--fix: the summary escapes keys, and the patch is escaped only on a terminal', () => {
  const repo = mkdtempSync(join(tmpdir(), 'oca-text-'));
  writeFileSync(
    join(repo, 'openclaw.json'),
    `{\n  // \u001b[2J comment\n  channels: { telegram: { accounts: { ${JSON.stringify(FORGED)}: { groupPolicy: "open" } } } },\n}\n`,
  );
  const fix = runCli(['openclaw.json', '--fix', '--dry-run'], repo);
  assert.ok(!/\u001b/.test(fix.stderr));
  assert.match(fix.stderr, /channels\.telegram\.accounts\.x\\n\\nopenclaw\.json: 0 critical/);
  assert.match(fix.stdout, /\u001b\[2J comment/, 'a patch for git apply keeps every byte');
  const text = runCli(['openclaw.json', '--fix'], repo);
  assert.ok(!/\u001b/.test(text.stdout + text.stderr));
  let shown = '';
  const io = {
    host: nodeHost,
    cwd: repo,
    stdout: (t: string) => void (shown += t),
    stderr: () => {},
    writeFile: () => {},
    colorAllowed: true,
    stdoutIsTerminal: true,
    now: () => 0,
    version: '0',
  };
  assert.equal(main(['openclaw.json', '--fix', '--dry-run'], io), 0);
  assert.ok(!/\u001b/.test(shown) && shown.includes('\\u001b[2J comment'), shown);
});
