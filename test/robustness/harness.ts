/**
 * Shared by the robustness tests and `npm run fuzz`: the invariants every config must satisfy, the CLI's output
 * output pipeline driven in-process, and the corpus of real configs that mutations start from.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAtOrAbove, main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import type { Host } from '../../src/core/host.ts';
import { auditFile } from '../../src/core/run.ts';
import type { AuditOutcome, SourceLocation, SourceSpan } from '../../src/core/types.ts';
import { nodeHost } from '../../src/io/node-host.ts';
import { renderFormat } from '../../src/report/formats.ts';
import { toJson } from '../../src/report/json.ts';
import { renderText } from '../../src/report/text.ts';
import { assertValidReport } from '../helpers/report-schema.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CASES_DIR = join(REPO_ROOT, 'test', 'conformance', 'cases');

export interface CorpusCase {
  name: string;
  /** Every file of the case that a config could `$include` (relative path → bytes), `openclaw.json` among them. */
  files: Record<string, Uint8Array>;
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, base, out);
    else if (
      /\.(json5?|jsonc)$/.test(entry.name) &&
      entry.name !== 'expected.json' &&
      !entry.name.startsWith('expected-')
    ) {
      out.push(relative(base, path).split(sep).join('/'));
    }
  }
  return out.sort();
}

let corpusCache: CorpusCase[] | undefined;

/** The conformance corpus (`test/conformance/cases/<case>/openclaw.json` and the files it includes), by name. */
export function loadCorpus(): CorpusCase[] {
  if (corpusCache) return corpusCache;
  corpusCache = readdirSync(CASES_DIR)
    .filter((name) => statSync(join(CASES_DIR, name, 'openclaw.json'), { throwIfNoEntry: false })?.isFile())
    .sort()
    .map((name) => {
      const dir = join(CASES_DIR, name);
      const files: Record<string, Uint8Array> = {};
      for (const rel of listFiles(dir)) files[rel] = new Uint8Array(readFileSync(join(dir, rel)));
      return { name, files };
    });
  return corpusCache;
}

const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The formats this build can render (SARIF and Markdown land with their own issues). */
function availableFormats(): OutputFormat[] {
  return OUTPUT_FORMATS.filter((format) => {
    if (format === 'text' || format === 'json') return true;
    try {
      renderFormat(format, [], { version: '0.0.0-test' });
      return true;
    } catch (error) {
      if (error instanceof Error && /not available yet/.test(error.message)) return false;
      throw error;
    }
  });
}

/** What `main()` prints for these outcomes in a format (secrets are kept out by the core, nothing is rewritten). */
export function renderOutput(outcomes: readonly AuditOutcome[], format: OutputFormat): string {
  const rendered =
    format === 'text'
      ? renderText(outcomes, { color: false })
      : format === 'json'
        ? toJson(outcomes, { ts: 0 })
        : renderFormat(format, outcomes, { version: '0.0.0-test' });
  if (format === 'json') assertValidReport(rendered, 'the --json report');
  return rendered;
}

/** `main()`'s exit code for these outcomes with the default `--fail-on critical`. */
function exitCodeOf(outcomes: readonly AuditOutcome[]): 0 | 1 | 2 {
  if (outcomes.some((o) => !o.ok)) return 2;
  return outcomes.some((o) => o.ok && o.findings.some((f) => isAtOrAbove(f.severity, 'critical'))) ? 1 : 0;
}

function assertSpan(span: SourceSpan | undefined, what: string, files: readonly string[]): void {
  assert.ok(span, `${what} has no location`);
  assert.equal(typeof span.file, 'string', `${what}: file`);
  assert.ok(files.includes(span.file), `${what}: file ${span.file} is not one of the files read (${files.join(', ')})`);
  for (const key of ['line', 'column'] as const) {
    assert.ok(Number.isInteger(span[key]) && span[key] >= 1, `${what}: ${key} is ${span[key]}`);
  }
}

function assertLocation(location: SourceLocation | undefined, what: string, files: readonly string[]): void {
  assertSpan(location, what, files);
  for (const [i, via] of (location!.includedFrom ?? []).entries()) assertSpan(via, `${what} includedFrom[${i}]`, files);
}

