/**
 * The docs are executable: every shell command of README.md and docs/*.md (fenced `sh`, `bash`, `shell` and
 * `console` blocks, and the `run:` steps of workflow examples) runs in a fresh git repository holding a copy of the
 * examples, README and docs, through `openclaw-audit` on PATH (what `npx openclaw-audit` runs), and must behave as
 * the page says:
 * - the exit code is 0 unless the command's comment says `exit N` (a trailing `# …` comment, or a comment line just
 *   before the command);
 * - a file named in the comment (`writes FILE`) or by `--output FILE` / `--output FORMAT=FILE` exists afterwards (a `.sarif` one is SARIF 2.1.0);
 * - nothing crashes (no stack trace, no "internal error").
 * A block preceded by `<!-- docs-test: illustrative (why) -->` is not run; keep those rare.
 * Every flag a page gives `openclaw-audit`, in a block or an inline code span, must be one `--help` documents.
 *
 * The CLI is the source (`src/cli/index.ts` through tsx), so the test needs no build; `OPENCLAW_AUDIT_DOCS_CLI=dist`
 * runs `dist/cli/index.js` instead, as `npx openclaw-audit` in a checkout does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELP } from '../src/cli/help.ts';
import { documentedOptions } from '../src/cli/unknown-option.ts';

const ROOT = join(import.meta.dirname, '..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** Commands the pages show that this test does not run, and why. Any other command runs. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'npm ci': 'installs the dependencies, which this test already runs with',
  'npm test': 'the test suite this test is part of',
};
const MAX_ILLUSTRATIVE = 3;
const ILLUSTRATIVE = /^<!--\s*docs-test:\s*illustrative\b(.*)-->$/;

interface Command {
  text: string;
  line: number;
  exit: number;
  writes: string[];
}

interface Block {
  page: string;
  line: number;
  language: string;
  commands: Command[];
  illustrative?: string;
}

function expectation(comment: string): Pick<Command, 'exit' | 'writes'> {
  const exit = /\bexits?\s+(\d+)\b/.exec(comment);
  return {
    exit: exit ? Number(exit[1]) : 0,
    writes: [...comment.matchAll(/\bwrites\s+([\w./-]+\w)/g)].map((m) => m[1]!),
  };
}

/** Splits `command   # comment` at the first `#` that starts a shell comment (after a space, outside quotes). */
function splitComment(line: string): [string, string] {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!)))
      return [line.slice(0, i).trimEnd(), line.slice(i + 1).trim()];
  }
  return [line.trimEnd(), ''];
}

function shellCommands(lines: readonly string[], firstLine: number, console: boolean): Command[] {
  const commands: Command[] = [];
  let pendingComment = '';
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!;
    if (console) {
      if (!raw.startsWith('$ ')) continue;
      raw = raw.slice(2);
    }
    const line = firstLine + i;
    let text = raw;
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i]!.replace(/^\s*/, ' ');
    const [command, comment] = splitComment(text.trim());
    if (command === '') {
      pendingComment = comment;
      continue;
    }
    commands.push({ text: command, line, ...expectation(`${pendingComment} ${comment}`) });
    pendingComment = '';
  }
  return commands;
}

/** One-line `run:` steps of a workflow, with the expectation from the YAML comment just above them. */
function workflowCommands(lines: readonly string[], firstLine: number): Command[] {
  const commands: Command[] = [];
  lines.forEach((line, i) => {
    const run = /^\s*(?:-\s+)?run:\s*(\S.*)$/.exec(line);
    if (!run || run[1]!.startsWith('|') || run[1]!.startsWith('>') || run[1]!.includes('${{')) return;
    const above = /^\s*#\s*(.*)$/.exec(lines[i - 1] ?? '')?.[1] ?? '';
    commands.push({ text: run[1]!.trim(), line: firstLine + i, ...expectation(above) });
  });
  return commands;
}

function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split(/\r?\n/);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, language] = open;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence!); i++)
      body.push(lines[i]!.slice(Math.min(indent!.length, lines[i]!.search(/\S|$/))));
    const previous =
      lines
        .slice(0, start)
        .reverse()
        .find((l) => l.trim() !== '')
        ?.trim() ?? '';
    const illustrative = ILLUSTRATIVE.exec(previous)?.[1]?.trim();
    const lang = language!.toLowerCase();
    const commands =
      lang === 'sh' || lang === 'bash' || lang === 'shell' || lang === 'console'
        ? shellCommands(body, start + 2, lang === 'console')
        : lang === 'yaml' || lang === 'yml'
          ? workflowCommands(body, start + 2)
          : [];
    if (commands.length > 0)
      blocks.push({
        page,
        line: start + 1,
        language: lang,
        commands,
        ...(illustrative !== undefined ? { illustrative } : {}),
      });
  }
  return blocks;
}

