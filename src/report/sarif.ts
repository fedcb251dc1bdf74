/**
 * Audit outcomes → one SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.
 * Pure: no file system, no clock, no environment; same input, same bytes. The mapping is documented in docs/sarif.md.
 */
import type * as Sarif from 'sarif';
import { CONFIG_INVALID, CONFIG_SCHEMA_DRIFT } from '../core/checks/config-invalid.ts';
import { RULES, matchRule } from '../core/checks/registry.ts';
import { ruleMatcher, type Rule, type RuleMatch } from '../core/checks/rule.ts';
import { suppressionExample } from '../core/suppressions.ts';
import type { AuditOutcome, ConfigIssue, Finding, Severity, SourceLocation, SourceSpan } from '../core/types.ts';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.ts';
import { showsTokenShape } from '../core/redact.ts';
import { bindMarkdown, mdCode, mdFence, mdText } from './markdown-escape.ts';

import { docsFileName } from './docs.ts';
export { FINGERPRINT_KEY } from './fingerprint.ts';

const TOOL_NAME = 'openclaw-audit';
const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** The only `partialFingerprints` key GitHub code scanning reads. */
const PRIMARY_LOCATION_LINE_HASH = 'primaryLocationLineHash';
/** `automationDetails.id` when the caller names no category: the same for every run, whatever it audits. */
const DEFAULT_CATEGORY = `${TOOL_NAME}/`;

export interface SarifOptions {
  toolVersion: string;
  informationUri: string;
  /** base for rule helpUri, e.g. https://github.com/<owner>/openclaw-audit/blob/v1.2.3/docs/checks/ */
  docsBaseUri: string;
  /** drop suppressed results instead of emitting them with suppressions */
  omitSuppressed?: boolean;
  /** run.automationDetails.id (a trailing `/` is added); `DEFAULT_CATEGORY` when absent */
  category?: string;
  /** file contents by repo-relative path, for region snippets; optional */
  readSnippet?: (file: string, line: number) => string | undefined;
  /** The rules to declare; the registry (`RULES`) by default. Tests pass a fixed list. */
  rules?: readonly Rule[];
  /** ISO 8601 UTC times for `invocations[0]`; left out when absent. */
  startTimeUtc?: string;
  endTimeUtc?: string;
  /** Absolute URI of the audit root (ends with `/`), for `originalUriBaseIds`. */
  srcRootUri?: string;
  /** `versionControlProvenance[0]`, when run in a git checkout or GitHub Actions. */
  versionControl?: { repositoryUri: string; revisionId?: string; branch?: string };
}

// ---------------------------------------------------------------------------------------------------------------
// Severity mapping (docs/sarif.md § Severities)

const LEVEL: Readonly<Record<Severity, Sarif.ReportingConfiguration.level>> = {
  critical: 'error',
  warn: 'warning',
  info: 'note',
};
const PROBLEM_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: 'error',
  warn: 'warning',
  info: 'recommendation',
};
/** GitHub bands: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', warn: '5.5', info: '2.0' };

// ---------------------------------------------------------------------------------------------------------------
// Rules

const PLACEHOLDER = /<([^>]+)>/g;

type MatchRule = (checkId: string) => RuleMatch | undefined;

function bind(text: string, bindings: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => bindings[name] ?? whole);
}

/** `gateway.bind_no_auth` → `GatewayBindNoAuth`. */
export function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function firstParagraph(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)[0]!
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

interface HelpParts {
  id: string;
  title: string;
  help: string;
  remediation?: string;
  severity: Severity;
  severities: readonly Severity[];
  configPaths: readonly string[];
  template?: string;
  suppressible: boolean;
  helpUri: string;
}

