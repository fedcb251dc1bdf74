/** Compares our outcome for one conformance case with the real openclaw's recorded `expected.json`. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditFile } from '../../src/core/run.ts';
import { nodeHost } from '../../src/io/node-host.ts';

interface Expected {
  oracle: { exitCode: number };
  findings?: Array<{ checkId: string; severity: string; title: string }>;
  issues?: Array<{ path: string; message: string }>;
}

export interface CaseComparison {
  kind: 'accepted' | 'rejected';
  exact: boolean;
  missing: string[];
  extra: string[];
}

/** Case folders holding `answer` (the real tool's recorded answer), sorted. */
export function listCaseFolders(dir: string, answer: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, answer)))
    .map((e) => e.name)
    .sort();
}

/** Case folders (those holding an openclaw.json and an expected.json), sorted. */
export function listCases(dir: string): string[] {
  return listCaseFolders(dir, 'expected.json');
}

/** What `expected` has that `actual` lacks, and the reverse, counting repeats. */
export function multisetDiff(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const e of expected) counts.set(e, (counts.get(e) ?? 0) + 1);
  const extra: string[] = [];
  for (const a of actual) {
    const n = counts.get(a) ?? 0;
    if (n > 0) counts.set(a, n - 1);
    else extra.push(a);
  }
  const missing = [...counts].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { missing, extra };
}

/** Parse errors carry the parser's own wording; only the path and the prefix are compared for them. */
function issueKey(issue: { path: string; message: string }): string {
  const message = issue.message.startsWith('JSON5 parse failed') ? 'JSON5 parse failed' : issue.message;
  return `${issue.path}: ${message}`;
}

export function compareCase(caseDir: string): CaseComparison {
  const expected = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as Expected;
  const outcome = auditFile({ host: nodeHost, configPath: join(caseDir, 'openclaw.json'), root: caseDir });
  if (expected.oracle.exitCode !== 0) {
    const want = (expected.issues ?? []).map(issueKey);
    const got = outcome.ok ? ['(accepted: no issue)'] : outcome.issues.map(issueKey);
    // Include errors name machine-specific absolute paths: compare that both reject with an include error.
    const normalise = (k: string) => (/include/i.test(k) ? '<root>: (include error)' : k);
    const diff = multisetDiff(want.map(normalise), got.map(normalise));
    return { kind: 'rejected', exact: diff.missing.length === 0 && diff.extra.length === 0, ...diff };
  }
  const want = (expected.findings ?? [])
    .filter((f) => !f.checkId.startsWith('fs.'))
    .map((f) => `${f.checkId} ${f.severity} "${f.title}"`);
  const got = outcome.ok
    ? outcome.findings.map((f) => `${f.checkId} ${f.severity} "${f.title}"`)
    : outcome.issues.map((i) => `(rejected) ${i.path}: ${i.message}`);
  const diff = multisetDiff(want, got);
  return { kind: 'accepted', exact: diff.missing.length === 0 && diff.extra.length === 0, ...diff };
}
