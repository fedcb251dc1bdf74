/** `security.audit.suppressions`, with openclaw's matching rules. */
import { defineRules } from './checks/rule.ts';
import { isObject, trimmed } from './checks/util.ts';
import type { Locator } from './config/locate.ts';
import { closestMatch } from './closest.ts';
import type { ConfigNote, Finding, Suppression, SuppressedFinding } from './types.ts';

export const SUPPRESSIONS_ACTIVE = 'security.audit.suppressions.active';

export const rules = defineRules([
  {
    id: SUPPRESSIONS_ACTIVE,
    severity: 'info',
    title: 'Security audit suppressions configured',
    help:
      'The config hides some findings with `security.audit.suppressions`. This finding is always added when any ' +
      'suppression is configured, so a reader can tell that the report was filtered; it cannot itself be suppressed.',
    remediation: 'Review the suppressed findings and remove suppressions whose accepted risk no longer applies.',
    configPaths: ['security.audit.suppressions'],
    unsuppressible: 'openclaw adds this notice whenever suppressions are configured and never suppresses it.',
  },
]);

/** A `security.audit.suppressions` entry for `checkId`, as JSON5 (the docs and the SARIF rule help show it). */
export function suppressionExample(checkId: string): string {
  return [
    '{',
    '  security: {',
    '    audit: {',
    '      suppressions: [',
    `        { checkId: ${JSON.stringify(checkId)}, reason: "Why this risk is accepted here." },`,
    '      ],',
    '    },',
    '  },',
    '}',
  ].join('\n');
}

/** The suppression entries of a config, in config order, with their locations. */
export function readSuppressions(config: unknown, locate: Locator): Suppression[] {
  const list =
    isObject(config) && isObject(config.security) && isObject(config.security.audit)
      ? config.security.audit.suppressions
      : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, index): Suppression[] => {
    if (!isObject(entry) || typeof entry.checkId !== 'string') return [];
    const optional = (key: string) => (typeof entry[key] === 'string' ? { [key]: entry[key] as string } : {});
    return [
      {
        checkId: entry.checkId,
        ...optional('titleIncludes'),
        ...optional('detailIncludes'),
        ...optional('reason'),
        location: locate(['security', 'audit', 'suppressions', index]),
      },
    ];
  });
}

function matches(suppression: Suppression, finding: Finding): boolean {
  const checkId = suppression.checkId.trim();
  if (checkId === '' || checkId !== finding.checkId) return false;
  const title = trimmed(suppression.titleIncludes)?.toLowerCase();
  if (title && !finding.title.toLowerCase().includes(title)) return false;
  const detail = trimmed(suppression.detailIncludes)?.toLowerCase();
  if (detail && !finding.detail.toLowerCase().includes(detail)) return false;
  return true;
}

/** Splits findings into active and suppressed; the first matching suppression (config order) wins. */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
): { active: Finding[]; suppressed: SuppressedFinding[] } {
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const match = suppressions.find((s) => matches(s, finding));
    if (!match) {
      active.push(finding);
      continue;
    }
    const reason = trimmed(match.reason);
    suppressed.push({
      ...finding,
      suppression: { ...(reason ? { reason } : {}), ...(match.location ? { location: match.location } : {}) },
    });
  }
  return { active, suppressed };
}

/** A checkId is shown in a note up to this many characters. */
const MAX_SHOWN = 120;

/**
 * A note for each suppression whose checkId names no check we run: a typo suppresses nothing, silently. openclaw says
 * nothing about it either, so this is a note and never a finding. The id may still be one of openclaw's host checks.
 */
export function unknownCheckNotes(
  suppressions: readonly Suppression[],
  isKnown: (checkId: string) => boolean,
  knownIds: readonly string[],
): ConfigNote[] {
  return suppressions.flatMap((suppression): ConfigNote[] => {
    const checkId = suppression.checkId.trim();
    if (checkId === '' || isKnown(checkId)) return [];
    const shown = checkId.length > MAX_SHOWN ? `${checkId.slice(0, MAX_SHOWN)}…` : checkId;
    const suggestion = closestMatch(checkId, knownIds);
    const where = suppression.location?.path ?? 'security.audit.suppressions';
    return [
      {
        message:
          `${where}: checkId ${JSON.stringify(shown)} is not a check openclaw-audit runs, so this entry suppresses nothing here` +
          (suggestion
            ? ` (did you mean ${JSON.stringify(suggestion)}?)`
            : " (a typo, or one of openclaw's host checks, which a committed config cannot show)"),
        ...(suppression.location ? { location: suppression.location } : {}),
      },
    ];
  });
}
