/**
 * Markdown for GitHub: the job summary, the sticky PR comment body and `--format markdown`.
 * Everything that comes from a config (details, paths, reasons) is escaped: a hostile PR must not be able to inject
 * HTML, links or @-mentions. Secrets are redacted by the caller (`redactText`) on the finished text.
 */
import { findRule } from '../core/checks/registry.ts';
import { docsFileName } from './docs.ts';
import { compareFindings } from './order.ts';
import type { AuditOutcome, ConfigIssue, Finding, Severity, SourceLocation, SourceSpan, SuppressedFinding } from '../core/types.ts';

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
}

export interface BaselineSummary {
  /** Short name of the base (`main @ abc1234`); trusted text. */
  base: string;
  /** Findings present on both sides, not shown. */
  unchanged: number;
  /** Findings on the base that the change removes. */
  resolved: ReadonlyArray<{ config: string; finding: Finding }>;
}

const ICON: Record<Severity, string> = { critical: '🔴', warn: '🟠', info: '🔵' };
const DEFAULT_MAX = 1024 * 1024 - 4096;

/** Escapes text for a Markdown table cell or paragraph: no HTML, no links, no emphasis, no mentions, no line breaks. */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
    .replace(/@/g, '@&#8203;')
    .replace(/\r?\n/g, '<br>');
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The docs page of a check, as the SARIF reporter's `helpUri`: `<base><rule id without <>>.md`. */
export function ruleDocsUrl(docsBaseUri: string, checkId: string): string {
  const id = findRule(checkId)?.id ?? checkId;
  return docsBaseUri + encodeURI(docsFileName(id));
}

export function lineAnchor(span: SourceSpan): string {
  return span.endLine > span.line ? `#L${span.line}-L${span.endLine}` : `#L${span.line}`;
}

function where(location: SourceLocation | SourceSpan | undefined, fallback: string, options: MarkdownOptions): string {
  if (!location) return mdText(fallback);
  const label = mdText(`${location.file}:${location.line}:${location.column}`);
  return options.blobBaseUrl ? `[${label}](${options.blobBaseUrl}${encodePath(location.file)}${lineAnchor(location)})` : label;
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
  let line = `- ${where(issue.location, config, options)} \`${issue.path.replace(/`/g, "'")}\`: ${mdText(issue.message)}`;
  if (issue.allowedValues) line += ` (allowed: ${mdText(issue.allowedValues.map((v) => JSON.stringify(v)).join(', '))})`;
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

/** A block of lines that is kept whole or dropped whole when the text must be shortened. */
interface Block {
  lines: string[];
  /** Dropped first when over budget (rows of tables); headers and counts are never dropped. */
  droppable: boolean;
}

