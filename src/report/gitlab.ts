/**
 * `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`), the Code Climate subset GitLab
 * reads: `description`, `check_name`, `fingerprint`, `severity`, `location.path` and `location.lines`.
 * Fingerprints are our stable ones (checkId, config, config path), so GitLab's merge request widget compares runs
 * even when lines move, and no two findings share one (GitLab shows one entry per fingerprint).
 */
import type { AuditOutcome, Severity } from '../core/types.ts';
import { fingerprints } from './fingerprint.ts';
import { entryBody, reportEntries } from './entries.ts';

type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
const SEVERITY: Record<Severity, GitlabSeverity> = { critical: 'critical', warn: 'major', info: 'info' };

interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

function toGitlab(outcomes: readonly AuditOutcome[]): CodeQualityIssue[] {
  const entries = reportEntries(outcomes);
  const prints = fingerprints(
    entries.map((e) => ({ checkId: e.checkId, config: e.config, path: e.path, discriminator: e.detail })),
  );
  return entries.map((entry, i) => ({
    type: 'issue',
    check_name: entry.checkId,
    description: `${entry.checkId}: ${entry.title}. ${entry.detail}`.replace(/\s*\n\s*/g, ' '),
    content: { body: entryBody(entry) },
    categories: ['Security'],
    fingerprint: prints[i]!,
    // A config openclaw rejects would stop the gateway from starting: the highest level GitLab has.
    severity: entry.rejected ? 'blocker' : SEVERITY[entry.severity],
    location: {
      path: entry.location?.file ?? entry.config,
      lines: { begin: entry.location?.line ?? 1, end: entry.location?.endLine ?? 1 },
    },
  }));
}

export function renderGitlab(outcomes: readonly AuditOutcome[]): string {
  return `${JSON.stringify(toGitlab(outcomes), null, 2)}\n`;
}
