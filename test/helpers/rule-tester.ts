/**
 * A per-family check tester in the spirit of ESLint's RuleTester: valid configs must give no finding of the family,
 * invalid ones exactly the listed findings (checkId, severity, line and column, in report order). Findings of other
 * families are ignored, so a change in one family never edits another family's tests. The conformance suite stays the
 * end-to-end pin against the real openclaw.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleMatcher, type Rule } from '../../src/core/checks/rule.ts';
import type { Finding, Severity } from '../../src/core/types.ts';
import { auditText } from './memory-host.ts';

interface Case {
  /** Shown as the test name; defaults to the config text. */
  name?: string;
  /** `openclaw.json` as JSON5 text: lines and columns in `findings` refer to it. */
  config: string;
  /** Other files of the repository (`$include` targets), by path relative to the config. */
  files?: Record<string, string>;
}

interface ExpectedFinding {
  checkId: string;
  severity: Severity;
  /** `line:column` of the reported key (1-based), in the file named by `file` (default `openclaw.json`). */
  at: string;
  file?: string;
  title?: string;
}

interface InvalidCase extends Case {
  findings: readonly ExpectedFinding[];
}

export interface FamilyCases {
  valid: readonly Case[];
  invalid: readonly InvalidCase[];
}

function familyFindings(rules: readonly Rule[], testCase: Case): Finding[] {
  const outcome = auditText(testCase.config, testCase.files ?? {});
  if (!outcome.ok)
    assert.fail(
      `openclaw would reject this config: ${outcome.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  const match = ruleMatcher(rules);
  return outcome.findings.filter((f) => match(f.checkId) !== undefined);
}

function describeFinding(f: Finding): ExpectedFinding {
  const file = f.location?.file ?? '';
  return {
    checkId: f.checkId,
    severity: f.severity,
    at: `${f.location?.line}:${f.location?.column}`,
    ...(file && file !== 'openclaw.json' ? { file } : {}),
  };
}

/** Runs the cases of one family module (`rules` is the module's export) as node:test tests. */
export function testFamily(familyName: string, rules: readonly Rule[], cases: FamilyCases): void {
  const match = ruleMatcher(rules);
  describe(`${familyName}: valid configs`, () => {
    for (const testCase of cases.valid) {
      it(testCase.name ?? testCase.config, () => {
        assert.deepEqual(familyFindings(rules, testCase).map(describeFinding), []);
      });
    }
  });
  describe(`${familyName}: invalid configs`, () => {
    for (const testCase of cases.invalid) {
      it(testCase.name ?? testCase.config, () => {
        for (const expected of testCase.findings)
          assert.ok(match(expected.checkId), `${expected.checkId} is not a rule of ${familyName}`);
        const found = familyFindings(rules, testCase);
        const withoutTitles = testCase.findings.map(({ title: _title, ...rest }) => rest);
        assert.deepEqual(found.map(describeFinding), withoutTitles);
        testCase.findings.forEach((expected, i) => {
          if (expected.title !== undefined)
            assert.equal(found[i]!.title, expected.title, `title of ${expected.checkId}`);
        });
      });
    }
  });
}