function helpMarkdown(p: HelpParts): string {
  const out: string[] = [p.help.trim()];
  const also = p.severities.filter((s) => s !== p.severity);
  const facts = [`**Severity:** ${p.severity}${also.length > 0 ? ` (can also be ${also.join(', ')})` : ''}.`];
  if (p.configPaths.length > 0) facts.push(`**Config keys:** ${p.configPaths.map((k) => mdCode(k)).join(', ')}.`);
  if (p.template) facts.push(`One rule per concrete id of the family \`${p.template}\`.`);
  out.push(facts.join(' '));
  if (p.remediation) out.push('### How to fix', p.remediation.trim());
  if (p.suppressible) {
    out.push(
      '### Accepting the risk',
      'When the risk is understood and accepted, record it in the config (add `titleIncludes` or `detailIncludes` to ' +
        'narrow it to one finding); openclaw and openclaw-audit then report the finding as suppressed:',
      `${mdFence(suppressionExample(p.id))}json5\n${suppressionExample(p.id)}\n${mdFence(suppressionExample(p.id))}`,
    );
  }
  out.push(`Documentation: [${mdText(p.id)}](${p.helpUri})`);
  return out.join('\n\n');
}

function helpText(p: HelpParts): string {
  const out: string[] = [p.help.trim()];
  const also = p.severities.filter((s) => s !== p.severity);
  out.push(`Severity: ${p.severity}${also.length > 0 ? ` (can also be ${also.join(', ')})` : ''}.`);
  if (p.configPaths.length > 0) out.push(`Config keys: ${p.configPaths.join(', ')}.`);
  if (p.remediation) out.push(`How to fix: ${p.remediation.trim()}`);
  if (p.suppressible) {
    out.push(
      `Accepting the risk: add an entry to security.audit.suppressions, for example:\n${suppressionExample(p.id)}`,
    );
  }
  out.push(`Documentation: ${p.helpUri}`);
  return out.join('\n\n');
}

function describeRule(
  rule: Rule,
  id: string,
  bindings: Record<string, string>,
  options: SarifOptions,
): Sarif.ReportingDescriptor {
  const template = rule.id.includes('<') ? rule.id : undefined;
  const helpUri = options.docsBaseUri + encodeURI(docsFileName(rule.id));
  const parts: HelpParts = {
    id,
    title: bind(rule.title, bindings),
    help: bind(rule.help, bindings),
    ...(rule.remediation ? { remediation: bind(rule.remediation, bindings) } : {}),
    severity: rule.severity,
    severities: rule.severities,
    configPaths: rule.configPaths.map((p) => bind(p, bindings)),
    ...(template ? { template } : {}),
    suppressible: !rule.unsuppressible,
    helpUri,
  };
  return {
    id,
    name: pascalName(id),
    shortDescription: { text: limit(parts.title, 1024) },
    fullDescription: { text: limit(sentence(firstParagraph(parts.help)), 1024) },
    // Bound values (provider names, account ids) come from the config: escaped for Markdown where they land.
    help: {
      text: helpText(parts),
      markdown: helpMarkdown({
        ...parts,
        help: bindMarkdown(rule.help, bindings),
        ...(rule.remediation ? { remediation: bindMarkdown(rule.remediation, bindings) } : {}),
      }),
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [...new Set(['security', rule.family])],
      precision: rule.precision,
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      ...(template ? { 'openclawAudit/template': template } : {}),
    },
  };
}

