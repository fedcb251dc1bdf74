/** Small wording and policy helpers the steps share. */
import type { RunContext } from './context.ts';
import type { Auto } from './inputs.ts';

export function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** `auto` runs a feature that needs a write token unless the pull request comes from a fork (read-only token). */
export function runsFeature(wanted: Auto, ctx: RunContext): boolean {
  return wanted === true || (wanted === 'auto' && ctx.pullRequest?.fromFork !== true);
}