/** Renders the whole report. Clean runs say so in one line; rejected configs come first, with their issues. */
export function renderMarkdown(outcomes: readonly AuditOutcome[], options: MarkdownOptions = {}): string {
  const t = totals(outcomes);
  const active = t.critical + t.warn + t.info;
  const head: string[] = [];
  if (options.marker) head.push(`<!-- ${options.marker} -->`);
  const icon = t.rejected || t.critical ? '❌' : t.warn ? '⚠️' : '✅';
  head.push(`### ${icon} ${mdText(options.title ?? 'openclaw-audit')}`, '');
  if (options.baseline) {
    const b = options.baseline;
    head.push(`Only findings this change introduces (compared with ${b.base}): ${countsLine(t, outcomes.length)}; ${b.unchanged} unchanged, ${b.resolved.length} resolved.`);
  } else {
    head.push(active === 0 && !t.rejected ? `No active finding in ${outcomes.length} config${outcomes.length === 1 ? '' : 's'}${t.suppressed ? ` (${t.suppressed} suppressed)` : ''}.` : countsLine(t, outcomes.length) + '.');
  }
  const blocks: Block[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      blocks.push({ lines: ['', `#### ❌ ${mdText(o.config)}: rejected by openclaw`, '', 'openclaw would refuse to load this config, so no check ran. Fix these first:', ''], droppable: false });
      for (const issue of o.issues) blocks.push({ lines: [issueLine(issue, o.config, options)], droppable: true });
      continue;
    }
    if (o.findings.length === 0 && o.suppressedFindings.length === 0 && o.schemaWarnings.length === 0 && outcomes.length > 1) {
      blocks.push({ lines: ['', `#### ✅ ${mdText(o.config)}: no finding`], droppable: false });
      continue;
    }
    if (o.findings.length === 0 && o.suppressedFindings.length === 0 && o.schemaWarnings.length === 0) continue;
    const s = o.summary;
    blocks.push({ lines: ['', `#### ${mdText(o.config)}: ${s.critical} critical · ${s.warn} warn · ${s.info} info`], droppable: false });
    if (o.schemaWarnings.length > 0) {
      blocks.push({ lines: ['', 'Schema issues (audited anyway, `--lenient`):', ''], droppable: false });
      for (const issue of o.schemaWarnings) blocks.push({ lines: [issueLine(issue, o.config, options)], droppable: true });
    }
    if (o.findings.length > 0) {
      blocks.push({ lines: ['', '| Severity | Check | Finding | Location |', '|---|---|---|---|'], droppable: false });
      const sorted = [...o.findings].sort(compareFindings);
      for (const f of sorted) blocks.push({ lines: [findingRow(f, o.config, options)], droppable: true });
    }
    if (o.suppressedFindings.length > 0) {
      blocks.push({
        lines: ['', `<details><summary>${o.suppressedFindings.length} suppressed by <code>security.audit.suppressions</code></summary>`, '', '| Severity | Check | Title | Location | Reason |', '|---|---|---|---|---|'],
        droppable: false,
      });
      for (const f of o.suppressedFindings) blocks.push({ lines: [suppressedRow(f, o.config, options)], droppable: true });
      blocks.push({ lines: ['', '</details>'], droppable: false });
    }
  }
  if (options.baseline && options.baseline.resolved.length > 0) {
    const resolved = options.baseline.resolved;
    blocks.push({ lines: ['', `<details><summary>${resolved.length} resolved by this change</summary>`, '', '| Severity | Check | Title | Was at |', '|---|---|---|---|'], droppable: false });
    for (const r of resolved) {
      blocks.push({ lines: [`| ${r.finding.severity} | ${check(r.finding.checkId, options)} | ${mdText(r.finding.title)} | ${r.finding.location ? mdText(`${r.finding.location.file}:${r.finding.location.line}`) : mdText(r.config)} |`], droppable: true });
    }
    blocks.push({ lines: ['', '</details>'], droppable: false });
  }
  const tail = options.footer ? ['', options.footer] : [];
  return fit(head, blocks, tail, options.maxLength ?? DEFAULT_MAX);
}

function fit(head: string[], blocks: Block[], tail: string[], max: number): string {
  const size = (lines: readonly string[]) => lines.reduce((n, line) => n + line.length + 1, 0);
  const render = (bs: readonly Block[], note: string[]) => [...head, ...bs.flatMap((b) => b.lines), ...note, ...tail].join('\n') + '\n';
  let total = size(head) + size(tail) + blocks.reduce((n, b) => n + size(b.lines), 0);
  if (total <= max) return render(blocks, []);
  // Drop table rows from the end until the text (with the note saying so) fits.
  const keep = blocks.map(() => true);
  let dropped = 0;
  for (let i = blocks.length - 1; i >= 0 && total + size(truncationNote(dropped || 1)) > max; i--) {
    if (!blocks[i]!.droppable) continue;
    keep[i] = false;
    total -= size(blocks[i]!.lines);
    dropped++;
  }
  const text = render(blocks.filter((_, i) => keep[i]), truncationNote(dropped));
  return text.length > max ? text.slice(0, max - 2) + '\n' : text;
}

function truncationNote(dropped: number): string[] {
  return ['', `_${dropped} more row${dropped === 1 ? '' : 's'} left out to fit GitHub's size limit; the SARIF and JSON reports have everything._`];
}
