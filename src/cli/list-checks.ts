/** `openclaw-audit --list-checks [--format text|json|markdown]`: the rule registry, for people and for scripts. */
import { DOCS_BASE_URI } from '../report/formats.ts';
import { CHECK_LIST_FORMATS, checkList, renderCheckList, type CheckListFormat } from '../report/check-list.ts';
import { UsageError } from '../io/discover.ts';

export function listChecks(format: string): string {
  if (!(CHECK_LIST_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--list-checks prints ${CHECK_LIST_FORMATS.join(', ')} (got --format ${format})`);
  }
  return renderCheckList(format as CheckListFormat, checkList(DOCS_BASE_URI));
}
