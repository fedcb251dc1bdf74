/** Last steps: the one notice of skipped features, the outputs, and the gate (`setFailed` after everything else). */
import { relative, sep } from 'node:path';
import type { FailLevel } from '../../report/gate.ts';
import type { Totals } from '../../report/markdown.ts';
import { plural } from '../labels.ts';
import type { ActionRun } from '../run-state.ts';

export function reportDegraded(run: ActionRun): void {
  const sarifFile = relative(run.workspace, run.inputs.sarifFile).split(sep).join('/');
  const message = run.degraded.message(run.ctx.pullRequest?.fromFork === true, sarifFile);
  if (message) run.ports.core.notice(message, { title: 'openclaw-audit' });
}

export function setOutputs({ ports, inputs, totals: t, results }: ActionRun): void {
  const outputs: Record<string, string> = {
    'sarif-file': inputs.sarifFile,
    'findings-json': results.jsonFile,
    critical: String(t.critical),
    warn: String(t.warn),
    info: String(t.info),
    suppressed: String(t.suppressed),
    'new-findings': String(t.critical + t.warn + t.info),
    'sarif-id': results.sarifId,
    suggestions: String(results.suggestions),
  };
  for (const [name, value] of Object.entries(outputs)) ports.core.setOutput(name, value);
}

/** Fails the step when a config was rejected or a finding is at or above `fail-on`; the exit code. */
export function gate(run: ActionRun): 0 | 1 {
  if (!run.failing) return 0;
  const rejected = run.reported.filter((o) => !o.ok).map((o) => o.config);
  run.ports.core.setFailed(failMessage(run.totals, run.inputs.failOn, rejected, run.baseline !== undefined));
  return 1;
}

function failMessage(t: Totals, failOn: FailLevel, rejected: string[], onlyNew: boolean): string {
  const parts: string[] = [];
  if (rejected.length > 0) parts.push(`openclaw would reject ${rejected.join(', ')}`);
  if (failOn !== 'none') {
    const levels =
      failOn === 'critical' ? ['critical'] : failOn === 'warn' ? ['critical', 'warn'] : ['critical', 'warn', 'info'];
    const n = levels.reduce((sum, level) => sum + t[level as 'critical' | 'warn' | 'info'], 0);
    if (n > 0) parts.push(`${plural(n, onlyNew ? 'new finding' : 'finding')} at or above fail-on: ${failOn}`);
  }
  return `openclaw-audit: ${parts.join('; ')}.`;
}
