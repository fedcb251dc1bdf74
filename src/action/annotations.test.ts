import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditOutcome } from '../core/types.ts';
import * as core from '@actions/core';
import { printedBy } from '../../test/helpers/fake-core.ts';
import { checkAnnotation, collectAnnotations, stepAnnotations, type Annotation } from './annotations.ts';

const outcomes: AuditOutcome[] = [
  {
    ok: true,
    config: 'openclaw.json',
    summary: { critical: 1, warn: 1, info: 0 },
    findings: [
      {
        checkId: 'hooks.token_short',
        severity: 'warn',
        title: 'Hooks token looks short',
        detail: 'hooks.token is 16 chars, 100% guessable:\nuse more',
        location: { file: 'openclaw.json', line: 12, column: 5, endLine: 12, endColumn: 10, path: 'hooks.token' },
      },
      {
        checkId: 'gateway.bind_no_auth',
        severity: 'critical',
        title: 'Gateway binds beyond loopback without auth',
        detail: 'gateway.bind="lan", but no auth, is set',
        remediation: 'Set gateway.auth.token.',
        location: {
          file: 'gateway/auth.json5',
          line: 2,
          column: 3,
          endLine: 4,
          endColumn: 4,
          path: 'gateway.bind',
          includedFrom: [{ file: 'openclaw.json', line: 6, column: 5, endLine: 6, endColumn: 13 }],
        },
      },
    ],
    suppressedFindings: [],
    secretDiagnostics: [],
    schemaWarnings: [],
    files: ['openclaw.json', 'gateway/auth.json5'],
    secrets: { values: [], spans: [] },
  },
  {
    ok: false,
    config: 'b/openclaw.json',
    issues: [
      {
        path: 'gateway.bind',
        message: 'Invalid input',
        allowedValues: ['auto', 'lan'],
        location: { file: 'b/openclaw.json', line: 1, column: 14, endLine: 1, endColumn: 16, path: 'gateway.bind' },
      },
    ],
    files: ['b/openclaw.json'],
    secrets: { values: [], spans: [] },
  },
];

/** The workflow commands `@actions/core` prints for these annotations. */
const printed = (annotations: readonly Annotation[], reserve = {}) =>
  printedBy(() => stepAnnotations(annotations, reserve).forEach((a) => core[a.level](a.message, a.properties)));

test('exact workflow commands, escaped by the toolkit: rejected issues first, then findings by severity, on the exact span', () => {
  assert.deepEqual(printed(collectAnnotations(outcomes, 'infra')), [
    '::error title=config.invalid%3A OpenClaw config is invalid,file=infra/b/openclaw.json,line=1,endLine=1,col=14,endColumn=16::gateway.bind: Invalid input%0AAllowed: "auto", "lan"%0Aopenclaw would refuse to load b/openclaw.json; no check ran on it.',
    '::error title=gateway.bind_no_auth%3A Gateway binds beyond loopback without auth,file=infra/gateway/auth.json5,line=2,endLine=4,col=3,endColumn=4::gateway.bind="lan", but no auth, is set%0AFix: Set gateway.auth.token.%0A(included from openclaw.json:6:5)',
    '::warning title=hooks.token_short%3A Hooks token looks short,file=infra/openclaw.json,line=12,endLine=12,col=5,endColumn=10::hooks.token is 16 chars, 100%25 guessable:%0Ause more',
  ]);
});

test('a finding without a location annotates the config file', () => {
  const a: Annotation = {
    level: 'notice',
    file: 'openclaw.json',
    title: 'summary.attack_surface: Attack surface summary',
    message: 'x',
  };
  assert.deepEqual(printed([a]), [
    '::notice title=summary.attack_surface%3A Attack surface summary,file=openclaw.json::x',
  ]);
  assert.deepEqual(checkAnnotation(a), {
    path: 'openclaw.json',
    start_line: 1,
    end_line: 1,
    annotation_level: 'notice',
    message: 'x',
    title: 'summary.attack_surface: Attack surface summary',
  });
});

test('at most 10 per level per step, then one notice with the count', () => {
  const many: Annotation[] = Array.from({ length: 13 }, (_, i) => ({
    level: 'warning',
    file: 'f',
    line: i + 1,
    title: 't',
    message: 'm',
  }));
  const lines = printed(many);
  assert.equal(lines.length, 11);
  assert.equal(
    lines[10],
    '::notice title=openclaw-audit::3 more annotations are not shown (GitHub shows 10 per level per step); the job summary and the SARIF file list every finding.',
  );
});

test('a reserved slot: nine errors when the step will end with its own ::error::', () => {
  const many: Annotation[] = Array.from({ length: 12 }, (_, i) => ({
    level: 'error',
    file: 'f',
    line: i + 1,
    title: 't',
    message: 'm',
  }));
  const lines = printed(many, { error: 1 });
  assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 9);
  assert.match(lines.at(-1)!, /^::notice title=openclaw-audit::3 more annotations are not shown/);
});

test('check annotations: failure/warning/notice, columns only on one line', () => {
  const [issue, critical, warn] = collectAnnotations(outcomes).map(checkAnnotation);
  assert.equal(issue!.annotation_level, 'failure');
  assert.deepEqual(critical, {
    path: 'gateway/auth.json5',
    start_line: 2,
    end_line: 4,
    annotation_level: 'failure',
    message: 'gateway.bind="lan", but no auth, is set\nFix: Set gateway.auth.token.\n(included from openclaw.json:6:5)',
    title: 'gateway.bind_no_auth: Gateway binds beyond loopback without auth',
  });
  assert.equal(warn!.start_column, 5);
  assert.equal(warn!.end_column, 10);
  assert.equal(warn!.annotation_level, 'warning');
});
