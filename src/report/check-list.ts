/** `--list-checks`: every rule of the registry with its severities, title and docs page, in text, JSON or Markdown. */
import { RULES } from '../core/checks/registry.ts';
import type { Rule } from '../core/checks/rule.ts';
import { docsFileName } from './docs.ts';
import { mdText } from './markdown-escape.ts';

export const CHECK_LIST_FORMATS = ['text', 'json', 'markdown'] as const;
export type CheckListFormat = (typeof CHECK_LIST_FORMATS)[number];

export interface CheckListEntry {
  /** The checkId, or the template of a family of ids (`channels.<provider>.dm.open`). */
  checkId: string;
  family: string;
  /** The default severity. */
  severity: string;
  /** Every severity the check can be reported with. */
  severities: string[];
  title: string;
  docs: string;
}

export function checkList(docsBaseUri: string, rules: readonly Rule[] = RULES): CheckListEntry[] {
  return rules.map((rule) => ({
    checkId: rule.id,
    family: rule.family,
    severity: rule.severity,
    severities: [...rule.severities],
    title: rule.title,
    docs: docsBaseUri + encodeURI(docsFileName(rule.id)),
  }));
}

function severities(entry: CheckListEntry): string {
  return entry.severities.join('/');
}

export function renderCheckList(format: CheckListFormat, entries: readonly CheckListEntry[]): string {
  if (format === 'json') return JSON.stringify({ checks: entries }, null, 2) + '\n';
  if (format === 'markdown') {
    return [
      '| checkId | severity | title |',
      '|---|---|---|',
      ...entries.map((e) => `| [\`${e.checkId}\`](${e.docs}) | ${severities(e)} | ${mdText(e.title)} |`),
      '',
    ].join('\n');
  }
  const idWidth = Math.max(...entries.map((e) => e.checkId.length));
  const sevWidth = Math.max(...entries.map((e) => severities(e).length));
  return entries
    .map((e) => `${e.checkId.padEnd(idWidth)}  ${severities(e).padEnd(sevWidth)}  ${e.title}  ${e.docs}\n`)
    .join('');
}