const BLOCKS = PAGES.flatMap(blocksOf);

/** A directory with `openclaw-audit` on it, running the CLI the way `npx openclaw-audit` would. */
function cliOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'oca-docs-bin-'));
  const target =
    process.env.OPENCLAW_AUDIT_DOCS_CLI === 'dist'
      ? [process.execPath, join(ROOT, 'dist', 'cli', 'index.js')]
      : [process.execPath, '--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'cli', 'index.ts')];
  writeFileSync(
    join(bin, 'openclaw-audit'),
    `#!/bin/sh\nexec ${target.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')} "$@"\n`,
  );
  chmodSync(join(bin, 'openclaw-audit'), 0o755);
  return bin;
}

/** A fresh clone, as far as the docs can tell: the examples, README and docs, committed in a new git repository. */
function freshRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oca-docs-'));
  for (const entry of ['README.md', 'docs', 'examples'])
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  const git = (...args: string[]) => {
    const result = spawnSync(
      'git',
      ['-c', 'user.name=docs', '-c', 'user.email=docs@example.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'docs');
  return dir;
}

const BIN = cliOnPath();

test('the pages have commands to run, and few illustrative blocks, each with a reason', () => {
  const run = BLOCKS.filter((b) => b.illustrative === undefined);
  assert.ok(
    run.flatMap((b) => b.commands).filter((c) => /openclaw-audit/.test(c.text)).length >= 5,
    'the docs show at least five openclaw-audit commands',
  );
  assert.ok(
    run.some((b) => b.page === 'docs/sarif.md' && b.language === 'yaml'),
    "docs/sarif.md's workflow is run",
  );
  const illustrative = BLOCKS.filter((b) => b.illustrative !== undefined);
  assert.ok(illustrative.length <= MAX_ILLUSTRATIVE, `at most ${MAX_ILLUSTRATIVE} illustrative blocks`);
  for (const b of illustrative)
    assert.match(b.illustrative!, /\w{3}/, `${b.page}:${b.line}: say why the block is illustrative`);
});

for (const block of BLOCKS) {
  const name = `${block.page}:${block.line}: ${block.commands.map((c) => c.text).join(' ; ')}`;
  test(name, { skip: block.illustrative !== undefined ? `illustrative: ${block.illustrative}` : false }, () => {
    const dir = freshRepository();
    try {
      for (const command of block.commands) {
        if (NOT_RUN[command.text]) continue;
        // `npm ci && …`: the install is one this test already runs with; the rest runs.
        const [first, ...rest] = command.text.split(' && ');
        const runnable = NOT_RUN[first!] && rest.length > 0 ? rest.join(' && ') : command.text;
        const text = runnable.replace(/\bnpx openclaw-audit\b/g, 'openclaw-audit');
        const run = spawnSync('bash', ['-c', text], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ''}` },
        });
        const where = `${block.page}:${command.line}: ${command.text}\n--- stdout\n${run.stdout.slice(-2000)}\n--- stderr\n${run.stderr.slice(-2000)}`;
        assert.equal(run.status, command.exit, `exit code\n${where}`);
        assert.doesNotMatch(run.stderr, /internal error|\n\s+at \S+ \(/, `crashed\n${where}`);
        const outputs = [...command.writes, ...[...text.matchAll(/--output[ =](?:[a-z]+=)?(\S+)/g)].map((m) => m[1]!)];
        for (const file of outputs) {
          assert.ok(existsSync(join(dir, file)), `${file} was written\n${where}`);
          if (file.endsWith('.sarif'))
            assert.equal(JSON.parse(readFileSync(join(dir, file), 'utf8')).version, '2.1.0', where);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('commands left out are only those listed, and each is shown on a page', () => {
  const shown = new Set(BLOCKS.flatMap((b) => b.commands.flatMap((c) => [c.text, c.text.split(' && ')[0]!])));
  for (const command of Object.keys(NOT_RUN))
    assert.ok(shown.has(command), `${command} is no longer on a page: drop it from NOT_RUN`);
});

test('every flag the pages give openclaw-audit is one --help documents', () => {
  const known = new Set(documentedOptions(HELP));
  const used = new Map<string, string>();
  for (const page of PAGES) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    // A command runs to the end of its code span or line, or to a shell operator.
    for (const command of text.matchAll(/\bopenclaw-audit((?: +[^\s`|&;>)]+)+)/g)) {
      for (const flag of command[1]!.matchAll(/(?<=\s|\[)--[a-z][a-z-]*/g))
        if (!used.has(flag[0])) used.set(flag[0], `${page}: openclaw-audit${command[1]}`);
    }
  }
  assert.ok(used.size >= 8, `found the flags of the documented commands: ${[...used.keys()].join(' ')}`);
  for (const [flag, where] of used) assert.ok(known.has(flag), `${flag} is not in --help (${where})`);
});
