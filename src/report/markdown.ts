/**
 * Markdown for GitHub: the job summary, the sticky PR comment body and `--format markdown`.
 * Everything that comes from a config (details, paths, reasons) goes through `markdown-escape.ts`: a hostile PR must
 * not be able to inject HTML, links or @-mentions. Secrets never reach the outcomes (core/redact.ts).
 */
import { findRule } from '../core/checks/registry.ts';
import { docsFileName } from './docs.ts';
import { compareFindings } from './order.ts';
import { htmlText, mdCode, mdText, mdUrlSegment } from './markdown-escape.ts';
import { DOCTOR_WRITES_NOTHING, type IssueFate, type MigrationSummary } from './migration.ts';
import type {
  AuditOutcome,
  ConfigIssue,
  Finding,
  Severity,
  SourceLocation,
  SourceSpan,
  SuppressedFinding,
} from '../core/types.ts';

export interface MarkdownOptions {
  /** Heading text; `openclaw-audit` by default. */
  title?: string;
  /** A hidden first line (`<!-- … -->`) that finds the sticky comment again. */
  marker?: string;
  /** Base of file links, ending with `/`: `https://github.com/o/r/blob/<sha>/` (plus the root's folder). Plain text without it. */
  blobBaseUrl?: string;
  /** Base of rule docs, ending with `/` (`<docsBaseUri><checkId>.md`, as SARIF's `helpUri`). No links without it. */
  docsBaseUri?: string;
  /** The `only-new` comparison: findings already on the base commit are not in `outcomes`. */
  baseline?: BaselineSummary;
  /** Characters the text must stay under (65,536 for a PR comment, 1 MiB for a job summary); rows are dropped to fit. */
  maxLength?: number;
  /** A last paragraph (a link to the workflow run, say); trusted Markdown. */
  footer?: string;
  /** By config: what `openclaw doctor --fix` would migrate in a rejected config, and the audit after it. */
  migrations?: ReadonlyMap<string, MigrationSummary>;
}

export interface BaselineSummary {
  /** Short name of the base (`main @ abc1234`); trusted text. */
  base: string;
  /** Findings present on both sides, not shown. */
  unchanged: number;
  /** The same, by config. */
  unchangedByConfig?: Readonly<Record<string, number>>;
  /** Findings on the base that the change removes. */
  resolved: ReadonlyArray<{ config: string; finding: Finding }>;
}

const ICON: Record<Severity, string> = { critical: '🔴', warn: '🟠', info: '🔵' };
const FATE: Record<IssueFate['fate'], string> = {
  migrated: '_`openclaw doctor --fix` migrates this_',
  dropped: '_`openclaw doctor --fix` drops this unknown key_',
  'by hand': '_remains after `openclaw doctor --fix`: needs a person_',
};
const DEFAULT_MAX = 1024 * 1024 - 4096;

function encodePath(file: string): string {
  return file.split('/').map(mdUrlSegment).join('/');
}

/** The docs page of a check, as the SARIF reporter's `helpUri`: `<base><rule id without <>>.md`. */
export function ruleDocsUrl(docsBaseUri: string, checkId: string): string {
  const id = findRule(checkId)?.id ?? checkId;
  return docsBaseUri + encodeURI(docsFileName(id));
}

function lineAnchor(span: SourceSpan): string {
  return span.endLine > span.line ? `#L${span.line}-L${span.endLine}` : `#L${span.line}`;
}

function where(location: SourceLocation | SourceSpan | undefined, fallback: string, options: MarkdownOptions): string {
  if (!location) return mdText(fallback);
  const label = mdText(`${location.file}:${location.line}:${location.column}`);
  return options.blobBaseUrl
    ? `[${label}](${options.blobBaseUrl}${encodePath(location.file)}${lineAnchor(location)})`
    : label;
}

function check(checkId: string, options: MarkdownOptions): string {
  return options.docsBaseUri ? `[${mdText(checkId)}](${ruleDocsUrl(options.docsBaseUri, checkId)})` : mdText(checkId);
}

function findingRow(f: Finding, config: string, options: MarkdownOptions): string {
  const body = [`**${mdText(f.title)}**`, mdText(f.detail)];
  if (f.remediation) body.push(`Fix: ${mdText(f.remediation)}`);
  const via = (f.location?.includedFrom ?? []).map((span) => `included from ${where(span, '', options)}`);
  return `| ${ICON[f.severity]} ${f.severity} | ${check(f.checkId, options)} | ${body.join('<br>')} | ${[where(f.location, config, options), ...via].join('<br>')} |`;
}

