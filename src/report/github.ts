/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), for running the CLI in a
 * workflow step without our Action. Escaped per GitHub's rules (actions/toolkit's command.ts): `%`, CR and LF in the
 * message; those and `:` and `,` in properties. Control characters from the config are shown as `\uXXXX` first, so
 * nothing from a config can start a new command or paint the log.
 */
import type { AuditOutcome, Severity } from '../core/types.ts';
import { escapeControlCharacters } from './text.ts';
import { entryBody, reportEntries, type ReportEntry } from './entries.ts';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  warn: 'warning',
  info: 'notice',
};
const ORDER: readonly Severity[] = ['critical', 'warn', 'info'];
/** GitHub shows at most 10 error and 10 warning annotations per step (50 per job) and drops the rest silently. */
const GITHUB_ANNOTATIONS_PER_STEP = 10;

function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(entry: ReportEntry): string {
  const clean = (s: string) => escapeControlCharacters(s);
  const props = [`file=${escapeCommandProperty(clean(entry.location?.file ?? entry.config))}`];
  if (entry.location) {
    const { line, column, endLine, endColumn } = entry.location;
    props.push(`line=${line}`, `endLine=${endLine}`);
    // GitHub accepts columns only on a one-line annotation.
    if (endLine === line) props.push(`col=${column}`, `endColumn=${endColumn}`);
  }
  props.push(`title=${escapeCommandProperty(clean(`${entry.checkId}: ${entry.title}`))}`);
  return `::${COMMAND[entry.severity]} ${props.join(',')}::${escapeCommandData(clean(entryBody(entry)))}`;
}

/** One workflow command per finding (most severe first), then a notice when GitHub will not show them all. */
export function renderGithub(outcomes: readonly AuditOutcome[]): string {
  const entries = reportEntries(outcomes);
  entries.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  const lines = entries.map(command);
  const perLevel = ORDER.map((s) => entries.filter((e) => e.severity === s).length);
  if (perLevel.some((n) => n > GITHUB_ANNOTATIONS_PER_STEP)) {
    const counts = ORDER.map((s, i) => `${perLevel[i]} ${s}`).join(', ');
    lines.push(
      `::notice title=openclaw-audit::${escapeCommandData(`${entries.length} findings (${counts}); GitHub shows ${GITHUB_ANNOTATIONS_PER_STEP} annotations per level per step, so some are not annotated. Write --format sarif or json as well to keep them all.`)}`,
    );
  }
  return lines.map((l) => `${l}\n`).join('');
}