/**
 * The core's invariant: an outcome is either findings or a rejection with at least one issue, and every issue,
 * finding and related location names a file that was read, with a 1-based line and column.
 */
function assertWellFormed(outcome: AuditOutcome): void {
  assert.ok(outcome.files.length >= 1 && outcome.files[0] === outcome.config, 'files starts with the config');
  if (!outcome.ok) {
    assert.ok(outcome.issues.length >= 1, 'a rejected config has at least one issue');
    for (const [i, issue] of outcome.issues.entries()) {
      assert.equal(typeof issue.message, 'string');
      assert.ok(issue.message.length > 0, `issue ${i} has a message`);
      assertLocation(issue.location, `issue ${i} (${issue.message.slice(0, 120)})`, outcome.files);
    }
    return;
  }
  for (const [i, f] of outcome.findings.entries()) {
    assert.ok(['info', 'warn', 'critical'].includes(f.severity), `finding ${i} severity`);
    assertLocation(f.location, `finding ${f.checkId}`, outcome.files);
    for (const related of f.relatedLocations ?? [])
      assertLocation(related, `finding ${f.checkId} related`, outcome.files);
  }
  for (const [i, issue] of outcome.schemaWarnings.entries())
    assertLocation(issue.location, `schema warning ${i}`, outcome.files);
}

/** Audits one config through a Host and checks every invariant; returns the outcome and each format's output. */
export function auditAndCheck(
  host: Host,
  configPath: string,
  root: string,
  options: { lenient?: boolean } = {},
): { outcome: AuditOutcome; outputs: Partial<Record<OutputFormat, string>>; exitCode: 0 | 1 | 2 } {
  const outcome = auditFile({ host, configPath, root, lenient: options.lenient === true });
  assertWellFormed(outcome);
  const outputs: Partial<Record<OutputFormat, string>> = {};
  for (const format of availableFormats()) outputs[format] = renderOutput([outcome], format);
  JSON.parse(outputs.json!);
  return { outcome, outputs, exitCode: exitCodeOf([outcome]) };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

/** Runs the CLI's `main()` in-process on the real file system (what `dist/cli/index.js` does, minus the process). */
export function runCli(argv: string[], cwd: string, host: Host = nodeHost): CliRun {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const io: CliIo = {
    host,
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (p, t) => written.set(p, t),
    colorAllowed: false,
    now: () => 0,
    version: '0.0.0-test',
  };
  const code = main(argv, io);
  checkJsonReports(argv, cwd, stdout, written);
  return { code, stdout, stderr, written };
}

/** Every `--json` report a CLI run in the tests prints or writes must match the shipped schema (schemas/report.schema.json). */
function checkJsonReports(
  argv: readonly string[],
  cwd: string,
  stdout: string,
  written: ReadonlyMap<string, string>,
): void {
  if (
    argv.some((a) => a === '--fix' || a === '--dry-run' || a === '--list-checks' || a === '--help' || a === '--version')
  )
    return;
  let json = false;
  let plainOutput: string | undefined;
  const files: string[] = [];
  argv.forEach((arg, i) => {
    const next = argv[i + 1];
    if (arg === '--json' || (arg === '--format' && next === 'json')) json = true;
    if (arg === '--output' && next !== undefined) {
      const m = /^([a-z]+)=(.+)$/.exec(next);
      if (m) {
        if (m[1] === 'json') files.push(m[2]!);
      } else plainOutput = next;
    }
  });
  if (json && plainOutput !== undefined) files.push(plainOutput);
  if (json && plainOutput === undefined && stdout !== '') assertValidReport(stdout, 'the --json report on stdout');
  for (const file of files) {
    const text = written.get(resolve(cwd, file));
    if (text !== undefined) assertValidReport(text, file);
  }
}

/** The forms a secret can take in an output: as is, and JSON-escaped (as the JSON and SARIF outputs would carry it). */
function secretForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

/** Asserts that no output contains any of the secrets, in any form. */
export function assertNoSecret(outputs: Record<string, string | undefined>, secrets: readonly string[]): void {
  for (const [name, text] of Object.entries(outputs)) {
    if (text === undefined) continue;
    for (const secret of secrets) {
      for (const form of secretForms(secret)) {
        assert.ok(!text.includes(form), `${name} output contains the planted secret ${JSON.stringify(secret)}`);
      }
    }
  }
}