function suppressedRow(f: SuppressedFinding, config: string, options: MarkdownOptions): string {
  const reason = f.suppression.reason ? mdText(f.suppression.reason) : '_no reason given_';
  const by = f.suppression.location ? ` (${where(f.suppression.location, '', options)})` : '';
  return `| ${f.severity} | ${check(f.checkId, options)} | ${mdText(f.title)} | ${where(f.location, config, options)} | ${reason}${by} |`;
}

function issueLine(issue: ConfigIssue, config: string, options: MarkdownOptions): string {
  let line = `- ${where(issue.location, config, options)} ${mdCode(issue.path)}: ${mdText(issue.message)}`;
  if (issue.allowedValues)
    line += ` (allowed: ${mdText(issue.allowedValues.map((v) => JSON.stringify(v)).join(', '))})`;
  if (issue.hint) line += ` — ${mdText(issue.hint)}`;
  return line;
}

export interface Totals {
  critical: number;
  warn: number;
  info: number;
  suppressed: number;
  rejected: number;
}

export function totals(outcomes: readonly AuditOutcome[]): Totals {
  const t: Totals = { critical: 0, warn: 0, info: 0, suppressed: 0, rejected: 0 };
  for (const o of outcomes) {
    if (!o.ok) {
      t.rejected++;
      continue;
    }
    for (const f of o.findings) t[f.severity]++;
    t.warn += o.schemaWarnings.length; // --lenient: each schema issue is a config.schema_drift warning
    t.suppressed += o.suppressedFindings.length;
  }
  return t;
}

function countsLine(t: Totals, configs: number): string {
  const parts = [`**${t.critical}** critical`, `**${t.warn}** warn`, `**${t.info}** info`];
  if (t.suppressed) parts.push(`${t.suppressed} suppressed`);
  if (t.rejected) parts.push(`**${t.rejected}** rejected config${t.rejected === 1 ? '' : 's'}`);
  return `${parts.join(' · ')} in ${configs} config${configs === 1 ? '' : 's'}`;
}

/**
 * What a row reports, in the order rows are dropped to fit: other rows first, rejected-config issues last; a rejected
 * config's upgrade readiness (how to make openclaw load it) outranks info findings.
 */
type RowKind = 'other' | 'info' | 'migration' | 'warn' | 'critical' | 'rejected';
const DROP_ORDER: readonly RowKind[] = ['other', 'info', 'migration', 'warn', 'critical', 'rejected'];

/** A block of lines that is kept whole or dropped whole when the text must be shortened. */
interface Block {
  lines: string[];
  /** A droppable row; headings, counts and section frames have none and are never dropped. */
  row?: RowKind;
  /** The table a row belongs to, or the table a header introduces: a header whose rows are all dropped goes too. */
  table?: number;
  header?: boolean;
}

const rank = (o: AuditOutcome) => (o.ok ? [o.summary.critical, o.summary.warn, o.summary.info] : [Infinity, 0, 0]);

/** Rejected configs first, then by their worst findings (most criticals, then warns, then infos); stable otherwise. */
function bySeverity(outcomes: readonly AuditOutcome[]): AuditOutcome[] {
  return outcomes
    .map((o, i) => ({ o, i, r: rank(o) }))
    .sort((a, b) => b.r[0]! - a.r[0]! || b.r[1]! - a.r[1]! || b.r[2]! - a.r[2]! || a.i - b.i)
    .map(({ o }) => o);
}

/**
 * Renders the whole report. Clean runs say so in one line. Rejected configs come first, with their issues; then each
 * config with findings in a collapsible section (open when it has a critical or warn finding), worst first. When the
 * text must be shortened, info rows go before warn rows before critical rows, and a last line counts what was left out.
 */
