/**
 * Deploy-time variables (`--env NAME`, `env:` in .openclaw-audit.yml): variables the team declares as set where the
 * gateway runs. The cold audit leaves a `${NAME}` reference unresolved, as openclaw does in a clean environment; a
 * declared NAME instead resolves to a stand-in value — long, unique per name, not a placeholder — so the checks see
 * "set to something we do not know". Findings that depend on such a value then say it was assumed, and the stand-in
 * never appears in a report: it is replaced by `${NAME}` in every text.
 */
import type { AuditReport, Finding, SourceLocation } from './types.ts';

const PREFIX = 'deploy-time-value-of-';

/** The stand-in for NAME: 64 characters or more, so no length check fires on it, and different for each name. */
export function standInValue(name: string): string {
  const base = `${PREFIX}${name}-`;
  return base + 'x'.repeat(Math.max(8, 64 - base.length));
}

/** The environment entries for the declared names (they take precedence over `env.vars`, like a real environment). */
export function deployEnvironment(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, standInValue(name)]));
}

/** The dotted config paths whose string value holds a stand-in, with the names. Iterative and linear in the config. */
function assumedPaths(config: unknown, names: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (names.length === 0) return out;
  const values = names.map((name) => [name, standInValue(name)] as const);
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: config, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (!value.includes(PREFIX)) continue;
      const hit = new Set(values.filter(([, v]) => value.includes(v)).map(([n]) => n));
      if (hit.size > 0) out.set(path.join('.'), hit);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, String(i)] }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
    }
  }
  return out;
}

function namesFor(
  finding: Finding,
  assumed: ReadonlyMap<string, ReadonlySet<string>>,
  names: readonly string[],
): string[] {
  const found = new Set<string>();
  const about = (loc: SourceLocation | undefined) => {
    if (!loc || loc.path === '<root>') return;
    for (const [path, hit] of assumed)
      if (path === loc.path || path.startsWith(`${loc.path}.`)) for (const n of hit) found.add(n);
  };
  about(finding.location);
  for (const loc of finding.relatedLocations ?? []) about(loc);
  for (const name of names)
    if (finding.detail.includes(standInValue(name)) || finding.title.includes(standInValue(name))) found.add(name);
  return [...found].sort();
}

function restore(text: string, names: readonly string[]): string {
  let out = text;
  for (const name of names) out = out.split(standInValue(name)).join(`\${${name}}`);
  return out;
}

function annotate<T extends Finding>(
  finding: T,
  assumed: ReadonlyMap<string, ReadonlySet<string>>,
  names: readonly string[],
): T {
  const hit = namesFor(finding, assumed, names);
  if (hit.length === 0) return finding;
  const note = `Assumed: ${hit.map((n) => `\${${n}}`).join(', ')} ${hit.length === 1 ? 'is' : 'are'} set where the gateway runs (declared with --env or env:), to a value this audit cannot see.`;
  return { ...finding, title: restore(finding.title, names), detail: `${restore(finding.detail, names)}\n${note}` };
}

/** Marks the findings that depend on an assumed value, and removes every stand-in from the report's texts. */
export function annotateAssumed(report: AuditReport, config: unknown, names: readonly string[]): AuditReport {
  if (names.length === 0) return report;
  const assumed = assumedPaths(config, names);
  return {
    ...report,
    findings: report.findings.map((f) => annotate(f, assumed, names)),
    suppressedFindings: report.suppressedFindings.map((f) => annotate(f, assumed, names)),
    secretDiagnostics: report.secretDiagnostics.map((d) => restore(d, names)),
  };
}