/** A checkId that no rule declares (a bug in a check): declared from the finding itself, and reported as a notification. */
function describeUnknown(
  id: string,
  title: string,
  severity: Severity,
  options: SarifOptions,
): Sarif.ReportingDescriptor {
  const family = id.split('.')[0] ?? id;
  const helpUri = options.docsBaseUri + encodeURI(docsFileName(id));
  const text = `${title}. openclaw-audit has no documentation for this check id yet.`;
  const markdown = `${mdText(title)}. openclaw-audit has no documentation for this check id yet.`;
  return {
    id,
    name: pascalName(id),
    shortDescription: { text: limit(title, 1024) },
    fullDescription: { text: limit(text, 1024) },
    help: { text, markdown },
    helpUri,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: [...new Set(['security', family])],
      precision: 'very-high',
      'problem.severity': PROBLEM_SEVERITY[severity],
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Locations

/** `config/my file.json5` → `config/my%20file.json5`: each segment URI-encoded, separators kept. */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

class Artifacts {
  readonly list: Sarif.Artifact[] = [];
  private readonly index = new Map<string, number>();

  add(file: string, roles: Sarif.Artifact['roles']): number {
    const known = this.index.get(file);
    if (known !== undefined) return known;
    const i = this.list.length;
    this.index.set(file, i);
    this.list.push({ location: { uri: fileUri(file), uriBaseId: SRCROOT }, ...(roles ? { roles } : {}) });
    return i;
  }
}

interface LocationContext {
  artifacts: Artifacts;
  options: SarifOptions;
  /** Lines that hold a secret, per file (`file` → line numbers), from every outcome's secret spans. */
  secretLines: Map<string, Set<number>>;
}

function secretLinesOf(outcomes: readonly AuditOutcome[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const outcome of outcomes) {
    for (const span of outcome.secrets.spans) {
      let lines = out.get(span.file);
      if (!lines) out.set(span.file, (lines = new Set()));
      for (let line = span.line; line <= span.endLine; line++) lines.add(line);
    }
  }
  return out;
}

function snippetOf(span: SourceSpan, ctx: LocationContext): string | undefined {
  const { options } = ctx;
  // No snippet for a stand-in location (its first character says nothing).
  if (!options.readSnippet || STAND_INS.has(span)) return undefined;
  const secret = ctx.secretLines.get(span.file);
  const lines: string[] = [];
  for (let line = span.line; line <= span.endLine; line++) {
    // A line that holds any part of a secret (or a token shape) gives no snippet at all, not even the part the
    // region covers.
    if (secret?.has(line)) return undefined;
    const text = options.readSnippet(span.file, line);
    if (text === undefined || showsTokenShape(text)) return undefined;
    const from = line === span.line ? span.column - 1 : 0;
    const to = line === span.endLine ? span.endColumn - 1 : text.length;
    lines.push(text.slice(from, to));
  }
  const snippet = lines.join('\n');
  return snippet.trim() === '' ? undefined : snippet;
}

function artifactLocation(file: string, ctx: LocationContext): Sarif.ArtifactLocation {
  return { uri: fileUri(file), uriBaseId: SRCROOT, index: ctx.artifacts.add(file, ['analysisTarget']) };
}

function physicalLocation(span: SourceSpan, ctx: LocationContext): Sarif.PhysicalLocation {
  const snippet = snippetOf(span, ctx);
  return {
    artifactLocation: artifactLocation(span.file, ctx),
    region: {
      startLine: span.line,
      startColumn: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
      ...(snippet !== undefined ? { snippet: { text: snippet } } : {}),
    },
  };
}

function logicalLocations(path: string): Sarif.LogicalLocation[] {
  const segments = path.split('.');
  return [
    { name: segments[segments.length - 1]!, fullyQualifiedName: path, kind: path === '<root>' ? 'object' : 'member' },
  ];
}

function location(loc: SourceLocation, ctx: LocationContext, extra: Partial<Sarif.Location> = {}): Sarif.Location {
  return { ...extra, physicalLocation: physicalLocation(loc, ctx), logicalLocations: logicalLocations(loc.path) };
}

/** Locations made up here rather than found in a file. */
const STAND_INS = new WeakSet<SourceSpan>();

/** Where a result without a location is shown: the start of its config file. */
function fileStart(file: string): SourceLocation {
  const at: SourceLocation = { file, line: 1, column: 1, endLine: 1, endColumn: 2, path: '<root>' };
  STAND_INS.add(at);
  return at;
}

// ---------------------------------------------------------------------------------------------------------------
// Results

interface Entry {
  checkId: string;
  severity: Severity;
  /** The rule's title, or openclaw's title of the finding. */
  title: string;
  detail: string;
  config: string;
  location: SourceLocation;
  related: readonly SourceLocation[];
  suppression?: { reason?: string; location?: SourceLocation; inline?: { until?: string } };
}

function issueDetail(issue: ConfigIssue): string {
  const parts = [issue.path === '<root>' ? issue.message : `${issue.path}: ${issue.message}`];
  if (issue.allowedValues && issue.allowedValues.length > 0) {
    parts[0] = `${sentence(parts[0]!).slice(0, -1)} (allowed: ${issue.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  if (issue.hint) parts.push(issue.hint);
  return parts.map(sentence).join(' ');
}

function findingEntry(finding: Finding, config: string, suppression?: Entry['suppression']): Entry {
  return {
    checkId: finding.checkId,
    severity: finding.severity,
    title: finding.title,
    detail: finding.detail,
    config,
    location: finding.location ?? fileStart(config),
    related: finding.relatedLocations ?? [],
    ...(suppression ? { suppression } : {}),
  };
}

function issueEntry(
  checkId: string,
  issue: ConfigIssue,
  config: string,
  rules: MatchRule,
  fallbackTitle: string,
): Entry {
  const rule = rules(checkId)?.rule;
  return {
    checkId,
    severity: checkId === CONFIG_INVALID ? 'critical' : (rule?.severity ?? 'warn'),
    title: rule?.title ?? fallbackTitle,
    detail: issueDetail(issue),
    config,
    location: issue.location ?? fileStart(config),
    related: [],
  };
}

function entriesOf(outcome: AuditOutcome, rules: MatchRule, options: SarifOptions): Entry[] {
  if (!outcome.ok) {
    return outcome.issues.map((issue) =>
      issueEntry(CONFIG_INVALID, issue, outcome.config, rules, 'OpenClaw config is invalid'),
    );
  }
  return [
    ...outcome.schemaWarnings.map((issue) =>
      issueEntry(
        CONFIG_SCHEMA_DRIFT,
        issue,
        outcome.config,
        rules,
        'Config key or value not accepted by this openclaw version',
      ),
    ),
    ...outcome.findings.map((finding) => findingEntry(finding, outcome.config)),
    ...(options.omitSuppressed
      ? []
      : outcome.suppressedFindings.map((f) => findingEntry(f, outcome.config, f.suppression))),
  ];
}

/** Literal `[x](1)` in a finding's own text would read as an embedded link (SARIF §3.11.6): escape it. */
function escapeLinks(text: string): string {
  // `[^[\]]*` stops at the next bracket, so a run of `[` is scanned once (linear), not once per `[`.
  return /\[[^[\]]*\]\(\d+\)/.test(text) ? text.replace(/[[\]]/g, (c) => `\\${c}`) : text;
}

function messageText(entry: Entry): string {
  const title = entry.title.trim();
  const detail = entry.detail.trim();
  return escapeLinks(sentence(detail === '' ? title : `${title.replace(/[.:]$/, '')}: ${detail}`));
}

function spanKey(span: SourceSpan): string {
  return `${span.file}\u0000${span.line}\u0000${span.column}\u0000${span.endLine}\u0000${span.endColumn}`;
}

function relatedLocations(entry: Entry, ctx: LocationContext): { locations: Sarif.Location[]; links: string[] } {
  const locations: Sarif.Location[] = [];
  const links: string[] = [];
  const seen = new Set<string>([spanKey(entry.location)]);
  const push = (span: SourceSpan, path: string | undefined, text: string, linkText: string) => {
    if (seen.has(spanKey(span))) return;
    seen.add(spanKey(span));
    const id = locations.length + 1;
    locations.push({
      id,
      physicalLocation: physicalLocation(span, ctx),
      ...(path !== undefined ? { logicalLocations: logicalLocations(path) } : {}),
      message: { text },
    });
    links.push(`[${linkText.replace(/[[\]\\]/g, (c) => `\\${c}`)}](${id})`);
  };
  const includeChain = (loc: SourceLocation) => {
    const chain = loc.includedFrom ?? [];
    chain.forEach((span, i) => {
      const included = i + 1 < chain.length ? chain[i + 1]!.file : loc.file;
      push(span, undefined, `The $include that brings ${included} into the config.`, `$include of ${included}`);
    });
  };
  includeChain(entry.location);
  for (const loc of entry.related) {
    push(loc, loc.path, `Related key ${loc.path}.`, loc.path);
    includeChain(loc);
  }
  return { locations, links };
}

function suppressionsOf(entry: Entry, ctx: LocationContext): Sarif.Suppression[] {
  if (!entry.suppression) return [];
  const at = entry.suppression.location;
  const reason = entry.suppression.reason;
  return [
    {
      kind: at && at.file === entry.location.file ? 'inSource' : 'external',
      status: 'accepted',
      ...(reason ? { justification: reason } : {}),
      ...(at
        ? {
            location: location(at, ctx, {
              message: {
                text: entry.suppression.inline
                  ? 'The openclaw-audit: ignore comment that accepts this finding.'
                  : 'The security.audit.suppressions entry that accepts this finding.',
              },
            }),
          }
        : {}),
    },
  ];
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareResults(a: Sarif.Result, b: Sarif.Result): number {
  const pa = a.locations![0]!.physicalLocation!;
  const pb = b.locations![0]!.physicalLocation!;
  return (
    compare(pa.artifactLocation!.uri!, pb.artifactLocation!.uri!) ||
    compare(pa.region!.startLine!, pb.region!.startLine!) ||
    compare(pa.region!.startColumn!, pb.region!.startColumn!) ||
    compare(a.ruleId!, b.ruleId!) ||
    compare(a.message.text!, b.message.text!) ||
    compare(a.partialFingerprints![FINGERPRINT_KEY]!, b.partialFingerprints![FINGERPRINT_KEY]!)
  );
}

function normalizeCategory(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

// ---------------------------------------------------------------------------------------------------------------
// The log

export function toSarif(outcomes: readonly AuditOutcome[], options: SarifOptions): Sarif.Log {
  const declared = options.rules ?? RULES;
  const index = options.rules ? ruleMatcher(options.rules) : matchRule;
  const artifacts = new Artifacts();
  const ctx: LocationContext = { artifacts, options, secretLines: secretLinesOf(outcomes) };
  for (const outcome of outcomes)
    for (const file of outcome.files.length > 0 ? outcome.files : [outcome.config])
      artifacts.add(file, ['analysisTarget']);

  const entries = outcomes.flatMap((outcome) => entriesOf(outcome, index, options));

  // rules[]: every rule of the registry in registry order; a template is replaced by the concrete ids that occur.
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const declare = (descriptor: Sarif.ReportingDescriptor) => {
    if (ruleIndex.has(descriptor.id)) return;
    ruleIndex.set(descriptor.id, rules.length);
    rules.push(descriptor);
  };
  const occurring = [...new Set(entries.map((e) => e.checkId))].sort(compare);
  for (const rule of declared) {
    if (!rule.id.includes('<')) {
      declare(describeRule(rule, rule.id, {}, options));
      continue;
    }
    for (const id of occurring) {
      const match = index(id);
      if (match && match.rule === rule) declare(describeRule(rule, id, match.bindings, options));
    }
  }
  const notifications: Sarif.Notification[] = [];
  for (const id of occurring) {
    if (ruleIndex.has(id)) continue;
    const entry = entries.find((e) => e.checkId === id)!;
    const match = index(id);
    declare(
      match
        ? describeRule(match.rule, id, match.bindings, options)
        : describeUnknown(id, entry.title, entry.severity, options),
    );
    if (!match) {
      notifications.push({
        level: 'warning',
        message: {
          text: `No rule of openclaw-audit declares the check id ${id}; it is reported with metadata from the finding.`,
        },
        associatedRule: { id, index: ruleIndex.get(id)! },
      });
    }
  }

  const prints = fingerprints(
    entries.map((e) => ({ checkId: e.checkId, config: e.config, path: e.location.path, discriminator: e.detail })),
  );
  const withSuppressions = entries.some((e) => e.suppression);
  const results = entries.map((entry, i): Sarif.Result => {
    const related = relatedLocations(entry, ctx);
    const base = messageText(entry);
    const text = related.links.length > 0 ? `${base} See ${related.links.join(', ')}.` : base;
    const fingerprint = prints[i]!;
    return {
      ruleId: entry.checkId,
      ruleIndex: ruleIndex.get(entry.checkId)!,
      level: LEVEL[entry.severity],
      message: { text },
      locations: [location(entry.location, ctx)],
      ...(related.locations.length > 0 ? { relatedLocations: related.locations } : {}),
      // GitHub reads only primaryLocationLineHash and computes none for a REST upload; ours is the one that survives
      // moved lines and reformatting. The namespaced key carries the same value for other consumers.
      partialFingerprints: { [PRIMARY_LOCATION_LINE_HASH]: fingerprint, [FINGERPRINT_KEY]: fingerprint },
      ...(withSuppressions ? { suppressions: suppressionsOf(entry, ctx) } : {}),
      properties: {
        'openclawAudit/severity': entry.severity,
        'openclawAudit/config': entry.config,
        'security-severity': SECURITY_SEVERITY[entry.severity],
      },
    };
  });
  results.sort(compareResults);

  for (const outcome of outcomes) {
    if (outcome.ok) {
      for (const note of outcome.notes ?? []) {
        notifications.push({
          level: 'note',
          message: { text: sentence(`${outcome.config}: ${note.message}`) },
          locations: [
            note.location
              ? location(note.location, ctx)
              : { physicalLocation: { artifactLocation: artifactLocation(outcome.config, ctx) } },
          ],
        });
      }
      for (const message of outcome.secretDiagnostics) {
        notifications.push({
          level: 'note',
          message: { text: sentence(`${outcome.config}: ${message}`) },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(outcome.config, ctx) } }],
        });
      }
      continue;
    }
    for (const issue of outcome.issues) {
      notifications.push({
        level: 'error',
        message: { text: sentence(`${outcome.config} was not audited: ${issueDetail(issue)}`) },
        locations: [location(issue.location ?? fileStart(outcome.config), ctx)],
        associatedRule: { id: CONFIG_INVALID, index: ruleIndex.get(CONFIG_INVALID) ?? -1 },
      });
    }
  }
  for (const n of notifications) if (n.associatedRule && n.associatedRule.index === -1) delete n.associatedRule.index;

  // The default must not depend on what was found: a category that changed with the number of configs would leave
  // the previous category's alerts open forever (GitHub closes alerts only against a later run of the same category).
  const category = options.category !== undefined ? normalizeCategory(options.category) : DEFAULT_CATEGORY;

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: options.toolVersion,
        semanticVersion: options.toolVersion,
        informationUri: options.informationUri,
        rules,
      },
    },
    automationDetails: { id: category },
    invocations: [
      {
        executionSuccessful: outcomes.every((o) => o.ok),
        ...(options.startTimeUtc ? { startTimeUtc: options.startTimeUtc } : {}),
        ...(options.endTimeUtc ? { endTimeUtc: options.endTimeUtc } : {}),
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    originalUriBaseIds: {
      [SRCROOT]: options.srcRootUri
        ? { uri: options.srcRootUri.endsWith('/') ? options.srcRootUri : `${options.srcRootUri}/` }
        : { description: { text: 'The root of the audited repository; every artifact URI is relative to it.' } },
    },
    ...(options.versionControl
      ? {
          versionControlProvenance: [
            {
              repositoryUri: options.versionControl.repositoryUri,
              ...(options.versionControl.revisionId ? { revisionId: options.versionControl.revisionId } : {}),
              ...(options.versionControl.branch ? { branch: options.versionControl.branch } : {}),
              mappedTo: { uriBaseId: SRCROOT },
            },
          ],
        }
      : {}),
    artifacts: artifacts.list,
    results,
    columnKind: 'utf16CodeUnits',
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** The log as the bytes to write: two-space JSON with a final newline. */
export function formatSarif(log: Sarif.Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}