export function renderMarkdown(outcomes: readonly AuditOutcome[], options: MarkdownOptions = {}): string {
  const t = totals(outcomes);
  const active = t.critical + t.warn + t.info;
  const head: string[] = [];
  if (options.marker) head.push(`<!-- ${options.marker} -->`);
  const icon = t.rejected || t.critical ? '❌' : t.warn ? '⚠️' : '✅';
  head.push(`### ${icon} ${mdText(options.title ?? 'openclaw-audit')}`, '');
  if (options.baseline) {
    const b = options.baseline;
    head.push(
      `Only findings this change introduces (compared with ${b.base}): ${countsLine(t, outcomes.length)}; ${b.unchanged} unchanged, ${b.resolved.length} resolved.`,
    );
  } else {
    head.push(
      active === 0 && !t.rejected
        ? `No active finding in ${outcomes.length} config${outcomes.length === 1 ? '' : 's'}${t.suppressed ? ` (${t.suppressed} suppressed)` : ''}.`
        : countsLine(t, outcomes.length) + '.',
    );
  }
  const blocks: Block[] = [];
  let tables = 0;
  const table = (header: string[], rows: Array<{ line: string; row: RowKind }>) => {
    const id = tables++;
    blocks.push({ lines: header, table: id, header: true });
    for (const r of rows) blocks.push({ lines: [r.line], row: r.row, table: id });
  };
  for (const o of bySeverity(outcomes)) {
    if (!o.ok) {
      blocks.push({
        lines: [
          '',
          `#### ❌ ${mdText(o.config)}: rejected by openclaw`,
          '',
          'openclaw would refuse to load this config, so no check ran. Fix these first:',
          '',
        ],
      });
      const migration = options.migrations?.get(o.config);
      o.issues.forEach((issue, i) => {
        const fate = migration?.issues[i]?.fate;
        const note = fate ? ` → ${FATE[fate]}` : '';
        blocks.push({ lines: [issueLine(issue, o.config, options) + note], row: 'rejected' });
      });
      if (migration) blocks.push(...upgradeReadiness(migration, options, tables++));
      continue;
    }
    const unchanged = options.baseline?.unchangedByConfig?.[o.config] ?? 0;
    if (o.findings.length === 0 && o.suppressedFindings.length === 0 && o.schemaWarnings.length === 0) {
      if (options.baseline && unchanged > 0)
        blocks.push({ lines: ['', `#### ✅ ${mdText(o.config)}: no new finding (${unchanged} unchanged)`] });
      else if (outcomes.length > 1)
        blocks.push({
          lines: ['', `#### ✅ ${mdText(o.config)}: ${options.baseline ? 'no new finding' : 'no finding'}`],
        });
      continue;
    }
    const s = o.summary;
    const open = s.critical + s.warn > 0 ? ' open' : '';
    const counts = `${s.critical} critical · ${s.warn} warn · ${s.info} info${options.baseline ? ` new${unchanged ? `, ${unchanged} unchanged` : ''}` : ''}`;
    blocks.push({ lines: ['', `<details${open}><summary><b>${htmlText(o.config)}</b>: ${counts}</summary>`, ''] });
    if (o.secretDiagnostics.length > 0 && o.findings.length > 0) {
      // openclaw prints these beside its findings: a `${VAR}` left unresolved is read as unset, which explains some.
      blocks.push({
        lines: [
          '> **Notes** (as `openclaw security audit` prints them; a finding below may read an unresolved reference as unset):',
          ...o.secretDiagnostics.map((d) => `> - ${mdText(d)}`),
          '',
        ],
      });
    }
    if (o.schemaWarnings.length > 0) {
      blocks.push({ lines: ['Schema issues (audited anyway, `--lenient`):', ''] });
      for (const issue of o.schemaWarnings) blocks.push({ lines: [issueLine(issue, o.config, options)], row: 'warn' });
      blocks.push({ lines: [''] });
    }
    if (o.findings.length > 0) {
      const sorted = [...o.findings].sort(compareFindings);
      table(
        ['| Severity | Check | Finding | Location |', '|---|---|---|---|'],
        sorted.map((f) => ({ line: findingRow(f, o.config, options), row: f.severity })),
      );
    }
    if (o.suppressedFindings.length > 0) {
      blocks.push({
        lines: [
          '',
          `<details><summary>${o.suppressedFindings.length} suppressed by <code>security.audit.suppressions</code></summary>`,
          '',
        ],
      });
      table(
        ['| Severity | Check | Title | Location | Reason |', '|---|---|---|---|---|'],
        o.suppressedFindings.map((f) => ({ line: suppressedRow(f, o.config, options), row: 'other' as const })),
      );
      blocks.push({ lines: ['', '</details>'] });
    }
    blocks.push({ lines: ['', '</details>'] });
  }
  if (options.baseline && options.baseline.resolved.length > 0) {
    const resolved = options.baseline.resolved;
    blocks.push({ lines: ['', `<details><summary>${resolved.length} resolved by this change</summary>`, ''] });
    table(
      ['| Severity | Check | Title | Was at |', '|---|---|---|---|'],
      resolved.map((r) => ({
        line: `| ${r.finding.severity} | ${check(r.finding.checkId, options)} | ${mdText(r.finding.title)} | ${r.finding.location ? mdText(`${r.finding.location.file}:${r.finding.location.line}`) : mdText(r.config)} |`,
        row: 'other' as const,
      })),
    );
    blocks.push({ lines: ['', '</details>'] });
  }
  const tail = options.footer ? ['', options.footer] : [];
  return fit(head, blocks, tail, options.maxLength ?? DEFAULT_MAX);
}

