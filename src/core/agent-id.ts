/** openclaw's canonical agent id, shared by the schema refinements, the migrations and the checks. */

const VALID_AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/**
 * Lowercase, runs of other characters folded to `-`, no leading or trailing `-`, at most 64 characters; `main` when
 * nothing is left. The trailing dashes are trimmed by a loop: `/-+$/` retries at every dash of a long run (quadratic).
 */
export function normalizeAgentId(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  const lower = trimmed.toLowerCase();
  if (VALID_AGENT_ID.test(trimmed)) return lower;
  const folded = lower.replace(/[^a-z0-9_-]+/g, '-');
  let start = 0;
  let end = folded.length;
  while (start < end && folded[start] === '-') start++;
  while (end > start && folded[end - 1] === '-') end--;
  return folded.slice(start, end).slice(0, 64) || 'main';
}
