/**
 * `--format junit`: JUnit XML for CI systems that show test reports (Jenkins, GitLab, Azure Pipelines, CircleCI).
 * One test suite per config and one test case per check of the registry (a family such as
 * `channels.<provider>.dm.open` gives one case per concrete id that occurs, or one passing case for the family).
 * A case fails when the check has an active finding at or above `--fail-on`, so the report agrees with the exit code;
 * findings below it are listed in the case's output, and a check whose only findings are suppressed is skipped.
 * A config openclaw rejects is one suite with one `config.invalid` error case.
 */
import { RULES, findRule } from '../core/checks/registry.ts';
import type { AuditOutcome } from '../core/types.ts';
import { isAtOrAbove, type FailLevel } from './gate.ts';
import { entryBody, entryPosition, reportEntries, type ReportEntry } from './entries.ts';

/** Text and attribute values: the five XML entities, and characters XML 1.0 cannot carry shown as `\uXXXX`. */
function escapeXml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

interface Case {
  name: string;
  failure?: { message: string; body: string };
  error?: { message: string; body: string };
  skipped?: string;
  out?: string;
}

function describe(entries: readonly ReportEntry[]): string {
  return entries.map((e) => `${entryPosition(e)}  ${e.severity}  ${e.title}\n${entryBody(e)}`).join('\n\n');
}

function casesOf(outcome: AuditOutcome, failOn: FailLevel): Case[] {
  const entries = reportEntries([outcome], { suppressed: true });
  if (!outcome.ok) {
    return [
      {
        name: 'config.invalid',
        error: { message: `OpenClaw config is invalid: ${outcome.config}`, body: describe(entries) },
      },
    ];
  }
  const byId = new Map<string, ReportEntry[]>();
  for (const e of entries) byId.set(e.checkId, [...(byId.get(e.checkId) ?? []), e]);
  const ids: string[] = [];
  for (const rule of RULES) {
    if (!rule.id.includes('<')) {
      ids.push(rule.id);
      continue;
    }
    const concrete = [...byId.keys()].filter((id) => id !== rule.id && findRule(id) === rule).sort();
    ids.push(...(concrete.length > 0 ? concrete : [rule.id]));
  }
  for (const id of byId.keys()) if (!ids.includes(id)) ids.push(id);
  return ids.map((name): Case => {
    const found = byId.get(name) ?? [];
    const active = found.filter((e) => !e.suppressed);
    const failing = active.filter((e) => isAtOrAbove(e.severity, failOn));
    const below = active.filter((e) => !isAtOrAbove(e.severity, failOn));
    const suppressed = found.filter((e) => e.suppressed);
    const out = [
      below.length > 0 ? describe(below) : '',
      ...suppressed.map(
        (e) => `suppressed: ${entryPosition(e)}  ${e.title}${e.suppressed?.reason ? ` (${e.suppressed.reason})` : ''}`,
      ),
    ]
      .filter(Boolean)
      .join('\n\n');
    if (failing.length > 0)
      return {
        name,
        failure: { message: `${failing[0]!.severity}: ${failing[0]!.title}`, body: describe(failing) },
        ...(out ? { out } : {}),
      };
    if (active.length === 0 && suppressed.length > 0)
      return {
        name,
        skipped: `suppressed: ${suppressed.map((e) => e.suppressed?.reason ?? 'no reason given').join('; ')}`,
        out,
      };
    return { name, ...(out ? { out } : {}) };
  });
}

function renderCase(c: Case, classname: string): string {
  const head = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(classname)}" time="0"`;
  const body: string[] = [];
  if (c.failure)
    body.push(
      `      <failure message="${escapeXml(c.failure.message)}" type="finding">${escapeXml(c.failure.body)}</failure>`,
    );
  if (c.error)
    body.push(
      `      <error message="${escapeXml(c.error.message)}" type="config.invalid">${escapeXml(c.error.body)}</error>`,
    );
  if (c.skipped) body.push(`      <skipped message="${escapeXml(c.skipped)}"/>`);
  if (c.out) body.push(`      <system-out>${escapeXml(c.out)}</system-out>`);
  return body.length === 0 ? `${head}/>` : `${head}>\n${body.join('\n')}\n    </testcase>`;
}

export function renderJunit(outcomes: readonly AuditOutcome[], options: { failOn: FailLevel }): string {
  const suites = outcomes.map((outcome) => ({ config: outcome.config, cases: casesOf(outcome, options.failOn) }));
  const count = (cases: readonly Case[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error).length,
    skipped: cases.filter((c) => c.skipped).length,
  });
  const attrs = (n: ReturnType<typeof count>) =>
    `tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="0"`;
  const all = count(suites.flatMap((s) => s.cases));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="openclaw-audit" ${attrs(all)}>`];
  for (const suite of suites) {
    lines.push(`  <testsuite name="${escapeXml(suite.config)}" ${attrs(count(suite.cases))}>`);
    for (const c of suite.cases) lines.push(renderCase(c, suite.config));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
