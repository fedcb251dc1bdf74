/**
 * Compares our migration of one conformance case with the real `openclaw doctor --fix`'s recorded answer
 * (`expected-migrate.json`): doctor's lines, the migrated config, and the audit of the result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeHost } from '../../src/io/node-host.ts';
import { clonePlain, isRec, rec, samePlain, type Rec } from '../../src/migrate/draft.ts';
import { runMigration } from '../../src/migrate/run.ts';
import { listCaseFolders, multisetDiff } from './compare.ts';

interface ExpectedMigrate {
  migrations: string[];
  migrated: unknown;
  includeFilesChanged: Record<string, unknown>;
  changed: boolean;
  auditAfter: {
    ok?: boolean;
    findings?: Array<{ checkId: string; severity: string }>;
    issues?: Array<{ path: string; message: string }>;
  };
}

export interface MigrateComparison {
  changed: boolean;
  /** Our change lines equal doctor's (as multisets; the "Legacy config keys detected" lines compared apart). */
  linesMatch: boolean;
  configMatch: boolean;
  auditMatch: boolean;
  missingLines: string[];
  extraLines: string[];
  configDiff: string[];
  auditDiff: string[];
  errors: string[];
}

export function listMigrateCases(dir: string): string[] {
  return listCaseFolders(dir, 'expected-migrate.json');
}

/** A "Legacy config keys detected" line: `path: message` (the change lines start with a verb). */
function isDetectionLine(line: string): boolean {
  return /^[A-Za-z0-9_.<>*-]*: /.test(line);
}

/**
 * What the comparison ignores: `meta` (doctor's stamps), doctor's own `wizard.lastRun*` stamps,
 * `skills.entries.<id>.enabled: false` doctor adds for skills whose binaries were missing on its machine, and values
 * doctor took from its machine's state folder (`<stateDir>/workspace` pinned for a legacy default agent).
 */
function normalise(value: unknown, other: unknown, isExpected: boolean): unknown {
  const out = clonePlain(value);
  if (!isRec(out)) return out;
  delete out.meta;
  const wizard = rec(out.wizard);
  if (wizard) {
    for (const k of ['lastRunAt', 'lastRunVersion', 'lastRunCommand', 'lastRunMode']) delete wizard[k];
    if (Object.keys(wizard).length === 0) delete out.wizard;
  }
  const entries = rec(rec(out.skills)?.entries);
  if (isExpected && entries) {
    const ours = rec(rec(rec(other)?.skills)?.entries) ?? {};
    for (const id of Object.keys(entries)) {
      const entry = rec(entries[id]);
      if (entry?.enabled !== false) continue;
      const mine = rec(ours[id]);
      if (!mine) {
        delete entry.enabled;
        if (Object.keys(entry).length === 0) delete entries[id];
      } else entry.enabled = mine.enabled;
      if (mine && mine.enabled === undefined) delete entry.enabled;
    }
    if (Object.keys(entries).length === 0 && !rec(rec(rec(other)?.skills)?.entries)) delete rec(out.skills)!.entries;
    if (Object.keys(rec(out.skills)!).length === 0 && !rec(rec(other)?.skills)) delete out.skills;
  }
  return out;
}

/** Paths doctor filled from its own machine (its state folder): `<stateDir>/…` in the recorded answer. */
const isHostPath = (v: unknown) => typeof v === 'string' && v.startsWith('<stateDir>');

function leafDiff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (out.length > 20 || samePlain(a, b)) return;
  if (a === undefined && isHostPath(b)) return;
  if (isRec(a) && isRec(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      leafDiff((a as Rec)[k], (b as Rec)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push(`${path}: ours ${JSON.stringify(a)?.slice(0, 100)} / doctor ${JSON.stringify(b)?.slice(0, 100)}`);
}

export function compareMigrateCase(caseDir: string): MigrateComparison {
  const expected = JSON.parse(readFileSync(join(caseDir, 'expected-migrate.json'), 'utf8')) as ExpectedMigrate;
  const run = runMigration({ host: nodeHost, configPath: join(caseDir, 'openclaw.json'), root: caseDir });
  const result: MigrateComparison = {
    changed: expected.changed,
    linesMatch: false,
    configMatch: false,
    auditMatch: false,
    missingLines: [],
    extraLines: [],
    configDiff: [],
    auditDiff: [],
    errors: [],
  };
  if (!run) {
    result.errors.push('config cannot be loaded');
    return result;
  }
  result.errors.push(...run.errors);
  const lines = multisetDiff(
    expected.migrations.filter((l) => !isDetectionLine(l)),
    run.plan.changes,
  );
  result.missingLines = lines.missing;
  result.extraLines = lines.extra;
  result.linesMatch = lines.missing.length === 0 && lines.extra.length === 0;

  // doctor leaves the config untouched when it will not write (`changed: false`): compare with the original then.
  const ours = run.errors.length === 0 ? run.plan.migrated : undefined;
  const theirs = expected.changed ? expected.migrated : undefined;
  if (theirs === undefined) {
    result.configMatch = run.files.length === 0;
    if (!result.configMatch) result.configDiff.push('doctor wrote nothing; we would edit the config');
  } else if (ours !== undefined) {
    const a = normalise(ours, theirs, false);
    const b = normalise(theirs, ours, true);
    leafDiff(a, b, '', result.configDiff);
    result.configMatch = result.configDiff.length === 0 && Object.keys(expected.includeFilesChanged ?? {}).length === 0;
  }

  const want = expected.auditAfter.findings
    ? expected.auditAfter.findings.filter((f) => !f.checkId.startsWith('fs.')).map((f) => `${f.checkId} ${f.severity}`)
    : (expected.auditAfter.issues ?? []).map((i) => `(rejected) ${i.path}: ${i.message}`);
  const got = run.after.ok
    ? run.after.findings.map((f) => `${f.checkId} ${f.severity}`)
    : run.after.issues.map((i) => `(rejected) ${i.path}: ${i.message}`);
  const audit = multisetDiff(want, got);
  result.auditDiff = [...audit.missing.map((l) => `- ${l}`), ...audit.extra.map((l) => `+ ${l}`)];
  result.auditMatch = result.auditDiff.length === 0;
  return result;
}