/**
 * A rejected config's upgrade readiness: doctor's migrations, what it would drop, what needs a person, and the audit
 * of the config as it would be after the migration — labelled, since that is not the config as committed.
 */
function upgradeReadiness(m: MigrationSummary, options: MarkdownOptions, table: number): Block[] {
  const n = m.migrations.length + m.dropped.length;
  const blocks: Block[] = [
    {
      lines: [
        '',
        `<details><summary><b>Upgrade readiness</b>: <code>openclaw doctor --fix</code> would make ${n} change${n === 1 ? '' : 's'}; <code>npx openclaw-audit --fix=migrate</code> makes them in place, comments and layout kept</summary>`,
        '',
      ],
    },
  ];
  const row = (label: string, text: string) => blocks.push({ lines: [`- ${label}: ${text}`], row: 'migration' });
  for (const line of m.migrations) row('migrate', mdText(line.split('\n')[0]!));
  for (const path of m.dropped) row('drop', `${mdCode(path)} (unknown key)`);
  for (const line of m.repairs) row('repair', mdText(line.replace(/^- /, '')));
  for (const line of m.pending) row('pending', mdText(line));
  for (const line of m.remaining) row('by hand', mdText(line));
  for (const line of m.errors) row('cannot', mdText(line));
  const after = m.after;
  if (!after.ok) {
    const k = after.issues.length;
    blocks.push({
      lines: [
        '',
        `After the migration openclaw would still reject the config (${k} issue${k === 1 ? '' : 's'} above under “by hand”). ${mdText(DOCTOR_WRITES_NOTHING)}.`,
      ],
    });
  } else {
    const c = after.summary;
    blocks.push({
      lines: [
        '',
        `**After the migration** (not the config as committed): ${c.critical} critical · ${c.warn} warn · ${c.info} info`,
        '',
      ],
    });
    if (after.findings.length > 0) {
      blocks.push({ lines: ['| Severity | Check | Title |', '|---|---|---|'], table, header: true });
      for (const f of [...after.findings].sort(compareFindings))
        blocks.push({
          lines: [`| ${ICON[f.severity]} ${f.severity} | ${check(f.checkId, options)} | ${mdText(f.title)} |`],
          row: 'migration',
          table,
        });
    }
  }
  blocks.push({ lines: ['', '</details>'] });
  return blocks;
}

function fit(head: string[], blocks: Block[], tail: string[], max: number): string {
  const size = (lines: readonly string[]) => lines.reduce((n, line) => n + line.length + 1, 0);
  let total = size(head) + size(tail) + blocks.reduce((n, b) => n + size(b.lines), 0);
  const left: Record<RowKind, number> = { other: 0, info: 0, migration: 0, warn: 0, critical: 0, rejected: 0 };
  const keep = blocks.map(() => true);
  if (total > max) {
    // Room for the note that says what was left out.
    const budget = max - 400;
    for (const kind of DROP_ORDER) {
      for (let i = blocks.length - 1; i >= 0 && total > budget; i--) {
        if (blocks[i]!.row !== kind) continue;
        keep[i] = false;
        total -= size(blocks[i]!.lines);
        left[kind]++;
      }
    }
    // A table whose rows are all gone loses its header too.
    const kept = new Set(blocks.filter((b, i) => keep[i] && b.row && b.table !== undefined).map((b) => b.table));
    blocks.forEach((b, i) => {
      if (b.header && !kept.has(b.table)) keep[i] = false;
    });
  }
  const text =
    [...head, ...blocks.filter((_, i) => keep[i]).flatMap((b) => b.lines), ...truncationNote(left), ...tail].join(
      '\n',
    ) + '\n';
  return text.length > max ? text.slice(0, max - 2) + '\n' : text;
}

function truncationNote(left: Record<RowKind, number>): string[] {
  const counted = (['critical', 'warn', 'info'] as const).filter((k) => left[k] > 0).map((k) => `${left[k]} ${k}`);
  if (left.rejected > 0) counted.unshift(`${left.rejected} rejected-config issue${left.rejected === 1 ? '' : 's'}`);
  if (left.migration > 0) counted.push(`${left.migration} upgrade-readiness row${left.migration === 1 ? '' : 's'}`);
  if (left.other > 0) counted.push(`${left.other} suppressed or resolved row${left.other === 1 ? '' : 's'}`);
  if (counted.length === 0) return [];
  return [
    '',
    `_Left out to fit GitHub's size limit: ${counted.join(', ')}; the job summary, the SARIF and JSON reports have everything._`,
  ];
}
